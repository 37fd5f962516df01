"""Rules that generalise past stock words: each with a new sentence and a negative control."""

from __future__ import annotations

import pytest

from mock_interviewer.rubric import score_text
from mock_interviewer.rubric.timemarkers import find_markers
from rubric_answers import CAUSE, FIX, OPENING, PREVENTION, REFLECTION, answer


def met(text: str, signal: str) -> bool:
    return score_text(text).signals[signal].hit


def found(text: str, pitfall: str) -> bool:
    return score_text(text).pitfalls[pitfall].hit


# --- principle: the justification told apart from the step --------------------------------

_STEP = "At T+7 we moved the basket service onto the older pricing table."


@pytest.mark.parametrize(
    "reason",
    [
        "It was one redeploy, it stopped the wrong totals straight away, and we could swap "
        "the new table in again any time.",
        "That was a single setting; it ended the bad totals at once and could be switched off "
        "just as quickly.",
        "It took one deploy and could be pointed forward again once we were sure.",
    ],
)
def test_justification_in_its_own_sentence(reason: str) -> None:
    text = answer(OPENING, _STEP, reason, CAUSE, FIX, PREVENTION, REFLECTION)
    assert met(text, "principle")


@pytest.mark.parametrize(
    "reason",
    [
        "It was one redeploy, and the table can never be swapped back.",
        "We did it because the runbook says so; it was one setting and we could switch back.",
        "It stopped the wrong totals straight away.",
    ],
)
def test_justification_without_both_halves_is_missed(reason: str) -> None:
    text = answer(OPENING, _STEP, reason, CAUSE, FIX, PREVENTION, REFLECTION)
    assert not met(text, "principle")


# --- timeline -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "count"),
    [
        ("Wednesday, 0915, the queue alarm went off.", 1),
        ("At 0915 on a Wednesday the queue alarm went off.", 1),
        ("The refund queue held 2150 messages by then.", 0),
        ("In 2019 we moved the queue to a new cluster.", 0),
    ],
)
def test_bare_four_digit_times_next_to_a_weekday(said: str, count: int) -> None:
    clocks = [m for m in find_markers(said) if m.kind == "clock"]
    assert len(clocks) == count


def test_the_following_fortnight_is_a_later_marker() -> None:
    assert [m.label for m in find_markers("Over the following fortnight we added a gate.")] == [
        "T+14d"
    ]
    assert find_markers("We argued about it for a fortnight of meetings.") == []


def test_reflection_told_first_does_not_hide_the_detection_time() -> None:
    first = (
        "What I'd change: when refunds stall I now pause the sender within the first two "
        "minutes, not after twenty."
    )
    text = answer(
        first,
        OPENING,
        _STEP,
        "That was a single setting, it stopped the bad totals "
        "at once, and it could be switched off just as quickly.",
        CAUSE,
        FIX,
        PREVENTION,
    )
    card = score_text(text)
    assert card.signals["timeline"].hit
