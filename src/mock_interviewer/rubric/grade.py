"""The letter grade, explained from the signals, with prompt-aware weighting.

The scale counts notches down from A. The phase structure sets the base, matching the
three anchors: all three phases named apart is A, mitigation and fix without prevention is
B, and one word for the phases is B-. Every other missed signal or found pitfall costs one
notch, except signals the prompt relaxes (a misdiagnosis story need not have a minute clock).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .advice import CHANGES
from .lexicon import FIX, MITIGATION, PREVENTION
from .signals import Detection

LETTERS: tuple[str, ...] = ("A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D")
BASE_NO_PREVENTION = 3  # B: mitigation and fix, no prevention
BASE_CONFLATED = 4  # B-: the phases share one word
BASE_MISSING_PHASE = 3  # B: mitigation or fix absent
BASE_THIN = 6  # C: neither mitigation nor fix told


@dataclass
class Grade:
    """The letter, the reasons shown to the user and the changes worth most."""

    letter: str
    notches: int
    reasons: list[str] = field(default_factory=list)
    losses: list[tuple[str, int]] = field(default_factory=list)  # (change key, notches)


def grade(
    det: Detection,
    relaxed: tuple[str, ...] = (),
    expectations_met: tuple[int, int] | None = None,
    optional_phases: tuple[str, ...] = (),
) -> Grade:
    """Grade an answer from its verdicts; `relaxed` signals do not cost a notch."""
    v = {k: x.hit for k, x in det.verdicts.items()}
    present = {p: det.phases.present(p) for p in (MITIGATION, FIX, PREVENTION)}
    base, key, why = _structure(v, present, optional_phases)
    reasons: list[str] = [why]
    losses: list[tuple[str, int]] = [(key, base)] if base else []
    _signal_losses(det, v, present, relaxed, reasons, losses)
    if v["hero"]:
        reasons.append("One notch off: it reads as a lone-hero story.")
        losses.append(("hero", 1))
    if expectations_met is not None:
        met, total = expectations_met
        if total and met * 2 < total and not base:
            # Only a complete structure is refined by the prompt's asks: a missing phase has
            # already set the grade, and it is what fails most of those asks.
            reasons.append(f"One notch off: only {met} of {total} things this question asks for.")
            losses.append(("expectations", 1))
        elif total:
            reasons.append(f"Covers {met} of {total} things this question asks for.")
    notches = min(sum(n for _, n in losses), len(LETTERS) - 1)
    return Grade(LETTERS[notches], notches, reasons, losses)


def _structure(
    v: dict[str, bool], present: dict[str, bool], optional_phases: tuple[str, ...]
) -> tuple[int, str, str]:
    """The notches the story's structure costs, the change that would fix it, and why."""
    if not present[MITIGATION] and not present[FIX]:
        why = "Neither a mitigation nor a fix is told clearly: the story lacks its spine (C)."
        return BASE_THIN, "no_mitigation", why
    if v["conflation"]:
        return (
            BASE_CONFLATED,
            "conflation",
            "One word covers several phases, which caps the answer at B-.",
        )
    if v["no_prevention"]:
        why = "Mitigation and fix are there but no prevention follows: about a B."
        return BASE_NO_PREVENTION, "no_prevention", why
    if not present[MITIGATION] and MITIGATION in optional_phases and present[FIX]:
        why = (
            "No customer-facing mitigation is told; this question does not require one, and "
            "fix and prevention are named apart."
        )
        return 0, "", why
    if not present[MITIGATION] or not present[FIX]:
        missing = "mitigation" if not present[MITIGATION] else "fix"
        why = f"No {missing} is told, so the three phases are incomplete: about a B."
        return BASE_MISSING_PHASE, "no_mitigation", why
    return 0, "", "Mitigation, fix and prevention are each named apart: an A-level structure."


def _signal_losses(
    det: Detection,
    v: dict[str, bool],
    present: dict[str, bool],
    relaxed: tuple[str, ...],
    reasons: list[str],
    losses: list[tuple[str, int]],
) -> None:
    """A notch for each missed signal the structure does not already account for."""
    implied_by_base = {"separation", "no_prevention", "conflation"}
    if v["no_prevention"]:
        implied_by_base |= {"prevention"}
    if not present[MITIGATION]:
        implied_by_base |= {"principle"}
    for signal, why in (
        ("systemic", "the cause is not framed as a systems gap"),
        ("reflection", "the reflection has no concrete trigger"),
        ("prevention", "the prevention is not concrete or not dated"),
        ("principle", "the mitigation is not argued as cheap and reversible"),
        ("timeline", "the timeline is incomplete"),
    ):
        if v[signal] or signal in implied_by_base:
            continue
        if signal == "timeline" and v["no_prevention"] and _timeline_only_lacks_later(det):
            continue
        if signal == "systemic" and v["blame"]:
            why = "a sentence blames a person or team, which cancels the blameless framing"
        if signal in relaxed:
            reasons.append(f"Not penalised for this question: {why}.")
            continue
        if signal == "systemic" and v["blame"]:
            reasons.append(f"Two notches off: {why}.")
            losses.append(("blame", 2))
            continue
        reasons.append(f"One notch off: {why}.")
        losses.append((signal, 1))


def _timeline_only_lacks_later(det: Detection) -> bool:
    parts = det.timeline_parts
    return parts.detection is not None and parts.mitigation is not None and parts.count >= 3


def top_changes(result: Grade, limit: int = 2) -> list[str]:
    """The changes that would raise the grade most, biggest first."""
    ranked = sorted(result.losses, key=lambda kv: -kv[1])
    out: list[str] = []
    for key, _ in ranked:
        text = CHANGES.get(key)
        if text and text not in out:
            out.append(text)
        if len(out) == limit:
            break
    return out
