"""The interviewer's follow-up: which weakness to probe, and the story told in two parts.

Pure functions only; the orchestrator (`interview.py`) speaks, records and transcribes.

Which question is asked: the costliest weakness a second answer can still repair, then the
pitfalls it cannot. `PRIORITY` lists the order. The costs mirror the grade's notches (RUBRIC.md,
`rubric/grade.py`): no prevention at all holds an answer at about a B and is asked about first
(pitfall-driven: the prevention question), then a missing phase (also about a B), then the
one-notch signals: prevention not concrete or not dated, reflection, a systemic cause,
the mitigation principle, the timeline. Blame, one word for the phases and a lone-hero story
cost notches too, but a sentence already said stays said: the whole story keeps the pitfall
whatever the follow-up adds, so they are probed only when nothing repairable is missing (an
interviewer still asks, and the practice is worth it). A signal the prompt relaxes costs nothing
and is never asked about, and `systemic` is not asked about while blame is found. Nothing
missing, no follow-up.

How the two answers become one story: the follow-up answer's audio is appended to the first
answer's (`audio.wav` holds both, the first answer's trailing silence separating them), and the
follow-up's word times are shifted by the first recording's length. Evidence seconds therefore
point into that one WAV, and replay, the HTML report and subtitles work unchanged. `Part`s say
where each answer sits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mock_interviewer.scorecard import PITFALLS, SIGNALS, Scorecard
from mock_interviewer.transcript import Transcript, Word

if TYPE_CHECKING:
    from mock_interviewer.prompts import Prompt

# (kind, id) in the order asked: what a second answer can repair, costliest first; then the
# pitfalls it cannot erase, costliest first.
PRIORITY: tuple[tuple[str, str], ...] = (
    ("pitfall", "no_prevention"),  # about a B
    ("signal", "separation"),  # a phase is missing: about a B
    ("signal", "prevention"),  # one notch each from here on
    ("signal", "reflection"),
    ("signal", "systemic"),
    ("signal", "principle"),
    ("signal", "timeline"),
    ("pitfall", "conflation"),  # caps the grade at B-
    ("pitfall", "blame"),  # two notches: the blameless framing is lost
    ("pitfall", "hero"),  # one notch
)
# A pitfall's question falls back to the signal it costs, when the prompt has no text for it.
RELATED_SIGNAL = {"no_prevention": "prevention", "blame": "systemic", "conflation": "separation"}
DEFAULT_QUESTIONS = {
    "timeline": "When did you notice, when did the impact stop, and when did the follow-up land?",
    "separation": "What stopped the impact, what repaired the cause, and what changed afterwards?",
    "principle": "Why that mitigation rather than another? What would undoing it have cost?",
    "systemic": "What in the system or the process let this reach production?",
    "prevention": "What changed afterwards so this can't happen again, and when was it in place?",
    "reflection": "What would you do differently next time, and what would prompt you to?",
    "blame": "Set the people aside: what guardrail was missing?",
    "conflation": "Which step was temporary and which was permanent?",
    "hero": "Who else was involved, and when would you have pulled someone in?",
    "no_prevention": "What changed afterwards so this can't happen again?",
}
# How a pitfall the follow-up cleared is named ("no no prevention" is what a blind "no " gives).
CLEARED = {
    "blame": "no blame",
    "conflation": "each phase named apart",
    "hero": "no lone-hero story",
    "no_prevention": "prevention named",
}
REASONS = {
    "conflation": "one word covers several phases",
    "no_prevention": "no prevention work was told",
    "blame": "a sentence blames a person or team",
    "hero": "it reads as a lone-hero story",
    "separation": "mitigation, fix and prevention are not all named apart",
    "prevention": "the prevention is not concrete or not dated",
    "reflection": "the reflection has no concrete trigger",
    "systemic": "the cause is not framed as a systems gap",
    "principle": "the mitigation is not argued as cheap and reversible",
    "timeline": "the timeline is incomplete",
}


def cleared_name(pitfall: str) -> str:
    """What clearing `pitfall` earned, in words: "prevention named" for `no_prevention`."""
    return CLEARED.get(pitfall, f"no {pitfall.replace('_', ' ')}")


@dataclass(frozen=True)
class FollowUp:
    """The one question the interviewer asks next, and the weakness it aims at."""

    target: str  # signal or pitfall id
    kind: str  # "signal" | "pitfall"
    question: str
    reason: str
    quoted: bool = False  # built from the answer's words: not in the shipped audio

    def to_dict(self) -> dict[str, str]:
        """JSON shape."""
        return {
            "target": self.target,
            "kind": self.kind,
            "question": self.question,
            "reason": self.reason,
        }


def choose_follow_up(
    card: Scorecard, prompt: Prompt | None = None, text: str | None = None
) -> FollowUp | None:
    """The follow-up aimed at the costliest weakness of `card`, or None when nothing is missing.

    With `text` (the transcript `card` scored) the question quotes the candidate's own words
    where the evidence allows (`followup_quote`); the fixed question is the fallback."""
    from mock_interviewer.followup_quote import quoted_question

    relaxed = set(prompt.relaxed) if prompt is not None else set()
    texts = prompt.follow_ups if prompt is not None else {}
    for kind, key in PRIORITY:
        if kind == "pitfall":
            finding = card.pitfalls.get(key)
            weak = finding is not None and finding.hit
        else:
            finding = card.signals.get(key)
            weak = finding is not None and not finding.hit and key not in relaxed
            if key == "systemic" and _found(card, "blame"):
                weak = False  # only the blame pitfall can be asked about: it cannot be unsaid
        if not weak:
            continue
        quoted = quoted_question(key, card, text) if text is not None else None
        question = (
            quoted
            or texts.get(key)
            or texts.get(RELATED_SIGNAL.get(key, ""))
            or DEFAULT_QUESTIONS.get(key, DEFAULT_QUESTIONS["reflection"])
        )
        return FollowUp(key, kind, question, REASONS.get(key, key), quoted=quoted is not None)
    return None


def plan_follow_up(
    card: Scorecard,
    prompt: Prompt | None,
    wanted: bool = True,
    input_file: Path | None = None,
    follow_up_file: Path | None = None,
    text: str | None = None,
) -> tuple[FollowUp | None, str | None]:
    """The follow-up to ask (None: not wanted, nothing missing, or no file to answer it) and a
    note for the user when a file goes unused or a follow-up is skipped."""
    if not wanted:
        return None, None
    ask = choose_follow_up(card, prompt, text)
    if ask is None:
        note = (
            f"(nothing to follow up on: {follow_up_file} is not used)" if follow_up_file else None
        )
        return None, note
    if input_file is not None and follow_up_file is None:
        return None, (
            f"(follow-up skipped: no --input file answers “{ask.question}”; "
            "give one more --input to answer it)"
        )
    return ask, None


def _found(card: Scorecard, pitfall: str) -> bool:
    finding = card.pitfalls.get(pitfall)
    return finding is not None and finding.hit


@dataclass(frozen=True)
class Part:
    """Where one answer sits in the story's recording (seconds) and what prompted it."""

    label: str  # "answer" | "follow_up"
    start_s: float
    end_s: float
    question: str

    def to_dict(self) -> dict[str, Any]:
        """JSON shape, as kept in the session's `extra["parts"]`."""
        return {
            "label": self.label,
            "start_s": round(self.start_s, 3),
            "end_s": round(self.end_s, 3),
            "question": self.question,
        }


def merge_transcripts(parts: Sequence[tuple[Transcript, float]]) -> Transcript:
    """One transcript from answers told in turn; each `(transcript, offset_s)` is shifted.

    Spoken parts keep their word timings, moved by their offset, so evidence found in a later
    part points at its seconds in the joined recording. If any part is typed, the text is joined
    and no timings are kept.
    """
    if not parts:
        return Transcript.from_text("")
    if all(t.timed for t, _ in parts):
        words = [
            Word(w.text, w.start + offset, w.end + offset, w.probability)
            for t, offset in parts
            for w in t.words
        ]
        last, last_offset = parts[-1]
        end = last_offset + (last.duration if last.duration is not None else last.words[-1].end)
        return Transcript.from_words(words, duration=end, source="audio")
    return Transcript.from_text("\n\n".join(t.text.strip() for t, _ in parts if t.text.strip()))


@dataclass(frozen=True)
class Outcome:
    """What the follow-up earned: the first answer alone against the whole story."""

    follow_up: FollowUp
    first_grade: str
    whole_grade: str
    gained: tuple[str, ...]  # signals the whole story meets that the first answer missed
    cleared: tuple[str, ...]  # pitfalls the first answer had that the whole story does not
    added: tuple[str, ...]  # pitfalls only the whole story has
    answered: bool = True  # False when nothing was heard after the question

    def to_dict(self) -> dict[str, Any]:
        """JSON shape: `follow_up` in `--json` and in the session's extra."""
        return {
            **self.follow_up.to_dict(),
            "answered": self.answered,
            "first_answer_grade": self.first_grade,
            "whole_story_grade": self.whole_grade,
            "signals_gained": list(self.gained),
            "pitfalls_cleared": list(self.cleared),
            "pitfalls_added": list(self.added),
        }

    def summary(self) -> str:
        """One or two sentences for the terminal."""
        if not self.answered:
            return f"No answer was heard to the follow-up; the grade stays {self.first_grade}."
        earned = [*self.gained, *(cleared_name(p) for p in self.cleared)]
        if earned:
            won = f"The follow-up earned {', '.join(earned)}"
        else:
            won = "The follow-up earned no signal"
        line = f"{won}: {self.first_grade} for the first answer alone, {self.whole_grade} for "
        line += "the whole story."
        if earned:
            line += " Put that in the first answer and the question is not needed."
        return line


def outcome(
    follow_up: FollowUp, first: Scorecard, whole: Scorecard | None, answered: bool = True
) -> Outcome:
    """Compare the first answer's scorecard with the whole story's."""
    if whole is None:
        return Outcome(follow_up, first.grade, first.grade, (), (), (), answered=False)
    gained = tuple(
        s
        for s in SIGNALS
        if s in whole.signals and whole.signals[s].hit and not first.signals[s].hit
    )
    cleared = tuple(p for p in PITFALLS if first.pitfalls[p].hit and not whole.pitfalls[p].hit)
    added = tuple(p for p in PITFALLS if whole.pitfalls[p].hit and not first.pitfalls[p].hit)
    return Outcome(follow_up, first.grade, whole.grade, gained, cleared, added, answered)
