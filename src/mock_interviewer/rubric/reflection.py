"""Reflection: the speaker calibrates their own judgement with a concrete trigger or time.

Read from the parse with the rules in `rules/reflection.toml`: a sentence of the reflection
carries the speaker's own call (`own_call`: "I'd page", "now I compare", "my cue") and a
trigger that makes it concrete (a time, a condition, an order or a threshold). A lesson with
only generic words ("communicate better") is not a calibration.
"""

from __future__ import annotations

import bisect
from itertools import pairwise

from .nlp import parse
from .rulebook import Hit, ruleset
from .sentences import Sentence
from .spans import Span
from .structure import Answer

_OPENING_SENTENCES = 2  # answers told reflection-first open with the rule


_TRIGGERS = ("trigger_time", "trigger_condition", "trigger_order", "trigger_threshold")


def _in(hits: list[Hit], start: int, end: int) -> list[Hit]:
    return [h for h in hits if start <= h.start < end]


def _calibration(
    hits: list[Hit], answer: Answer, start: int, end: int, bounds: list[int] | None = None
) -> Span | None:
    """The evidence of a calibration between `start` and `end`, or None.

    With `bounds` (the parse's sentence starts), the call and its trigger must also share one
    sentence of the parse, so a dated prevention before "what I'd take from it" is not read as
    the trigger of the reflection that follows."""
    inside = _in(hits, start, end)
    calls = [h for h in inside if h.detects == "own_call"]
    if not calls:
        return None
    if bounds is not None:
        piece = {_sentence_of(bounds, h.start) for h in calls}
        inside = [h for h in inside if _sentence_of(bounds, h.start) in piece]
        start = max(start, min(bounds[i] for i in piece))
    kinds = {h.detects for h in inside}
    timed = any(
        start <= m.start < end and (bounds is None or _sentence_of(bounds, m.start) in piece)
        for m in answer.all_markers
    )
    # A bare comparative ("I should have escalated earlier") is not a trigger.
    if not (timed or kinds & set(_TRIGGERS)):
        return None
    if "generic" in kinds:
        return None  # a generic lesson beside the call: not a calibration
    used = [h for h in inside if h.detects != "generic"]
    rules = ",".join(sorted({h.rule for h in used}))
    return Span(min(h.start for h in used), max(h.end for h in used), "reflection", rules)


def _sentence_of(bounds: list[int], pos: int) -> int:
    return bisect.bisect_right(bounds, pos) - 1


def _region(answer: Answer) -> list[Sentence]:
    n = len(answer.sentences)
    start = min(answer.reflection_from, max(0, n - max(3, n // 3)))
    return answer.sentences[start:]


def find_reflection(answer: Answer) -> tuple[bool, list[Span], bool]:
    """(met, evidence, any reflection at all) for the closing reflection."""
    doc = parse(answer.text)
    hits = ruleset("reflection").hits(doc)
    bounds = [s.start_char for s in doc.sents]
    region = _region(answer)
    spans = [
        span
        for s in region
        if (span := _calibration(hits, answer, s.start, s.end, bounds)) is not None
    ]
    if not spans:
        opening = answer.sentences[: min(_OPENING_SENTENCES, answer.reflection_from)]
        spans = [
            span
            for s in opening
            if (span := _calibration(hits, answer, s.start, s.end, bounds)) is not None
        ]
    if not spans:
        # Raw transcripts cut a rule across pieces: read neighbouring pieces together.
        for a, b in pairwise(region):
            if a.text[-1:] in ".!?":
                continue
            span = _calibration(hits, answer, a.start, b.end)
            if span is not None:
                spans.append(span)
                break
    any_reflection = bool(answer.reflection) or any(h.detects == "own_call" for h in hits)
    return bool(spans), spans, any_reflection
