"""Word error rate: Levenshtein distance over normalised words, for measuring transcription."""

from __future__ import annotations

import re
from collections.abc import Sequence

from mock_interviewer.rubric.numbers import TENS, UNITS

# Number words, from the rubric's own table so the two never disagree.
_ONES = [word for word in UNITS if word not in ("oh", "a", "an")]  # zero .. nineteen, in order
_TENS = ["_", "_", *TENS]  # index = tens digit

# Spellings that mean the same word; the right-hand side is what both sides are mapped to.
_SAME_WORD = {
    "ok": "okay",
    "%": "percent",
    "post-mortem": "postmortem",
    "tee": "t",
    "mins": "minutes",
    "min": "minutes",
    "ms": "milliseconds",
    "umm": "um",
    "uhh": "uh",
    "uhm": "um",
    "mm": "hmm",
}
# Compound words Whisper may write split or joined: both sides become the joined form.
_JOINED = {
    ("post", "mortem"): "postmortem",
    ("on", "call"): "oncall",
    ("roll", "back"): "rollback",
    ("run", "book"): "runbook",
    ("health", "check"): "healthcheck",
    ("data", "base"): "database",
    ("time", "out"): "timeout",
    ("dash", "board"): "dashboard",
}

_TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*|%|\+")


def _number_words(n: int) -> list[str]:
    """Spell a non-negative integer below a million the way it is usually spoken."""
    if n < 20:
        return [_ONES[n]]
    if n < 100:
        tens, ones = divmod(n, 10)
        return [_TENS[tens]] + ([_ONES[ones]] if ones else [])
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return [_ONES[hundreds], "hundred"] + (_number_words(rest) if rest else [])
    if n < 10_000 and n % 1000:
        # 1420 and 1999 are said in pairs ("fourteen twenty"), 1200 as "twelve hundred".
        high, low = divmod(n, 100)
        if not low:
            return [*_number_words(high), "hundred"]
        return _number_words(high) + (["oh"] if low < 10 else []) + _number_words(low)
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        return [*_number_words(thousands), "thousand"] + (_number_words(rest) if rest else [])
    return [str(n)]


def _expand(token: str) -> list[str]:
    """Turn digits, times and symbols into spoken words; leave other tokens alone."""
    if token == "+":
        return ["plus"]
    if token in _SAME_WORD:
        return [_SAME_WORD[token]]
    clock = re.fullmatch(r"(\d{1,2}):(\d{2})", token)
    if clock:
        hours, minutes = int(clock.group(1)), int(clock.group(2))
        return _number_words(hours) + (
            [] if minutes == 0 else (["oh"] if minutes < 10 else []) + _number_words(minutes)
        )
    if re.fullmatch(r"\d+", token) and len(token) <= 6:
        return _number_words(int(token))
    if re.fullmatch(r"\d+\.\d+", token):
        whole, frac = token.split(".")
        return _number_words(int(whole)) + ["point"] + [_ONES[int(d)] for d in frac]
    ordinal = re.fullmatch(r"(\d+)(st|nd|rd|th)", token)
    if ordinal:
        return [ordinal.group(0)]
    return [token.replace("'", "")]


def normalize(text: str) -> list[str]:
    """Lower-case words with punctuation dropped and numbers, "%", "+" spelled out."""
    text = text.lower().replace("\u2019", "'")
    # "T+5" and "p99" are units of meaning; split letters from digits so both spellings agree.
    text = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z]{2,})", " ", text)
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)  # 1,200 -> 1200
    text = text.replace("-", " ")
    words: list[str] = []
    for token in _TOKEN.findall(text):
        token = token.strip(".")
        if token:
            words.extend(_expand(token))
    joined: list[str] = []
    for word in words:
        if joined and (joined[-1], word) in _JOINED:
            joined[-1] = _JOINED[(joined[-1], word)]
        else:
            joined.append(word)
    return joined


def edit_distance(reference: Sequence[str], hypothesis: Sequence[str]) -> int:
    """Substitutions + deletions + insertions turning `reference` into `hypothesis`."""
    previous = list(range(len(hypothesis) + 1))
    for i, ref_word in enumerate(reference, start=1):
        current = [i] + [0] * len(hypothesis)
        for j, hyp_word in enumerate(hypothesis, start=1):
            current[j] = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (ref_word != hyp_word),
            )
        previous = current
    return previous[-1]


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Edit distance over normalised words divided by the reference's word count."""
    ref = normalize(reference)
    hyp = normalize(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    return edit_distance(ref, hyp) / len(ref)
