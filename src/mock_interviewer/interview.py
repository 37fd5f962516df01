"""The orchestrator: one spoken mock interview as an explicit state machine.

SPEAKING -> RECORDING -> TRANSCRIBING -> SCORING -> [FOLLOW_UP -> RECORDING -> TRANSCRIBING ->
SCORING] -> SAVED. After the first answer is scored the interviewer may ask one follow-up aimed
at its costliest weakness (see `followup.py`); the follow-up answer is recorded, appended to
the first answer's WAV and the whole story re-scored. The only concurrency in the project
lives here: the speech model loads in a thread while the prompt is spoken, and closed speech
segments are transcribed in a thread while the user is still talking.
"""

from __future__ import annotations

import contextlib
import enum
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from mock_interviewer import interrupts
from mock_interviewer.audio import AudioChunk
from mock_interviewer.errors import MockInterviewerError, NoAnswerHeard
from mock_interviewer.followup import outcome
from mock_interviewer.keys import watch_enter
from mock_interviewer.pipeline import Result, score_transcript, transcribe_audio, transcriber
from mock_interviewer.streaming import SegmentTranscriber
from mock_interviewer.terminal import ProgressLine

if TYPE_CHECKING:
    from mock_interviewer.endpoint import EndpointSettings
    from mock_interviewer.followup import FollowUp
    from mock_interviewer.prompts import Prompt
    from mock_interviewer.recorder import Recording
    from mock_interviewer.sessions import SessionInfo, SessionStore
    from mock_interviewer.transcript import Transcript

FOLLOW_UP_WAV = "followup.wav"  # the follow-up as it is recorded; appended to audio.wav after


class State(enum.Enum):
    """Where an interview is."""

    SPEAKING = "speaking"
    RECORDING = "recording"
    TRANSCRIBING = "transcribing"
    SCORING = "scoring"
    FOLLOW_UP = "follow_up"  # the follow-up question is being asked
    SAVED = "saved"
    INTERRUPTED = "interrupted"


@dataclass(frozen=True)
class InterviewSettings:
    """What the user chose on the command line."""

    input_file: Path | None = None  # replaces the microphone
    realtime: bool = False  # feed input_file at real-time pace, as a microphone would
    device: str | int | None = None  # input device
    speak: bool = True  # read the prompt aloud (else print it)
    voice: str | None = None  # Piper voice name or .onnx path
    model: str | None = None  # Whisper model name or path
    target_s: float = 120.0  # seconds
    story: str | None = None
    streaming: bool = True  # transcribe closed segments while the user speaks
    end_silence_s: float | None = None  # override the endpointer's end-of-answer silence
    max_answer_s: float | None = None  # override the hard cap
    follow_up: bool = True  # ask one follow-up aimed at the weakest signal
    follow_up_file: Path | None = None  # answers the follow-up when input_file is used
    round_extra: dict[str, Any] | None = None  # kept in the session when part of a round
    kind: str = "interview"  # "demo" for `mock-interviewer demo`: kept out of history and stats


SourceFactory = Callable[[InterviewSettings], Any]


def default_source(settings: InterviewSettings) -> Any:
    """The microphone, or a file standing in for it; a context manager yielding AudioChunks."""
    from mock_interviewer.capture import FileSource, MicrophoneSource

    if settings.input_file is not None:
        return FileSource(settings.input_file, realtime=settings.realtime)
    return MicrophoneSource(device=settings.device)


@dataclass(frozen=True)
class RecordedAnswer:
    """One recorded and transcribed answer."""

    recording: Recording
    transcript: Transcript
    speech: list[tuple[float, float]]  # voiced regions, seconds into the recording


@dataclass
class Interview:
    """Runs one interview. I/O is built by factories that tests can replace."""

    prompt: Prompt
    settings: InterviewSettings = field(default_factory=InterviewSettings)
    store: SessionStore | None = None
    source_factory: SourceFactory = default_source
    status: TextIO = field(default_factory=lambda: sys.stderr)
    state: State = State.SPEAKING
    on_state: Callable[[State], None] | None = None

    def _enter(self, state: State) -> None:
        self.state = state
        if self.on_state is not None:
            self.on_state(state)

    def run(self) -> Result:
        """Speak, record, transcribe, score, maybe follow up, and save; the scored result."""
        from mock_interviewer.sessions import SessionStore

        store = self.store or SessionStore()
        if self.settings.input_file is None and self.source_factory is default_source:
            from mock_interviewer.sound import find_input_device

            find_input_device(self.settings.device)  # no microphone: say so before asking
        stt = transcriber(self.settings.model)
        loader = threading.Thread(target=_load_models, args=(stt,), name="model-load", daemon=True)

        self._enter(State.SPEAKING)
        info: SessionInfo | None = None
        try:
            with interrupts.deferred():  # a Ctrl-C now still leaves a session to mark
                info = store.begin(
                    self.settings.kind, self.prompt.id, "audio", story=self.settings.story
                )
            return self._run(store, info, stt, loader)
        except NoAnswerHeard:
            assert info is not None
            store.mark(info, "no_answer")
            raise
        except BaseException as error:
            # Ctrl-C, or anything failing because of it (an import cut in half): whatever the
            # stage, the session says so and keeps the audio recorded so far.
            stopped = isinstance(error, KeyboardInterrupt) or interrupts.requested()
            if info is not None and self.state not in (State.INTERRUPTED, State.SAVED):
                if stopped or isinstance(error, MockInterviewerError):
                    store.mark(info, "interrupted")
                if stopped:
                    self._enter(State.INTERRUPTED)
                    self._say_kept(info)
            if stopped and not isinstance(error, KeyboardInterrupt):
                raise KeyboardInterrupt from None
            raise

    def _run(
        self, store: SessionStore, info: SessionInfo, stt: Any, loader: threading.Thread
    ) -> Result:
        folder = store.audio_path(info).parent
        # The model loads while the prompt plays, once its first audio is out: loading both
        # at once on two cores would delay the first word the user hears.
        self.speak(self.prompt.question, folder / "prompt.wav", on_first_audio=loader.start)
        if loader.ident is None:  # nothing was played
            loader.start()
        first = self._answer(store.audio_path(info), stt, loader, self.settings, "your answer")

        self._enter(State.SCORING)
        card, pacing = score_transcript(
            first.transcript, self.prompt, first.speech, self.settings.target_s
        )
        extra: dict[str, Any] = {"end_reason": first.recording.end_reason}
        if first.recording.device_failed:
            extra["device_failed"] = first.recording.device_failed
        if self.settings.round_extra:
            extra["round"] = dict(self.settings.round_extra)
        transcript, whole = first.transcript, card
        ask = self._follow_up_question(card)
        interrupted = False
        if ask is not None:
            try:
                transcript, whole, more = self.follow_up(ask, store, info, stt, first, card)
                extra.update(more)
            except BaseException as error:
                # The first answer is kept and saved; only the follow-up is lost.
                interrupted = isinstance(error, KeyboardInterrupt) or interrupts.requested()
                if not (interrupted or isinstance(error, MockInterviewerError)):
                    raise
                extra["follow_up"] = outcome(ask, card, None, answered=False).to_dict()
                if not interrupted:
                    extra["follow_up"]["error"] = str(error)
                    print(f"(the follow-up could not be recorded: {error})", file=self.status)
        parts = extra.get("parts") or [{"end_s": first.recording.audio.seconds}]
        extra["recorded_s"] = round(float(parts[-1]["end_s"]), 3)  # counted in samples
        with interrupts.deferred():  # saved and said so as one step: never marked twice
            info = store.finish(info, transcript, whole, pacing, extra=extra)
            self._enter(State.INTERRUPTED if interrupted else State.SAVED)
        if interrupted:
            # Saved complete with the first answer; say so and stop.
            self._say_kept(info)
            raise KeyboardInterrupt
        from mock_interviewer.progress import since_last

        return Result(
            whole, transcript, pacing, info, extra, progress=since_last(store, info, whole, pacing)
        )

    def _say_kept(self, info: SessionInfo) -> None:
        line = (
            f"\nStopped. What was recorded is kept in session {info.id} "
            f"(`mock-interviewer replay {info.id}` or `report {info.id}`)."
        )
        if self.status is sys.stderr:
            interrupts.announce(line)  # the one line an interrupted process ends with
        else:
            print(line, file=self.status, flush=True)

    def speak_feedback(self, result: Result) -> None:
        """Say the grade and the change that would raise it most (only where a speaker exists)."""
        if not self.settings.speak:
            return
        from mock_interviewer import sound, tts
        from mock_interviewer.terminal import spoken_feedback

        if not sound.has_output_device():
            return
        # The speech model is done: free it first so the voice does not add to its memory.
        transcriber(self.settings.model).unload()
        voice = tts.Voice(tts.TtsSettings(voice=self.settings.voice))
        sound.play(voice.synthesize(spoken_feedback(result.scorecard)))

    def _follow_up_question(self, card: Any) -> FollowUp | None:
        """The follow-up to ask, or None (not wanted, nothing missing, no file to answer it)."""
        from mock_interviewer.followup import plan_follow_up

        s = self.settings
        ask, note = plan_follow_up(card, self.prompt, s.follow_up, s.input_file, s.follow_up_file)
        if note:
            print(note, file=self.status)
        return ask

    def follow_up(
        self,
        ask: FollowUp,
        store: SessionStore,
        info: SessionInfo,
        stt: Any,
        first: RecordedAnswer,
        first_card: Any,
    ) -> tuple[Transcript, Any, dict[str, Any]]:
        """Ask `ask`, record and transcribe the answer, and re-score the whole story.

        Returns the story's transcript, its scorecard and what to keep in the session's extra.
        An unanswered follow-up leaves the first answer as the story.
        """
        from mock_interviewer import rubric
        from mock_interviewer.followup import Part, merge_transcripts, outcome

        self._enter(State.FOLLOW_UP)
        folder = store.audio_path(info).parent
        self.speak(ask.question, folder / "followup-question.wav")
        # Its own file when answers come from files; else the microphone, reopened.
        settings = replace(self.settings, input_file=self.settings.follow_up_file)
        wav = folder / FOLLOW_UP_WAV
        try:
            second = self._answer(wav, stt, None, settings, "your follow-up answer")
        except NoAnswerHeard:
            with contextlib.suppress(OSError):
                wav.unlink()
            self._enter(State.SCORING)
            return (
                first.transcript,
                first_card,
                {"follow_up": outcome(ask, first_card, None, answered=False).to_dict()},
            )
        self._enter(State.SCORING)
        offset = first.recording.audio.seconds
        _append_wav(store.audio_path(info), first.recording.audio, second.recording.audio)
        with contextlib.suppress(OSError):
            wav.unlink()
        story = merge_transcripts([(first.transcript, 0.0), (second.transcript, offset)])
        whole = rubric.score(story, self.prompt)
        result = outcome(ask, first_card, whole)
        parts = [
            Part("answer", 0.0, offset, self.prompt.question),
            Part("follow_up", offset, offset + second.recording.audio.seconds, ask.question),
        ]
        data = result.to_dict()
        data["summary"] = result.summary()
        return story, whole, {"follow_up": data, "parts": [p.to_dict() for p in parts]}

    def _answer(
        self,
        wav_path: Path,
        stt: Any,
        loader: threading.Thread | None,
        settings: InterviewSettings,
        label: str,
    ) -> RecordedAnswer:
        """Record one answer into `wav_path` and transcribe it (streaming while it is spoken)."""
        self._enter(State.RECORDING)
        streamer = SegmentTranscriber(stt) if settings.streaming else None
        try:
            recording = self.record(wav_path, streamer, settings)
        except BaseException:
            if streamer is not None:
                streamer.close()
            raise
        self._enter(State.TRANSCRIBING)
        if loader is not None:
            loader.join()
        transcript = None
        if streamer is not None:
            if recording.heard_speech:
                transcript = streamer.finish(recording.audio)
            else:
                streamer.close()
        text, speech = transcribe_audio(
            recording.audio, settings.model, label, transcript, speech=recording.segments
        )
        return RecordedAnswer(recording, text, speech)

    def speak(
        self, text: str, fallback: Path, on_first_audio: Callable[[], None] | None = None
    ) -> None:
        """Say `text` (and print it); with no speaker, save the speech as `fallback`."""
        print(f"\n{text}\n", file=self.status)
        if not self.settings.speak:
            return
        from mock_interviewer import sound, tts

        voice = tts.Voice(
            tts.TtsSettings(voice=self.settings.voice) if self.settings.voice else tts.TtsSettings()
        )
        chunks = _after_first(voice.cached_or_synthesize(text), on_first_audio)
        if sound.has_output_device():
            sound.play(chunks)
        else:
            tts.save_wav(chunks, fallback)
            print(f"(no speaker found: the spoken words are saved as {fallback})", file=self.status)

    def record(
        self,
        wav_path: Path,
        streamer: SegmentTranscriber | None,
        settings: InterviewSettings | None = None,
    ) -> Recording:
        """Record the answer into `wav_path` until the endpointer, Enter or the cap ends it."""
        from mock_interviewer.recorder import record_answer

        settings = settings or self.settings
        stop = threading.Event()
        if settings.input_file is None:
            watch_enter(stop)
        progress = ProgressLine(self.status, settings.target_s)
        with contextlib.ExitStack() as disarm, self.source_factory(settings) as source:
            disarm.callback(watch_enter, None)
            print(
                "Recording… answer now; press Enter when you are done."
                if settings.input_file is None
                else f"Recording from {settings.input_file}…",
                file=self.status,
                flush=True,
            )
            recording = record_answer(
                source,
                wav_path,
                endpoint_settings(settings),
                stop=stop,
                on_progress=progress,
                on_segment=streamer.submit if streamer is not None else None,
            )
        progress.done()
        return recording


def _append_wav(path: Path, first: AudioChunk, second: AudioChunk) -> None:
    """Make `path` the first recording followed by the second (written aside, then renamed)."""
    from mock_interviewer.audio import concat, write_wav

    tmp = path.with_name(f".{path.name}.joining")
    write_wav(tmp, concat([first, AudioChunk(second.samples, second.rate, 0)]))
    os.replace(tmp, path)


def _after_first(
    chunks: Iterable[AudioChunk], callback: Callable[[], None] | None
) -> Iterator[AudioChunk]:
    """Yield `chunks`, calling `callback` once the first one has been consumed."""
    for i, chunk in enumerate(chunks):
        yield chunk
        if i == 0 and callback is not None:
            callback()


def endpoint_settings(settings: InterviewSettings) -> EndpointSettings:
    """The endpointer's settings with the user's overrides."""
    from dataclasses import replace

    from mock_interviewer.endpoint import EndpointSettings

    base = EndpointSettings()
    return replace(
        base,
        end_silence_s=settings.end_silence_s or base.end_silence_s,
        max_answer_s=settings.max_answer_s or base.max_answer_s,
    )


def _load_models(stt: Any) -> None:
    """The speech model, then the rubric's language model: both load while the question
    plays and the answer is spoken, so the wait after the answer does not grow."""
    from mock_interviewer.rubric import nlp

    stt.load()
    nlp.preload()
