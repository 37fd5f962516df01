"""Grades: the three anchors of the rubric, prompt-aware weighting, reasons and top changes."""

from __future__ import annotations

from mock_interviewer.prompts import load_prompts
from mock_interviewer.rubric import score_text
from mock_interviewer.rubric.grade import LETTERS
from mock_interviewer.scorecard import TARGET_SECONDS, WORDS_PER_MINUTE
from rubric_answers import (
    CAUSE,
    FIX,
    MITIGATION,
    OPENING,
    PREVENTION,
    REFLECTION,
    STRONG,
    answer,
)

CONFLATED = answer(
    OPENING,
    "We sorted it first at T+7 by reverting the pool setting, the cheapest step, and one we "
    "could re-apply in a minute.",
    CAUSE,
    "Then we sorted it properly that evening by deriving the pool size from the limit.",
    "And we sorted it for the long term within two weeks: an alert on connection refusals.",
    REFLECTION,
)
NO_PREVENTION = answer(OPENING, MITIGATION, CAUSE, FIX, REFLECTION)


def rank(letter: str) -> int:
    return LETTERS.index(letter)


def test_all_three_phases_named_is_an_a() -> None:
    assert score_text(STRONG).grade == "A"


def test_mitigation_and_fix_without_prevention_is_about_b() -> None:
    assert score_text(NO_PREVENTION).grade == "B"


def test_conflated_phases_are_b_minus() -> None:
    assert score_text(CONFLATED).grade == "B-"


def test_order_of_anchors() -> None:
    assert rank("A") < rank(score_text(NO_PREVENTION).grade) < rank(score_text(CONFLATED).grade)


def test_blame_costs_more_than_a_missed_reflection() -> None:
    blamed = answer(
        OPENING,
        MITIGATION,
        "The root cause: the platform team changed the pool size without telling anyone.",
        FIX,
        PREVENTION,
        REFLECTION,
    )
    generic = answer(OPENING, MITIGATION, CAUSE, FIX, PREVENTION, "I learned a lot.")
    assert rank(score_text(blamed).grade) > rank(score_text(generic).grade) > rank("A")


def test_reasons_explain_the_grade() -> None:
    card = score_text(NO_PREVENTION)
    assert card.grade == "B"
    assert any("prevention" in r for r in card.grade_reasons)
    # The grade is shown once, beside its reasons, never again as a reason of its own.
    assert not any(r.startswith("Grade") for r in card.grade_reasons)


def test_top_changes_are_two_and_lead_with_the_biggest_loss() -> None:
    card = score_text(CONFLATED)
    assert len(card.top_changes) <= 2
    assert "stopgap" in card.top_changes[0]
    assert score_text(STRONG).top_changes == ()


def test_prompt_relaxes_generic_signals_for_misdiagnosis() -> None:
    prompts = load_prompts()
    story = answer(
        "One morning the search team's zero-results alert fired and I was sure it was the "
        "nightly index, because a bad index had caused this twice before.",
        "I assumed it was the index and rebuilt it, which changed nothing; the theory was wrong.",
        "My colleague pulled twenty failing queries and every one had an accent, so it wasn't "
        "the index at all.",
        "We rolled the front-end release back to stop the impact.",
        "The root cause was that the API accepted any text normalisation and no contract test "
        "covered accented input.",
        "The fix went out the next day: the API normalises every query before lookup.",
        "Within three weeks we added a contract test with accented queries and an alert on "
        "zero results split by script.",
        "Reflection, two things: I anchored on a past incident and trusted an aggregate. Now, "
        "whenever a quality metric drops, I pull twenty failing examples first, and I drop any "
        "theory that a reversible action doesn't confirm within five minutes.",
    )
    plain = score_text(story)
    aware = score_text(story, prompts["misdiagnosis"])
    assert not plain.signals["timeline"].hit
    assert rank(aware.grade) < rank(plain.grade)
    assert aware.grade == "A"
    assert any("Not penalised" in r for r in aware.grade_reasons)


def test_expectations_and_follow_ups_with_a_prompt() -> None:
    prompts = load_prompts()
    card = score_text(NO_PREVENTION, prompts["outage"])
    assert [e.id for e in card.expectations] == [e.id for e in prompts["outage"].expectations]
    for e in card.expectations:
        for ev in e.evidence:
            assert NO_PREVENTION[ev.start_char : ev.end_char] == ev.text
    assert prompts["outage"].follow_ups["no_prevention"] in card.extra["follow_ups"]
    assert card.prompt == "outage"


def test_words_and_estimated_seconds() -> None:
    card = score_text(STRONG)
    words = len(STRONG.split())
    assert card.words == words
    assert card.estimated_seconds == round(words * 60 / WORDS_PER_MINUTE)
    assert card.to_dict()["target_seconds"] == TARGET_SECONDS


def test_every_finding_has_advice() -> None:
    for text in (STRONG, NO_PREVENTION, CONFLATED):
        card = score_text(text)
        for finding in [*card.signals.values(), *card.pitfalls.values()]:
            assert finding.advice and finding.reason


def test_empty_answer_scores_without_error() -> None:
    card = score_text("")
    assert card.grade == LETTERS[-3] or card.grade in LETTERS
    assert card.words == 0


def test_no_prevention_stays_about_b_with_a_prompt() -> None:
    prompts = load_prompts()
    card = score_text(NO_PREVENTION, prompts["outage"])
    assert card.grade == "B"
