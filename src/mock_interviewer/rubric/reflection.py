"""Reflection: the speaker calibrates their own judgement with a concrete trigger or time."""

from __future__ import annotations

import re
from itertools import pairwise

from .numbers import NUMBER
from .sentences import Sentence
from .spans import Span
from .structure import Answer

_I = re.IGNORECASE

# A rule with a trigger: "if X, I do Y first", "X is my cue to ...", "X means Y before Z".
_TRIGGER = re.compile(
    r"\b(?:if|when|whenever|the moment|as soon as|any ?time|once|any|before any)\b|"
    r"\bthe (?:minute|second|instant)(?= (?:a|an|the|i|we|it|any|someone|something|they|you|"
    r"there|one)\b)|"
    r"\bat the first (?:sign|hint|report|alert|page|error|spike|complaint|[\w-]+ (?:report|"
    r"alert|error|page))\b|"
    r"\b(?:(?:these days|nowadays|now),? i|i now)(?: always)? (?!(?:'m|am|feel|try|think|tend|"
    r"was|have|hope|want|like)\b)[a-z]+|"
    r"\b(?:my|the|a|that's my|that's the) (?:cue|trigger|signal|rule|point|tell)\b|"
    r"\b(?:cue|trigger|signal|rule) (?:to|for|is)\b|\bis (?:enough|the signal|the tell)\b|"
    r"\bmeans\b|\bshould (?:just )?(?:send|be|get)\b|\bthat's how i (?:treat|run|handle)\b|"
    r"\b(?:my|the) first (?:check|query|question|move|step|thing)\b|\b(?:is|are) now\b|"
    r"\bnext time (?!i\b|i'll|i'd|we'll|we'd)\w+[^,.]{3,80},|"
    r"^\W*(?:(?:so|and|now)\W+)*(?:a|an|every|two|three|same)\b[^.]{5,200}\b(?:is|means|should)\b",
    _I,
)
_ORDER = re.compile(
    r"(?=\w)\b(?:first|before|immediate(?:ly)?|straight away|right away|instantly|sooner|earlier|"
    r"faster|instead of|rather than|no debate|up front|in advance|second|afterwards|"
    r"right there|on its own|only go|within|not after|at the first|the moment|the minute|"
    r"the second|the instant|"
    rf"not (?:at )?(?:minute )?(?:{NUMBER})\b)",
    _I,
)
_STRONG_TRIGGER = re.compile(
    r"\b(?:is|as) (?:my|a|the|an?) (?:[\w'-]+ ){0,3}(?:cue|trigger|signal|rule|point)\b|"
    r"\b(?:the|my) (?:first )?question (?:i|we) (?:now )?(?:ask|put)\b[^.;]{0,20}\b(?:first|now)\b|"
    r"\bthat's my (?:cue|trigger|point|rule|signal)\b|\bis enough\b|\bis the signal\b|"
    r"\b(?:one|a|my|the) (?:[\w-]+ )?(?:rule|habit) (?:i|we) (?:now )?(?:follow|keep|use|have|kept)"
    r"\b|\b(?:my|the) (?:new )?(?:bar|threshold|cut-?off|tripwire) (?:now )?is\b|"
    # A budget on my own deliberation: "a ten-minute time-box", "time-box the theory to ten".
    r"\b[\w]+[- ]minute (?:budget|time-?box|limit|cap|window|deadline|timer)\b|"
    rf"\btime-?box\w* (?:[\w-]+ ){{0,4}}(?:to|at) (?:{NUMBER})\b",
    _I,
)
_IF_THEN_HABIT = re.compile(
    r"\b(?:if|when|whenever|any)\b[^.;]{4,160}(?:,\s*|\s)(?:now\s+)?(?:i|we)\s+(?:now\s+)?"
    r"(?!(?:'d|would|will|'ll|try|now|should|could|might|was|were|had|saw|did|went|got|thought|"
    r"knew|found|made|took|spent|lost|felt|kept|held|sat|waited|said|told)\b)[a-z]+(?<!ed)\b",
    _I,
)
# "I should have paged at T+10", "twenty minutes sooner", "at minute two, not minute fifteen".
_TIME_CALIBRATION = re.compile(
    rf"\b(?:should have|shouldn't have|'d have|would have)\b[^.]*\b(?:at (?:T\+|t plus|minute)|"
    rf"(?:{NUMBER}) (?:minutes?|seconds?|hours?) (?:sooner|earlier|faster)|"
    r"(?:sooner|earlier)[^.]{0,40}\d)|"
    rf"\bat minute (?:{NUMBER}),? not (?:at )?minute\b|"
    rf"\b(?:at|by) (?:t ?\+ ?|t plus |tee plus |minute )(?:{NUMBER}),? (?:and )?not (?:at |by )?"
    rf"(?:t ?\+ ?|t plus |tee plus |minute )?(?:{NUMBER})\b|"
    r"\bi(?:'d| would| will|'ll)\b(?! (?:have )?(?:say|like|liked|love|loved|do (?:it|this|that|"
    r"everything) (?:all )?the same)\b)[^.]*\b(?:at the first|at minute|at t\+|instead of waiting|"
    r"not after|rather than waiting|at (?:\d{1,2}:\d{2}|[012]\d{3})\b|"
    rf"(?:in|within|by|under) (?:minute )?(?:{NUMBER})(?: minutes?)? (?:today|now|next time)\b|"
    rf"(?:a|one|{NUMBER}) (?:minutes?|seconds?|hours?) (?:sooner|earlier|faster))",
    _I,
)
_GENERIC = re.compile(
    r"(?=\w)\b(?:communicat\w*|trust my (?:gut|instincts?)|keep(?:ing)? (?:calm|a cool(?:er)? head|"
    r"an open mind)|stay(?:ing)? calm|cool(?:er)? head|be more careful|jump(?:ing)? to "
    r"conclusions|slow down|in the loop|learn(?:ed|t)? (?:a lot|a ton|a huge amount|so much)|"
    r"good under pressure|all the evidence|open mind|under pressure|lesson for me|"
    r"try to be|be (?:faster|quicker|more decisive|more proactive)|do better|"
    r"(?:move|act|react) (?:faster|quicker|sooner)|speak up|pause before (?:acting|doing|i act|"
    r"touching)|take a (?:breath|moment|beat|step back)|step back|think twice|curious|"
    r"rather than certain|question (?:my|every|everything|assumptions)|double-check|"
    r"trust (?:the|my) (?:data|numbers|team|gut|instincts?|graphs|metrics)(?: more)?)\b",
    _I,
)


_NUMBERISH = re.compile(rf"\b(?:{NUMBER})\s+(?:minutes?|seconds?|hours?|percent)\b|\d", _I)


_NOT_A_TRIGGER = re.compile(
    r"\bif i(?:'m| am) (?:honest|being honest)\b|\bif i (?:did|had|could do|were to do) "
    r"(?:it|this|that) (?:again|over)\b|\bif i had (?:it|to do it) (?:to do )?(?:over|again)\b",
    _I,
)


def _concrete(text: str) -> bool:
    text = _NOT_A_TRIGGER.sub(" ", text)
    if _GENERIC.search(text) and not _NUMBERISH.search(text):
        return False
    if _TIME_CALIBRATION.search(text):
        return True
    if _STRONG_TRIGGER.search(text) or _IF_THEN_HABIT.search(text):
        return True
    return bool(_TRIGGER.search(text) and _ORDER.search(text))


# A counterfactual or a habit in the speaker's voice: "I'd have", "I now", "next time".
_OWN_CALL = re.compile(
    r"\b(?:i(?:'d| would| should| will|'ll) (?:have )?(?!(?:say|said|like|liked|love|loved|been|"
    r"prefer|preferred|want|wanted|hope|hoped|think|thought|do (?:it|this|that|everything) "
    r"(?:all )?(?:the same|again))\b)|i now|now i|next time)\b",
    _I,
)
# Answers told reflection-first open with the rule, then "so, rewinding".
_OPENING_SENTENCES = 2


_HABIT_NOW = re.compile(r"\b(?:these days|nowadays|now|since then|from then on|today)\b", _I)
_SHORT_KINDS = ("tplus", "relative")
_SPEAKER = re.compile(r"\b(?:i|i'd|i'm|i've|i'll|my|me)\b", _I)


def _habit_with_minute(answer: Answer, sentence: Sentence) -> bool:
    """'These days it goes out by minute five': a present habit tied to a minute mark."""
    if not _HABIT_NOW.search(sentence.text):
        return False
    # The speaker's own habit: "I", or a sentence right after "where I was slow:".
    before = answer.sentences[sentence.index - 1].text if sentence.index > 0 else ""
    if not (_SPEAKER.search(sentence.text) or _SPEAKER.search(before)):
        return False
    return any(
        sentence.start <= m.start < sentence.end
        and m.kind in _SHORT_KINDS
        and m.minutes is not None
        and m.minutes < 60
        for m in answer.all_markers
    )


def _timed_call(answer: Answer, sentence: Sentence) -> bool:
    """'I'd have switched it off at quarter to nine, before ...': a counterfactual tied to a
    time marker the story uses, and to an order word."""
    text = sentence.text
    if not _OWN_CALL.search(text) or not _ORDER.search(text):
        return False
    return any(sentence.start <= m.start < sentence.end for m in answer.all_markers)


def _opening(answer: Answer) -> list[Sentence]:
    opening = answer.sentences[: min(_OPENING_SENTENCES, answer.reflection_from)]
    return [s for s in opening if _OWN_CALL.search(s.text) or _STRONG_TRIGGER.search(s.text)]


def find_reflection(answer: Answer) -> tuple[bool, list[Span], bool]:
    """(met, evidence, any reflection at all) for the closing reflection."""
    region = answer.reflection
    spans = [
        Span(s.start, s.end, "reflection")
        for s in region
        if _concrete(s.text) or _timed_call(answer, s) or _habit_with_minute(answer, s)
    ]
    if not spans:
        spans = [Span(s.start, s.end, "reflection") for s in _opening(answer) if _concrete(s.text)]
        if spans:
            return True, spans, True
    if not spans:
        # Raw transcripts cut a rule across pieces: read neighbouring pieces together.
        for a, b in pairwise(region):
            if _concrete(f"{a.text} {b.text}"):
                spans.append(Span(a.start, b.end, "reflection"))
                break
    return bool(spans), spans, bool(region)
