"""Time markers in every spoken and transcribed form, normalised to T-relative labels.

A marker is a point on the incident timeline ("T plus five", "1420", "twenty past six",
"the next morning", "within two weeks"). Durations that are not points on the timeline
("weeks of planning", "a 30-minute call", "I spent ten minutes") are not markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import HOUR_WORD, MINUTE_WORD, NUMBER, parse_number

MINUTES_PER_DAY = 1440

# Kinds of marker, from finest to coarsest.
TPLUS = "tplus"  # "T+5", "tee plus five", "T plus 2 hours"
CLOCK = "clock"  # "14:20", "1420", "twenty past two", "at about nine"
RELATIVE = "relative"  # "five minutes after the page", "by minute eight", "forty minutes in"
SAMEDAY = "sameday"  # "that afternoon", "by lunchtime", "by sunrise"
LATER = "later"  # "the next morning", "within two weeks", "a month later"

_I = re.IGNORECASE
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

_TPLUS_RE = re.compile(
    rf"\b(?:t|tee)\s*(?:\+\s*|plus\s+|-plus-)({NUMBER})"
    r"(?:\s*(minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w)\b)?",
    _I,
)
_CLOCK_COLON_RE = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)(?!\d)(?:\s*([ap])\.?\s?m\b\.?)?", _I)
_CLOCK_DOT_RE = re.compile(
    r"\b([01]?\d|2[0-3])\.([0-5]\d)(?!\d|\.\d)(?:\s*([ap])\.?\s?m\b\.?)?", _I
)
_MILITARY_RE = re.compile(r"\b([01]\d|2[0-3])([0-5]\d)(?!\d)(?:\s*(?:utc|gmt|hours|hrs)\b)?", _I)
_CLOCK_CONTEXT = re.compile(
    r"(?:\b(?:at|was|about|around|by|until|till|from|before|after|is|roughly|approximately)"
    r"[\s,]*(?:(?:um|uh|like|about|around|roughly|just)[\s,]+)*)$",
    _I,
)
_SPOKEN_CLOCK_RE = re.compile(
    rf"\b({MINUTE_WORD})\s+(past|to|after)\s+({HOUR_WORD}|midnight|noon)\b"
    r"(?!\s*(?:minutes?|hours?|seconds?|percent|times|of\b|or\b|%))",
    _I,
)
_HALF_HOUR_RE = re.compile(
    r"\bhalf\s+(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b"
    r"(?!\s*(?:minutes?|hours?|of\b))",
    _I,
)
_AT_HOUR_RE = re.compile(
    r"\b(?:at|by|around|about|until|till|just after|a little after|shortly after|not long after|"
    r"just before|shortly before|roughly)\s+(?:(?:about|around|roughly|exactly|just)\s+)?"
    rf"({HOUR_WORD}|midnight|noon|midday)(?![:.]\d|\d)"
    r"(\s*(?:o'clock|[ap]\.?\s?m\b\.?|in the (?:morning|afternoon|evening)|at night|"
    r"that (?:night|morning|evening|afternoon)))?",
    _I,
)
_HOUR_FOLLOW_OK = re.compile(
    r"\s*(?:[,.;:!?)\u2014-]|$|(?:on|in (?:the|that)|that|this|we|i|it|the|when|so|sharp|"
    r"utc|gmt|local|our|my|they|there|with|or so|everything|things|he|she)\b)",
    _I,
)
_AMPM_RE = re.compile(rf"\b({HOUR_WORD})\s*([ap])\.?\s?m\b\.?", _I)
_IN_THE_RE = re.compile(rf"\b({HOUR_WORD})\s+in the (morning|afternoon|evening)\b", _I)
_DAYPART_RE = re.compile(
    r"\b(?:(?:by|at|around|before|until|about)\s+)?(?:just\s+)?"
    r"(?:midnight|midday|noon|lunchtime|lunch time|sunrise|dawn|daybreak|mid-?afternoon|"
    r"mid-?morning|(?:that|the same|this) (?:morning|afternoon|evening|night)|later that day|"
    r"(?:by )?(?:the )?end of (?:the|that) day|close of business)\b(?!'s)",
    _I,
)
_RELATIVE_RE = re.compile(
    r"\b(?:(?:about|around|roughly|some|maybe|only|just|nearly|almost|within|inside|"
    r"in under|under)\s+)?(?:(?:about|around|roughly|maybe)\s+)?"
    rf"({NUMBER})\s+(minutes?|mins?|hours?|seconds?)(?:\s+or\s+(?:so|two|three))?\s+"
    r"(after|later|in\b|into|of (?:the|that|our)\b|since|from the)",
    _I,
)
_WITHIN_SHORT_RE = re.compile(
    rf"\b(?:within|inside|in under)\s+(?:about\s+|around\s+)?({NUMBER})\s+(seconds?|minutes?)\b",
    _I,
)
_MINUTE_N_RE = re.compile(
    rf"\b(?:at|by|around|in|about)\s+(?:minute\s+({NUMBER})\b|the\s+({NUMBER})[- ]minute\s+mark)",
    _I,
)
_NEXT_RE = re.compile(
    rf"\b(?:the\s+)?(?:next|following)\s+(morning|day|afternoon|evening|night|week|month|weekend|"
    rf"{_WEEKDAY}|sprint|release|deploy|launch|cycle|on-sale)\b|"
    r"\bthe (?:day|week|month) after\b|\ba sprint later\b",
    _I,
)
_THE_WEEKDAY_RE = re.compile(
    rf"\b(?:(?:was|by|until)\s+the\s+(?:following\s+)?|by\s+)({_WEEKDAY})\b(?!\s+(?:of|before)\b)|"
    r"\blater that (?:week|month)\b",
    _I,
)
_DAYS_RE = re.compile(
    r"\b(?:(within|in|after|over|inside|by|about|around|roughly|some|nearly|under)\s+)?"
    r"(?:(?:about|around|roughly|another|a further|just under|nearly|the next|the following)\s+)?"
    rf"({NUMBER}|a few|several)\s+(days?|weeks?|fortnights?|months?)"
    r"(?:\s+(later|after(?:wards)?|out)\b)?",
    _I,
)
_FORTNIGHT_RE = re.compile(
    r"\b(?:(within|in|after|inside|by)\s+)(?:about\s+)?a\s+fortnight\b|\ba fortnight (later)\b", _I
)
_DAY_N_RE = re.compile(rf"\b(?:on|by)\s+day\s+({NUMBER})\b", _I)
_END_OF_RE = re.compile(
    r"\b(?:by\s+|before\s+|at\s+)?the\s+end\s+of\s+(?:that|the|this|the following|the next)\s+"
    r"(week|month|sprint|quarter)\b",
    _I,
)
_DURATION_BEFORE = re.compile(
    r"\b(?:for|spent|spend|took|takes|take|keeps|kept|last|past|previous|every|each|lost|wasted)"
    r"\s+(?:(?:about|around|roughly|another|a good|the better part of|over|almost|nearly)\s+)*$",
    _I,
)
_DURATION_AFTER = re.compile(r"\s*(?:of\b|earlier|before|ago|prior|old\b|behind)", _I)


# One pass over the words finds cheap keywords; each full pattern then runs only around the
# keywords it needs (the full patterns are slow to scan over a whole answer).
_TOKEN = re.compile(r"[A-Za-z]+|\d+(?:[:.]\d\d)?|\+")
_GATE_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ("minute", "minutes", "min", "mins", "hour", "hours", "second", "seconds"), "short"
    ),
    **dict.fromkeys(
        ("day", "days", "week", "weeks", "fortnight", "fortnights", "month", "months"), "long"
    ),
    **dict.fromkeys(("past", "to", "after"), "rel"),
    **dict.fromkeys(("t", "tee"), "tplus"),
    **dict.fromkeys(("am", "pm", "m"), "ampm"),
    **dict.fromkeys(
        (
            "midnight",
            "midday",
            "noon",
            "lunch",
            "lunchtime",
            "sunrise",
            "dawn",
            "daybreak",
            "afternoon",
            "morning",
            "evening",
            "night",
            "business",
        ),
        "part",
    ),
    **dict.fromkeys(
        (
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ),
        "hour",
    ),
    "half": "half",
    **dict.fromkeys(("next", "following", "sprint"), "next"),
    **dict.fromkeys(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), "weekday"
    ),
    "end": "end",
}


def _gate_hits(text: str) -> dict[str, list[tuple[int, int]]]:
    hits: dict[str, list[tuple[int, int]]] = {}
    for m in _TOKEN.finditer(text):
        token = m.group()
        if token[0].isdigit():
            if ":" in token or "." in token:
                group = "colon"
            elif len(token) == 4:
                group = "four"
            elif len(token) <= 2:
                group = "hour"
            else:
                continue
        else:
            found = _GATE_WORDS.get(token.lower())
            if found is None:
                continue
            group = found
        hits.setdefault(group, []).append(m.span())
    return hits


def _gated(
    full: re.Pattern[str],
    spans: list[tuple[int, int]],
    text: str,
    back: int = 70,
    fwd: int = 40,
) -> list[re.Match[str]]:
    """Matches of `full` that cover one of the keyword `spans`."""
    found: dict[tuple[int, int], re.Match[str]] = {}
    for gs, ge in spans:
        lo = max(0, gs - back)
        hi = min(len(text), ge + fwd)
        for m in full.finditer(text, lo, hi):
            if m.start() <= gs and m.end() >= ge:
                found.setdefault(m.span(), m)
    return [found[k] for k in sorted(found)]


@dataclass(frozen=True)
class Marker:
    """One time marker: where it is, what kind, and minutes after detection when known."""

    start: int
    end: int
    text: str
    kind: str
    minutes: float | None = None  # offset from detection, when it can be worked out
    clock: float | None = None  # minutes since midnight, for clock times

    @property
    def is_later(self) -> bool:
        """True for markers a day or more after detection."""
        return self.kind == LATER or (self.minutes is not None and self.minutes >= MINUTES_PER_DAY)

    @property
    def label(self) -> str:
        """'T+0', 'T+5', 'T+2h', 'T+14d', or 'same day' when only the part of the day is known."""
        if self.minutes is None:
            return "same day" if self.kind in (SAMEDAY, CLOCK) else "later"
        m = self.minutes
        if m < 60:
            return f"T+{round(m)}"
        if m < MINUTES_PER_DAY:
            return f"T+{round(m / 60)}h"
        return f"T+{round(m / MINUTES_PER_DAY)}d"


def _unit_minutes(unit: str | None) -> float:
    u = (unit or "m").lower()
    if u.startswith("h"):
        return 60.0
    if u.startswith("d"):
        return float(MINUTES_PER_DAY)
    if u.startswith("w"):
        return 7.0 * MINUTES_PER_DAY
    if u.startswith("s"):
        return 1 / 60
    if u.startswith("f"):
        return 14.0 * MINUTES_PER_DAY
    if u.startswith("mo"):
        return 30.0 * MINUTES_PER_DAY
    return 1.0


def _hour_value(word: str) -> float | None:
    w = word.lower()
    if w == "midnight":
        return 0.0
    if w in ("noon", "midday"):
        return 12.0
    value = parse_number(w)
    return value


def _clock_minutes(hour: float, minute: float, ampm: str | None) -> float:
    h = hour % 12 if ampm else hour
    if ampm and ampm.lower().startswith("p"):
        h += 12
    return h * 60 + minute


def _spoken_minutes(minute_word: str, relation: str, hour_word: str) -> float | None:
    hour = _hour_value(hour_word)
    w = minute_word.lower().strip()
    if w.endswith("quarter"):
        minute: float | None = 15
    elif w == "half":
        minute = 30
    else:
        minute = parse_number(w)
    if hour is None or minute is None or minute >= 60:
        return None
    if relation.lower() == "to":
        return (hour - 1) * 60 + (60 - minute)
    return hour * 60 + minute


def _find_raw(text: str) -> list[Marker]:
    found: list[Marker] = []
    hits = _gate_hits(text)

    def near(full: re.Pattern[str], *groups: str) -> list[re.Match[str]]:
        spans = sorted(span for g in groups for span in hits.get(g, ()))
        return _gated(full, spans, text) if spans else []

    def add(
        m: re.Match[str], kind: str, minutes: float | None = None, clock: float | None = None
    ) -> None:
        found.append(Marker(m.start(), m.end(), m.group(0), kind, minutes, clock))

    for m in near(_TPLUS_RE, "tplus"):
        value = parse_number(m.group(1))
        if value is not None:
            add(m, TPLUS, value * _unit_minutes(m.group(2)))
    for m in near(_CLOCK_COLON_RE, "colon"):
        add(m, CLOCK, clock=_clock_minutes(float(m.group(1)), float(m.group(2)), m.group(3)))
    for m in near(_CLOCK_DOT_RE, "colon"):
        if m.group(3) or _CLOCK_CONTEXT.search(text[max(0, m.start() - 30) : m.start()]):
            add(m, CLOCK, clock=_clock_minutes(float(m.group(1)), float(m.group(2)), m.group(3)))
    for m in near(_MILITARY_RE, "four"):
        if _CLOCK_CONTEXT.search(text[max(0, m.start() - 30) : m.start()]):
            add(m, CLOCK, clock=float(m.group(1)) * 60 + float(m.group(2)))
    for m in near(_SPOKEN_CLOCK_RE, "rel"):
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if re.search(r"\b(?:from|between)\s+$", before):
            continue
        add(m, CLOCK, clock=_spoken_minutes(m.group(1), m.group(2), m.group(3)))
    for m in near(_HALF_HOUR_RE, "half"):
        hour = _hour_value(m.group(1))
        add(m, CLOCK, clock=None if hour is None else hour * 60 + 30)
    for m in near(_AT_HOUR_RE, "hour", "part"):
        bare = not m.group(2)
        if bare and (
            m.group(1).lower() in ("one", "1") or not _HOUR_FOLLOW_OK.match(text, m.end())
        ):
            continue
        if re.search(r"\b(?:to|from|between)\s+$", text[max(0, m.start() - 8) : m.start()]):
            continue
        if True:
            hour = _hour_value(m.group(1))
            add(m, CLOCK, clock=None if hour is None else hour * 60)
    for m in near(_AMPM_RE, "ampm"):
        hour = _hour_value(m.group(1))
        add(m, CLOCK, clock=None if hour is None else _clock_minutes(hour, 0, m.group(2)))
    for m in near(_IN_THE_RE, "part"):
        hour = _hour_value(m.group(1))
        add(m, CLOCK, clock=None if hour is None else hour * 60)
    for m in near(_DAYPART_RE, "part", "day", "long"):
        add(m, SAMEDAY)
    for m in near(_RELATIVE_RE, "short"):
        value = parse_number(m.group(1))
        if value is not None and not _DURATION_BEFORE.search(
            text[max(0, m.start() - 30) : m.start()]
        ):
            add(m, RELATIVE, value * _unit_minutes(m.group(2)))
    for m in near(_WITHIN_SHORT_RE, "short"):
        value = parse_number(m.group(1))
        if value is not None:
            add(m, RELATIVE, value * _unit_minutes(m.group(2)))
    for m in near(_MINUTE_N_RE, "short", "minute"):
        value = parse_number(m.group(1) or m.group(2))
        if value is not None:
            add(m, RELATIVE, value)
    for m in near(_NEXT_RE, "next", "rel", "long"):
        if _DURATION_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        unit = (m.group(1) or ("sprint" if "sprint" in m.group(0).lower() else "day")).lower()
        if m.group(0).lower().startswith("the week"):
            unit = "week"
        elif m.group(0).lower().startswith("the month"):
            unit = "month"
        days = {"week": 7, "month": 30, "weekend": 3, "sprint": 14}.get(
            unit, 1 if unit in _DAYLIKE else 3
        )
        add(m, LATER, days * MINUTES_PER_DAY)
    for m in near(_THE_WEEKDAY_RE, "weekday", "long"):
        add(m, LATER, 3 * MINUTES_PER_DAY)
    for m in near(_DAYS_RE, "long"):
        prefix, count, unit, suffix = m.group(1), m.group(2), m.group(3), m.group(4)
        if not (prefix or suffix):
            continue
        loose = prefix and prefix.lower() in (
            "about",
            "around",
            "roughly",
            "some",
            "nearly",
            "under",
        )
        if loose and not suffix:
            continue
        if _DURATION_AFTER.match(text, m.end()):
            continue
        if _DURATION_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        value = parse_number(count) if count.lower() not in ("a few", "several") else 3.0
        if value is not None:
            add(m, LATER, value * _unit_minutes(unit))
    for m in near(_FORTNIGHT_RE, "long", "fortnight"):
        add(m, LATER, 14.0 * MINUTES_PER_DAY)
    for m in near(_DAY_N_RE, "long", "day"):
        value = parse_number(m.group(1))
        if value is not None:
            add(m, LATER, max(value - 1, 1) * MINUTES_PER_DAY)
    for m in near(_END_OF_RE, "end"):
        unit = m.group(1).lower()
        if unit == "quarter" and re.search(r"\bof the quarter", m.group(0), _I):
            continue  # "by the end of the quarter" is usually a business deadline
        add(m, LATER, {"week": 7, "month": 30, "sprint": 14, "quarter": 90}[unit] * MINUTES_PER_DAY)
    return found


_DAYLIKE = {"morning", "day", "afternoon", "evening", "night"}


def _dedupe(markers: list[Marker]) -> list[Marker]:
    markers.sort(key=lambda k: (k.start, -(k.end - k.start)))
    kept: list[Marker] = []
    for marker in markers:
        if kept and marker.start < kept[-1].end:
            prev = kept[-1]
            if marker.end - marker.start > prev.end - prev.start:
                kept[-1] = marker
            continue
        kept.append(marker)
    return kept


def _anchor(markers: list[Marker]) -> list[Marker]:
    """Fill minutes for clock times relative to the first clock time (detection)."""
    anchor: float | None = None
    zero_clock = [m for m in markers if m.kind == TPLUS and m.minutes == 0]
    out: list[Marker] = []
    for marker in markers:
        if marker.kind == CLOCK and marker.clock is not None:
            if anchor is None:
                anchor = marker.clock
                out.append(_with_minutes(marker, 0.0))
                continue
            diff = (marker.clock - anchor) % MINUTES_PER_DAY
            if diff > 12 * 60 and "m" not in marker.text.lower()[-4:]:
                diff = (marker.clock - anchor) % 720
            out.append(_with_minutes(marker, diff))
        else:
            out.append(marker)
    del zero_clock
    return out


def _with_minutes(marker: Marker, minutes: float) -> Marker:
    return Marker(marker.start, marker.end, marker.text, marker.kind, minutes, marker.clock)


def find_markers(text: str, skip: list[tuple[int, int]] | None = None) -> list[Marker]:
    """All time markers in `text`, in order; spans inside `skip` ranges are left out."""
    return filter_markers(_dedupe(_find_raw(text)), skip)


def raw_markers(text: str) -> list[Marker]:
    """Every marker in `text` before anchoring (for `filter_markers`)."""
    return _dedupe(_find_raw(text))


def filter_markers(
    markers: list[Marker], skip: list[tuple[int, int]] | None = None
) -> list[Marker]:
    """Drop markers inside `skip` ranges, then work out offsets from detection."""
    if skip:
        markers = [m for m in markers if not any(s <= m.start < e for s, e in skip)]
    return _anchor(list(markers))
