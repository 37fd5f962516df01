"""The report's transcript: evidence as continuous highlighted phrases, notes beside their words.

The answer is cut into rows (a sentence with notes, plus the plain sentences after it); each row
shows its text on the left and its notes on the right (below it on a narrow screen). Evidence
becomes one `<mark>` per phrase, styled by what it shows (a time marker, the mitigation, a
pitfall, ...), with a short text tag after it so nothing is told by colour alone. Spoken answers
keep one focusable `.w` span per word, which the page's script uses to seek the recording.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

from mock_interviewer.report.annotations import Annotation
from mock_interviewer.report.html_notes import (
    TAG_NAMES,
    Card,
    card_html,
    drop_repeated_advice,
    merge_fillers,
    seek_button,
    style_of,
)
from mock_interviewer.report.html_notes import cards as notes_cards
from mock_interviewer.scorecard import PITFALLS, Evidence
from mock_interviewer.sessions import Session

# Highlight styles, in legend order: (style, legend name, what it means).
STYLES: tuple[tuple[str, str, str], ...] = (
    ("time", "time marker", "anchors the story in time"),
    ("mitigation", "mitigation", "what stopped the harm"),
    ("fix", "fix", "what repaired the cause"),
    ("prevention", "prevention", "what stops it happening again"),
    ("principle", "why that step", "the stopgap argued as cheap and reversible"),
    ("systemic", "systemic cause", "the cause framed as a gap in the system"),
    ("reflection", "reflection", "what you would do differently"),
    ("pitfall", "pitfall", "costs the grade: blame, conflation, lone hero"),
    ("filler", "filler", "a word to drop (um, uh, you know)"),
)
_SENTENCE_END = re.compile(r"[.?!][\"'\u201d\u2019)]*$")


@dataclass
class _Mark:
    """One highlighted phrase: characters [start, end), its style and the tags after it."""

    start: int
    end: int
    style: str
    tags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Part:
    """One answer of the session (the answer, then each follow-up) as a character range."""

    start: int
    end: int
    label: str  # "answer" or "follow_up"
    question: str
    time_s: float | None


def used_styles(session: Session, notes: Sequence[Annotation]) -> list[str]:
    """The highlight styles this session's transcript uses, in legend order."""
    found = {style for _, style, _ in _evidence(session)}
    if any(n.kind == "filler" for n in notes):
        found.add("filler")
    return [s for s, _, _ in STYLES if s in found]


def transcript_html(session: Session, notes: Sequence[Annotation], spoken: bool) -> str:
    """The transcript's rows (text and notes) for the `#transcript` box."""
    text = session.transcript.text
    words = list(session.transcript.word_offsets) if session.transcript.timed else []
    tokens = words or [m.span() for m in re.finditer(r"\S+", text)]  # typed: whole words too
    marks = _marks(session, tokens)
    fillers = [
        _Mark(n.start_char, n.end_char, "filler")
        for n in notes
        if n.kind == "filler" and n.start_char is not None and n.end_char is not None
    ]
    fillers = [m for m in (_snap(f, tokens) for f in fillers) if m is not None]
    cards = notes_cards(session, notes)
    markers = _markers(notes)
    parts = _parts(session)
    sentences = [
        (n, lo, hi) for n, part in enumerate(parts) for lo, hi in _rows(text, part, words, marks)
    ]
    noted: dict[int, list[Card]] = {}
    for card in cards:
        at = next(
            (r for r, (_, lo, hi) in enumerate(sentences) if lo <= card.anchor < hi),
            len(sentences) - 1,
        )
        noted.setdefault(at, []).append(card)
    # a row: a sentence with notes and the plain sentences after it, within one part
    rows: list[tuple[int, int, int]] = []
    placed: dict[int, list[Card]] = {}
    for r, (n, lo, hi) in enumerate(sentences):
        if rows and rows[-1][0] == n and r not in noted:
            rows[-1] = (n, rows[-1][1], hi)
        else:
            rows.append((n, lo, hi))
        if r in noted:
            placed.setdefault(len(rows) - 1, []).extend(noted[r])
    drop_repeated_advice(cards)
    out: list[str] = []
    for r, (n, lo, hi) in enumerate(rows):
        part = parts[n]
        framed = len(parts) > 1
        if framed and lo == part.start:
            out.append(_part_open(part, spoken))
        body = _render(
            text,
            lo,
            hi,
            [*_clip(marks, lo, hi), *_clip(fillers, lo, hi)],
            [(i, w) for i, w in enumerate(words) if lo <= w[0] < hi],
            [m for m in markers if lo <= m[0] < hi],
            session,
        )
        side = "".join(card_html(c, spoken) for c in merge_fillers(placed.get(r, [])))
        out.append(
            f'<div class="row"><p class="said">{body}</p>'
            + (f'<ul class="cards">{side}</ul>' if side else "")
            + "</div>"
        )
        if framed and hi == part.end:
            out.append("</section>")
    return "".join(out)


def _evidence(session: Session) -> list[tuple[str, str, Evidence]]:
    """(finding id, style, evidence) for every highlighted span: all signals, found pitfalls."""
    card = session.scorecard
    found = [(k, style_of(k, e.label), e) for k, f in card.signals.items() for e in f.evidence]
    found += [
        (k, style_of(k, e.label), e) for k, f in card.pitfalls.items() if f.hit for e in f.evidence
    ]
    size = len(session.transcript.text)
    return [(k, s, e) for k, s, e in found if 0 <= e.start_char < e.end_char <= size]


def _marks(session: Session, words: Sequence[tuple[int, int]]) -> list[_Mark]:
    """Evidence snapped to whole words, overlapping spans of one style joined into one phrase."""
    raw: list[_Mark] = []
    for key, style, e in _evidence(session):
        tag = e.label if style == "time" or key in PITFALLS else (e.label or key)
        mark = _Mark(e.start_char, e.end_char, style, [TAG_NAMES.get(tag, tag or key)])
        snapped = _snap(mark, words)
        if snapped is not None:
            raw.append(snapped)
    joined: list[_Mark] = []
    for mark in sorted(raw, key=lambda m: (m.style, m.start, -m.end)):
        last = joined[-1] if joined else None
        if last is not None and last.style == mark.style and mark.start < last.end:
            last.end = max(last.end, mark.end)
            last.tags += [t for t in mark.tags if t not in last.tags]
        else:
            joined.append(mark)
    return sorted(joined, key=lambda m: (m.start, -m.end))


def _snap(mark: _Mark, words: Sequence[tuple[int, int]]) -> _Mark | None:
    """The mark widened to the whole words it touches; None when it touches no word."""
    inside = [(a, b) for a, b in words if a < mark.end and b > mark.start]
    if not inside:
        return None
    return _Mark(inside[0][0], inside[-1][1], mark.style, list(mark.tags))


def _clip(marks: Iterable[_Mark], lo: int, hi: int) -> list[_Mark]:
    """The marks' pieces inside [lo, hi); a piece cut short keeps its tags only at its end."""
    out = []
    for m in marks:
        if m.start < hi and m.end > lo:
            tags = m.tags if m.end <= hi else []
            out.append(_Mark(max(m.start, lo), min(m.end, hi), m.style, tags))
    return out


def _parts(session: Session) -> list[_Part]:
    """The answer and its follow-ups as character ranges, from the session's `extra.parts`."""
    transcript = session.transcript
    text = transcript.text
    raw: list[dict[str, Any]] = [
        p for p in session.info.extra.get("parts") or [] if isinstance(p, dict) and "start_s" in p
    ]
    if not transcript.timed or len(raw) < 2:
        return [_Part(0, len(text), "answer", "", None)]
    parts: list[_Part] = []
    for n, part in enumerate(raw):
        first = next(
            (i for i, w in enumerate(transcript.words) if w.start >= float(part["start_s"])), None
        )
        if first is None:
            continue
        start = 0 if n == 0 else transcript.word_offsets[first][0]
        if parts:
            previous = parts[-1]
            parts[-1] = _Part(previous.start, start, previous.label, previous.question, None)
        parts.append(
            _Part(
                start,
                len(text),
                str(part.get("label", "answer")),
                str(part.get("question", "")),
                transcript.words[first].start,
            )
        )
    if not parts:
        return [_Part(0, len(text), "answer", "", None)]
    first_part = parts[0]
    parts[0] = _Part(0, first_part.end, first_part.label, first_part.question, first_part.time_s)
    return parts


def _part_open(part: _Part, spoken: bool) -> str:
    follow = part.label == "follow_up"
    title = "Follow-up answer" if follow else "Your answer"
    asked = "The interviewer asked" if follow else "Question"
    when = ""
    if spoken and part.time_s is not None and follow:
        when = seek_button(part.time_s) + " "
    question = f"{asked}: <q>{escape(part.question)}</q>" if part.question else ""
    cls = "part part-follow" if follow else "part"
    return (
        f'<section class="{cls}" aria-label="{title}"><p class="part-h">'
        f'{when}<strong>{title}</strong><span class="asked">{question}</span></p>'
    )


def _rows(
    text: str, part: _Part, words: Sequence[tuple[int, int]], marks: Sequence[_Mark]
) -> list[tuple[int, int]]:
    """A part cut into sentences, never inside a highlighted phrase."""
    lo, hi = part.start, part.end
    if words:
        ends = [b for a, b in words if lo <= a < hi and _SENTENCE_END.search(text[a:b])]
    else:
        ends = [m.end() for m in re.finditer(r"[.?!][\"'\u201d\u2019)]*(?=\s)", text[lo:hi])]
        ends = [lo + e for e in ends]
    cuts = []
    for end in ends:
        nxt = end
        while nxt < hi and text[nxt].isspace():
            nxt += 1
        if lo < nxt < hi and not any(m.start < nxt < m.end for m in marks):
            cuts.append(nxt)
    edges = [lo, *sorted(set(cuts)), hi]
    return [(a, b) for a, b in itertools.pairwise(edges) if b > a]


def _render(
    text: str,
    lo: int,
    hi: int,
    marks: Sequence[_Mark],
    words: Sequence[tuple[int, tuple[int, int]]],
    markers: Sequence[tuple[int, str]],
    session: Session,
) -> str:
    """Text [lo, hi) with nested marks (re-opened where two phrases cross) and word spans."""
    cuts = {lo, hi}
    for m in marks:
        cuts.update((m.start, m.end))
    for _, (a, b) in words:
        cuts.update((a, b))
    cuts.update(p for p, _ in markers)
    positions = sorted(c for c in cuts if lo <= c <= hi)
    starts = {a: (i, (a, b)) for i, (a, b) in words}
    ends = {b for _, (_, b) in words}
    stack: list[_Mark] = []
    out: list[str] = []
    word_open = False
    for n, p in enumerate(positions):
        if word_open and p in ends:
            out.append("</span>")
            word_open = False
        closing = [m for m in stack if m.end == p]
        if closing:
            depth = min(stack.index(m) for m in closing)
            popped = stack[depth:]
            del stack[depth:]
            for m in reversed(popped):
                out.append(_close(m))
                if m.end == p:
                    out.append(_tags(m))
            for m in popped:
                if m.end != p:
                    stack.append(m)
                    out.append(_open(m))
        out.extend(html for at, html in markers if at == p)
        for m in sorted((m for m in marks if m.start == p), key=lambda m: -m.end):
            stack.append(m)
            out.append(_open(m))
        if p in starts and p < hi:
            i, (a, b) = starts[p]
            word = session.transcript.words[i]
            out.append(
                f'<span class="w" tabindex="{0 if i == 0 else -1}" '
                f'data-start="{word.start:.3f}" data-end="{word.end:.3f}">'
            )
            word_open = True
        if n + 1 < len(positions):
            out.append(escape(text[p : positions[n + 1]]))
    if word_open:
        out.append("</span>")
    out.extend(_close(m) for m in reversed(stack))
    return "".join(out)


def _open(mark: _Mark) -> str:
    if mark.style == "filler":
        return '<span class="filler">'
    return f'<mark class="ev ev-{mark.style}">'


def _close(mark: _Mark) -> str:
    return "</span>" if mark.style == "filler" else "</mark>"


def _tags(mark: _Mark) -> str:
    if not mark.tags:
        return ""
    label = " \u00b7 ".join(mark.tags)
    return f'<span class="tag tag-{mark.style}">{escape(label)}</span>'


def _markers(notes: Sequence[Annotation]) -> list[tuple[int, str]]:
    """Inline markers for long pauses and the target crossing, at the word that follows."""
    out = []
    for n in notes:
        if n.start_char is None:
            continue
        if n.kind == "pause":
            out.append(
                (n.start_char, f'<span class="marker marker-pause">{escape(n.label)}</span> ')
            )
        elif n.kind == "target":
            out.append(
                (
                    n.start_char,
                    f'<span class="marker marker-target">{escape(n.label)} target passed</span> ',
                )
            )
    return out
