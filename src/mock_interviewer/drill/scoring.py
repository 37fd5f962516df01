"""Pure judgements of a drill round: landing, word budget, streaks, where the time went, sections.

Nothing here touches audio or models: every function takes plain numbers or a `Scorecard`,
so each rule is tested with hand-built values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from mock_interviewer.errors import UsageError
from mock_interviewer.scorecard import WORDS_PER_MINUTE, Evidence, Scorecard

TOLERANCE_S = 10.0  # seconds either side of the target that count as landed...
TOLERANCE_PER_MINUTE_S = 10.0  # ...capped at this much per minute of target for short targets
OVERRUN_S = 30.0  # the recording stops this long after the target

PARTS: tuple[str, ...] = (
    "set-up",
    "detection to mitigation",
    "root cause",
    "fix",
    "prevention",
    "reflection",
)
# Evidence labels that open each part (the first such evidence marks where the part starts).
PART_LABELS: dict[str, frozenset[str]] = {
    "detection to mitigation": frozenset({"T+0", "mitigation", "principle"}),
    "root cause": frozenset({"root cause", "blame"}),
    "fix": frozenset({"fix"}),
    "prevention": frozenset({"prevention"}),
    "reflection": frozenset({"reflection"}),
}

SECTIONS: tuple[str, ...] = ("timeline", "mitigation", "prevention", "reflection")
SECTION_ASKS: dict[str, str] = {
    "timeline": "Tell only the timeline: from T plus zero, through the mitigation, to the "
    "follow-up weeks later, with a time for each step",
    "mitigation": "Tell only the mitigation: what you did first to stop the harm, and why it "
    "was the cheapest reversible step",
    "prevention": "Tell only the prevention: the structural change that stops it happening "
    "again, and when it landed",
    "reflection": "Tell only your reflection: the concrete thing you would do differently "
    "next time",
}


def tolerance_for(target_s: float) -> float:
    """Seconds either side of the target that count as landed: 10, or 10 per minute if less."""
    return min(TOLERANCE_S, target_s * TOLERANCE_PER_MINUTE_S / 60.0)


@dataclass(frozen=True)
class Landing:
    """How a length compares with its target."""

    duration_s: float
    target_s: float
    tolerance_s: float

    @property
    def delta_s(self) -> float:
        """Seconds over (positive) or under (negative) the target."""
        return self.duration_s - self.target_s

    @property
    def landed(self) -> bool:
        """True within the tolerance either side."""
        return abs(self.delta_s) <= self.tolerance_s

    @property
    def verdict(self) -> str:
        """ "landed", "overshoot" or "undershoot"."""
        if self.landed:
            return "landed"
        return "overshoot" if self.delta_s > 0 else "undershoot"


def parse_word_budget(text: str) -> tuple[int, int]:
    """`250-350` -> (250, 350); UsageError for anything else."""
    match = re.fullmatch(r"\s*(\d+)\s*(?:-|–|\.\.)\s*(\d+)\s*", text)
    if not match:
        raise UsageError(f"--words {text!r}: write the budget as LOW-HIGH, e.g. --words 250-350")
    low, high = int(match.group(1)), int(match.group(2))
    if low <= 0 or high < low:
        raise UsageError(
            f"--words {text}: the low end must be above zero and not above the high end "
            "(e.g. --words 250-350)"
        )
    return low, high


def budget_target_s(low: int, high: int) -> float:
    """Seconds the middle of a word budget takes at 150 words per minute."""
    return (low + high) / 2 / WORDS_PER_MINUTE * 60.0


def words_off(words: int, low: int, high: int) -> int:
    """Words outside the budget: negative under it, positive over it, 0 inside."""
    if words < low:
        return words - low
    if words > high:
        return words - high
    return 0


def streaks(landed: Iterable[bool]) -> tuple[int, int]:
    """(current, best): consecutive landed rounds ending at the last one, and the longest run."""
    current = best = 0
    for hit in landed:
        current = current + 1 if hit else 0
        best = max(best, current)
    return current, best


@dataclass(frozen=True)
class PartTime:
    """Seconds spent on one part of the story."""

    part: str
    start_s: float | None  # None when the part was not found
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        """JSON shape."""
        start = None if self.start_s is None else round(self.start_s, 2)
        return {"part": self.part, "start_s": start, "seconds": round(self.seconds, 2)}


def all_evidence(card: Scorecard) -> list[Evidence]:
    """Every evidence span of every signal and pitfall."""
    found: list[Evidence] = []
    for finding in (*card.signals.values(), *card.pitfalls.values()):
        found.extend(finding.evidence)
    return found


def time_per_part(
    evidence: Sequence[Evidence], speech_start_s: float, speech_end_s: float
) -> tuple[PartTime, ...]:
    """Where the time went: each part runs from its first evidence to the next part's start.

    The set-up runs from the first voiced sample to the first part found. A part is opened by
    the earliest evidence carrying one of its labels (`PART_LABELS`); the parts found are then
    taken in the order they were said, so a story told out of order is still measured. Parts
    with no evidence get no time.
    """
    starts: dict[str, float] = {}
    for e in evidence:
        if e.start_s is None:
            continue
        for part, labels in PART_LABELS.items():
            if e.label in labels:
                at = min(max(e.start_s, speech_start_s), speech_end_s)
                starts[part] = min(starts.get(part, at), at)
    order = sorted(starts.items(), key=lambda item: (item[1], PARTS.index(item[0])))
    bounds = [("set-up", speech_start_s), *order]
    seconds: dict[str, tuple[float, float]] = {}
    for i, (part, start) in enumerate(bounds):
        end = bounds[i + 1][1] if i + 1 < len(bounds) else speech_end_s
        seconds[part] = (start, max(0.0, end - start))
    return tuple(
        PartTime(p, seconds[p][0], seconds[p][1]) if p in seconds else PartTime(p, None, 0.0)
        for p in PARTS
    )


@dataclass(frozen=True)
class SectionScore:
    """A section drill judged on its one signal."""

    section: str
    met: bool
    reason: str
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON shape."""
        return {
            "section": self.section,
            "met": self.met,
            "reason": self.reason,
            "evidence": [e.to_dict() for e in self.evidence],
        }


def check_section(section: str) -> str:
    """The section name, or UsageError naming the choices."""
    if section not in SECTIONS:
        raise UsageError(f"unknown --section {section!r}: choose one of {', '.join(SECTIONS)}")
    return section


def score_section(section: str, card: Scorecard) -> SectionScore:
    """Judge one section on its signal (mitigation: separation's mitigation spans + principle)."""
    check_section(section)
    if section != "mitigation":
        finding = card.signals[section]
        return SectionScore(section, finding.hit, finding.reason, finding.evidence)
    named = tuple(e for e in card.signals["separation"].evidence if e.label == "mitigation")
    principle = card.signals["principle"]
    if not named:
        reason = "no mitigation is named: say what you did first to stop the harm"
    elif not principle.hit:
        reason = "the mitigation is named but not argued as the cheapest reversible step"
    else:
        reason = "mitigation named and argued as the cheapest reversible step"
    return SectionScore(
        section, bool(named) and principle.hit, reason, named + tuple(principle.evidence)
    )
