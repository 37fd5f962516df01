"""The report's notes: the cards beside the transcript, one per span of the answer.

Each card gathers the annotations about one span (evidence with its finding's name, a long
pause, a filler, the target) with the advice that goes with them, said once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

from mock_interviewer.report.annotations import Annotation, format_clock
from mock_interviewer.scorecard import PITFALLS
from mock_interviewer.sessions import Session

_BY_LABEL = {
    "mitigation": "mitigation",
    "fix": "fix",
    "prevention": "prevention",
    "blame": "pitfall",
    "root cause": "systemic",
}
_BY_FINDING = {
    "timeline": "time",
    "principle": "principle",
    "systemic": "systemic",
    "prevention": "prevention",
    "reflection": "reflection",
}
TAG_NAMES = {"principle": "cheapest reversible", "root cause": "systemic cause"}
_FINDING_NAMES = {
    "timeline": "timeline",
    "separation": "mitigation, fix and prevention apart",
    "principle": "the mitigation's reason",
    "systemic": "systemic framing",
    "prevention": "concrete prevention",
    "reflection": "reflection",
    "blame": "blame",
    "conflation": "conflation",
    "hero": "lone hero",
    "no_prevention": "no prevention",
}


def style_of(finding_id: str, label: str) -> str:
    """The highlight style of one piece of evidence: by its label first, then by its finding."""
    if finding_id in PITFALLS:
        return "pitfall"
    return _BY_LABEL.get(label) or _BY_FINDING.get(finding_id, "time")


@dataclass
class Card:
    """One note beside the transcript: the annotations about one span of the answer."""

    anchor: int  # character where it sits
    time_s: float | None
    names: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)
    kind: str = "evidence"  # "evidence", "pause", "filler" or "target"
    tone: str = "good"  # "good", "warn", "todo" (has advice) or "info"
    body: str = ""


def cards(session: Session, notes: Sequence[Annotation]) -> list[Card]:
    """The notes, one card per span of the answer, in order; follow-up questions excluded."""
    transcript = session.transcript
    cards: dict[tuple[Any, ...], Card] = {}
    for n in notes:
        if n.kind == "follow_up":
            continue
        anchor = n.start_char
        if anchor is None and n.time_s is not None:
            anchor = next(
                (
                    a
                    for w, (a, _) in zip(transcript.words, transcript.word_offsets, strict=True)
                    if w.start >= n.time_s
                ),
                len(transcript.text),
            )
        if anchor is None:
            anchor = len(transcript.text)
        evidence = n.signal_id is not None
        key: tuple[Any, ...] = (
            ("ev", n.start_char, n.end_char) if evidence else (n.kind, anchor, n.time_s)
        )
        card = cards.get(key)
        if card is None:
            card = cards[key] = Card(
                anchor=anchor, time_s=n.time_s, kind="evidence" if evidence else n.kind
            )
        elif n.time_s is not None and (card.time_s is None or n.time_s < card.time_s):
            card.time_s = n.time_s
        name, tone, body = _name(session, n)
        if name not in card.names:
            card.names.append(name)
        if body and body not in card.body:
            card.body = f"{card.body} {body}".strip()
        if tone == "warn" or (tone == "info" and card.tone == "good"):
            card.tone = tone
        if n.advice and n.advice not in card.advice:
            card.advice.append(n.advice)
    for card in cards.values():
        if card.advice and card.tone == "good":
            card.tone = "todo"
    return sorted(cards.values(), key=lambda c: (c.anchor, c.time_s or 0.0))


def drop_repeated_advice(cards: Sequence[Card]) -> None:
    """Advice (and "not met yet") is shown at its first card only; later cards just name it."""
    seen: set[str] = set()
    for card in cards:
        card.advice = [a for a in card.advice if a not in seen]
        seen.update(card.advice)
        if card.kind == "evidence" and card.body:
            body, card.body = card.body, "" if card.body in seen else card.body
            seen.add(body)


def _name(session: Session, note: Annotation) -> tuple[str, str, str]:
    """A card's name for one annotation, its tone, and a line saying more (or "")."""
    finding = note.signal_id
    if finding in PITFALLS:
        return _FINDING_NAMES.get(finding, finding or ""), "warn", ""
    if finding is not None:
        signal = session.scorecard.signals.get(finding)
        style = style_of(finding, note.label)
        title = _FINDING_NAMES.get(finding, finding)
        if style == "pitfall":
            return f"costs {title}", "warn", ""
        name = f"time marker {note.label}" if style == "time" else None
        if name is None:
            name = TAG_NAMES.get(note.label, note.label) if note.label else finding
        if signal is not None and not signal.hit:
            return name, "good", f"Counts toward {title}, which is not met yet."
        return name, "good", ""
    if note.kind == "filler":
        return f"filler \u201c{note.text}\u201d", "info", ""
    if note.kind == "pause":
        return note.label, "info", ""
    if note.kind == "target":
        return f"{note.label} target passed", "info", note.text.capitalize()
    return note.title, "info", ""


def merge_fillers(cards: list[Card]) -> list[Card]:
    """The fillers of one row as one card, at the first of them."""
    fillers = [c for c in cards if c.kind == "filler"]
    if len(fillers) < 2:
        return cards
    said = [name.removeprefix("filler ") for c in fillers for name in c.names]
    first = fillers[0]
    first.names = [f"{len(said)} fillers: {', '.join(said)}"]
    return [c for c in cards if c.kind != "filler" or c is first]


def card_html(card: Card, spoken: bool) -> str:
    when = seek_button(card.time_s) if spoken and card.time_s is not None else ""
    mark = {"good": "\u2713", "warn": "\u26a0", "todo": "\u2192", "info": "\u2022"}[card.tone]
    names = " \u00b7 ".join(card.names)
    head = (
        f'<p class="card-h">{when}<span class="card-icon" aria-hidden="true">{mark}</span> '
        f"<strong>{escape(names)}</strong></p>"
    )
    body = f'<p class="card-b">{escape(card.body)}</p>' if card.body else ""
    advice = "".join(f'<p class="card-a">{escape(a)}</p>' for a in card.advice)
    return (
        f'<li class="card card-{card.tone}" data-kind="{escape(card.kind)}">{head}{body}{advice}'
        "</li>"
    )


def seek_button(seconds: float) -> str:
    clock = format_clock(seconds)
    return (
        f'<button type="button" class="seek" data-seek="{seconds:.3f}" '
        f'aria-label="Play from {clock}">{clock}</button>'
    )
