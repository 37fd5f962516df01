"""What the user chose for a drill, checked when built: a UsageError names the flag."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mock_interviewer.drill.scoring import check_section, tolerance_for
from mock_interviewer.errors import UsageError

MODES = ("full", "section", "words")


@dataclass(frozen=True)
class DrillSettings:
    """What the user chose; validated when built (UsageError names the flag)."""

    mode: str = "full"  # "full", "section" or "words"
    target_s: float = 120.0  # seconds of speech aimed at
    tolerance_s: float | None = None  # seconds either side that count as landed; None = default
    section: str | None = None  # with mode "section"
    budget: tuple[int, int] | None = None  # words, with mode "words"
    rounds: int = 1
    inputs: tuple[Path, ...] = ()  # recordings replacing the microphone: one, or one per round
    realtime: bool = False  # feed input files at real-time pace
    device: str | int | None = None  # input device
    speak: bool = True  # read the task aloud
    say_time: bool = False  # say "time" after the target tone
    tones: bool = True  # play cue tones (only ever through a real output stream)
    voice: str | None = None
    model: str | None = None
    prompt_id: str | None = None
    end_silence_s: float | None = None

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise UsageError(f"unknown drill mode {self.mode!r}: choose one of {', '.join(MODES)}")
        if self.target_s <= 0:
            raise UsageError("the target must be longer than zero seconds")
        if self.tolerance_s is not None and self.tolerance_s < 0:
            raise UsageError("--tolerance must be zero or more seconds")
        if self.rounds < 1:
            raise UsageError("--rounds must be at least 1")
        if self.mode == "section":
            check_section(self.section or "")
        if self.mode == "words" and self.budget is None:
            raise UsageError("a word-budget drill needs --words LOW-HIGH")
        if len(self.inputs) not in (0, 1, self.rounds):
            raise UsageError(
                f"give --input once (reused every round) or once per round ({self.rounds}), "
                f"not {len(self.inputs)} times"
            )

    @property
    def tolerance(self) -> float:
        """Seconds either side of the target that count as landed."""
        return tolerance_for(self.target_s) if self.tolerance_s is None else self.tolerance_s

    def input_for(self, index: int) -> Path | None:
        """The recording standing in for the microphone in round `index` (0-based)."""
        if not self.inputs:
            return None
        return self.inputs[index] if len(self.inputs) > 1 else self.inputs[0]
