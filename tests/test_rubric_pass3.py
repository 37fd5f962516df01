"""Third-pass rules: each with a new sentence of our own and a negative control."""

from __future__ import annotations

import pytest

from mock_interviewer.rubric import score_text
from mock_interviewer.rubric.lexicon import FIX as FIX_PHASE
from mock_interviewer.rubric.lexicon import MITIGATION as MITIGATION_PHASE
from mock_interviewer.rubric.signals import detect
from mock_interviewer.rubric.structure import analyse_structure
from mock_interviewer.rubric.timemarkers import find_markers
from rubric_answers import CAUSE, FIX, MITIGATION, OPENING, PREVENTION, REFLECTION, answer


def met(text: str, signal: str) -> bool:
    return score_text(text).signals[signal].hit


# --- principle: undoing told in plain words ------------------------------------------------

_STEP = "At T+7 we paused the nightly invoice mailer for the affected region."


@pytest.mark.parametrize(
    "reason",
    [
        # an un- verb written without a hyphen
        "It was the quickest lever we had, and unpausing it is a single click.",
        # a gerund whose effect restores the old state
        "That was the cheapest option, and deleting the override brings back the old schedule.",
        # 'again' with a short time rather than 'any time'
        "It was one setting, and we can turn the mailer on again within a minute.",
        # back to the previous mode in a short time
        "It was the fastest move, and we could be back to sending in a few seconds.",
        # the same query/line/checkbox both ways
        "It was the quickest step, one query, and the same query with the flag inverted "
        "takes it away.",
    ],
)
def test_plain_undo_with_cost_argues_the_mitigation(reason: str) -> None:
    text = answer(OPENING, _STEP, reason, CAUSE, FIX, PREVENTION, REFLECTION)
    assert met(text, "principle")


@pytest.mark.parametrize(
    "reason",
    [
        # undo without cost or speed
        "Unpausing it later was easy enough.",
        # authority, not the argument
        "Our director asked for it; it was one setting and unpausing it is a single click.",
        # cost without any undo
        "It was the quickest lever we had, and nobody argued.",
        # a felt-safe choice
        "It felt like the safest thing, so we did it.",
    ],
)
def test_plain_undo_controls(reason: str) -> None:
    text = answer(OPENING, _STEP, reason, CAUSE, FIX, PREVENTION, REFLECTION)
    assert not met(text, "principle")


# --- phases: more ways to tell the mitigation and the fix ----------------------------------


def _phases(text: str) -> set[str]:
    det = detect(analyse_structure(text))
    return {p for p in (MITIGATION_PHASE, FIX_PHASE) if det.phases.present(p)}


@pytest.mark.parametrize(
    ("sentence", "phase", "expected"),
    [
        ("At T+6 we extended the session grace period from one minute to ten.", "m", True),
        ("At T+6 we stopped all scheduled reminder emails for the region.", "m", True),
        ("At T+6 I froze the payout queue for that merchant.", "m", True),
        ("At T+6 we extended the contract with the vendor.", "m", False),
        ("At T+6 the whole screen froze for everyone.", "m", False),
        ("Later I wrote the change to validate the header on upload.", "f", True),
        ("Later I wrote the summary for the status page.", "f", False),
    ],
)
def test_more_phase_verbs(sentence: str, phase: str, expected: bool) -> None:
    if phase == "m":
        found, name = _phases(answer("I was on call for billing.", sentence)), MITIGATION_PHASE
    else:
        found, name = _phases(answer(OPENING, MITIGATION, CAUSE, sentence)), FIX_PHASE
    assert (name in found) is expected


# --- timeline: the meeting's weekday, and later dates that mark no follow-up --------------


def test_meeting_on_the_weekday_is_a_later_marker() -> None:
    assert any(m.is_later for m in find_markers("The retro happened on the Thursday."))
    assert not any(m.is_later for m in find_markers("It happened on a Thursday evening."))


def test_later_date_with_no_follow_up_is_not_the_structural_marker() -> None:
    fix = "The fix went out at about eight that evening."
    idle = "That was the Friday; by Monday we were on other things and it never came back up."
    assert not met(answer(OPENING, MITIGATION, CAUSE, fix, idle, REFLECTION), "timeline")
    busy = "That was the Friday; by Monday we had a pre-deploy check rejecting oversized pools."
    assert met(answer(OPENING, MITIGATION, CAUSE, fix, busy, REFLECTION), "timeline")
