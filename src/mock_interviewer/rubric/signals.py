"""The six signals and four pitfalls as verdicts with evidence spans and a one-line reason."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..wording import plural
from . import clauses
from .blame import find_blame, find_blame_v2, find_cause_statements, find_chance, find_gaps
from .hero import find_hero
from .lexicon import FIX, MITIGATION, PREVENTION
from .nlp import parse
from .phase_parse import refine as refine_phases
from .phases import Phases, find_phases
from .principle import find_principle, infer_mitigation
from .reflection import find_reflection
from .spans import Span
from .structure import Answer
from .timemarkers import CLOCK, SAMEDAY, TPLUS, Marker

MIN_MARKERS = 4  # RUBRIC: at least four explicit time markers


@dataclass(frozen=True)
class Verdict:
    """One signal or pitfall decision before it becomes a public `Finding`."""

    id: str
    hit: bool
    spans: tuple[Span, ...] = ()
    reason: str = ""


@dataclass
class TimelineParts:
    """What the timeline has, so the grade and advice can say what is missing."""

    markers: list[Marker] = field(default_factory=list)
    detection: Marker | None = None
    mitigation: Marker | None = None
    later: Marker | None = None
    count: int = 0


@dataclass
class Detection:
    """All verdicts for one answer, plus the intermediate analysis they came from."""

    answer: Answer
    phases: Phases
    timeline_parts: TimelineParts
    verdicts: dict[str, Verdict]


def _distinct(markers: list[Marker]) -> int:
    keys = set()
    for m in markers:
        label = m.label
        keys.add(label if label.startswith("T+") else f"{label}@{m.start}")
    return len(keys)


def _timeline(answer: Answer, phases: Phases) -> TimelineParts:
    parts = TimelineParts(markers=list(answer.markers))
    mit_idx = set(phases.sentences_of(MITIGATION)) | {
        u.sentence for u in phases.name_uses if u.phase == MITIGATION
    }
    # A reflection told first may name the mitigation before the story starts: detection is
    # looked for before the first mitigation that follows the first clock or T-plus time.
    timed = [answer.sentence_at(m.start) for m in parts.markers if m.kind in (TPLUS, CLOCK)]
    story_from = next((s.index for s in timed if s is not None), 0)
    after = [i for i in mit_idx if i >= story_from]
    first_mit = min(after) if after else len(answer.sentences)
    for m in parts.markers:
        s = answer.sentence_at(m.start)
        if s is None or s.index > first_mit:
            continue
        if m.kind in (TPLUS, CLOCK) and m.minutes == 0:
            parts.detection = m  # T plus zero, or the clock time detection is anchored on
            break
        if m.kind == CLOCK and parts.detection is None:
            parts.detection = m
    windows = _mitigation_windows(answer, phases, mit_idx)
    for m in parts.markers:
        if m is parts.detection or m.is_later or m.kind == SAMEDAY:
            continue
        if parts.detection is not None and m.minutes == 0 and m.kind != CLOCK:
            continue
        s = answer.sentence_at(m.start)
        if (
            s is not None
            and s.index in windows
            and (parts.detection is None or m.start > parts.detection.start)
        ):
            parts.mitigation = m
            break
    if parts.mitigation is None:
        parts.mitigation = _opening_next_piece(answer, parts, mit_idx)
    parts.later = next(
        (m for m in parts.markers if m.is_later and _follow_up(answer, phases, m)), None
    )
    parts.count = _distinct(parts.markers)
    return parts


def _opening_next_piece(answer: Answer, parts: TimelineParts, mit_idx: set[int]) -> Marker | None:
    """An unpunctuated transcript cut before 'at': 'held the export for those accounts | at
    0150 wrote the patch'. A time opening the piece after a mitigation may close it."""
    for m in parts.markers:
        s = answer.sentence_at(m.start)
        if s is None or s.index - 1 not in mit_idx or m.start - s.start > 3 or m.is_later:
            continue
        if m is parts.detection or answer.sentences[s.index - 1].text[-1:] in ".!?;:":
            continue
        return m
    return None


_CAUSE_FOUND = re.compile(
    r"\b(?:root cause|the cause|caused by|we (?:knew|understood|found) (?:why|it|the)|"
    r"had the cause|found it)\b",
    re.IGNORECASE,
)


def _mitigation_windows(answer: Answer, phases: Phases, mit_idx: set[int]) -> set[int]:
    """Sentences that can carry the mitigation's time: just before it, and after it until the
    story moves on to the cause, the fix or the prevention."""
    out: set[int] = set()
    for i in mit_idx:
        out.update(range(max(0, i - 1), i + 1))
        for j in range(i + 1, min(i + 4, answer.reflection_from)):
            later = phases.sentence_phases.get(j, set())
            if _CAUSE_FOUND.search(answer.sentences[j].text) or later & {FIX, PREVENTION}:
                break
            out.add(j)
    return out


# "The next day we were back on the roadmap": a later time that dates other work.
_BACK_TO_WORK = re.compile(
    r"\b(?:(?:went|got|were|was|are|moved|go|going) (?:straight )?back (?:on|to) (?:the |our |my |"
    r"a |normal |regular |usual )*(?:[\w-]+ ){0,3}(?:project|roadmap|work|day job|sprint|feature|"
    r"backlog|migration|business)|moved (?:straight )?on to|"
    # "by Monday we were on other things", "that was the end of it", "with nothing from this in it"
    r"(?:were|was|got|moved) on(?:to)? (?:to )?other (?:things|work|stuff|projects|priorities)|"
    r"never came (?:back )?up|(?:that|this|it) was the end of (?:it|that)|"
    r"(?:with )?nothing (?:from|about|of) (?:this|it|that|the incident) in (?:it|them))\b",
    re.IGNORECASE,
)


def _follow_up(answer: Answer, phases: Phases, marker: Marker) -> bool:
    """A later marker counts for structural work unless it only dates the fix itself."""
    s = answer.sentence_at(marker.start)
    if s is None:
        return False
    told = phases.sentence_phases.get(s.index, set())
    if not told and _BACK_TO_WORK.search(s.text):
        return False
    if told and told <= {FIX, MITIGATION}:
        follows = s.end - marker.end <= 2 and PREVENTION in phases.sentence_phases.get(
            s.index + 1, set()
        )
        return follows or any(p.sentence == s.index for p in phases.structural_prevention)
    return True


def _timeline_verdict(parts: TimelineParts) -> Verdict:
    missing = []
    if parts.count < MIN_MARKERS:
        count = plural(parts.count, "time marker")
        missing.append(f"{'no time markers' if not parts.count else 'only ' + count} (four needed)")
    if parts.detection is None:
        missing.append("no detection time")
    if parts.mitigation is None:
        missing.append("no time for the mitigation")
    if parts.later is None:
        missing.append("no marker for the later structural work")
    spans = tuple(Span(m.start, m.end, m.label) for m in parts.markers)
    if missing:
        return Verdict("timeline", False, spans, "; ".join(missing))
    return Verdict("timeline", True, spans, f"{parts.count} markers from detection to follow-up")


def _phase_spans(phases: Phases) -> tuple[Span, ...]:
    spans = [Span(m.start, m.end, m.phase) for m in phases.mentions]
    spans += [Span(u.start, u.end, u.phase) for u in phases.name_uses if u.phase]
    seen: set[tuple[int, int]] = set()
    out = []
    for span in sorted(spans, key=lambda s: s.start):
        if (span.start, span.end) not in seen:
            seen.add((span.start, span.end))
            out.append(span)
    return tuple(out)


def detect(answer: Answer) -> Detection:
    """Run every detector over an analysed answer."""
    phases = find_phases(answer)
    refine_phases(phases, answer)
    infer_mitigation(answer, phases)
    parts = _timeline(answer, phases)
    present = {p: phases.present(p) for p in (MITIGATION, FIX, PREVENTION)}
    verdicts: dict[str, Verdict] = {"timeline": _timeline_verdict(parts)}
    verdicts.update(_phase_verdicts(phases, present))
    met, spans = find_principle(answer, phases)
    verdicts["principle"] = Verdict(
        "principle",
        met and present[MITIGATION],
        tuple(spans),
        "mitigation justified as cheap and reversible"
        if met
        else "the mitigation is not argued as the cheapest reversible step",
    )
    verdicts.update(_framing_verdicts(answer, phases))
    hero, hero_spans = find_hero(answer)
    verdicts["hero"] = Verdict(
        "hero",
        hero,
        tuple(hero_spans) if hero else (),
        "told as a lone effort" if hero else "others were involved",
    )
    verdicts["prevention"] = _prevention_verdict(answer, phases)
    verdicts["no_prevention"] = Verdict(
        "no_prevention",
        not present[PREVENTION],
        (),
        "the story ends at the fix" if not present[PREVENTION] else "follow-up work is described",
    )
    ok, refl_spans, any_reflection = find_reflection(answer)
    verdicts["reflection"] = Verdict(
        "reflection",
        ok,
        tuple(refl_spans),
        "a concrete rule for next time"
        if ok
        else ("the reflection stays generic" if any_reflection else "no reflection"),
    )
    return Detection(answer, phases, parts, verdicts)


def _phase_verdicts(phases: Phases, present: dict[str, bool]) -> dict[str, Verdict]:
    """Conflation (one word for several phases) and separation (each phase named apart)."""
    conflated = phases.conflations()
    phase_spans = _phase_spans(phases)
    if conflated:
        word = next(iter(conflated))
        uses = conflated[word]
        named = sorted({u.phase for u in uses if u.phase})
        conflation = Verdict(
            "conflation",
            True,
            tuple(Span(u.start, u.end, u.phase or "") for u in uses),
            f"'{uses[0].text}' names {', '.join(named)}",
        )
    else:
        conflation = Verdict("conflation", False, (), "each phase has its own word")
    absent = [p for p, ok in present.items() if not ok]
    if absent or conflated:
        why = f"missing: {', '.join(absent)}" if absent else "one word covers several phases"
        separation = Verdict("separation", False, phase_spans, why)
    else:
        why = "mitigation, fix and prevention each named apart"
        separation = Verdict("separation", True, phase_spans, why)
    return {"conflation": conflation, "separation": separation}


def _framing_verdicts(answer: Answer, phases: Phases) -> dict[str, Verdict]:
    """Blame (a person or team pinned with the incident) and systemic (a gap in the system)."""
    blame = find_blame(answer)
    blame += [
        s for s in find_blame_v2(answer) if not any(b.start <= s.start < b.end for b in blame)
    ]
    gaps = find_gaps(answer)
    blamed = Verdict(
        "blame",
        bool(blame),
        tuple(blame),
        "a sentence pins the incident on a person or team" if blame else "no one is blamed",
    )
    if not gaps and not blame and phases.structural_prevention:
        # No gap is spelled out, but the cause is told and a guardrail answers it: the story
        # is framed around the system, and nobody is blamed.
        gaps = find_cause_statements(answer)
    chance = find_chance(answer)
    systemic = bool(gaps) and not blame and not chance
    framed = Verdict(
        "systemic",
        systemic,
        tuple(blame) if blame else tuple(chance) if chance else tuple(gaps[:3]),
        "cause framed as a gap in the system"
        if systemic
        else (
            "blame cancels the systemic framing"
            if blame
            else "the cause is put down to chance"
            if chance
            else "no system or process gap named"
        ),
    )
    return {"blame": blamed, "systemic": framed}


def _prevention_verdict(answer: Answer, phases: Phases) -> Verdict:
    """A concrete structural change, with when it landed."""
    prevention_sentences = set(phases.sentences_of(PREVENTION))
    concrete = [
        m
        for m in phases.structural_prevention
        if m.sentence in prevention_sentences and _timed(answer, phases, m.sentence)
    ]
    prev_spans = tuple(Span(m.start, m.end, "prevention") for m in phases.structural_prevention)
    if concrete:
        why = "a concrete structural change with when it landed"
        return Verdict("prevention", True, prev_spans, why)
    if phases.structural_prevention:
        why = "a structural change is named but not when it landed"
        return Verdict("prevention", False, prev_spans, why)
    vague = tuple(Span(m.start, m.end, "prevention") for m in phases.vague_prevention)
    return Verdict("prevention", False, vague, "no concrete structural change is named")


def _timed(answer: Answer, phases: Phases, index: int) -> bool:
    """True when a later marker sits in the sentence, or next to it outside other phases.

    "We have since added a check" says it landed at no time in particular: only a marker in
    the sentence itself dates it."""
    sentence = answer.sentences[index]
    undated = clauses.since_perfect(parse(answer.text), sentence.start, sentence.end)
    for m in answer.all_markers:
        if not m.is_later:
            continue
        s = answer.sentence_at(m.start)
        if s is None or abs(s.index - index) > 1 or (undated and s.index != index):
            continue
        other = phases.sentence_phases.get(s.index, set()) - {PREVENTION}
        closing = s.index == index - 1 and s.end - m.end <= 2
        if s.index == index or not other or closing:
            return True
    return False
