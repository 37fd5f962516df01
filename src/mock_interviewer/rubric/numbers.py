"""Spoken and written numbers, as regex fragments and a parser."""

from __future__ import annotations

import re

UNITS = {  # spoken word -> value (also used by wer.py to spell numbers)
    "zero": 0,
    "oh": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SMALL = "|".join(k for k in UNITS if k not in ("a", "an", "oh"))
_TEN = "|".join(TENS)

# "twenty-five", "twenty five", "forty", "seven", "12", "a", "a couple of"
NUMBER = (
    rf"(?:\d{{1,3}}(?:\.\d)?|(?:{_TEN})(?:[- ](?:{_SMALL}))?|{_SMALL}|a couple of|a|an|"
    rf"half an?|a quarter of an?|a half)"
)
# Hours of a clock, spoken or written.
HOUR_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"1[0-2]|0?[1-9])"
)
# Minutes inside "twenty past six", "twenty-five to seven".
MINUTE_WORD = rf"(?:(?:a )?quarter|half|(?:{_TEN})(?:[- ](?:{_SMALL}))?|{_SMALL}|\d{{1,2}})"

_SPLIT = re.compile(r"[- ]+")


def parse_number(words: str) -> float | None:
    """Value of a spoken or written number phrase, e.g. 'twenty-five' -> 25, 'half an' -> 0.5."""
    text = words.strip().lower()
    if not text:
        return None
    if text.startswith("half"):
        return 0.5
    if text.startswith("a quarter") or text == "quarter":
        return 0.25
    if text == "a half":
        return 0.5
    if text == "a couple of":
        return 2
    try:
        return float(text)
    except ValueError:
        pass
    total = 0
    found = False
    for part in _SPLIT.split(text):
        if part in TENS:
            total += TENS[part]
            found = True
        elif part in UNITS:
            total += UNITS[part]
            found = True
        else:
            return None
    return float(total) if found else None
