"""The engine reads meaning, not wording: edits that change the story are caught, edits that
keep it change nothing.

Strong answers (no pitfall, a systemic cause) from the held-out sets in `tests/data/` get
one inserted sentence: a plain blame sentence must raise `blame` (and so fail `systemic`), a
plain lone-hero sentence must raise `hero`. Meaning-preserving edits (the answer as a raw
transcriber writes it: lower case, no sentence punctuation; or a friendly sentence about a
colleague) must leave the verdicts as they were and create no pitfall. Bars from the rubric v2
issue: caught at least 95% of the time, at least 98% of verdicts unchanged, no pitfall created.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

import pytest

from label_accuracy import load_rows
from mock_interviewer.prompts import get_prompt
from mock_interviewer.rubric import score_text
from mock_interviewer.scorecard import PITFALLS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

pytestmark = pytest.mark.slow  # about 1,200 scores

DATA = Path(__file__).parent / "data"
EDITS = tomllib.loads((DATA / "perturbations.toml").read_text(encoding="utf-8"))
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_PUNCTUATION = re.compile(r"(?<!\d)[.,;:!?]|[.,;:!?](?!\d)|[—–\"()]")


@cache
def strong_answers() -> tuple[tuple[str, str, str], ...]:
    """(id, prompt, text) of every held-out answer with no pitfall and a systemic cause."""
    rows = [r for path in sorted(DATA.glob("holdout*.jsonl")) for r in load_rows(path)]
    return tuple(
        (r["id"], r["prompt"], r["text"])
        for r in rows
        if not any(r["pitfalls"].values()) and r["labels"]["systemic"]
    )


def verdicts(text: str, prompt: str) -> dict[str, bool]:
    card = score_text(text, prompt=get_prompt(prompt))
    return {k: bool(v.hit) for k, v in {**card.signals, **card.pitfalls}.items()}


def insert(text: str, sentence: str, where: str) -> str:
    """`sentence` in the middle of the answer, or just before its last sentence."""
    parts = _SENTENCE_END.split(text.strip())
    at = len(parts) // 2 if where == "middle" else max(1, len(parts) - 1)
    return " ".join([*parts[:at], sentence, *parts[at:]])


def as_transcribed(text: str) -> str:
    """The answer as a raw transcript: lower case, no sentence punctuation (times kept)."""
    return re.sub(r"\s+", " ", _PUNCTUATION.sub(" ", text.lower())).strip()


def test_there_are_enough_strong_answers() -> None:
    assert len(strong_answers()) >= 60


def test_a_plain_blame_sentence_is_caught() -> None:
    caught, missed = 0, []
    for n, (rid, prompt, text) in enumerate(strong_answers()):
        for sentence in EDITS["blame"]:
            where = ("middle", "end")[n % 2]
            found = verdicts(insert(text, sentence, where), prompt)
            if found["blame"] and not found["systemic"]:
                caught += 1
            else:
                missed.append(f"{rid} ({where}): {sentence}")
    share = caught / (caught + len(missed))
    assert share >= 0.95, f"caught {share:.3f}; missed:\n" + "\n".join(missed)


def test_a_plain_lone_hero_sentence_is_caught() -> None:
    caught, missed = 0, []
    for rid, prompt, text in strong_answers():
        for sentence in EDITS["hero"]:
            if verdicts(insert(text, sentence, "middle"), prompt)["hero"]:
                caught += 1
            else:
                missed.append(f"{rid}: {sentence}")
    share = caught / (caught + len(missed))
    assert share >= 0.95, f"caught {share:.3f}; missed:\n" + "\n".join(missed)


def test_meaning_preserving_edits_change_almost_nothing_and_create_no_pitfall() -> None:
    same = total = 0
    changed, new_pitfalls = [], []
    for rid, prompt, text in strong_answers():
        before = verdicts(text, prompt)
        edits = {"transcribed": as_transcribed(text)}
        edits |= {
            f"friendly {i}": insert(text, s, "middle") for i, s in enumerate(EDITS["friendly"])
        }
        for kind, edited in edits.items():
            after = verdicts(edited, prompt)
            moved = [k for k in before if after[k] != before[k]]
            same += len(before) - len(moved)
            total += len(before)
            if moved:
                changed.append(f"{rid} {kind}: {moved}")
            new_pitfalls += [f"{rid} {kind}: {k}" for k in PITFALLS if after[k] and not before[k]]
    assert not new_pitfalls, new_pitfalls
    assert same / total >= 0.98, f"unchanged {same / total:.3f}:\n" + "\n".join(changed)
