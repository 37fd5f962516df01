"""The shape of an answer: its sentences and where the closing reflection begins."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .datemarkers import later_dates
from .sentences import Sentence, quoted_ranges, split_sentences
from .timemarkers import Marker, filter_markers, raw_markers

_I = re.IGNORECASE
_LEAD = r"^(?:[\W_]*(?:so|and|but|okay|ok|um|uh|honestly|well|right|yeah|then)\b[\W_]*)*"
_REFLECTION_INTRO = re.compile(
    _LEAD + r"(?:reflection|reflecting|looking back|in retrospect|in hindsight|with hindsight|"
    r"what (?:i'd|i would) (?:do|change)|what did i (?:learn|take)|"
    r"what i (?:learned|learnt|took|got wrong|'d do|would do|'d change|would change|"
    r"think about|regret)|the part (?:i|of my)|my (?:own )?(?:part|judgement|judgment|call|"
    r"calibration|role|lesson|takeaway|mistake)|on my (?:own )?(?:judgement|judgment|part|side)|"
    r"for my (?:own )?(?:part|judgement|judgment|side)|for me\b|for myself|"
    r"where i'd calibrate|in terms of (?:what i|lessons)|if i (?:did|could do|had to do) it again|"
    r"the (?:biggest |big |main )?(?:lesson|takeaway)|lessons? for me|the thing i'd|"
    r"one thing i'd|if i'm honest about my|about my own|as for me|personally|"
    r"if i had (?:it|to do it) (?:to do )?(?:over|again)|(?:my |to my )?past self|since then|"
    r"these days|next time(?=,|\s+(?:i|i'd|i'll|we|we'd|round|around)\b)|"
    r"since (?:that|the|this) (?:night|day|incident|outage|week|morning|"
    r"evening|time)|what (?:changed|i changed|i do differently|i've changed|i now do|"
    r"i do now|i'd tell|i would tell|i'd say to)|(?:one|a|the|my|another) (?:new |lasting |"
    r"\w+ )?(?:habit|rule|change in (?:me|myself|how i))\b|"
    r"if i (?:replayed|re-?ran|ran|played|lived) (?:it|this|that)\b|my (?:own )?(?:miss|slip|"
    r"error)\b|where i was (?:slow|wrong|late|off)|(?:the|my) (?:one )?(?:call|part|bit|thing) i "
    r"got wrong|what i got wrong)",
    _I,
)
_REFLECTIVE = re.compile(
    r"\b(?:i'd(?! (?:\w+ed|been|had|done|gone|got|seen|written|built|made|found|taken|run|left|"
    r"sent|shipped|kept|spent|brought|thought|put)\b)|i would|i should have|i shouldn't have|"
    r"next time|my rule|my cue|my trigger|i(?:'ve| have) changed|my (?:new )?(?:bar|threshold|"
    r"habit|default) (?:now )?is|"
    r"now,? (?:if|when|whenever|any)|looking back|i learned|i learnt|i now|"
    r"(?:^|, )(?:if|when|whenever|any ?time)\b[^.]{3,120},\s*i\b|"
    r"i(?:'ve| have) since)\b",
    _I,
)


_INTRO_INSIDE = re.compile(
    r"\b(?:these days|nowadays|what i (?:do|changed|got wrong|learned|learnt|'d do|would do|'d "
    r"change|would change)|reflection|looking back|in hindsight|in retrospect|since then|"
    r"what changed for me|where i'd calibrate|the part i|my own (?:call|judgement|judgment|part))"
    r"\b",
    _I,
)
_STOPS = re.compile(r"[.!?](?:\s|$)")


def _unpunctuated(sentences: list[Sentence]) -> bool:
    text = " ".join(s.text for s in sentences)
    return len(_STOPS.findall(text)) * 40 < len(text.split())


@dataclass
class Answer:
    """An answer split for analysis: sentences, the reflection region and time markers."""

    text: str
    sentences: list[Sentence]
    reflection_from: int  # index of the first sentence of the closing reflection
    quotes: list[tuple[int, int]]
    markers: list[Marker] = field(default_factory=list)  # incident markers, reflection excluded
    all_markers: list[Marker] = field(default_factory=list)

    def in_reflection(self, sentence: Sentence) -> bool:
        """True when the sentence belongs to the closing reflection."""
        return sentence.index >= self.reflection_from

    @property
    def story(self) -> list[Sentence]:
        """Sentences before the closing reflection."""
        return self.sentences[: self.reflection_from]

    @property
    def reflection(self) -> list[Sentence]:
        """Sentences of the closing reflection."""
        return self.sentences[self.reflection_from :]

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence containing character `pos`."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.sentences[i].start <= pos < self.sentences[i].end:
            return self.sentences[i]
        return None

    def __post_init__(self) -> None:
        self._starts = [s.start for s in self.sentences]


def find_reflection_start(sentences: list[Sentence]) -> int:
    """Index of the sentence that opens the reflection; len(sentences) when there is none."""
    n = len(sentences)
    floor = int(n * 0.45)
    for sentence in sentences[floor:]:
        if _REFLECTION_INTRO.search(sentence.text[:80]):
            return sentence.index
    if _unpunctuated(sentences):
        # A raw transcript is cut at guessed clause starts (see `_cut_at_intro`).
        for sentence in sentences[floor:]:
            if _INTRO_INSIDE.match(sentence.text):
                return sentence.index
    tail_from = int(n * 0.7)
    for sentence in sentences[tail_from:]:
        if _REFLECTIVE.search(sentence.text):
            return sentence.index
    return n


def _cut_at_intro(sentences: list[Sentence]) -> list[Sentence]:
    """In a raw transcript, start a new piece where a reflection opener sits mid-piece."""
    if not _unpunctuated(sentences):
        return sentences
    floor = int(len(sentences) * 0.45)
    out: list[Sentence] = list(sentences[:floor])
    for sentence in sentences[floor:]:
        m = _INTRO_INSIDE.search(sentence.text, 1)
        cuts = [0, m.start()] if m else [0]
        for a, b in zip(cuts, [*cuts[1:], len(sentence.text)], strict=True):
            piece = sentence.text[a:b].strip()
            if piece:
                start = (
                    sentence.start
                    + a
                    + (len(sentence.text[a:b]) - len(sentence.text[a:b].lstrip()))
                )
                out.append(Sentence(len(out), start, start + len(piece), piece))
    return out


def analyse_structure(text: str) -> Answer:
    """Split an answer and locate its reflection and time markers."""
    sentences = _cut_at_intro(split_sentences(text))
    start = find_reflection_start(sentences)
    answer = Answer(text, sentences, start, quoted_ranges(text))
    skip = [(s.start, s.end) for s in answer.reflection]
    raw = raw_markers(text)
    raw = sorted([*raw, *later_dates(text, raw)], key=lambda m: m.start)
    answer.all_markers = filter_markers(raw)
    answer.markers = filter_markers(raw, skip=skip)
    return answer
