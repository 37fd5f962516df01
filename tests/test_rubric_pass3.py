"""Third-pass rules: each with a new sentence of our own and a negative control."""

from __future__ import annotations

import pytest

from mock_interviewer.rubric import score_text
from rubric_answers import CAUSE, FIX, OPENING, PREVENTION, REFLECTION, answer


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
