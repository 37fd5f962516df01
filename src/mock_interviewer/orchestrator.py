"""The orchestrator: every spoken session is a mode of `SessionRunner`.

A session asks something aloud, records answers and judges them. The base does what every mode
shares, once: the microphone checked before anything is asked, the models loaded in a thread
while the prompt plays, the prompt spoken (or saved, or only printed, with no speaker), an
answer recorded from the audio source with Enter armed to end it, and a Ctrl-C or a failure
turned into a session marked "interrupted" that keeps its audio. Each mode supplies only what
differs:

- `interview.Interview`: one question, its answer and maybe a follow-up, scored as one story;
- `mock_round.MockRound`: several interviews in a row, then the round's summary;
- `drill.runner.Drill`: rounds against a clock, with cue tones written in lockstep.

The project's threads start here: the model loader, the streaming transcriber (its worker,
`streaming.SegmentTranscriber`) and the one Enter-key reader (`EnterKey`). The one exception is
replay's player (`report/replay.py`): PortAudio's callback thread moves its position under a lock.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from mock_interviewer import interrupts, pipeline, recorder, sound, tts
from mock_interviewer.audio import AudioChunk
from mock_interviewer.capture import FileSource, MicrophoneSource
from mock_interviewer.endpoint import EndpointSettings, SegmentClosed
from mock_interviewer.errors import MockInterviewerError, NoAnswerHeard
from mock_interviewer.protocols import AudioSource, SpeechModel
from mock_interviewer.recorder import Recording, record_answer
from mock_interviewer.rubric import nlp
from mock_interviewer.sessions import SessionInfo, SessionStore


class EnterKey:
    """One thread reads the terminal for the whole process; Enter ends the armed recording.

    One reader, not one per recording: a reader left blocked after an answer ended on silence
    would otherwise swallow the Enter meant for the follow-up (or the next question of a round).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: threading.Event | None = None
        self._thread: threading.Thread | None = None

    def arm(self, stop: threading.Event | None) -> None:
        """Enter sets `stop` from now on (None: Enter does nothing); terminals only."""
        if not sys.stdin or not sys.stdin.isatty():
            return
        with self._lock:
            self._armed = stop
            if self._thread is None and stop is not None:
                self._thread = threading.Thread(target=self._read, name="enter-key", daemon=True)
                self._thread.start()

    def _read(self) -> None:
        while True:
            try:
                line = sys.stdin.readline()
            except (OSError, ValueError):
                return
            if not line:
                return  # end of input
            with self._lock:
                armed = self._armed
            if armed is not None:
                armed.set()


ENTER_KEY = EnterKey()


def open_source(
    input_file: Path | None, realtime: bool = False, device: str | int | None = None
) -> AudioSource:
    """The microphone, or a recording standing in for it (paced like one with `realtime`)."""
    if input_file is not None:
        return FileSource(input_file, realtime=realtime)
    return MicrophoneSource(device=device)


def endpoint_settings(end_silence_s: float | None, max_answer_s: float | None) -> EndpointSettings:
    """The endpointer's settings with the user's overrides (None keeps the default)."""
    base = EndpointSettings()
    return replace(
        base,
        end_silence_s=end_silence_s or base.end_silence_s,
        max_answer_s=max_answer_s or base.max_answer_s,
    )


def stopped_by_user(error: BaseException) -> bool:
    """True for a Ctrl-C, or for anything failing because of one (an import cut in half)."""
    return isinstance(error, KeyboardInterrupt) or interrupts.requested()


@dataclass(kw_only=True)
class SessionRunner:
    """What every spoken session shares; modes subclass it. I/O comes from replaceable factories."""

    store: SessionStore | None = None
    status: TextIO = field(default_factory=lambda: sys.stderr)  # prompts and live lines
    _enter_event: threading.Event | None = field(default=None, init=False, repr=False)
    _kept_said: bool = field(default=False, init=False, repr=False)

    # -- start-up -----------------------------------------------------------------------

    def session_store(self) -> SessionStore:
        """The store sessions are kept in (the user's, unless one was given)."""
        if self.store is None:
            self.store = SessionStore()
        return self.store

    def check_microphone(self, uses_microphone: bool, device: str | int | None) -> None:
        """No microphone: say so before anything is asked."""
        if uses_microphone:
            sound.find_input_device(device)

    def speech_model(self, model: str | None) -> SpeechModel:
        """The speech model for `model` (one per process), not loaded yet."""
        return pipeline.transcriber(model)

    def model_loader(self, stt: SpeechModel, language: bool = False) -> threading.Thread:
        """A thread (not started) loading the speech model, then the rubric's language model.

        A load that fails is raised again, clearly, when the model is first used.
        """
        return threading.Thread(
            target=_load_models, args=(stt, language), name="model-load", daemon=True
        )

    # -- speaking -----------------------------------------------------------------------

    def say(
        self,
        text: str,
        speak: bool,
        voice: str | None,
        fallback: Path | None = None,
        on_first_audio: Callable[[], None] | None = None,
    ) -> None:
        """Print `text` and say it; with no speaker, save it as `fallback` (or only print it)."""
        print(f"\n{text}\n", file=self.status, flush=True)
        if not speak:
            return
        speaker = sound.has_output_device()
        if not speaker and fallback is None:
            print("(no speaker found: read the task above)", file=self.status)
            return
        chunks = _after_first(_voice(voice).cached_or_synthesize(text), on_first_audio)
        if speaker:
            sound.play(chunks)
        elif fallback is not None:
            tts.save_wav(chunks, fallback)
            print(f"(no speaker found: the spoken words are saved as {fallback})", file=self.status)

    def say_fresh(self, text: str, voice: str | None, first: Callable[[], None]) -> None:
        """Synthesise and play `text` now (not cached) where a speaker exists, `first` before."""
        if sound.has_output_device():
            first()
            sound.play(_voice(voice).synthesize(text))

    # -- recording ----------------------------------------------------------------------

    def arm_enter(self) -> threading.Event:
        """The event Enter sets: the one still armed (not pressed yet), else a fresh one."""
        if self._enter_event is None or self._enter_event.is_set():
            self._enter_event = threading.Event()
            ENTER_KEY.arm(self._enter_event)
        return self._enter_event

    def disarm_enter(self) -> None:
        """Enter does nothing until the next recording arms it."""
        self._enter_event = None
        ENTER_KEY.arm(None)

    def record(
        self,
        source: AudioSource,
        wav_path: Path,
        settings: EndpointSettings,
        announce: str,
        stop: threading.Event | None,
        wrap: Callable[[AudioSource], Iterable[AudioChunk]] | None = None,
        on_progress: Callable[[recorder.Progress], None] | None = None,
        on_segment: Callable[[SegmentClosed, AudioChunk], None] | None = None,
        listener: recorder.Listener | None = None,
    ) -> Recording:
        """Record one answer from `source` into `wav_path` until silence, Enter or the cap.

        `wrap` sees the source through another stage first (the drill's cue track); a
        `listener` (the streaming transcript) lets a finished story end on a short pause.
        """
        with source as opened:
            print(announce, file=self.status, flush=True)
            chunks = wrap(opened) if wrap is not None else opened
            return record_answer(
                chunks,
                wav_path,
                settings,
                stop=stop,
                on_progress=on_progress,
                on_segment=on_segment,
                listener=listener,
            )

    # -- Ctrl-C -------------------------------------------------------------------------

    @contextlib.contextmanager
    def session(
        self, kind: str, prompt_id: str | None, story: str | None = None
    ) -> Iterator[SessionInfo]:
        """A new session for the block; if the block fails, the session says how.

        No speech: "no_answer". A Ctrl-C (or anything failing because of one) or a domain
        error: "interrupted", the audio recorded so far kept, and after a Ctrl-C one line
        saying where; the error goes on up as a KeyboardInterrupt. A session the mode has
        already settled (saved, or marked) keeps its status; a Ctrl-C still says where it is.
        """
        store = self.session_store()
        begun: list[SessionInfo] = []
        try:
            with interrupts.deferred():  # a Ctrl-C now still leaves a session to mark
                begun.append(store.begin(kind, prompt_id, "audio", story=story))
            yield begun[0]
        except NoAnswerHeard:
            store.mark(begun[0], "no_answer")
            raise
        except BaseException as error:
            if begun and not self.settled():
                self.cut_short(begun[0], error)
            elif begun and stopped_by_user(error):
                self.say_kept(begun[0])  # saved, but its result was never shown
            if stopped_by_user(error) and not isinstance(error, KeyboardInterrupt):
                raise KeyboardInterrupt from None
            raise

    def settled(self) -> bool:
        """True once the current session is saved or marked (modes with states override it)."""
        return False

    def cut_short(self, info: SessionInfo, error: BaseException) -> None:
        """Mark a session ended by `error`; after a Ctrl-C, say what was kept."""
        stopped = stopped_by_user(error)
        if stopped or isinstance(error, MockInterviewerError):
            self.session_store().mark(info, "interrupted")
        if stopped:
            self.on_stopped()
            self.say_kept(info)

    def on_stopped(self) -> None:
        """Called once a Ctrl-C has ended a session (modes record it in their state)."""

    def say_kept(self, info: SessionInfo) -> None:
        """The line saying where the audio of an interrupted session is (said once)."""
        if self._kept_said:
            return
        self._kept_said = True
        line = (
            f"\nStopped. What was recorded is kept in session {info.id} "
            f"(`mock-interviewer replay {info.id}` or `report {info.id}`)."
        )
        if self.status is sys.stderr:
            interrupts.announce(line)  # the one line an interrupted process ends with
        else:
            print(line, file=self.status, flush=True)


def _voice(name: str | None) -> tts.Voice:
    return tts.Voice(tts.TtsSettings(voice=name))


def _after_first(
    chunks: Iterable[AudioChunk], callback: Callable[[], None] | None
) -> Iterator[AudioChunk]:
    """Yield `chunks`, calling `callback` once the first one has been consumed."""
    for i, chunk in enumerate(chunks):
        yield chunk
        if i == 0 and callback is not None:
            callback()


def _load_models(stt: SpeechModel, language: bool) -> None:
    """Both models load while the question plays and the answer is spoken, so the wait after
    the answer does not grow; a failure here is raised again, clearly, at first use."""
    with contextlib.suppress(MockInterviewerError):
        stt.load()
        if language:
            nlp.preload()
