"""The drill's live clock: `0:42 / 2:00 [█████░░░] 1:18 left`, and a line per cue."""

from __future__ import annotations

from typing import TextIO

from mock_interviewer.drill.cues import Placed, Tick
from mock_interviewer.terminal import clock

BAR_WIDTH = 24  # characters in the live countdown bar


class Countdown:
    """The live line `0:42 / 2:00 [█████░░░] 1:18 left`, and a line per cue (always shown)."""

    def __init__(self, stream: TextIO, target_s: float, audible: bool = False) -> None:
        self.stream = stream
        self.target_s = target_s
        self.audible = audible  # a tone sounds with each cue
        self.tty = stream.isatty()
        self._last = -1

    def tick(self, tick: Tick) -> None:
        """Redraw at most once a second of audio (terminals only)."""
        if not self.tty:
            return
        answer = tick.answer_s
        second = -1 if answer is None else int(answer)
        if second == self._last and second >= 0:
            return
        self._last = second
        if answer is None:
            line = f"  0:00 / {clock(self.target_s)}  waiting for you to start"
        else:
            left = self.target_s - answer
            bar = countdown_bar(answer, self.target_s)
            tail = f"{clock(left)} left" if left >= 0 else f"{clock(-left)} over — stop"
            line = f"  {clock(answer)} / {clock(self.target_s)}  [{bar}]  {tail}"
        self.stream.write(f"\r{line}   ")
        self.stream.flush()

    def cue(self, placed: Placed) -> None:
        """A visual cue, whether or not a tone sounds."""
        prefix = "\n" if self.tty and self._last != -1 else ""
        mark = "♪" if self.audible and len(placed.cue.audio) else "●"
        self.stream.write(f"{prefix}  {mark} {clock(placed.cue.at_s)}: {placed.cue.message}\n")
        self.stream.flush()

    def done(self) -> None:
        """End the live line."""
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


def countdown_bar(answer_s: float, target_s: float, width: int = BAR_WIDTH) -> str:
    """A bar filling up to the target; past it the overrun shows as `!`."""
    filled = min(width, round(answer_s / target_s * width)) if target_s > 0 else width
    bar = "█" * filled + "░" * (width - filled)
    if answer_s > target_s:
        bar = bar[:-1] + "!"
    return bar
