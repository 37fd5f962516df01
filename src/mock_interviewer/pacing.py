"""Pacing of an answer: length against the target, words per minute, pauses and fillers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mock_interviewer.scorecard import TARGET_SECONDS

LONG_PAUSE_S = 2.5  # pauses longer than this mid-answer are worth pointing at


@dataclass(frozen=True)
class Pause:
    """A silence inside the answer, measured from the audio (VAD), in seconds."""

    start: float
    end: float

    @property
    def seconds(self) -> float:
        """Length of the pause."""
        return self.end - self.start


@dataclass(frozen=True)
class Filler:
    """A filler ("um", "uh", "you know", filler "like") with where it sits."""

    text: str
    start_char: int
    end_char: int
    start: float | None = None  # seconds, for spoken answers
    end: float | None = None


@dataclass(frozen=True)
class PacingReport:
    """How long and how fast the answer was, against the target."""

    duration_s: float  # speech from its first to its last voiced frame (estimated when typed)
    target_s: float = float(TARGET_SECONDS)
    words: int = 0
    wpm: float = 0.0
    wpm_over_time: tuple[tuple[float, float], ...] = ()  # (window start in s, wpm in window)
    pauses: tuple[Pause, ...] = ()  # long pauses only (> LONG_PAUSE_S)
    fillers: tuple[Filler, ...] = ()
    speech_start_s: float = 0.0
    speech_end_s: float = 0.0
    estimated: bool = False  # True for typed answers (150 wpm assumed)

    @property
    def delta_s(self) -> float:
        """Seconds over (positive) or under (negative) the target."""
        return self.duration_s - self.target_s

    @property
    def fillers_per_minute(self) -> float:
        """Fillers per minute of speech."""
        return len(self.fillers) / (self.duration_s / 60) if self.duration_s > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON shape used in `--json` output and session files."""
        return {
            "duration_s": round(self.duration_s, 2),
            "target_s": round(self.target_s, 2),
            "delta_s": round(self.delta_s, 2),
            "words": self.words,
            "wpm": round(self.wpm, 1),
            "wpm_over_time": [[round(t, 2), round(w, 1)] for t, w in self.wpm_over_time],
            "pauses": [{"start": round(p.start, 2), "end": round(p.end, 2)} for p in self.pauses],
            "fillers": [
                {
                    "text": f.text,
                    "start_char": f.start_char,
                    "end_char": f.end_char,
                    "start": None if f.start is None else round(f.start, 2),
                    "end": None if f.end is None else round(f.end, 2),
                }
                for f in self.fillers
            ],
            "fillers_per_minute": round(self.fillers_per_minute, 2),
            "speech_start_s": round(self.speech_start_s, 2),
            "speech_end_s": round(self.speech_end_s, 2),
            "estimated": self.estimated,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PacingReport:
        """Inverse of `to_dict`."""
        return cls(
            duration_s=float(data["duration_s"]),
            target_s=float(data.get("target_s", TARGET_SECONDS)),
            words=int(data.get("words", 0)),
            wpm=float(data.get("wpm", 0.0)),
            wpm_over_time=tuple((float(t), float(w)) for t, w in data.get("wpm_over_time", [])),
            pauses=tuple(Pause(float(p["start"]), float(p["end"])) for p in data.get("pauses", [])),
            fillers=tuple(
                Filler(
                    text=str(f["text"]),
                    start_char=int(f["start_char"]),
                    end_char=int(f["end_char"]),
                    start=f.get("start"),
                    end=f.get("end"),
                )
                for f in data.get("fillers", [])
            ),
            speech_start_s=float(data.get("speech_start_s", 0.0)),
            speech_end_s=float(data.get("speech_end_s", 0.0)),
            estimated=bool(data.get("estimated", False)),
        )
