"""Delivery feedback that points somewhere: where fillers and long pauses bunch, which pauses
fall mid-clause, and the fastest and slowest stretch, each named by the part of the story
being told at the time.

Pure: it reads a spoken answer's transcript, its `PacingReport` and its scorecard (whose
evidence says when each part of the story began, see `drill.scoring.time_per_part`). Typed
answers have no times, so they get no located feedback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mock_interviewer.wording import plural

if TYPE_CHECKING:
    from mock_interviewer.pacing import PacingReport, Pause
    from mock_interviewer.scorecard import Scorecard
    from mock_interviewer.transcript import Transcript

CLUSTER_MIN = 3  # fillers and long pauses that make a cluster...
CLUSTER_GAP_S = 8.0  # ...each within this many seconds of the one before...
CLUSTER_SPAN_S = 20.0  # ...and all within this many seconds of the first
SENTENCE_END = (".", "?", "!")
MIN_STRETCH_S = 10.0  # a pace window shorter than this is not named fastest or slowest

WHILE: dict[str, str] = {
    "set-up": "while setting the scene",
    "detection to mitigation": "while telling the detection and mitigation",
    "root cause": "while explaining the root cause",
    "fix": "while describing the fix",
    "prevention": "while describing the prevention",
    "reflection": "while reflecting on it",
}


@dataclass(frozen=True)
class Cluster:
    """Fillers and long pauses bunched together."""

    start: float
    end: float
    fillers: int
    long_pauses: int
    part: str | None

    def sentence(self) -> str:
        """ "4 fillers between 1:10 and 1:25, while explaining the root cause"."""
        what = []
        if self.fillers:
            what.append(plural(self.fillers, "filler"))
        if self.long_pauses:
            what.append(plural(self.long_pauses, "long pause"))
        where = f" {WHILE[self.part]}" if self.part in WHILE else ""
        span = f"between {clock(self.start)} and {clock(self.end)}"
        return f"{' and '.join(what)} {span}{',' if where else ''}{where}"


@dataclass(frozen=True)
class LocatedPause:
    """A long pause and whether it fell between sentences (fine) or inside one (costly)."""

    start: float
    end: float
    between_sentences: bool
    after: str  # the word said just before it
    part: str | None

    @property
    def kind(self) -> str:
        """ "between_sentences" or "mid_clause"."""
        return "between_sentences" if self.between_sentences else "mid_clause"


@dataclass(frozen=True)
class Stretch:
    """One window of the pace curve."""

    start: float
    end: float
    wpm: float
    part: str | None


@dataclass(frozen=True)
class Delivery:
    """Everything located in time."""

    clusters: tuple[Cluster, ...]
    pauses: tuple[LocatedPause, ...]
    fastest: Stretch | None
    slowest: Stretch | None

    def notes(self) -> list[str]:
        """Plain sentences for the terminal and the report, the costliest first."""
        out = [f"{c.sentence()[0].upper()}{c.sentence()[1:]}." for c in self.clusters]
        mid = [p for p in self.pauses if not p.between_sentences]
        if mid:
            at = ", ".join(f"{clock(p.start)} after “{p.after}”" for p in mid)
            out.append(f"{plural(len(mid), 'long pause')} mid-clause, where it costs: {at}.")
        fine = len(self.pauses) - len(mid)
        if fine:
            out.append(f"{plural(fine, 'long pause')} between sentences, where it reads fine.")
        for name, stretch in (("Fastest", self.fastest), ("Slowest", self.slowest)):
            if stretch is not None:
                where = f", {WHILE[stretch.part]}" if stretch.part in WHILE else ""
                out.append(
                    f"{name} stretch {clock(stretch.start)}–{clock(stretch.end)}: "
                    f"{stretch.wpm:.0f} words a minute{where}."
                )
        return out

    def to_dict(self) -> dict[str, Any]:
        """The `"delivery"` object of `--json`."""
        return {
            "clusters": [
                {
                    "start": round(c.start, 2),
                    "end": round(c.end, 2),
                    "fillers": c.fillers,
                    "long_pauses": c.long_pauses,
                    "part": c.part,
                    "text": c.sentence(),
                }
                for c in self.clusters
            ],
            "pauses": [
                {
                    "start": round(p.start, 2),
                    "end": round(p.end, 2),
                    "seconds": round(p.end - p.start, 2),
                    "kind": p.kind,
                    "after": p.after,
                    "part": p.part,
                }
                for p in self.pauses
            ],
            "fastest": _stretch_dict(self.fastest),
            "slowest": _stretch_dict(self.slowest),
            "notes": self.notes(),
        }


def locate(transcript: Transcript, pacing: PacingReport, card: Scorecard) -> Delivery | None:
    """The located feedback of a spoken answer; None for a typed one."""
    if pacing.estimated or not transcript.timed:
        return None
    from mock_interviewer.drill.scoring import all_evidence, time_per_part

    parts = [
        (p.start_s, p.start_s + p.seconds, p.part)
        for p in time_per_part(all_evidence(card), pacing.speech_start_s, pacing.speech_end_s)
        if p.start_s is not None and p.seconds > 0
    ]

    def part_at(t: float) -> str | None:
        return next((name for lo, hi, name in parts if lo <= t < hi), None)

    events = sorted(
        [(f.start, f.end or f.start, "filler") for f in pacing.fillers if f.start is not None]
        + [(p.start, p.end, "pause") for p in pacing.pauses]
    )
    clusters = tuple(
        Cluster(
            start=group[0][0],
            end=max(e[1] for e in group),
            fillers=sum(e[2] == "filler" for e in group),
            long_pauses=sum(e[2] == "pause" for e in group),
            part=part_at((group[0][0] + max(e[1] for e in group)) / 2),
        )
        for group in _groups(events)
        if len(group) >= CLUSTER_MIN
    )
    pauses = tuple(_locate_pause(transcript, p, part_at(p.start)) for p in pacing.pauses)
    fastest, slowest = _extremes(pacing, part_at)
    return Delivery(clusters, pauses, fastest, slowest)


def _groups(events: list[tuple[float, float, str]]) -> list[list[tuple[float, float, str]]]:
    """Events chained while each is close to the one before and the group stays short."""
    groups: list[list[tuple[float, float, str]]] = []
    for event in events:
        if (
            groups
            and event[0] - groups[-1][-1][0] <= CLUSTER_GAP_S
            and event[0] - groups[-1][0][0] <= CLUSTER_SPAN_S
        ):
            groups[-1].append(event)
        else:
            groups.append([event])
    return groups


def _locate_pause(transcript: Transcript, pause: Pause, part: str | None) -> LocatedPause:
    """Between sentences when the last word before the pause ends one."""
    before = [w for w in transcript.words if w.start < pause.start]
    word = before[-1].text.strip() if before else ""
    between = not before or word.rstrip("\"'”’)").endswith(SENTENCE_END)
    return LocatedPause(pause.start, pause.end, between, word, part)


def _extremes(
    pacing: PacingReport, part_at: Callable[[float], str | None]
) -> tuple[Stretch | None, Stretch | None]:
    """The fastest and slowest windows of at least `MIN_STRETCH_S` (two windows at least)."""
    windows = list(pacing.wpm_over_time)
    stretches = []
    for i, (start, wpm) in enumerate(windows):
        end = windows[i + 1][0] if i + 1 < len(windows) else pacing.speech_end_s
        if end - start >= MIN_STRETCH_S:
            stretches.append(Stretch(start, end, wpm, part_at((start + end) / 2)))
    if len(stretches) < 2:
        return None, None
    fastest = max(stretches, key=lambda s: (s.wpm, -s.start))
    slowest = min(stretches, key=lambda s: (s.wpm, s.start))
    return (fastest, slowest) if fastest.wpm > slowest.wpm else (None, None)


def _stretch_dict(stretch: Stretch | None) -> dict[str, Any] | None:
    if stretch is None:
        return None
    return {
        "start": round(stretch.start, 2),
        "end": round(stretch.end, 2),
        "wpm": round(stretch.wpm, 1),
        "part": stretch.part,
    }


def clock(seconds: float) -> str:
    """m:ss."""
    whole = max(int(seconds), 0)
    return f"{whole // 60}:{whole % 60:02d}"
