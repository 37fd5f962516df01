"""Score one answer: analyse, detect, grade, and build the public `Scorecard`."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..prompts import Prompt
from ..scorecard import (
    PITFALLS,
    SIGNALS,
    WORDS_PER_MINUTE,
    Evidence,
    ExpectationResult,
    Finding,
    Scorecard,
)
from ..transcript import Transcript
from .advice import CHANGES, pitfall_advice, signal_advice
from .expectations import evaluate
from .grade import grade, top_changes
from .signals import Detection, detect
from .spans import Span
from .structure import analyse_structure

_EXPECTATION_ADVICE = "Add this to the story: {text}"


def _evidence(spans: tuple[Span, ...] | list[Span], transcript: Transcript) -> tuple[Evidence, ...]:
    return tuple(span.evidence(transcript) for span in spans)


def score(transcript: Transcript, prompt: Prompt | None = None) -> Scorecard:
    """Score an answer against the rubric (and the prompt's expectations, when given)."""
    det = detect(analyse_structure(transcript.text))
    signals = _findings(det, SIGNALS, signal_advice, transcript)
    pitfalls = _findings(det, PITFALLS, pitfall_advice, transcript)
    expectations: tuple[ExpectationResult, ...] = ()
    met_total: tuple[int, int] | None = None
    extra: dict[str, object] = {}
    if prompt is not None:
        expectations = _expectations(det, prompt, transcript)
        met_total = (sum(1 for e in expectations if e.met), len(expectations))
        asks = [
            prompt.follow_ups[k]
            for k in (*SIGNALS, *PITFALLS)
            if k in prompt.follow_ups
            and ((k in SIGNALS and not signals[k].hit) or (k in PITFALLS and pitfalls[k].hit))
        ]
        extra["follow_ups"] = asks
    result = grade(
        det,
        prompt.relaxed if prompt else (),
        met_total,
        prompt.optional_phases if prompt else (),
    )
    words = transcript.word_count()
    return Scorecard(
        prompt=prompt.id if prompt else None,
        signals=signals,
        pitfalls=pitfalls,
        grade=result.letter,
        grade_reasons=tuple(result.reasons),
        expectations=expectations,
        top_changes=tuple(_named(change, expectations) for change in top_changes(result)),
        words=words,
        estimated_seconds=round(words * 60 / WORDS_PER_MINUTE),
        extra=extra,
    )


def _findings(
    det: Detection,
    ids: Iterable[str],
    advice: Callable[[str, bool], str],
    transcript: Transcript,
) -> dict[str, Finding]:
    """One finding per signal or pitfall id, from the detector's verdicts."""
    return {
        i: Finding(
            id=i,
            hit=det.verdicts[i].hit,
            evidence=_evidence(det.verdicts[i].spans, transcript),
            advice=advice(i, det.verdicts[i].hit),
            reason=det.verdicts[i].reason,
        )
        for i in ids
    }


def _expectations(
    det: Detection, prompt: Prompt, transcript: Transcript
) -> tuple[ExpectationResult, ...]:
    """The prompt's expectations, each met or with the advice to add it."""
    return tuple(
        ExpectationResult(
            id=eid,
            text=text,
            met=met,
            evidence=_evidence(spans, transcript),
            advice="" if met else _EXPECTATION_ADVICE.format(text=text[0].lower() + text[1:]),
        )
        for eid, text, met, spans in evaluate(det, prompt)
    )


def _named(change: str, expectations: tuple[ExpectationResult, ...]) -> str:
    """The change with the asks it refers to spelled out (at most two of them)."""
    if change != CHANGES["expectations"]:
        return change
    missing = [e.text.rstrip(".") for e in expectations if not e.met][:2]
    if not missing:
        return change.split(";")[0] + "."
    return change.format(missing="; ".join(m[0].lower() + m[1:] for m in missing))


def score_text(text: str, prompt: Prompt | None = None) -> Scorecard:
    """Score a typed answer."""
    return score(Transcript.from_text(text), prompt)
