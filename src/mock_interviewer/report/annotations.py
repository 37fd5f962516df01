"""A session's feedback as a time-ordered list of annotations: what replay shows as it plays.

Every annotation comes from evidence (the rubric's spans) or from pacing (long pauses, fillers,
the moment the answer passes its target). Spoken sessions order them by seconds; typed sessions
have no seconds and order them by character.
"""

from __future__ import annotations

import contextlib
import wave
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mock_interviewer.pacing import PacingReport
from mock_interviewer.scorecard import WORDS_PER_MINUTE, Evidence, Scorecard
from mock_interviewer.sessions import Session
from mock_interviewer.transcript import Transcript
from mock_interviewer.wav import wav_seconds
from mock_interviewer.wording import plural

# Evidence labels that name a kind of their own; any other signal's evidence takes the signal id.
_LABEL_KINDS = ("mitigation", "fix", "prevention")
_PLAIN_KINDS = ("pause", "target", "follow_up")  # their text describes, it does not quote
_TITLES = {
    "timeline": "time marker",
    "separation": "separation",
    "principle": "principle",
    "systemic": "systemic framing",
    "prevention": "prevention",
    "reflection": "reflection",
    "mitigation": "mitigation",
    "fix": "fix",
    "blame": "blame",
    "conflation": "conflation",
    "hero": "lone hero",
    "no_prevention": "no prevention",
    "pause": "long pause",
    "filler": "filler",
    "target": "target passed",
    "follow_up": "follow-up question",
}


@dataclass(frozen=True)
class Annotation:
    """One moment of feedback: when (seconds, or None for typed answers), what and why."""

    time_s: float | None  # seconds into the recording; None for typed answers
    end_s: float | None
    kind: str  # "timeline", "mitigation", "fix", "prevention", "blame", "pause", "filler", ...
    label: str  # short tag: "T+5", "mitigation", "3.1 s pause", "2:00"
    text: str  # the words said, or what happened
    signal_id: str | None  # the signal or pitfall the evidence belongs to
    start_char: int | None = None
    end_char: int | None = None
    advice: str = ""  # for pitfalls: what to do instead

    @property
    def title(self) -> str:
        """Human name of the kind, e.g. "time marker"."""
        return _TITLES.get(self.kind, self.kind.replace("_", " "))

    @property
    def heading(self) -> str:
        """The title, plus the label when it adds something: "time marker T+14d"."""
        if self.kind in _PLAIN_KINDS or self.label in (self.text, self.title, self.kind):
            return self.title
        return f"{self.title} {self.label}"

    @property
    def said(self) -> str:
        """The words in quotes, or the description of a pause or of the target crossing."""
        return self.text if self.kind in _PLAIN_KINDS else f"\u201c{self.text}\u201d"

    def to_dict(self) -> dict[str, Any]:
        """JSON shape used by `export --format json`."""
        return {
            "time_s": None if self.time_s is None else round(self.time_s, 2),
            "end_s": None if self.end_s is None else round(self.end_s, 2),
            "kind": self.kind,
            "label": self.label,
            "text": self.text,
            "signal_id": self.signal_id,
            "start_char": self.start_char,
            "end_char": self.end_char,
            "advice": self.advice,
        }


def annotate(session: Session) -> list[Annotation]:
    """All annotations of a session, in the order they happen."""
    notes = build_annotations(session.transcript, session.scorecard, session.pacing)
    asked = follow_up_annotations(session.info.extra.get("parts") or [])
    if not asked or not session.transcript.timed:
        return notes
    return sorted([*notes, *asked], key=_order_key)


def follow_up_annotations(parts: list[dict[str, Any]]) -> list[Annotation]:
    """Where each follow-up answer starts in the recording, with the question it answers."""
    return [
        Annotation(
            time_s=float(part["start_s"]),
            end_s=float(part["end_s"]),
            kind="follow_up",
            label="follow-up",
            text=f"the interviewer asked: {part.get('question', '')}".rstrip(": "),
            signal_id=None,
        )
        for part in parts
        if part.get("label") == "follow_up" and "start_s" in part and "end_s" in part
    ]


def build_annotations(
    transcript: Transcript, scorecard: Scorecard, pacing: PacingReport | None
) -> list[Annotation]:
    """Evidence, pauses, fillers and the target crossing, ordered by time (or character)."""
    found: list[Annotation] = []
    for signal_id, finding in scorecard.signals.items():
        advice = "" if finding.hit else finding.advice  # partial evidence: say what is missing
        found.extend(
            _from_evidence(transcript, signal_id, e, advice, by_label=True)
            for e in finding.evidence
        )
    for pitfall_id, finding in scorecard.pitfalls.items():
        if finding.hit:
            found.extend(
                _from_evidence(transcript, pitfall_id, e, finding.advice) for e in finding.evidence
            )
    if pacing is not None:
        found.extend(_pacing_annotations(transcript, pacing))
    timed = transcript.timed
    unique: dict[tuple[Any, ...], Annotation] = {}
    for note in found:
        if timed and note.time_s is None:
            continue  # evidence pointing outside the words; nothing to show it against
        unique.setdefault(
            (note.kind, note.label, note.start_char, note.end_char, note.time_s), note
        )
    kept = [n for n in unique.values() if not _inside_another(n, unique.values())]
    return sorted(kept, key=_order_key if timed else _char_key)


def _inside_another(note: Annotation, notes: Iterable[Annotation]) -> bool:
    """True when a longer annotation of the same kind and finding covers this one."""
    if note.start_char is None or note.end_char is None:
        return False
    for other in notes:
        if other is note or (other.kind, other.signal_id) != (note.kind, note.signal_id):
            continue
        if other.start_char is None or other.end_char is None:
            continue
        covers = other.start_char <= note.start_char and note.end_char <= other.end_char
        if covers and (other.end_char - other.start_char) > (note.end_char - note.start_char):
            return True
    return False


def recording_seconds(session: Session) -> float:
    """Length of the recording: the WAV itself when present, else the transcript's timings."""
    if session.audio_path is not None:
        with contextlib.suppress(OSError, wave.Error, EOFError):
            return wav_seconds(session.audio_path)
    if session.transcript.duration is not None:
        return session.transcript.duration
    words = session.transcript.words
    return words[-1].end if words else 0.0


def format_clock(seconds: float) -> str:
    """`m:ss.s`, as replay prints positions: 72.4 -> "1:12.4"."""
    tenths = round(max(seconds, 0.0) * 10)
    minutes, rest = divmod(tenths, 600)
    return f"{minutes}:{rest // 10:02d}.{rest % 10}"


def format_target(seconds: float) -> str:
    """`m:ss` for a target length: 120 -> "2:00"."""
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def _order_key(note: Annotation) -> tuple[float, int, str]:
    return (note.time_s or 0.0, note.start_char or 0, note.kind)


def _char_key(note: Annotation) -> tuple[int, str]:
    return (note.start_char or 0, note.kind)


def _from_evidence(
    transcript: Transcript,
    finding_id: str,
    evidence: Evidence,
    advice: str,
    by_label: bool = False,
) -> Annotation:
    kind = evidence.label if by_label and evidence.label in _LABEL_KINDS else finding_id
    start, end = evidence.start_s, evidence.end_s
    if start is None or end is None:
        seconds = transcript.seconds(evidence.start_char, evidence.end_char)
        start, end = seconds if seconds is not None else (None, None)
    return Annotation(
        time_s=start,
        end_s=end,
        kind=kind,
        label=evidence.label or _TITLES.get(kind, kind),
        text=evidence.text,
        signal_id=finding_id,
        start_char=evidence.start_char,
        end_char=evidence.end_char,
        advice=advice,
    )


def _pacing_annotations(transcript: Transcript, pacing: PacingReport) -> list[Annotation]:
    notes = [
        Annotation(
            time_s=pause.start,
            end_s=pause.end,
            kind="pause",
            label=f"{pause.seconds:.1f} s pause",
            text=f"{pause.seconds:.1f} seconds of silence",
            signal_id=None,
            start_char=_char_at(transcript, pause.end),
        )
        for pause in pacing.pauses
    ]
    for filler in pacing.fillers:
        start, end = filler.start, filler.end
        if start is None or end is None:
            seconds = transcript.seconds(filler.start_char, filler.end_char)
            start, end = seconds if seconds is not None else (None, None)
        notes.append(
            Annotation(
                time_s=start,
                end_s=end,
                kind="filler",
                label="filler",
                text=filler.text,
                signal_id=None,
                start_char=filler.start_char,
                end_char=filler.end_char,
            )
        )
    crossing = _target_crossing(transcript, pacing)
    if crossing is not None:
        notes.append(crossing)
    return notes


def _target_crossing(transcript: Transcript, pacing: PacingReport) -> Annotation | None:
    """Where the answer passes its target length, if it does."""
    target = format_target(pacing.target_s)
    if transcript.timed and not pacing.estimated:
        at = pacing.speech_start_s + pacing.target_s
        if at >= pacing.speech_end_s:
            return None
        over = pacing.speech_end_s - at
        return Annotation(
            time_s=at,
            end_s=at,
            kind="target",
            label=target,
            text=f"the answer passes the {target} target here; {over:.0f} s more follow",
            signal_id=None,
            start_char=_char_at(transcript, at),
        )
    words = list(_word_spans(transcript.text))
    at_word = int(pacing.target_s * WORDS_PER_MINUTE / 60)
    if at_word >= len(words):
        return None
    over = len(words) - at_word
    return Annotation(
        time_s=None,
        end_s=None,
        kind="target",
        label=target,
        text=f"at {WORDS_PER_MINUTE} words a minute the answer passes the {target} target "
        f"here; {plural(over, 'word')} more {'follows' if over == 1 else 'follow'}",
        signal_id=None,
        start_char=words[at_word][0],
    )


def _char_at(transcript: Transcript, seconds: float) -> int | None:
    """Character offset of the first word starting at or after `seconds`."""
    for word, (start, _) in zip(transcript.words, transcript.word_offsets, strict=True):
        if word.start >= seconds:
            return start
    return len(transcript.text) if transcript.words else None


def _word_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, ch in enumerate(text):
        if ch.isspace():
            if start is not None:
                spans.append((start, i))
                start = None
        elif start is None:
            start = i
    if start is not None:
        spans.append((start, len(text)))
    return spans
