"""Regular expressions for time markers, and the keyword gate that keeps them fast."""

from __future__ import annotations

import re

from .numbers import HOUR_WORD, MINUTE_WORD, NUMBER

_I = re.IGNORECASE
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

TPLUS_RE = re.compile(
    rf"\b(?:t|tee)\s*(?:\+\s*|plus\s+|-plus-)({NUMBER})"
    r"(?:\s*(minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w)\b)?",
    _I,
)
CLOCK_COLON_RE = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)(?!\d)(?:\s*([ap])\.?\s?m\b\.?)?", _I)
CLOCK_DOT_RE = re.compile(r"\b([01]?\d|2[0-3])\.([0-5]\d)(?!\d|\.\d)(?:\s*([ap])\.?\s?m\b\.?)?", _I)
MILITARY_RE = re.compile(r"\b([01]\d|2[0-3])([0-5]\d)(?!\d)(?:\s*(?:utc|gmt|hours|hrs)\b)?", _I)
CLOCK_CONTEXT = re.compile(
    r"(?:\b(?:at|was|about|around|by|until|till|from|before|after|is|roughly|approximately)"
    r"[\s,]*(?:(?:um|uh|like|about|around|roughly|just)[\s,]+)*)$",
    _I,
)
SPOKEN_CLOCK_RE = re.compile(
    rf"\b({MINUTE_WORD})\s+(past|to|after)\s+({HOUR_WORD}|midnight|noon)\b"
    r"(?!\s*(?:minutes?|hours?|seconds?|percent|times|of\b|or\b|%))",
    _I,
)
# "by twenty-five past": the hour is understood from the story.
HOURLESS_RE = re.compile(
    rf"\b(?:at|by|around|about|until|till|just after)\s+(?:about\s+|around\s+)?({MINUTE_WORD})"
    r"\s+(?:past|to)\b(?=\s*(?:[,.;:!?]|$|(?:we|i|it|and|everything|things|errors)\b))",
    _I,
)
HALF_HOUR_RE = re.compile(
    r"\bhalf\s+(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b"
    r"(?!\s*(?:minutes?|hours?|of\b))",
    _I,
)
AT_HOUR_RE = re.compile(
    r"\b(?:at|by|around|about|until|till|just after|a little after|shortly after|not long after|"
    r"just before|shortly before|roughly)\s+(?:(?:about|around|roughly|exactly|just)\s+)?"
    rf"({HOUR_WORD}|midnight|noon|midday)(?![:.]\d|\d)"
    r"(\s*(?:o'clock|[ap]\.?\s?m\b\.?|in the (?:morning|afternoon|evening)|at night|"
    r"that (?:night|morning|evening|afternoon)))?",
    _I,
)
HOUR_FOLLOW_OK = re.compile(
    r"\s*(?:[,.;:!?)\u2014-]|$|(?:on|in (?:the|that)|that|this|we|i|it|the|when|so|sharp|"
    r"utc|gmt|local|our|my|they|there|with|or so|everything|things|he|she)\b)",
    _I,
)
AMPM_RE = re.compile(rf"\b({HOUR_WORD})\s*([ap])\.?\s?m\b\.?", _I)
IN_THE_RE = re.compile(rf"\b({HOUR_WORD})\s+in the (morning|afternoon|evening)\b", _I)
DAYPART_RE = re.compile(
    r"\b(?:(?:by|at|around|before|until|about)\s+)?(?:just\s+)?"
    r"(?:midnight|midday|noon|lunchtime|lunch time|(?<=by )lunch|sunrise|dawn|daybreak|"
    r"mid-?afternoon|"
    r"mid-?morning|(?:that|the same|this) (?:morning|afternoon|evening|night)|later that day|"
    r"(?:by )?(?:the )?end of (?:the|that) day|close of business)\b(?!'s)",
    _I,
)
RELATIVE_RE = re.compile(
    r"\b(?:(?:about|around|roughly|some|maybe|only|just|nearly|almost|within|inside|"
    r"in under|under)\s+)?(?:(?:about|around|roughly|maybe)\s+)?"
    rf"({NUMBER})\s+(minutes?|mins?|hours?|seconds?)(?:\s+or\s+(?:so|two|three))?\s+"
    r"(after|later|in\b|into|of (?:the|that|our)\b|since|from the)|"
    r"\b(a few|a couple of)\s+(minutes|hours)\s+(later|after (?:the|that|our))",
    _I,
)
WITHIN_SHORT_RE = re.compile(
    rf"\b(?:within|inside|in under)\s+(?:about\s+|around\s+)?({NUMBER})\s+(seconds?|minutes?|"
    r"hours?)\b",
    _I,
)
MINUTE_N_RE = re.compile(
    rf"\b(?:at|by|around|in|about)\s+(?:minute\s+({NUMBER})\b|the\s+({NUMBER})[- ]minute\s+mark)",
    _I,
)
NEXT_RE = re.compile(
    rf"\b(?:the\s+)?(?:next|following)\s+(morning|day|afternoon|evening|night|week|month|weekend|"
    rf"{_WEEKDAY}|sprint|release|deploy|launch|cycle|on-sale|fortnight)\b|"
    r"\bthe (?:day|week|month|morning|evening|afternoon|night) after\b|\ba sprint later\b",
    _I,
)
THE_WEEKDAY_RE = re.compile(
    rf"\b(?:(?:was|by|until|(?:post-?mortem|retro\w*|review|debrief|write-?up)\s+"
    r"(?:(?:was|were|happened|ran|took\s+place|came)\s+)?on)\s+the\s+"
    rf"(?:following\s+)?|by\s+)({_WEEKDAY})\b(?!\s+(?:of|before)\b)|"
    r"\b(?:later that|(?:that|the) same) (?:week|month)\b|"
    rf"\bthe\s+{_WEEKDAY}\s+(?:after|following)\b",
    _I,
)
# "at seven forty-two", "by nine oh five": an hour and minutes said as words.
SPOKEN_HM_RE = re.compile(
    r"\b(?:at|by|around|about|until|till|just after|roughly|it was|this was|that was)\s+"
    r"(?:about\s+|around\s+)?"
    r"(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[\s-]+"
    r"(oh[\s-]+(?:one|two|three|four|five|six|seven|eight|nine)|(?:twenty|thirty|forty|fifty)"
    r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b"
    r"(?![\s-]*(?:minutes?|mins?|hours?|seconds?|percent|per|times|of|%|people|users)\b)",
    _I,
)
# "at 9 15", "by um 14 20": a recogniser's hour and minutes as two numbers.
DIGIT_HM_RE = re.compile(
    r"\b(?:at|by|around|about|until|till|from|before|after|roughly|approximately|it was|"
    r"this was|that was)[\s,]+(?:(?:um|uh|like|about|around|roughly|just)[\s,]+)*"
    r"([01]?\d|2[0-3]) ([0-5]\d)(?![\d:.])(?:\s*([ap])\.?\s?m\b\.?)?"
    r"(?!\s*(?:minutes?|mins?|hours?|hrs?|seconds?|secs?|percent|per\b|times|%|people|users|"
    r"of\b|and\b|or\b|to\b|-|x\b|ms\b|gb\b|mb\b))",
    _I,
)
# "0915 the pager went": a leading zero makes four digits a clock time, never a year.
ZERO_MILITARY_RE = re.compile(r"\b(0\d)([0-5]\d)(?![\d:.])", _I)
WEEK_N_RE = re.compile(rf"\b(?:on|by|in) week ({NUMBER})\b", _I)
DAYS_RE = re.compile(
    r"\b(?:(within|in|after|over|inside|by|about|around|roughly|some|nearly|under)\s+)?"
    r"(?:(?:about|around|roughly|another|a further|just under|nearly|the next|the following)\s+)?"
    rf"({NUMBER}|a few|several)\s+(days?|weeks?|fortnights?|months?|sprints?)"
    r"(?:\s+(later|after(?:wards)?|out|on(?=,)|down the line)\b)?",
    _I,
)
FORTNIGHT_RE = re.compile(
    r"\b(?:(within|in|after|inside|by)\s+)(?:about\s+)?a\s+fortnight\b|\ba fortnight (later)\b", _I
)
DAY_N_RE = re.compile(rf"\b(?:on|by)\s+day\s+({NUMBER})\b", _I)
END_OF_RE = re.compile(
    r"\b(?:by\s+|before\s+|at\s+)?the\s+end\s+of\s+(?:that|the|this|the following|the next)\s+"
    r"(week|month|sprint|quarter)\b",
    _I,
)
# "within the month": a later point, the end of the current week or month.
WITHIN_THE_RE = re.compile(
    r"\b(?:within|inside|before the end of) the (week|month|fortnight)\b", _I
)
# "Thursday, 1110": a bare four-digit time right after a weekday, or followed by one.
MILITARY_DAY_BEFORE = re.compile(
    rf"\b{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?[\s,]*(?:at\s+)?$", _I
)
MILITARY_DAY_AFTER = re.compile(
    rf"\s*,?\s*(?:on\s+(?:a\s+|the\s+|that\s+)?{_WEEKDAY}|that\s+(?:morning|afternoon|evening|"
    r"night)|in the (?:morning|afternoon|evening))\b",
    _I,
)
DURATION_BEFORE = re.compile(
    r"\b(?:for|spent|spend|took|takes|take|keeps|kept|last|past|previous|every|each|lost|wasted)"
    r"\s+(?:(?:about|around|roughly|another|a good|the better part of|over|almost|nearly)\s+)*$",
    _I,
)
DURATION_AFTER = re.compile(r"\s*(?:of\b|earlier|before|ago|prior|old\b|behind)", _I)


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
    "sprints": "long",
    **dict.fromkeys(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), "weekday"
    ),
    "end": "end",
}


def gate_hits(text: str) -> dict[str, list[tuple[int, int]]]:
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


def gated(
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
