"""The live recording line: elapsed against the target, pace, the 2:00 mark, drawn in place."""

from __future__ import annotations

import io

from mock_interviewer.livecues import CLEAR_TO_END, cue_line
from mock_interviewer.recorder import Progress
from mock_interviewer.terminal import ProgressLine


def test_waiting_then_speaking_with_pace() -> None:
    assert cue_line(3.0, 120.0, False) == "  0:03 / 2:00  ▱▱▱▱▱▱▱▱▱▱  waiting for you to start"
    assert cue_line(42.0, 120.0, True, 148.6) == "  0:42 / 2:00  ▰▰▰▱▱▱▱▱▱▱  149 wpm"
    assert cue_line(10.0, 120.0, True) == "  0:10 / 2:00  ▱▱▱▱▱▱▱▱▱▱"  # no pace measured yet


def test_pace_bands() -> None:
    assert cue_line(60.0, 120.0, True, 95.0).endswith("95 wpm slow")
    assert cue_line(60.0, 120.0, True, 190.0).endswith("190 wpm fast")
    assert cue_line(60.0, 120.0, True, 150.0).endswith("150 wpm")


def test_a_gentle_marker_from_two_minutes_on() -> None:
    assert "reached" not in cue_line(119.9, 120.0, True, 150.0)
    line = cue_line(120.0, 120.0, True, 150.0)
    assert line == "  2:00 / 2:00  ▰▰▰▰▰▰▰▰▰▰  150 wpm  · 2:00 reached, wrap up when ready"
    assert cue_line(185.0, 120.0, True).startswith("  3:05 / 2:00  ▰▰▰▰▰▰▰▰▰▰")


def test_the_line_never_wraps() -> None:
    line = cue_line(130.0, 120.0, True, 150.0, width=40)
    assert len(line) == 39 and line.endswith("…")
    assert len(cue_line(1.0, 120.0, False, width=20)) <= 19


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def progress(seconds: float, speaking: bool, wpm: float | None = None) -> Progress:
    return Progress(seconds, speaking, -30.0, pace_wpm=wpm)


def test_the_line_is_redrawn_only_when_it_changes_and_cleared_at_the_end() -> None:
    screen = Terminal()
    line = ProgressLine(screen, 120.0)
    for i in range(100):  # 3 s of 30 ms chunks, waiting
        line(progress(i * 0.03, False))
    line(progress(3.0, True, 150.0))
    line(progress(3.01, True, 150.0))
    line.done()
    text = screen.getvalue()
    draws = text.split("\r")[1:]
    assert len(draws) == 5  # 0:00, 0:01, 0:02, then speaking, then the clearing
    assert all(d.endswith(CLEAR_TO_END) for d in draws)  # "you to start" never stays behind
    assert draws[-1] == CLEAR_TO_END and "\n" not in text


def test_nothing_is_drawn_into_a_file() -> None:
    out = io.StringIO()
    line = ProgressLine(out, 120.0)
    line(progress(1.0, True, 150.0))
    line.done()
    assert out.getvalue() == ""
