"""Pacing of an answer: length against the target, words per minute, pauses and fillers."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from mock_interviewer.scorecard import TARGET_SECONDS, WORDS_PER_MINUTE
from mock_interviewer.transcript import Transcript

LONG_PAUSE_S = 2.5  # pauses longer than this mid-answer are worth pointing at
WINDOW_S = 15.0  # seconds per window of the words-per-minute curve
MIN_WINDOW_S = 5.0  # a shorter last window is folded into the one before it


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


# "like" is a filler only when nothing else explains it: not after a verb of liking, seeming
# or comparing ("I'd like to", "looked like"), and only when set off by a comma or used as
# "about" before a number ("took, like, ten minutes", "like twenty minutes").
_LIKE_NOT_AFTER = (
    r"(?<!\bi'd )(?<!\bwe'd )(?<!\byou'd )(?<!\bwould )(?<!\bwouldn't )"
    r"(?<!\blook )(?<!\blooks )(?<!\blooked )(?<!\bseem )(?<!\bseems )(?<!\bseemed )"
    r"(?<!\bsound )(?<!\bsounds )(?<!\bsounded )(?<!\bfeel )(?<!\bfelt )(?<!\bfeels )"
    r"(?<!\bjust )(?<!\bmuch )(?<!\bthings )(?<!\bsomething )(?<!\bnothing )"
)
_NUMBER = (
    r"(?:\d|a (?:few|couple)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|ninety|a hundred|half)"
)
FILLER_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("um", re.compile(r"\bu+h?m+\b(?!-)", re.IGNORECASE)),
    ("uh", re.compile(r"\bu+h+\b(?!-)", re.IGNORECASE)),  # not "uh-huh", which agrees
    ("erm", re.compile(r"\be+r+m+\b|\ber+\b(?=[,.])", re.IGNORECASE)),
    ("hmm", re.compile(r"(?<!-)\b(?:h+m+|m{2,})\b(?!-)", re.IGNORECASE)),
    (
        "you know",
        re.compile(
            r"(?<!\bdo )(?<!\bdid )(?<!\bdon't )(?<!\bdidn't )(?<!\bif )(?<!\bwhether )"
            r"(?<!\bas )(?<!\blet )(?<!\bwould )(?<!\bcould )"
            r"\byou know\b(?!\s+(?:what|how|why|when|where|who|whether|if|that|about|him|her|"
            r"them|it\b|this|the|a\b|an\b|someone|anyone|everyone))",
            re.IGNORECASE,
        ),
    ),
    ("i mean", re.compile(r"\bi mean\b(?=\s*[,.;—–-])", re.IGNORECASE)),
    (
        "like",
        re.compile(
            _LIKE_NOT_AFTER + rf"\blike\b(?=\s*,|\s+{_NUMBER}\b)"
            r"|(?<=, )like\b(?=\s*,)"
            r"|(?:^|(?<=[.?!] ))like(?=,)",
            re.IGNORECASE,
        ),
    ),
)


def find_fillers(transcript: Transcript) -> tuple[Filler, ...]:
    """Fillers in the answer, in order, with their seconds when the answer was spoken."""
    text = transcript.text
    found: dict[int, Filler] = {}
    for name, pattern in FILLER_PATTERNS:
        for match in pattern.finditer(text):
            if match.start() in found:
                continue
            span = transcript.seconds(match.start(), match.end())
            found[match.start()] = Filler(
                text=name,
                start_char=match.start(),
                end_char=match.end(),
                start=None if span is None else span[0],
                end=None if span is None else span[1],
            )
    return tuple(found[k] for k in sorted(found))


def analyse(
    transcript: Transcript,
    speech: Sequence[tuple[float, float]] | None = None,
    target_s: float = float(TARGET_SECONDS),
) -> PacingReport:
    """Length, pace, long pauses and fillers of an answer.

    `speech` holds the voiced regions (start, end) in seconds as the VAD measured them; it
    sets the duration (first to last voiced frame) and the pauses, because Whisper's word
    timestamps stretch over silences. Without it, the words' own timings stand in. A typed
    answer (no timings) gets a duration estimated at 150 words a minute.
    """
    fillers = find_fillers(transcript)
    count = transcript.word_count()
    if not transcript.timed:
        duration = count / WORDS_PER_MINUTE * 60.0
        return PacingReport(
            duration_s=duration,
            target_s=target_s,
            words=count,
            wpm=float(WORDS_PER_MINUTE) if count else 0.0,
            fillers=fillers,
            speech_start_s=0.0,
            speech_end_s=duration,
            estimated=True,
        )
    regions = _merge(speech or ())
    if not regions:  # no VAD figures: gaps between words stand in, understating silences
        regions = _merge([(w.start, w.end) for w in transcript.words])
    start, end = regions[0][0], regions[-1][1]
    duration = max(end - start, 0.0)
    pauses = tuple(
        Pause(prev_end, next_start)
        for (_, prev_end), (next_start, _) in pairwise(regions)
        if next_start - prev_end > LONG_PAUSE_S
    )
    return PacingReport(
        duration_s=duration,
        target_s=target_s,
        words=count,
        wpm=count / (duration / 60.0) if duration > 0 else 0.0,
        wpm_over_time=wpm_over_time(transcript, start, end),
        pauses=pauses,
        fillers=fillers,
        speech_start_s=start,
        speech_end_s=end,
    )


def wpm_over_time(
    transcript: Transcript, start: float, end: float, window_s: float = WINDOW_S
) -> tuple[tuple[float, float], ...]:
    """Words per minute in consecutive windows from `start` to `end` (by each word's midpoint)."""
    if end <= start:
        return ()
    edges = [start]
    while edges[-1] + window_s < end:
        edges.append(edges[-1] + window_s)
    if len(edges) > 1 and end - edges[-1] < MIN_WINDOW_S:
        edges.pop()
    edges.append(end)
    counts = [0] * (len(edges) - 1)
    for word in transcript.words:
        mid = (word.start + word.end) / 2
        if not start <= mid <= end:
            continue
        index = min(bisect.bisect_right(edges, mid) - 1, len(counts) - 1)
        counts[max(index, 0)] += 1
    return tuple(
        (edges[i], counts[i] / ((edges[i + 1] - edges[i]) / 60.0)) for i in range(len(counts))
    )


def _merge(regions: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sorted, overlapping or touching regions joined."""
    merged: list[tuple[float, float]] = []
    for begin, finish in sorted((float(a), float(b)) for a, b in regions if b >= a):
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], finish))
        else:
            merged.append((begin, finish))
    return merged
