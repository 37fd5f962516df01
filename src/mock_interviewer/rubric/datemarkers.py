"""Later points of the story read from the parse: the DATE entities that `rules/timeline.toml`
keeps as points a day or more after detection, where the marker patterns found none."""

from __future__ import annotations

from .nlp import parse
from .numbers import parse_number
from .rulebook import ruleset
from .timemarkers import LATER, Marker, unit_minutes

_UNITS = frozenset({"day", "days", "week", "weeks", "fortnight", "month", "months", "quarter"})


def _minutes(text: str) -> float | None:
    words = text.lower().replace("-", " ").split()
    for i, word in enumerate(words):
        if word in _UNITS:
            count = parse_number(" ".join(words[max(0, i - 1) : i])) if i else None
            if words[max(0, i - 2) : i] == ["couple", "of"]:
                count = 2
            return (count or 1) * unit_minutes(word)
    return None


def later_dates(text: str, known: list[Marker]) -> list[Marker]:
    """Day-scale points the parse finds that overlap none of the `known` markers."""
    out: list[Marker] = []
    doc = parse(text)
    first = min((m.start for m in known), default=None)
    if first is None:
        return out  # no story clock to be later than
    story_from = doc.char_span(first, first + 1, alignment_mode="expand")
    opening_end = story_from.sent.end_char if story_from is not None else first
    for hit in ruleset("timeline").hits(doc, detects=("later_marker",)):
        if hit.start < opening_end or any(m.start < hit.end and hit.start < m.end for m in known):
            continue
        out.append(Marker(hit.start, hit.end, hit.text, LATER, _minutes(hit.text)))
    return out
