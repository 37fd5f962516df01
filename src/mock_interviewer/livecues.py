"""The live line while an answer is recorded: time against the target, pace, a gentle 2:00 mark.

Pure formatting; `terminal.ProgressLine` draws it in place. One line, redrawn only when its
text changes, cut to the terminal's width so it never wraps (a wrapped line cannot be redrawn).
"""

from __future__ import annotations

from dataclasses import dataclass

CLEAR_TO_END = "\x1b[K"  # erase the rest of the line: a shorter text leaves nothing behind


@dataclass(frozen=True)
class CueSettings:
    """What the line shows; paces in words per minute."""

    bar_cells: int = 10
    slow_wpm: float = 110.0  # below this the pace reads "slow"
    fast_wpm: float = 175.0  # above this it reads "fast"


def clock(seconds: float) -> str:
    """`125.4` -> `2:05`."""
    whole = max(int(seconds), 0)
    return f"{whole // 60}:{whole % 60:02d}"


def cue_line(
    elapsed_s: float,
    target_s: float,
    speaking: bool,
    pace_wpm: float | None = None,
    width: int = 80,
    settings: CueSettings | None = None,
) -> str:
    """The recording line: `  0:42 / 2:00  ▰▰▰▱▱▱▱▱▱▱  150 wpm`, at most `width - 1` wide."""
    s = settings or CueSettings()
    filled = min(s.bar_cells, int(s.bar_cells * elapsed_s / target_s)) if target_s > 0 else 0
    bar = "▰" * filled + "▱" * (s.bar_cells - filled)
    parts = [f"  {clock(elapsed_s)} / {clock(target_s)}", bar]
    if not speaking:
        parts.append("waiting for you to start")
    elif pace_wpm is not None:
        band = " slow" if pace_wpm < s.slow_wpm else " fast" if pace_wpm > s.fast_wpm else ""
        parts.append(f"{pace_wpm:.0f} wpm{band}")
    if speaking and elapsed_s >= target_s:
        parts.append(f"· {clock(target_s)} reached, wrap up when ready")
    line = "  ".join(parts)
    limit = max(width - 1, 1)
    return line if len(line) <= limit else line[: limit - 1] + "…"
