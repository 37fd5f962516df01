"""Replay a session: annotations fire in sync with a player clock; or print them with the text.

The scheduling is a pure class driven by any `Clock` (the audio player counts samples; tests use
a fake). The interactive player plays the WAV through `sound`, scrolls the transcript and shows
annotations as they come; with no audio (or no output device) the annotated transcript is printed.
"""

from __future__ import annotations

import bisect
import re
import threading
import wave
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt
from rich.console import Console, Group
from rich.live import Live
from rich.panel import Panel
from rich.text import Text

from mock_interviewer import sound
from mock_interviewer.audio import AudioChunk
from mock_interviewer.errors import SessionError, UsageError
from mock_interviewer.report.annotations import (
    Annotation,
    annotate,
    format_clock,
    recording_seconds,
)
from mock_interviewer.report.keys import key_reader
from mock_interviewer.sessions import Session
from mock_interviewer.wav import read_wav

SEEK_STEP_S = 5.0  # left/right arrow
TICK_S = 0.1  # how often the screen refreshes and keys are polled
RECENT_NOTES = 6  # annotations kept on screen
_POSITION_RE = re.compile(r"^(?:(\d+):([0-5]?\d(?:\.\d+)?)|(\d+(?:\.\d+)?))$")
_SENTENCE_END = (".", "?", "!")


class Clock(Protocol):
    """Anything that knows where playback is, in seconds."""

    def position(self) -> float:
        """Seconds from the start of the recording."""
        ...


class Player(Clock, Protocol):
    """What the keys drive: the sample player, or a stand-in."""

    def toggle(self) -> None:
        """Pause or resume."""

    def seek(self, seconds: float) -> None:
        """Jump to `seconds`."""


class ReplayScheduler:
    """Fires each annotation once, in order, as the clock passes it; `seek` re-syncs."""

    def __init__(self, annotations: Sequence[Annotation]) -> None:
        timed = [a for a in annotations if a.time_s is not None]
        self.annotations = sorted(timed, key=lambda a: a.time_s or 0.0)
        self._times = [a.time_s or 0.0 for a in self.annotations]
        self._next = 0

    def due(self, position: float) -> list[Annotation]:
        """Annotations reached by `position` and not fired yet, in order."""
        end = bisect.bisect_right(self._times, position)
        fired = self.annotations[self._next : end]
        self._next = max(self._next, end)
        return fired

    def seek(self, position: float) -> None:
        """Jump: annotations before `position` count as done, those at or after it are pending."""
        self._next = bisect.bisect_left(self._times, position)

    def next_time(self, position: float) -> float | None:
        """Start of the first annotation after `position` (for the `n` key)."""
        i = bisect.bisect_right(self._times, position + 1e-6)
        return self._times[i] if i < len(self._times) else None

    def previous_time(self, position: float, grace_s: float = 1.0) -> float | None:
        """Start of the annotation before the one just shown (for the `p` key)."""
        i = bisect.bisect_left(self._times, position - grace_s)
        return self._times[i - 1] if i > 0 else None


def parse_position(value: str) -> float:
    """`1:30`, `1:30.5` or `90` -> seconds; anything else is a UsageError."""
    match = _POSITION_RE.match(value.strip())
    if not match:
        raise UsageError(f"bad position {value!r}: use m:ss (1:30) or seconds (90)")
    minutes, seconds, plain = match.groups()
    if plain is not None:
        return float(plain)
    return int(minutes) * 60 + float(seconds)


# -- printing (no audio) ---------------------------------------------------------------------


def render_text(session: Session, start_s: float = 0.0) -> str:
    """The annotated transcript: `[m:ss.s]` per sentence, annotation lines beneath."""
    notes = annotate(session)
    transcript = session.transcript
    info = session.info
    head = f"Session {info.id} · {info.kind} · prompt {info.prompt_id or '-'}"
    head += f" · grade {session.scorecard.grade}"
    if info.status == "interrupted":
        head += " · interrupted (scored from the audio it kept)"
    lines = [head]
    if not transcript.timed:
        if start_s:
            raise UsageError(f"session {info.id} was typed: --from needs a recording")
        for (s, e), sentence in _sentences_by_char(transcript.text):
            lines.append(sentence)
            lines.extend(_note_line(n) for n in notes if s <= (n.start_char or 0) < e)
        return "\n".join(lines) + "\n"
    duration = recording_seconds(session)
    if start_s > duration:
        raise UsageError(
            f"--from {format_clock(start_s)} is past the end of the recording "
            f"({format_clock(duration)})"
        )
    sentences = _sentences_by_time(session)
    starts = [t0 for t0, _ in sentences]
    by_sentence: dict[int, list[Annotation]] = {}
    for note in notes:
        if note.time_s is not None and note.time_s >= start_s:
            i = max(bisect.bisect_right(starts, note.time_s) - 1, 0)
            by_sentence.setdefault(i, []).append(note)
    for i, (t0, text) in enumerate(sentences):
        t1 = starts[i + 1] if i + 1 < len(starts) else float("inf")
        if t1 <= start_s:
            continue
        lines.append(f"[{format_clock(t0)}] {text}")
        lines.extend(_note_line(n) for n in by_sentence.get(i, []))
    return "\n".join(lines) + "\n"


def _note_line(note: Annotation) -> str:
    when = "" if note.time_s is None else f"[{format_clock(note.time_s)}] "
    head = note.heading
    if note.signal_id and note.signal_id != note.kind:
        head += f" ({note.signal_id})"
    line = f"    > {when}{head}: {note.said}"
    if note.advice:
        line += f"  -> {note.advice}"
    return line


def _sentences_by_time(session: Session) -> list[tuple[float, str]]:
    out: list[tuple[float, str]] = []
    current: list[str] = []
    start = 0.0
    for word in session.transcript.words:
        if not current:
            start = word.start
        current.append(word.text)
        if word.text.endswith(_SENTENCE_END):
            out.append((start, " ".join(current)))
            current = []
    if current:
        out.append((start, " ".join(current)))
    return out


def _sentences_by_char(text: str) -> list[tuple[tuple[int, int], str]]:
    out: list[tuple[tuple[int, int], str]] = []
    for match in re.finditer(r"[^.?!\n]*(?:[.?!]+|\n|$)", text):
        chunk = match.group(0).strip()
        if chunk:
            out.append(((match.start(), match.end()), chunk))
    if out:  # stretch the last span so trailing annotations (the target) still show
        (s, _), chunk = out[-1]
        out[-1] = ((s, len(text) + 1), chunk)
    return out


# -- the interactive player ------------------------------------------------------------------


class SamplePlayer:
    """Plays a session's WAV; its position is counted in the samples it has delivered.

    The one lock outside the orchestrator: PortAudio calls `_fill` on its own thread while the
    key loop seeks and pauses, and both touch the play position.
    """

    def __init__(self, path: Path) -> None:
        self.audio = _read_recording(path)
        self.rate = self.audio.rate
        self._frame = 0
        self._paused = False
        self._lock = threading.Lock()
        self.finished = threading.Event()
        self._stream: sound.Stream | None = None

    @property
    def duration(self) -> float:
        """Seconds of audio."""
        return self.audio.seconds

    def position(self) -> float:
        """Seconds played so far (the `Clock`)."""
        with self._lock:
            return self._frame / self.rate

    def start(self, at_s: float = 0.0) -> None:
        """Open the output stream and start playing from `at_s`."""
        self.seek(at_s)
        self._stream = sound.open_callback_output(self.rate, self._fill)

    def stop(self) -> None:
        """Close the stream."""
        stream, self._stream = self._stream, None
        sound.close_quietly(stream)

    def toggle(self) -> None:
        """Pause or resume."""
        with self._lock:
            self._paused = not self._paused

    @property
    def paused(self) -> bool:
        """True while paused."""
        return self._paused

    def seek(self, seconds: float) -> None:
        """Jump to `seconds` (clamped to the recording)."""
        with self._lock:
            self._frame = int(min(max(seconds, 0.0), self.duration) * self.rate)
            if self._frame < len(self.audio.samples):
                self.finished.clear()

    def _fill(self, out: npt.NDArray[np.int16], frames: int) -> None:
        """PortAudio's request for the next `frames` samples (one column: mono)."""
        with self._lock:
            if self._paused:
                out.fill(0)
                return
            samples = self.audio.samples[self._frame : self._frame + frames]
            out[: len(samples), 0] = samples
            out[len(samples) :] = 0
            self._frame += len(samples)
            if self._frame >= len(self.audio.samples):
                self.finished.set()


def _read_recording(path: Path) -> AudioChunk:
    try:
        return read_wav(path)
    except (OSError, wave.Error, EOFError) as error:
        raise SessionError(f"cannot read the recording {path}: {error}") from error


def output_available() -> bool:
    """True when there is an output device to play through (else the text is printed)."""
    return sound.has_output_device()


def play(session: Session, start_s: float = 0.0) -> None:
    """Play the recording with the transcript scrolling and annotations appearing in sync."""

    if session.audio_path is None:
        raise UsageError(f"session {session.info.id} has no recording: use --no-audio")
    player = SamplePlayer(session.audio_path)
    if start_s > player.duration:
        raise UsageError(
            f"--from {format_clock(start_s)} is past the end of the recording "
            f"({format_clock(player.duration)})"
        )
    feed = NoteFeed(ReplayScheduler(annotate(session)))
    feed.seek(start_s)
    console = Console()
    player.start(start_s)
    try:
        with key_reader() as read_key, Live(console=console, auto_refresh=False) as live:
            while True:
                key = read_key(TICK_S)
                if key == "q":
                    break
                target = _handle_key(key, player, feed.scheduler)
                if target is not None:
                    feed.seek(player.position())
                ended = player.finished.is_set()  # read first, so the last notes still show
                shown = feed.advance(player.position())
                live.update(_view(session, player, shown), refresh=True)
                if ended:
                    break
    finally:
        player.stop()


class NoteFeed:
    """The notes on screen: those reached so far, oldest first, each at most once.

    After a seek it shows the notes before the new position and lets the scheduler fire the
    rest as they come, so jumping back to a note (`p`) shows it once, not twice.
    """

    def __init__(self, scheduler: ReplayScheduler, keep: int = RECENT_NOTES) -> None:
        self.scheduler = scheduler
        self.keep = keep
        self.shown: list[Annotation] = []

    def seek(self, position: float) -> None:
        """Re-sync with the player after a jump to `position`."""
        self.scheduler.seek(position)
        before = [a for a in self.scheduler.annotations if (a.time_s or 0.0) < position]
        self.shown = []
        self._add(before)

    def advance(self, position: float) -> list[Annotation]:
        """The notes to show once playback is at `position`."""
        self._add(self.scheduler.due(position))
        return list(self.shown)

    def _add(self, notes: Sequence[Annotation]) -> None:
        for note in notes:
            line = _note_line(note)
            self.shown = [n for n in self.shown if _note_line(n) != line] + [note]
        del self.shown[: -self.keep]


def _handle_key(key: str | None, player: Player, scheduler: ReplayScheduler) -> float | None:
    """Act on one key; the position jumped to, if the key seeks."""
    now = player.position()
    target: float | None = None
    if key == "space":
        player.toggle()
    elif key == "left":
        target = now - SEEK_STEP_S
    elif key == "right":
        target = now + SEEK_STEP_S
    elif key == "n":
        target = scheduler.next_time(now)
    elif key == "p":
        target = scheduler.previous_time(now)
    if target is not None:
        player.seek(target)
        scheduler.seek(max(target, 0.0))
    return target


def _view(session: Session, player: SamplePlayer, shown: list[Annotation]) -> Group:

    now = player.position()
    words = session.transcript.words
    starts = [w.start for w in words]
    current = max(bisect.bisect_right(starts, now) - 1, 0)
    lo = max(current - 30, 0)
    text = Text()
    for i in range(lo, min(current + 30, len(words))):
        style = "reverse bold" if i == current else ("" if i < current else "dim")
        text.append(words[i].text, style=style)
        text.append(" ")
    notes = Text()
    for note in shown:
        notes.append(_note_line(note).strip() + "\n")
    state = "paused" if player.paused else "playing"
    status = (
        f"{format_clock(now)} / {format_clock(player.duration)}  {state}   "
        "space pause · \u2190/\u2192 5 s · n/p annotation · q quit"
    )
    return Group(
        Panel(text, title=f"Session {session.info.id}{_interrupted(session)}"),
        Panel(notes, title="Feedback"),
        Text(status, style="bold"),
    )


def _interrupted(session: Session) -> str:
    return " (interrupted)" if session.info.status == "interrupted" else ""
