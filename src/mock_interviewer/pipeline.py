"""Scoring pipelines for a typed answer and for a recording, and the result they produce.

The speech model's module is imported when a transcriber is first built: faster-whisper and
CTranslate2 cost start-up time that typed answers must not pay.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from mock_interviewer import pacing, progress, rubric
from mock_interviewer.audio import AudioChunk, read_audio
from mock_interviewer.endpoint import speech_segments
from mock_interviewer.errors import CannotGrade, NoAnswerHeard
from mock_interviewer.inputs import read_answer_text
from mock_interviewer.pacing import PacingReport
from mock_interviewer.progress import AnswerProgress
from mock_interviewer.rubric import gate as grading_gate
from mock_interviewer.scorecard import TARGET_SECONDS, Scorecard
from mock_interviewer.sessions import SessionInfo, SessionStore
from mock_interviewer.terminal import print_scorecard, render_follow_up, render_progress
from mock_interviewer.transcript import Transcript
from mock_interviewer.wav import write_wav

if TYPE_CHECKING:
    from mock_interviewer.delivery import Delivery
    from mock_interviewer.prompts import Prompt
    from mock_interviewer.protocols import SpeechModel


@dataclass(frozen=True)
class Result:
    """A scored answer: what was said, how it scored, its pacing and where it was saved."""

    scorecard: Scorecard
    transcript: Transcript
    pacing: PacingReport | None = None
    session: SessionInfo | None = None
    extra: dict[str, Any] | None = None
    progress: AnswerProgress | None = None  # since the last answer to the same prompt

    def to_dict(self) -> dict[str, Any]:
        """The `score --json` shape plus `session`, `pacing`, `transcript` and `progress`."""
        data = self.scorecard.to_dict()
        data["session"] = self.session.id if self.session else None
        data["pacing"] = self.pacing.to_dict() if self.pacing else None
        data["transcript"] = {
            "text": self.transcript.text,
            "words": [
                {"word": w.text, "start": round(w.start, 3), "end": round(w.end, 3)}
                for w in self.transcript.words
            ],
        }
        if self.extra:
            data.update(self.extra)
        data["progress"] = self.progress.to_dict() if self.progress else None
        located = self.delivery()
        data["delivery"] = located.to_dict() if located is not None else None
        return data

    def delivery(self) -> Delivery | None:
        """Fillers, pauses and pace located in time (spoken answers only)."""
        from mock_interviewer.delivery import locate

        return locate(self.transcript, self.pacing, self.scorecard) if self.pacing else None

    def print(self, question: str | None = None, console: Console | None = None) -> None:
        """Render for a person: the scorecard, pacing and where the session went."""

        console = console or Console()
        print_scorecard(self.scorecard, question, self.pacing, console=console)
        follow_up = (self.extra or {}).get("follow_up")
        if follow_up:
            console.print(render_follow_up(follow_up))
        located = self.delivery()
        if located is not None and located.notes():
            from rich.panel import Panel

            console.print(Panel("\n".join(located.notes()), title="Where the delivery slipped"))
        if self.progress is not None:
            console.print(render_progress(self.progress))
        if self.session is not None:
            # Each command on a line of its own, so no terminal width can break one apart.
            console.print(f"Saved as session [cyan]{self.session.id}[/cyan]. Look again with:")
            for command in ("replay", "report"):
                line = Text(f"  mock-interviewer {command} {self.session.id}", no_wrap=True)
                console.print(line, overflow="fold")


def score_transcript(
    transcript: Transcript,
    prompt: Prompt | None,
    speech: list[tuple[float, float]] | None = None,
    target_s: float | None = None,
    gate: bool = False,
) -> tuple[Scorecard, PacingReport]:
    """Score and pace one transcript; `speech` is the voiced regions measured from the audio.

    With `gate`, an answer that cannot be graded (too short, not English, not an incident)
    raises `CannotGrade` instead of getting a scorecard of invented findings."""

    if gate:
        refusal = grading_gate.check(transcript)
        if refusal is not None:
            raise CannotGrade(str(refusal))
    card = rubric.score(transcript, prompt)
    report = pacing.analyse(transcript, speech, target_s=target_s or float(TARGET_SECONDS))
    return card, report


def score_typed(
    path: Path, prompt: Prompt | None, save: bool = True, story: str | None = None
) -> Result:
    """Score a typed answer file, and keep it as a session unless `save` is False."""

    transcript = Transcript.from_text(read_answer_text(path))
    card, report = score_transcript(transcript, prompt, gate=True)
    info = None
    if save:
        store = _store()
        info = store.begin("score", prompt.id if prompt else None, "text", story=story)
        return _saved(store, info, transcript, card, report)
    return Result(card, transcript, report, info)


def score_recording(
    path: Path,
    prompt: Prompt | None,
    save: bool = True,
    story: str | None = None,
    model: str | None = None,
) -> Result:
    """Transcribe and score a recording in any format PyAV decodes."""

    audio = read_audio(path)
    store = _store() if save else None
    info = None
    if store is not None:
        info = store.begin("score", prompt.id if prompt else None, "audio", story=story)
        write_wav(store.audio_path(info), audio)
    return transcribe_and_score(audio, prompt, store, info, model=model, label=str(path), gate=True)


def transcribe_and_score(
    audio: AudioChunk,
    prompt: Prompt | None,
    store: SessionStore | None,
    info: SessionInfo | None,
    model: str | None = None,
    label: str = "the recording",
    gate: bool = False,
) -> Result:
    """Find the speech, transcribe, score, pace, and finish the session."""

    try:
        transcript, speech = transcribe_audio(audio, model, label)
    except NoAnswerHeard:
        if store is not None and info is not None:
            store.mark(info, "no_answer")
        raise
    card, report = score_transcript(transcript, prompt, speech, gate=gate)
    if store is not None and info is not None:
        return _saved(store, info, transcript, card, report)
    return Result(card, transcript, report, info)


def _saved(
    store: SessionStore,
    info: SessionInfo,
    transcript: Transcript,
    card: Scorecard,
    report: PacingReport,
) -> Result:
    """Finish the session and return its result, with what changed since the last answer."""
    info = store.finish(info, transcript, card, report)
    change = since_last(store, info, card, report)
    return Result(card, transcript, report, info, progress=change)


def transcribe_audio(
    audio: AudioChunk,
    model: str | None = None,
    label: str = "the recording",
    transcript: Transcript | None = None,
    speech: Sequence[tuple[float, float]] | None = None,
) -> tuple[Transcript, list[tuple[float, float]]]:
    """The transcript (unless given) and voiced regions of a recording; NoAnswerHeard if none.

    `speech` is the voiced regions when the recorder already measured them (not measured twice).
    """

    speech = list(speech) if speech is not None else speech_segments(audio)
    if not speech:
        raise NoAnswerHeard(
            f"no answer heard in {label}: it holds no speech; check the microphone or the file"
        )
    if transcript is None:
        with transcription_progress(audio.seconds) as on_progress:
            transcript = transcriber(model).transcribe(
                audio, speech=speech, on_progress=on_progress
            )
    if not transcript.text.strip():
        raise NoAnswerHeard(f"no words recognised in {label}; speak clearly in English and retry")
    return transcript, list(speech)


def since_last(
    store: SessionStore, info: SessionInfo, card: Scorecard, report: PacingReport | None
) -> AnswerProgress | None:
    """What changed since the previous answer to the same prompt (None for the first)."""

    return progress.since_last(store, info, card, report)


LONG_RECORDING_S = 180.0  # recordings longer than this show a progress bar while transcribed


@contextlib.contextmanager
def transcription_progress(total_s: float) -> Iterator[Callable[[float, float], None] | None]:
    """A progress bar on stderr for long recordings (and only on a terminal)."""

    if total_s < LONG_RECORDING_S or not sys.stderr.isatty():
        yield None
        return

    columns = (TextColumn("Transcribing"), BarColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("transcribe", total=total_s)
        yield lambda done, _total: bar.update(task, completed=done)


_TRANSCRIBERS: dict[str | None, SpeechModel] = {}


def transcriber(model: str | None = None) -> SpeechModel:
    """One loaded Transcriber per model name for the life of the process."""
    if model not in _TRANSCRIBERS:
        from mock_interviewer.stt import SttSettings, Transcriber

        settings = SttSettings(model=model) if model else SttSettings()
        _TRANSCRIBERS[model] = Transcriber(settings)
    return _TRANSCRIBERS[model]


def use_threads(model: str | None, cpu_threads: int) -> None:
    """Make `transcriber(model)` use `cpu_threads` (batch workers share the cores out)."""
    from mock_interviewer.stt import SttSettings, Transcriber

    settings = SttSettings(model=model, cpu_threads=cpu_threads) if model else None
    settings = settings or SttSettings(cpu_threads=cpu_threads)
    _TRANSCRIBERS[model] = Transcriber(settings)


def _store() -> SessionStore:

    return SessionStore()
