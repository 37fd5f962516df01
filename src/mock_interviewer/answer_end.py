"""Has the candidate finished? Silence read together with what the transcript already holds.

A fixed silence either cuts people off mid-thought or makes every finished answer end in an
awkward wait. So the end of an answer is decided from two things: how long the speaker has been
silent, and whether the transcript so far *reads* as a finished story.

- `finished`: after `short_silence_s`, when the last sentence is complete (ends in a full stop,
  not on "and", "we", "the", a filler or a trailing "...") and closes the story: a plain closing
  phrase ("that's it", "that's my answer"), or, once the story has its middle (a mitigation or
  fix) and its later parts (prevention or reflection), a reflection, lesson or prevention
  sentence, or a casual "so yeah".
- `silence`: after `long_silence_s` whatever the text says (an open clause, a story missing its
  later parts, or no transcript yet).

`decide` is a pure function of (silence so far, transcript so far); the recorder calls it with
the streaming transcript once per pause. The rubric (read only) says which parts the story has
and which sentences are its reflection and prevention; spaCy says whether the last word leaves
a clause open.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from mock_interviewer.endpoint import END_SILENCE_S

Rule = Literal["finished", "silence"]

_I = re.IGNORECASE
# Said at the very end, these close any answer.
_CLOSER = re.compile(
    r"(?:\b(?:that'?s|that is|that was|and that'?s) (?:it|all|my answer|the (?:whole )?story|"
    r"everything|about it|pretty much it|the end of it|all i have|all i've got)|"
    r"\bend of (?:the )?story|\bi'?m done|\bi am done|\bthank you|\bthanks)\W*$",
    _I,
)
# A casual wrap-up: closes a story that already has its later parts, never a half-told one.
_SOFT_CLOSER = re.compile(r"(?:^|\b)(?:so|and|but)?\W*(?:yeah|anyway|so there you go)\W*$", _I)
# A lesson or a wrap-up sentence the rubric does not mark (it marks calibrated reflections).
_LESSON = re.compile(
    r"\b(?:lessons?|learn(?:ed|t)|takeaway|next time|looking back|in hindsight|in retrospect|"
    r"going forward|from now on|ever since|since then|never (?:happened|came back|recurred)|"
    r"(?:hasn'?t|has not|haven'?t) (?:happened|recurred|come back)|i would|i'?d (?!\w+ed\b)|"
    r"i should have|taught (?:me|us)|we now|now we|these days)\b",
    _I,
)
_ATTACHED = re.compile(r"(?:because|since|so that|which|as soon as|and so|that's why)\b", _I)
_FILLERS = {"um", "uh", "er", "erm", "hmm", "mm", "like"}
_TRAILING = re.compile(r"(?:\.\.\.|…|[-–—,;:])\s*$")
_TERMINAL = re.compile(r"[.!?]\W*$")
# Last words that leave a clause open: "and", "because", "at", "the", "we", "was", "to", "my".
# The parser is unsure on fragments, so a closed list of words comes first, then the tags.
_OPEN_WORDS = {
    "the", "a", "an", "my", "our", "their", "your", "his", "we", "i", "they", "he", "she",
    "and", "but", "or", "because", "although", "though", "if", "whether", "unless", "whereas",
    "of", "to", "at", "into", "with", "from", "than", "was", "were", "is", "are", "had",
}  # fmt: skip
_OPEN_PAIRS = {("and", "then"), ("and", "so"), ("so", "that"), ("such", "as"), ("and", "also")}
_OPEN_TAGS = {"IN", "CC", "DT", "PRP$", "TO", "MD", "WDT", "WP", "WRB"}
_CLOSED_DETERMINERS = {"this", "that", "these", "those", "all", "both", "each", "either", "any"}


@dataclass(frozen=True)
class AnswerEndSettings:
    """When silence ends an answer; every duration in seconds."""

    short_silence_s: float = 1.2
    """Silence that ends an answer which reads as finished (peers use 1 to 2 s)."""
    long_silence_s: float = END_SILENCE_S
    """Silence that ends any answer: a thinking pause mid-story is shorter than this."""
    flush_silence_s: float = 0.7
    """Silence after which the streaming transcriber decodes what it holds, so the transcript
    is ready by the time `short_silence_s` has passed."""
    min_words: int = 20
    """Fewer words than this never end on the short silence (a false start, a greeting)."""
    transcript_wait_s: float = 0.0
    """Wall-clock seconds the recorder may block for the streaming transcript to reach the
    last word. 0: it never blocks, and asks again with the next chunk, so an answer ends at
    the short silence or as soon after it as the transcript is ready (the transcript itself
    never depends on when); a transcript still behind at the long silence leaves that rule."""

    def __post_init__(self) -> None:
        if self.transcript_wait_s < 0:
            raise ValueError("transcript_wait_s must be >= 0")
        if not 0 < self.flush_silence_s <= self.short_silence_s < self.long_silence_s:
            raise ValueError("need 0 < flush_silence_s <= short_silence_s < long_silence_s")


@dataclass(frozen=True)
class Reading:
    """How the transcript so far reads: can a short silence end it, and why (or why not)."""

    finished: bool
    why: str


@dataclass(frozen=True)
class EndCall:
    """The answer is over: which rule ended it, and what the transcript showed."""

    rule: Rule
    why: str


def decide(
    silence_s: float, text: str | None, settings: AnswerEndSettings | None = None
) -> EndCall | None:
    """Whether `silence_s` seconds of silence after `text` end the answer (None: keep listening).

    `text` is the transcript through the last voiced sound, or None when it is not ready yet.
    """
    s = settings or AnswerEndSettings()
    if silence_s >= s.long_silence_s:
        return EndCall("silence", f"{s.long_silence_s:g} s of silence")
    if silence_s < s.short_silence_s or text is None:
        return None
    reading = read_story(text, s.min_words)
    return EndCall("finished", reading.why) if reading.finished else None


@functools.lru_cache(maxsize=32)
def read_story(text: str, min_words: int = AnswerEndSettings.min_words) -> Reading:
    """Whether `text` reads as a finished answer: last sentence complete and closing the story."""
    text = " ".join(text.split())
    if len(text.split()) < min_words:
        return Reading(False, "too short to be an answer")
    last_start = last_sentence_start(text)
    if _ATTACHED.match(text[last_start:]) and last_start > 0:
        # "... at minute two. Because I spent four minutes ..." : a pause Whisper wrote as a
        # full stop; the clause belongs to the sentence before it.
        last_start = last_sentence_start(text[:last_start].rstrip())
    last = text[last_start:]
    open_word = open_ending(last)
    if open_word:
        return Reading(False, f"the last sentence is unfinished (“{open_word}”)")
    if _CLOSER.search(last):
        return Reading(True, "a closing phrase")
    middle, later, closing = _story_parts(text, last_start)
    if not middle or not later:
        return Reading(False, "the story still lacks its " + ("middle" if not middle else "end"))
    if _SOFT_CLOSER.search(last):
        return Reading(True, "a wrap-up after the whole story")
    if closing:
        return Reading(True, f"the last sentence is the {closing}")
    if _LESSON.search(last):
        return Reading(True, "the last sentence is a lesson")
    return Reading(False, "the last sentence does not close the story")


def last_sentence_start(text: str) -> int:
    """Character offset where the last sentence of `text` begins."""
    body = text.rstrip().rstrip(".!?…\"' ")
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s)", body)]
    start = ends[-1] if ends else 0
    return start + len(text[start:]) - len(text[start:].lstrip())


def open_ending(sentence: str) -> str | None:
    """The word that leaves `sentence` open ("we", "and", "...", a filler), else None."""
    stripped = sentence.strip()
    if not stripped:
        return "nothing said"
    if _TRAILING.search(stripped):
        return stripped.split()[-1]
    if not _TERMINAL.search(stripped):
        return stripped.split()[-1]
    words: list[str] = re.findall(r"[\w'’]+", stripped.lower())
    if not words:
        return stripped
    if words[-1] in _FILLERS or words[-1] in _OPEN_WORDS:
        return words[-1]
    if tuple(words[-2:]) in _OPEN_PAIRS:
        return " ".join(words[-2:])
    from mock_interviewer.rubric import nlp

    tokens = [t for t in nlp.pipeline()(stripped) if not (t.is_punct or t.is_space)]
    last = tokens[-1] if tokens else None
    if last is None or last.dep_ == "prt" or last.lower_ in _CLOSED_DETERMINERS:
        return None  # "rolled it back" ends on a particle; "we did all that" on a pronoun
    return str(last.text) if last.tag_ in _OPEN_TAGS else None


def _story_parts(text: str, last_start: int) -> tuple[bool, bool, str]:
    """(has a middle, has later parts, what the last sentence closes with: "" when nothing)."""
    from mock_interviewer.rubric import score_text

    card = score_text(text)
    labels = {e.label for e in card.signals["separation"].evidence}
    middle = bool(labels & {"mitigation", "fix"}) or card.signals["principle"].hit
    reflection = card.signals["reflection"].evidence
    prevention = (
        *card.signals["prevention"].evidence,
        *(e for e in card.signals["separation"].evidence if e.label == "prevention"),
    )
    later = bool(reflection) or not card.pitfalls["no_prevention"].hit
    closing = ""
    if any(e.end_char > last_start for e in reflection):
        closing = "reflection"
    elif any(e.end_char > last_start for e in prevention):
        closing = "prevention wrap-up"
    return middle, later, closing


ENDED_BY = {
    "finished": "Answer ended: it sounded finished ({why}), after a short pause.",
    "silence": "Answer ended after a long silence.",
    "stopped": "Answer ended: Enter pressed.",
    "cap": "Answer ended: the time limit was reached.",
    "eof": "Answer ended: the input ran out.",
    "no_speech": "No answer was heard.",
}


def ended_line(reason: str, why: str = "") -> str:
    """The line shown when recording stops: which rule ended the answer."""
    line = ENDED_BY.get(reason, f"Answer ended ({reason}).")
    return line.format(why=why or "it closes the story")
