"""Follow-up questions that quote the candidate: short, one question, the fixed one as fallback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mock_interviewer.followup import DEFAULT_QUESTIONS, choose_follow_up, plan_follow_up
from mock_interviewer.followup_quote import (
    MAX_QUOTE_WORDS,
    SOURCES,
    clause_around,
    quoted_question,
    second_person,
)
from mock_interviewer.prompts import get_prompt
from mock_interviewer.rubric import score_text
from mock_interviewer.scorecard import PITFALLS, SIGNALS, Finding, Scorecard

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audio"
ANSWERS = ["demo", "blame", "conflation", "hero", "fillers", "followup_prevention"]


def text_of(name: str) -> str:
    stem = name if name.startswith("followup") else f"{name}_answer"
    return (FIXTURES / f"{stem}.txt").read_text()


def quote_of(question: str) -> str:
    """The quoted fragment: after "You said"/"You mentioned", up to the first stop."""
    found = re.match(r"You (?:said|mentioned) (.+?)[.;] |You used the word “(.+?)”", question)
    assert found, question
    return found.group(1) or found.group(2)


@pytest.mark.parametrize("name", ANSWERS)
def test_every_quoted_question_is_short_and_one_question(name: str) -> None:
    text = text_of(name)
    card = score_text(text)
    for target in SOURCES:
        question = quoted_question(target, card, text)
        if question is None:
            continue
        assert question.count("?") == 1 and question.endswith("?"), question
        quote = quote_of(question)
        assert len(quote.split()) <= MAX_QUOTE_WORDS + 1, question  # "you" + the words
        spoken = set(re.findall(r"[\w']+", text.lower()))
        own = [w for w in re.findall(r"[\w']+", quote.lower()) if not w.startswith("you")]
        assert own and set(own) <= spoken, question  # the candidate's words, told back


def test_the_questions_pick_up_what_was_said() -> None:
    text = text_of("demo")
    card = score_text(text)
    assert quoted_question("principle", card, text) == (
        "You said you rolled that release back. Why that step, and what would undoing it have cost?"
    )
    fillers = text_of("fillers")
    assert quoted_question("prevention", score_text(fillers), fillers) == (
        "You mentioned an alert on replica health; when did it go live?"
    )
    hero = text_of("hero")
    assert quoted_question("hero", score_text(hero), hero) == (
        "You said you didn't want to wake anyone. Who else was involved?"
    )


def test_the_follow_up_quotes_when_given_the_transcript() -> None:
    text = text_of("blame")
    card = score_text(text)
    prompt = get_prompt("outage")
    quoted = choose_follow_up(card, prompt, text)
    fixed = choose_follow_up(card, prompt)
    assert quoted is not None and fixed is not None and quoted.target == fixed.target
    assert quoted.question == (
        "You said you rolled back the latest deploy. What repaired the cause, and what "
        "changed afterwards?"
    )
    assert fixed.question == prompt.follow_ups["separation"]
    ask, _ = plan_follow_up(card, prompt, text=text)
    assert ask == quoted


def test_a_clause_too_long_to_quote_falls_back_to_the_prompts_question() -> None:
    text = text_of("followup_prevention")  # "the fix was putting the right index name back in"
    prompt = get_prompt("outage")
    ask = choose_follow_up(score_text(text), prompt, text)
    assert ask is not None and ask.question == prompt.follow_ups[ask.target]


def test_no_evidence_falls_back_to_the_fixed_question() -> None:
    bare = Scorecard(
        prompt=None,
        signals={s: Finding(s, s != "reflection") for s in SIGNALS},
        pitfalls={p: Finding(p, False) for p in PITFALLS},
        grade="B",
        grade_reasons=(),
    )
    ask = choose_follow_up(bare, None, "We rolled back. It worked.")
    assert ask is not None and ask.question == DEFAULT_QUESTIONS["reflection"]


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("I rolled that release back", ("you rolled that release back", True)),
        ("we, uh, promoted the replica by hand", ("you promoted the replica by hand", True)),
        ("the canary stage", ("the canary stage", False)),
        ("the fix was small", ("the fix was small", True)),
        (
            "we made a canary stage mandatory for that service",
            ("you made a canary stage mandatory", True),
        ),
        ("the cause was", None),  # leaves the listener hanging
        ("alert", None),  # one bare word is not a quote
        (
            "so we added a test that checks every single index name in the live cluster",
            ("you added a test", True),
        ),
        ("we spent a really long and painful night recovering every single thing", None),
    ],
)
def test_fragments_are_told_back_in_the_second_person(
    fragment: str, expected: tuple[str, bool] | None
) -> None:
    assert second_person(fragment) == expected


def test_the_clause_starts_at_its_subject_and_ignores_filler_commas() -> None:
    text = "So, um, I paged the team, and we, uh, promoted the replica by hand, which took long."
    start = text.index("promoted")
    assert clause_around(text, start, start + 8) == "we promoted the replica by hand"
