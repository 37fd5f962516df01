"""The interview mode of the orchestrator: one question, its answer, maybe one follow-up.

SPEAKING -> RECORDING -> TRANSCRIBING -> SCORING -> [FOLLOW_UP -> RECORDING -> TRANSCRIBING ->
SCORING] -> SAVED. After the first answer is scored the interviewer may ask one follow-up aimed
at its costliest weakness (see `followup.py`); the follow-up answer is recorded, appended to the
first answer's WAV and the whole story re-scored. Speaking, recording, the model thread and
Ctrl-C are the orchestrator's (`orchestrator.SessionRunner`); this module is the state machine.
"""

from __future__ import annotations

import contextlib
import enum
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mock_interviewer import interrupts, rubric
from mock_interviewer.answer_end import ended_line
from mock_interviewer.audio import AudioChunk, concat
from mock_interviewer.endpoint import EndpointSettings
from mock_interviewer.errors import MockInterviewerError, NoAnswerHeard
from mock_interviewer.followup import FollowUp, Part, merge_transcripts, outcome, plan_follow_up
from mock_interviewer.orchestrator import (
    SessionRunner,
    endpoint_settings,
    open_source,
    stopped_by_user,
)
from mock_interviewer.pipeline import Result, score_transcript, since_last, transcribe_audio
from mock_interviewer.prompts import Prompt
from mock_interviewer.protocols import AudioSource, SpeechModel
from mock_interviewer.recorder import Recording
from mock_interviewer.scorecard import Scorecard
from mock_interviewer.sessions import SessionInfo
from mock_interviewer.streaming import SegmentTranscriber
from mock_interviewer.stt import release_memory
from mock_interviewer.terminal import ProgressLine, spoken_feedback
from mock_interviewer.transcript import Transcript
from mock_interviewer.wav import write_wav

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


SourceFactory = Callable[[InterviewSettings], AudioSource]


def default_source(settings: InterviewSettings) -> AudioSource:
    """The microphone, or a file standing in for it; a context manager yielding AudioChunks."""
    return open_source(settings.input_file, settings.realtime, settings.device)


@dataclass(frozen=True)
class RecordedAnswer:
    """One recorded and transcribed answer."""

    recording: Recording
    transcript: Transcript
    speech: list[tuple[float, float]]  # voiced regions, seconds into the recording


@dataclass
class Interview(SessionRunner):
    """Runs one interview. I/O is built by factories that tests can replace."""

    prompt: Prompt
    settings: InterviewSettings = field(default_factory=InterviewSettings)
    source_factory: SourceFactory = default_source
    state: State = State.SPEAKING
    on_state: Callable[[State], None] | None = None

    def _enter(self, state: State) -> None:
        self.state = state
        if self.on_state is not None:
            self.on_state(state)

    def settled(self) -> bool:
        """Saved, or already marked interrupted."""
        return self.state in (State.INTERRUPTED, State.SAVED)

    def on_stopped(self) -> None:
        """A Ctrl-C ended the interview."""
        self._enter(State.INTERRUPTED)

    def run(self) -> Result:
        """Speak, record, transcribe, score, maybe follow up, and save; the scored result."""
        s = self.settings
        self.check_microphone(
            s.input_file is None and self.source_factory is default_source, s.device
        )
        stt = self.speech_model(s.model)
        loader = self.model_loader(stt, language=True)
        self._enter(State.SPEAKING)
        with self.session(s.kind, self.prompt.id, story=s.story) as info:
            return self._run(info, stt, loader)

    def _run(self, info: SessionInfo, stt: SpeechModel, loader: threading.Thread) -> Result:
        store = self.session_store()
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
        extra = self._extra(first)
        transcript, whole, interrupted = first.transcript, card, False
        ask = self._follow_up_question(card, first.transcript.text)
        if ask is not None:
            try:
                transcript, whole, more = self.follow_up(ask, info, stt, first, card)
                extra.update(more)
            except BaseException as error:
                interrupted = self._follow_up_lost(error, ask, card, extra)
        parts = extra.get("parts") or [{"end_s": first.recording.audio.seconds}]
        extra["recorded_s"] = round(float(parts[-1]["end_s"]), 3)  # counted in samples
        with interrupts.deferred():  # saved and said so as one step: never marked twice
            info = store.finish(info, transcript, whole, pacing, extra=extra)
            self._enter(State.INTERRUPTED if interrupted else State.SAVED)
        if interrupted:
            # Saved complete with the first answer; say so and stop.
            self.say_kept(info)
            raise KeyboardInterrupt
        progress = since_last(store, info, whole, pacing)
        return Result(whole, transcript, pacing, info, extra, progress=progress)

    def _extra(self, first: RecordedAnswer) -> dict[str, Any]:
        """What the session keeps besides the scorecard: how the answer ended, the round."""
        extra: dict[str, Any] = {"end_reason": first.recording.end_reason}
        if first.recording.device_failed:
            extra["device_failed"] = first.recording.device_failed
        if self.settings.round_extra:
            extra["round"] = dict(self.settings.round_extra)
        return extra

    def _follow_up_lost(
        self, error: BaseException, ask: FollowUp, card: Scorecard, extra: dict[str, Any]
    ) -> bool:
        """The follow-up failed: the first answer is kept and saved; True after a Ctrl-C."""
        interrupted = stopped_by_user(error)
        if not (interrupted or isinstance(error, MockInterviewerError)):
            raise error
        extra["follow_up"] = outcome(ask, card, None, answered=False).to_dict()
        if not interrupted:
            extra["follow_up"]["error"] = str(error)
            print(f"(the follow-up could not be recorded: {error})", file=self.status)
        return interrupted

    def speak_feedback(self, result: Result) -> None:
        """Say the grade and the change that would raise it most (only where a speaker exists)."""
        if not self.settings.speak:
            return
        # The speech model is done: free it first so the voice does not add to its memory.
        model = self.speech_model(self.settings.model)
        self.say_fresh(spoken_feedback(result.scorecard), self.settings.voice, model.unload)

    def _follow_up_question(self, card: Scorecard, text: str | None = None) -> FollowUp | None:
        """The follow-up to ask, or None (not wanted, nothing missing, no file to answer it)."""
        s = self.settings
        ask, note = plan_follow_up(
            card, self.prompt, s.follow_up, s.input_file, s.follow_up_file, text=text
        )
        if note:
            print(note, file=self.status)
        return ask

    def follow_up(
        self,
        ask: FollowUp,
        info: SessionInfo,
        stt: SpeechModel,
        first: RecordedAnswer,
        first_card: Scorecard,
    ) -> tuple[Transcript, Scorecard, dict[str, Any]]:
        """Ask `ask`, record and transcribe the answer, and re-score the whole story.

        Returns the story's transcript, its scorecard and what to keep in the session's extra.
        An unanswered follow-up leaves the first answer as the story.
        """
        self._enter(State.FOLLOW_UP)
        story_wav = self.session_store().audio_path(info)
        if ask.quoted and self.settings.speak:  # Piper synthesises it: never beside Whisper
            stt.unload()  # it reloads in the streaming worker once the answer begins
        self.speak(ask.question, story_wav.parent / "followup-question.wav")
        if ask.quoted and self.settings.speak:
            release_memory()  # Piper's heap back to the system before Whisper reloads
        # Its own file when answers come from files; else the microphone, reopened.
        settings = replace(self.settings, input_file=self.settings.follow_up_file)
        wav = story_wav.parent / FOLLOW_UP_WAV
        try:
            second = self._answer(wav, stt, None, settings, "your follow-up answer")
        except NoAnswerHeard:
            with contextlib.suppress(OSError):
                wav.unlink()
            self._enter(State.SCORING)
            unanswered = outcome(ask, first_card, None, answered=False)
            return first.transcript, first_card, {"follow_up": unanswered.to_dict()}
        self._enter(State.SCORING)
        offset = first.recording.audio.seconds
        _append_wav(story_wav, first.recording.audio, second.recording.audio)
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
        stt: SpeechModel,
        loader: threading.Thread | None,
        settings: InterviewSettings,
        label: str,
    ) -> RecordedAnswer:
        """Record one answer into `wav_path` and transcribe it (streaming while it is spoken)."""
        self._enter(State.RECORDING)
        streamer = SegmentTranscriber(stt) if settings.streaming else None
        try:
            recording = self.record_answer(wav_path, streamer, settings)
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
        s = self.settings
        self.say(text, s.speak, s.voice, fallback, on_first_audio)

    def record_answer(
        self,
        wav_path: Path,
        streamer: SegmentTranscriber | None,
        settings: InterviewSettings | None = None,
    ) -> Recording:
        """Record the answer into `wav_path` until the endpointer, Enter or the cap ends it."""
        settings = settings or self.settings
        microphone = settings.input_file is None
        stop = self.arm_enter() if microphone else threading.Event()
        progress = ProgressLine(self.status, settings.target_s)
        try:
            recording = self.record(
                self.source_factory(settings),
                wav_path,
                interview_endpoint(settings),
                "Recording… answer now; press Enter when you are done."
                if microphone
                else f"Recording from {settings.input_file}…",
                stop,
                on_progress=progress,
                on_segment=streamer.submit if streamer is not None else None,
                listener=streamer,  # the streaming transcript says when the story is finished
            )
        finally:
            self.disarm_enter()
        progress.done()
        if recording.heard_speech:  # which rule ended it: a finished story, silence, Enter, cap
            print(ended_line(recording.end_reason, recording.end_why), file=self.status)
        return recording


def _append_wav(path: Path, first: AudioChunk, second: AudioChunk) -> None:
    """Make `path` the first recording followed by the second (written aside, then renamed)."""
    tmp = path.with_name(f".{path.name}.joining")
    write_wav(tmp, concat([first, AudioChunk(second.samples, second.rate, 0)]))
    os.replace(tmp, path)


def interview_endpoint(settings: InterviewSettings) -> EndpointSettings:
    """The endpointer's settings with the user's overrides."""
    return endpoint_settings(settings.end_silence_s, settings.max_answer_s)
