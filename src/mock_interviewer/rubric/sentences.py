"""Sentence splitting with character offsets, plus negation and quotation helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A boundary is end punctuation, optional closing quotes, then whitespace.
_BOUNDARY = re.compile(r"[.!?]+[\"'\u2019\u201d)\]]*\s+")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:a\.m|p\.m|e\.g|i\.e|etc|vs|approx|dr|mr|mrs|ms|st|no)\.|\b[A-Z]\.)$", re.IGNORECASE
)
_UPPER = re.compile(r"[A-Z]")
_LOWER_I = re.compile(r"(?<![\w'])i(?:'m|'d|'ll|'ve)?(?= [a-z])")
_AMPM_TAIL = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)
# Whisper rarely leaves very long runs, but typed answers sometimes do: cut them at clauses.
_LONG_WORDS = 55
_SOFT_BOUNDARY = re.compile(r"(?:[,;]\s+(?=(?:and then|so|then|but|after that)\b)|;\s+)")

_SPOKEN_BOUNDARY = re.compile(
    r"\s+(?=(?:so|then|and then|but|at|by|around|after|when|the fix|the root cause|root cause|"
    r"within|looking back|reflection|in hindsight|next time|now|for prevention|prevention|"
    r"for mitigation|mitigation|because|we|i|(?:on |for )?my own (?:part|judgement|judgment|call|"
    r"calibration)|in retrospect|what i'd|what i learned|what did i learn|the part i|"
    r"for me personally|for myself|these days|nowadays|since then|what i do|what i've|"
    r"what i changed|where i'd|the lesson|one thing i'd|the thing i'd|if i did it again)\b)",
    re.IGNORECASE,
)
_SCOPE_END = re.compile(r"\b(?:and|then|which|who)\b", re.IGNORECASE)
_NEGATOR = re.compile(
    r"\b(?:not|no|never|nothing|nobody|none|neither|nor|without|hardly|"
    r"\w+n't|cannot|wasn't|isn't|weren't|didn't|doesn't|don't)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:\u2014]|\s-\s|\bbut\b|\bbecause\b|\bso\b", re.IGNORECASE)
_QUOTED = re.compile(
    r"(?:(?<=\s)|(?<=^)|(?<=\())(?:'[^'\n]{1,120}?'|\"[^\"\n]{1,160}?\"|"
    r"\u2018[^\u2019\n]{1,160}?\u2019|\u201c[^\u201d\n]{1,160}?\u201d)(?=[\s,.;:!?)]|$)"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of the answer: its index and where it sits in the full text."""

    index: int
    start: int  # character offset into the transcript text
    end: int
    text: str

    def span(self, local_start: int, local_end: int) -> tuple[int, int]:
        """Global offsets of a span given relative to this sentence."""
        return self.start + local_start, self.start + local_end


def _raw_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    # A lower-cased transcript: a lower-case word after a full stop still starts a sentence.
    # A lower-case "i" twice is a transcript's voice too, whatever names are capitalised.
    lowercased = len(_UPPER.findall(text)) * 300 < len(text) or len(_LOWER_I.findall(text)) >= 2
    for match in _BOUNDARY.finditer(text):
        head = text[max(start, match.start() - 12) : match.start() + 1]
        nxt = text[match.end() : match.end() + 4]
        if _AMPM_TAIL.search(head) and lowercased:
            continue
        if _AMPM_TAIL.search(head):
            # "five a.m. I'd written": keep going unless a new sentence clearly starts.
            if not nxt[:1].isupper() or re.match(r"I\b|I'", nxt):
                continue
        elif _ABBREVIATIONS.search(head):
            continue
        if nxt[:1].islower() and not lowercased:
            continue
        spans.append((start, match.start() + len(match.group().rstrip())))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _soft_split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    chunk = text[start:end]
    words = len(chunk.split())
    if words <= _LONG_WORDS:
        return [(start, end)]
    # Unpunctuated speech (a raw transcript): cut before words that usually open a clause.
    sparse = chunk.count(",") + chunk.count(";") < words / 25
    boundary = _SPOKEN_BOUNDARY if sparse else _SOFT_BOUNDARY
    pieces: list[tuple[int, int]] = []
    cur = 0
    shortest = 8 if sparse else 12
    for match in boundary.finditer(chunk):
        if len(chunk[cur : match.start()].split()) >= shortest:
            pieces.append((start + cur, start + match.start() + 1))
            cur = match.end()
    pieces.append((start + cur, end))
    return pieces


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences whose offsets index into `text` exactly."""
    out: list[Sentence] = []
    for s, e in _raw_spans(text):
        for ps, pe in _soft_split(text, s, e):
            while ps < pe and text[ps].isspace():
                ps += 1
            while pe > ps and text[pe - 1].isspace():
                pe -= 1
            if pe > ps:
                out.append(Sentence(len(out), ps, pe, text[ps:pe]))
    return out


def clause_start(text: str, pos: int) -> int:
    """Start of the clause that contains `pos` (after the last comma, colon, 'but', ...)."""
    last = 0
    for match in _CLAUSE_BREAK.finditer(text, 0, pos):
        last = match.end()
    return last


def is_negated(text: str, pos: int, window: int = 7) -> bool:
    """True when a negator governs `pos`: same clause, at most `window` words before."""
    begin = clause_start(text, pos)
    before = text[begin:pos]
    words = before.split()
    tail = " ".join(words[-window:])
    # "it cost nothing and we added an alert": a conjunction ends the negator's reach.
    tail = _SCOPE_END.split(tail)[-1]
    return bool(_NEGATOR.search(tail))


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (reported speech, UI strings)."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def in_ranges(pos: int, ranges: list[tuple[int, int]]) -> bool:
    """True when `pos` falls inside one of `ranges`."""
    return any(s <= pos < e for s, e in ranges)
