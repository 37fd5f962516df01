"""Words that can name a phase ("fix", "sorted", "dealt with") and the phase each use names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import FIX, FIX_ACTION, MITIGATION, MITIGATION_ACTION, NOW, PREVENTION, STRUCTURAL
from .sentences import Sentence, in_ranges, is_negated
from .structure import Answer

_I = re.IGNORECASE

_NAMING_WORD = re.compile(
    r"(?=\w)\b(?:(?P<fixn>fix(?:es)?)(?![-\w])|(?P<fixv>fix(?:ed|ing)?)(?![-\w])|"
    r"(?P<sorted>sort(?:ed|ing)? (?:it|this|that|things|them|out|\w+ out)|sorted)|"
    r"(?P<patched>patch(?:ed|ing))|(?P<handled>handl(?:ed|ing))|"
    r"(?P<resolved>resolv(?:ed|ing))|(?P<solved>solv(?:ed|ing))|"
    r"(?P<addressed>address(?:ed|ing))|(?P<dealt>dealt with|deal with)|"
    r"(?P<tookcare>took care of|take care of)|(?P<solution>solutions?\b)|"
    r"(?P<cleaned>clean(?:ed|ing) (?:it |this |that |things |everything )?up)|"
    r"(?P<tackled>tackl(?:ed|ing))|(?P<squashed>squash(?:ed|ing))|(?P<nailed>nail(?:ed|ing))|"
    r"(?P<ontop>(?:got|get|getting) on top of))",
    _I,
)
_STATUS_SUBJECT = re.compile(
    r"\b(?:incident|outage|issue|problem|alert|page|ticket|everything)\s+(?:was|were|got|had been)"
    r"\s+(?:\w+ly\s+)?$",
    _I,
)
_VERB_SUBJECT = re.compile(
    r"(?:\b(?:we|i|they|you|team)\b(?:\s+\w+ly)?(?:\s+(?:then|also|finally|first|had|'d|"
    r"could|would|did))?\s*$|\b(?:was|were|got|get|been|be|is|it's|being)\s+(?:\w+ly\s+)?$|"
    r"\bto\s+$|'d\s+$|"
    r"\b(?:got|get|getting|had|have|having) (?:it|this|that|things|everything|(?:the|our) "
    r"[\w-]+(?: [\w-]+)?)\s+$)",
    _I,
)
_FIX_ADJECTIVE = re.compile(r"^\s*(?:width|size|length|rate|interval|point|price|number|set)\b", _I)
_MIT_MOD = re.compile(
    r"(?=\w)\b(?:quick(?:ly)?|first|initial(?:ly)?|temporar(?:y|ily)|immediate(?:ly)?|short-term|"
    r"stop-?gap|band-?aid|in the moment|for now|for the moment|interim|emergency|holding|"
    r"mitigation)\b",
    _I,
)
_FIX_MOD = re.compile(
    r"(?=\w)\b(?:real|actual(?:ly)?|proper(?:ly)?|permanent(?:ly)?|underlying|root|final|for real|"
    r"itself|code)\b",
    _I,
)
_PREV_MOD = re.compile(
    r"(?=\w)\b(?:long(?:er)?[- ]term|for good|again|going forward|for the future|recurr\w*|"
    r"structural|prevent\w*|in future|next time)\b",
    _I,
)


@dataclass(frozen=True)
class NameUse:
    """One use of a word that can name a phase ('fix', 'sorted', ...) and the phase it names."""

    lemma: str
    phase: str | None
    start: int
    end: int
    text: str
    sentence: int
    modified: bool = False  # a modifier ("real", "quick", "longer-term") decided the phase


def modifier_phase(text: str, start: int, end: int) -> str | None:
    before = " ".join(text[:start].split()[-3:])
    after = " ".join(text[end:].split()[:7])
    after = re.split(r"[,;:]| and | but ", after)[0] if after else after
    window = f"{before} || {after}"
    if _PREV_MOD.search(window):
        return PREVENTION
    if _MIT_MOD.search(window):
        return MITIGATION
    if _FIX_MOD.search(window):
        return FIX
    return None


# "the fix", "the second fix", "our third fix": a determiner (and an ordinal) make it a noun.
_DETERMINED = re.compile(
    r"\b(?:a|the|our|my|that|this)\s+(?:(?:first|second|third|fourth|next|last|other|"
    r"final|one|same)\s+)?$",
    _I,
)


def _repeated(name_uses: list[NameUse], word: str, index: int) -> bool:
    """'We dealt with X first, dealt with Y that afternoon': the subject carries over to a
    verb repeated in the same or the next sentence."""
    lemma = word.lower().split()[0]
    return any(
        u.text.lower().split()[0] == lemma and index - 1 <= u.sentence <= index for u in name_uses
    )


_LATER_WORK = re.compile(
    r"\b(?:within|weeks?|months?|fortnight|following|next (?:week|month|sprint|quarter)|"
    r"by the end of|longer|going forward)\b",
    _I,
)


def _local_phase(stretch: str) -> str | None:
    """The phase told by the words after one use of a naming word, up to the next use."""
    if _LATER_WORK.search(stretch) and STRUCTURAL.search(stretch):
        return PREVENTION
    if MITIGATION_ACTION.search(stretch):
        return MITIGATION
    if FIX_ACTION.search(stretch):
        return FIX
    return None


_CLAUSE_TURN = re.compile(r";|\b(?:and|but|then|while|plus)\b", _I)


def _later_fix(name_uses: list[NameUse], sentence: Sentence, text: str, end: int) -> bool:
    """'The third fix, over the next weeks, was a contract test': after a fix already told, a
    'fix' whose own clause dates structural work weeks later names the prevention."""
    if not any(u.phase == FIX and u.sentence < sentence.index for u in name_uses):
        return False
    turn = _CLAUSE_TURN.search(text, end)
    return _local_phase(text[end : turn.start() if turn else len(text)]) == PREVENTION


def collect_name_uses(
    name_uses: list[NameUse], answer: Answer, sentence: Sentence, phases: set[str]
) -> None:
    """Record each use of a naming word in `sentence` with the phase it names."""
    text = sentence.text
    matches = list(_NAMING_WORD.finditer(text))
    local: list[str | None] = []
    if len(matches) > 1:
        # Several uses in one sentence: each names what its own stretch of words tells.
        ends = [x.start() for x in matches[1:]] + [len(text)]
        local = [_local_phase(text[x.end() : e]) for x, e in zip(matches, ends, strict=True)]
        if any(local) and len(set(local)) > 1:
            local = [p or FIX for p in local]
    for n, m in enumerate(matches):
        kind = m.lastgroup or ""
        word = m.group()
        if in_ranges(sentence.start + m.start(), answer.quotes):
            continue
        if is_negated(text, m.start(), window=3):
            continue  # "it wasn't really a fix, more a band-aid" keeps the phases apart
        if kind == "fixv" and word.lower() == "fixed" and _FIX_ADJECTIVE.match(text[m.end() :]):
            continue
        # "fix" without an article is a verb ("to fix", "we fix") unless modified.
        bare_fix = kind in ("fixn", "solution") and not _DETERMINED.search(text[: m.start()])
        if (
            bare_fix
            and not _VERB_SUBJECT.search(text[: m.start()])
            and not modifier_phase(text, m.start(), m.end())
        ):
            continue
        if (
            kind not in ("fixn", "solution")
            and not _VERB_SUBJECT.search(text[: m.start()])
            and not _repeated(name_uses, m.group(), sentence.index)
        ):
            continue
        if _STATUS_SUBJECT.search(text[: m.start()]):
            continue  # "the incident was resolved by T+10" reports a status, it names no step
        lemma = "fix" if kind in ("fixn", "fixv") else kind
        phase = modifier_phase(text, m.start(), m.end())
        modified = phase is not None
        if phase is None and local:
            phase = local[n]
        if phase is None and lemma == "fix" and _later_fix(name_uses, sentence, text, m.end()):
            phase = PREVENTION
        if phase is None:
            if PREVENTION in phases and (NOW.search(text) or STRUCTURAL.search(text)):
                phase = PREVENTION if MITIGATION not in phases else None
            if phase is None and MITIGATION in phases and FIX not in phases:
                phase = MITIGATION
            if phase is None:
                phase = FIX if lemma == "fix" or phases else None
                if phase is None and lemma != "fix":
                    phase = FIX
        start, end = sentence.span(m.start(), m.end())
        name_uses.append(NameUse(lemma, phase, start, end, word, sentence.index, modified))
