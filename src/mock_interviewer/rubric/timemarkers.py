"""Time markers in every spoken and transcribed form, normalised to T-relative labels.

A marker is a point on the incident timeline ("T plus five", "1420", "twenty past six",
"the next morning", "within two weeks"). Durations that are not points on the timeline
("weeks of planning", "a 30-minute call", "I spent ten minutes") are not markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import timepatterns as tp
from .numbers import parse_number

MINUTES_PER_DAY = 1440

# Kinds of marker, from finest to coarsest.
TPLUS = "tplus"  # "T+5", "tee plus five", "T plus 2 hours"
CLOCK = "clock"  # "14:20", "1420", "twenty past two", "at about nine"
RELATIVE = "relative"  # "five minutes after the page", "by minute eight", "forty minutes in"
SAMEDAY = "sameday"  # "that afternoon", "by lunchtime", "by sunrise"
LATER = "later"  # "the next morning", "within two weeks", "a month later"


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
        if m < 0:
            return f"T-{round(-m)}" if m > -60 else f"T-{round(-m / 60)}h"
        if m < 60:
            return f"T+{round(m)}"
        if m < MINUTES_PER_DAY:
            return f"T+{round(m / 60)}h"
        return f"T+{round(m / MINUTES_PER_DAY)}d"


def unit_minutes(unit: str | None) -> float:
    """Minutes in one `unit` ("hours", "days", "weeks", "fortnight", "months", "quarter" ...);
    a bare number counts minutes."""
    u = (unit or "m").lower()
    if u.startswith("h"):
        return 60.0
    if u.startswith("d"):
        return float(MINUTES_PER_DAY)
    if u.startswith("w"):
        return 7.0 * MINUTES_PER_DAY
    if u.startswith("sp"):
        return 14.0 * MINUTES_PER_DAY
    if u.startswith("s"):
        return 1 / 60
    if u.startswith("f"):
        return 14.0 * MINUTES_PER_DAY
    if u.startswith("mo"):
        return 30.0 * MINUTES_PER_DAY
    if u.startswith("q"):
        return 90.0 * MINUTES_PER_DAY
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


class _Finder:
    """Markers found in `text`: each full pattern is tried only near its cheap gate's hits."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[Marker] = []
        self.hits = tp.gate_hits(text)

    def near(self, full: re.Pattern[str], *groups: str) -> list[re.Match[str]]:
        """Matches of `full` around the hits of the named gates."""
        spans = sorted(span for g in groups for span in self.hits.get(g, ()))
        return tp.gated(full, spans, self.text) if spans else []

    def add(
        self, m: re.Match[str], kind: str, minutes: float | None = None, clock: float | None = None
    ) -> None:
        """Keep one marker."""
        self.found.append(Marker(m.start(), m.end(), m.group(0), kind, minutes, clock))


def _find_raw(text: str) -> list[Marker]:
    finder = _Finder(text)
    _clock_markers(finder)
    _relative_markers(finder)
    _later_markers(finder)
    return finder.found


def _clock_markers(finder: _Finder) -> None:
    """T+ offsets, clock times in every spoken and written form, and parts of the day."""
    near, add, text = finder.near, finder.add, finder.text
    for m in near(tp.TPLUS_RE, "tplus"):
        value = parse_number(m.group(1))
        if value is not None:
            add(m, TPLUS, value * unit_minutes(m.group(2)))
    for m in near(tp.CLOCK_COLON_RE, "colon"):
        add(m, CLOCK, clock=_clock_minutes(float(m.group(1)), float(m.group(2)), m.group(3)))
    for m in near(tp.CLOCK_DOT_RE, "colon"):
        if m.group(3) or tp.CLOCK_CONTEXT.search(text[max(0, m.start() - 30) : m.start()]):
            add(m, CLOCK, clock=_clock_minutes(float(m.group(1)), float(m.group(2)), m.group(3)))
    for m in near(tp.MILITARY_RE, "four"):
        before = text[max(0, m.start() - 30) : m.start()]
        if (
            tp.CLOCK_CONTEXT.search(before)
            or tp.MILITARY_DAY_BEFORE.search(before)
            or tp.MILITARY_DAY_AFTER.match(text, m.end())
        ):
            add(m, CLOCK, clock=float(m.group(1)) * 60 + float(m.group(2)))
    for m in near(tp.SPOKEN_CLOCK_RE, "rel"):
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if re.search(r"\b(?:from|between)\s+$", before):
            continue
        add(m, CLOCK, clock=_spoken_minutes(m.group(1), m.group(2), m.group(3)))
    for m in near(tp.HOURLESS_RE, "rel"):
        add(m, CLOCK)
    for m in near(tp.SPOKEN_HM_RE, "hour"):
        hour, minute = _hour_value(m.group(1)), parse_number(m.group(2).replace("oh", ""))
        if hour is not None and minute is not None:
            add(m, CLOCK, clock=hour * 60 + minute)
    for m in near(tp.DIGIT_HM_RE, "hour"):
        add(m, CLOCK, clock=_clock_minutes(float(m.group(1)), float(m.group(2)), m.group(3)))
    for m in near(tp.ZERO_MILITARY_RE, "four"):
        add(m, CLOCK, clock=float(m.group(1)) * 60 + float(m.group(2)))
    for m in near(tp.HALF_HOUR_RE, "half"):
        hour = _hour_value(m.group(1))
        add(m, CLOCK, clock=None if hour is None else hour * 60 + 30)
    for m in near(tp.AT_HOUR_RE, "hour", "part"):
        bare = not m.group(2)
        if bare and (
            m.group(1).lower() in ("one", "1") or not tp.HOUR_FOLLOW_OK.match(text, m.end())
        ):
            continue
        if re.search(r"\b(?:to|from|between)\s+$", text[max(0, m.start() - 8) : m.start()]):
            continue
        hour = _hour_value(m.group(1))
        add(m, CLOCK, clock=None if hour is None else hour * 60)
    for m in near(tp.AMPM_RE, "ampm"):
        hour = _hour_value(m.group(1))
        add(m, CLOCK, clock=None if hour is None else _clock_minutes(hour, 0, m.group(2)))
    for m in near(tp.IN_THE_RE, "part"):
        hour = _hour_value(m.group(1))
        add(m, CLOCK, clock=None if hour is None else hour * 60)
    for m in near(tp.DAYPART_RE, "part", "day", "long"):
        add(m, SAMEDAY)


def _relative_markers(finder: _Finder) -> None:
    """Short offsets: "ten minutes later", "within five minutes", "minute 12"."""
    near, add, text = finder.near, finder.add, finder.text
    value: float | None
    for m in near(tp.RELATIVE_RE, "short"):
        if m.group(4):  # "a few minutes later": rough, but a point on the timeline
            value = 3.0 if m.group(4).lower() == "a few" else 2.0
            unit = m.group(5)
        else:
            value, unit = parse_number(m.group(1)), m.group(2)
        if value is not None and not tp.DURATION_BEFORE.search(
            text[max(0, m.start() - 30) : m.start()]
        ):
            add(m, RELATIVE, value * unit_minutes(unit))
    for m in near(tp.WITHIN_SHORT_RE, "short"):
        value = parse_number(m.group(1))
        if value is not None:
            add(m, RELATIVE, value * unit_minutes(m.group(2)))
    for m in near(tp.MINUTE_N_RE, "short", "minute"):
        value = parse_number(m.group(1) or m.group(2))
        if value is not None:
            add(m, RELATIVE, value)


def _later_markers(finder: _Finder) -> None:
    """Points days or weeks on: "the next day", "two weeks later", "by the end of the sprint"."""
    near, add, text = finder.near, finder.add, finder.text
    for m in near(tp.NEXT_RE, "next", "rel", "long"):
        if tp.DURATION_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        add(m, LATER, _next_days(m) * MINUTES_PER_DAY)
    for m in near(tp.THE_WEEKDAY_RE, "weekday", "long"):
        add(m, LATER, 3 * MINUTES_PER_DAY)
    for m in near(tp.DAYS_RE, "long"):
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
        if tp.DURATION_AFTER.match(text, m.end()):
            continue
        if tp.DURATION_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        value = parse_number(count) if count.lower() not in ("a few", "several") else 3.0
        if value is not None:
            add(m, LATER, value * unit_minutes(unit))
    for m in near(tp.FORTNIGHT_RE, "long", "fortnight"):
        add(m, LATER, 14.0 * MINUTES_PER_DAY)
    for m in near(tp.WEEK_N_RE, "long"):
        value = parse_number(m.group(1))
        if value is not None:
            add(m, LATER, max(value - 1, 1) * 7 * MINUTES_PER_DAY)
    for m in near(tp.DAY_N_RE, "long", "day"):
        value = parse_number(m.group(1))
        if value is not None:
            add(m, LATER, max(value - 1, 1) * MINUTES_PER_DAY)
    for m in near(tp.WITHIN_THE_RE, "long"):
        add(
            m,
            LATER,
            {"week": 7, "month": 30, "fortnight": 14}[m.group(1).lower()] * MINUTES_PER_DAY,
        )
    for m in near(tp.END_OF_RE, "end"):
        unit = m.group(1).lower()
        if unit == "quarter" and re.search(r"\bof the quarter", m.group(0), re.IGNORECASE):
            continue  # "by the end of the quarter" is usually a business deadline
        add(m, LATER, {"week": 7, "month": 30, "sprint": 14, "quarter": 90}[unit] * MINUTES_PER_DAY)


def _next_days(m: re.Match[str]) -> int:
    """Days on for "the next day", "the week after", "next sprint"..."""
    unit = (m.group(1) or ("sprint" if "sprint" in m.group(0).lower() else "day")).lower()
    if m.group(0).lower().startswith("the ") and m.group(0).lower().endswith(" after"):
        unit = m.group(0).split()[1].lower()
    if m.group(0).lower().startswith("the week"):
        unit = "week"
    elif m.group(0).lower().startswith("the month"):
        unit = "month"
    return {"week": 7, "month": 30, "weekend": 3, "sprint": 14, "fortnight": 14}.get(
        unit, 1 if unit in _DAYLIKE else 3
    )


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
    """Fill minutes for clock times relative to detection: the clock said next to "T plus
    zero" when there is one, else the first clock time."""
    clocks = [m for m in markers if m.kind == CLOCK and m.clock is not None]
    if not clocks:
        return markers
    anchor_marker = clocks[0]
    for zero in (m for m in markers if m.kind == TPLUS and m.minutes == 0):
        # "T plus zero was 14:05" (after it) is the usual order; "14:05, T+0" also happens.
        after = [c for c in clocks if 0 <= c.start - zero.end <= 15]
        before = [c for c in clocks if 0 <= zero.start - c.end <= 15]
        if after or before:
            anchor_marker = after[0] if after else before[-1]
            break
    anchor = anchor_marker.clock or 0.0
    out: list[Marker] = []
    for marker in markers:
        if marker.kind != CLOCK or marker.clock is None:
            out.append(marker)
            continue
        diff = (marker.clock - anchor) % MINUTES_PER_DAY
        if diff > 12 * 60 and "m" not in marker.text.lower()[-4:]:
            diff = (marker.clock - anchor) % 720
        if marker.start < anchor_marker.start and diff > 6 * 60:
            diff = -((anchor - marker.clock) % MINUTES_PER_DAY)  # before detection: "T-25"
        out.append(_with_minutes(marker, diff))
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
