"""The orchestrator: one spoken mock interview as an explicit state machine.

SPEAKING -> RECORDING -> TRANSCRIBING -> SCORING -> SAVED. The only concurrency in the
project lives here: the speech model loads in a thread while the prompt is spoken, and
closed speech segments are transcribed in a thread while the user is still talking.
"""

from __future__ import annotations

import enum
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from mock_interviewer.audio import AudioChunk
from mock_interviewer.errors import MockInterviewerError
from mock_interviewer.pipeline import Result, transcribe_and_score, transcriber

if TYPE_CHECKING:
    from mock_interviewer.endpoint import EndpointSettings
    from mock_interviewer.prompts import Prompt
    from mock_interviewer.recorder import Progress, Recording
    from mock_interviewer.sessions import SessionStore


class State(enum.Enum):
    """Where an interview is."""

    SPEAKING = "speaking"
    RECORDING = "recording"
    TRANSCRIBING = "transcribing"
    SCORING = "scoring"
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


SourceFactory = Callable[[InterviewSettings], Any]


def default_source(settings: InterviewSettings) -> Any:
    """The microphone, or a file standing in for it; a context manager yielding AudioChunks."""
    from mock_interviewer.capture import FileSource, MicrophoneSource

    if settings.input_file is not None:
        return FileSource(settings.input_file, realtime=settings.realtime)
    return MicrophoneSource(device=settings.device)


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
        """Speak, record, transcribe, score and save; returns the scored result."""
        from mock_interviewer.sessions import SessionStore

        store = self.store or SessionStore()
        stt = transcriber(self.settings.model)
        loader = threading.Thread(target=stt.load, name="model-load", daemon=True)

        self._enter(State.SPEAKING)
        info = store.begin("interview", self.prompt.id, "audio", story=self.settings.story)
        # The model loads while the prompt plays, once its first audio is out: loading both
        # at once on two cores would delay the first word the user hears.
        self.speak_prompt(store.audio_path(info).parent, on_first_audio=loader.start)
        if loader.ident is None:  # nothing was played
            loader.start()

        self._enter(State.RECORDING)
        streamer = SegmentTranscriber(stt) if self.settings.streaming else None
        try:
            recording = self.record(store.audio_path(info), streamer)
        except KeyboardInterrupt:
            self._enter(State.INTERRUPTED)
            store.mark(info, "interrupted")
            if streamer is not None:
                streamer.close()
            raise
        except MockInterviewerError:
            store.mark(info, "interrupted")
            raise

        self._enter(State.TRANSCRIBING)
        loader.join()
        try:
            transcript = None
            if streamer is not None and recording.heard_speech:
                transcript = streamer.finish(recording.audio)
            self._enter(State.SCORING)
            result = transcribe_and_score(
                recording.audio,
                self.prompt,
                store,
                info,
                model=self.settings.model,
                label="your answer",
                transcript=transcript,
            )
        except KeyboardInterrupt:
            self._enter(State.INTERRUPTED)
            store.mark(info, "interrupted")
            raise
        self._enter(State.SAVED)
        extra: dict[str, str] = {"end_reason": recording.end_reason}
        if recording.device_failed:
            extra["device_failed"] = recording.device_failed
        return Result(result.scorecard, result.transcript, result.pacing, result.session, extra)

    def speak_prompt(self, folder: Path, on_first_audio: Callable[[], None] | None = None) -> None:
        """Read the question aloud, or save it beside the session when there is no speaker."""
        print(f"\n{self.prompt.question}\n", file=self.status)
        if not self.settings.speak:
            return
        from mock_interviewer import tts

        voice = tts.Voice(
            tts.TtsSettings(voice=self.settings.voice) if self.settings.voice else tts.TtsSettings()
        )
        chunks = _after_first(voice.cached_or_synthesize(self.prompt.question), on_first_audio)
        if tts.has_output_device():
            tts.play(chunks)
        else:
            path = folder / "prompt.wav"
            tts.save_wav(chunks, path)
            print(f"(no speaker found: the spoken prompt is saved as {path})", file=self.status)

    def record(self, wav_path: Path, streamer: SegmentTranscriber | None) -> Recording:
        """Record the answer into `wav_path` until the endpointer, Enter or the cap ends it."""
        from mock_interviewer.recorder import record_answer

        stop = threading.Event()
        if self.settings.input_file is None:
            _watch_enter(stop)
        progress = ProgressLine(self.status, self.settings.target_s)
        with self.source_factory(self.settings) as source:
            print(
                "Recording… answer now; press Enter when you are done."
                if self.settings.input_file is None
                else f"Recording from {self.settings.input_file}…",
                file=self.status,
                flush=True,
            )
            recording = record_answer(
                source,
                wav_path,
                endpoint_settings(self.settings),
                stop=stop,
                on_progress=progress,
                on_segment=streamer.submit if streamer is not None else None,
            )
        progress.done()
        return recording


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


class ProgressLine:
    """The live `Recording 0:42 / 2:00` line, redrawn in place on a terminal."""

    def __init__(self, stream: TextIO, target_s: float) -> None:
        self.stream = stream
        self.target_s = target_s
        self.tty = stream.isatty()
        self._last = -1

    def __call__(self, progress: Progress) -> None:
        """Redraw at most once a second (counted in audio, not wall time)."""
        second = int(progress.elapsed_s)
        if second == self._last or not self.tty:
            return
        self._last = second
        from mock_interviewer.terminal import clock

        state = "speaking" if progress.speech_started else "waiting for you to start"
        over = " — past the target, wrap up" if progress.elapsed_s > self.target_s else ""
        self.stream.write(
            f"\r  {clock(progress.elapsed_s)} / {clock(self.target_s)}  {state}{over}   "
        )
        self.stream.flush()

    def done(self) -> None:
        """End the live line."""
        if self.tty and self._last >= 0:
            self.stream.write("\n")
            self.stream.flush()


def _watch_enter(stop: threading.Event) -> None:
    """Set `stop` when the user presses Enter (only when stdin is a terminal)."""
    if not sys.stdin or not sys.stdin.isatty():
        return

    def wait() -> None:
        try:
            sys.stdin.readline()
        except (OSError, ValueError):
            return
        stop.set()

    threading.Thread(target=wait, name="enter-key", daemon=True).start()


class SegmentTranscriber:
    """Transcribes closed speech segments in a worker thread while the user is still speaking.

    Segments are batched until about `BATCH_S` seconds of audio are waiting (Whisper is slow and
    less accurate on very short pieces); gaps between batched segments are filled with silence
    so word times stay exact. When the answer ends only the audio after the last batch remains.
    """

    BATCH_S = 8.0  # seconds of speech per background transcription

    def __init__(self, stt: Any) -> None:
        import queue

        self.stt = stt
        self.jobs: queue.Queue[AudioChunk | None] = queue.Queue()
        self.pending: list[AudioChunk] = []
        self.words: list[Any] = []
        self.done_until = 0  # stream sample before which everything is transcribed
        self.error: BaseException | None = None
        self.worker = threading.Thread(target=self._work, name="stt-stream", daemon=True)
        self.worker.start()

    def submit(self, segment: Any, audio: AudioChunk) -> None:
        """Queue a closed segment's audio (called from the recording loop; never blocks)."""
        self.jobs.put(audio)

    def _work(self) -> None:
        while True:
            chunk = self.jobs.get()
            if chunk is None:
                return
            if self.error is not None:
                continue
            self.pending.append(chunk)
            if sum(c.seconds for c in self.pending) < self.BATCH_S:
                continue
            try:
                self._transcribe(_join_with_silence(self.pending))
            except BaseException as error:  # finish() falls back to the whole recording
                self.error = error
            self.pending = []

    def _transcribe(self, piece: AudioChunk) -> None:
        start = max(self.done_until - piece.offset, 0)
        if start:
            piece = AudioChunk(piece.samples[start:], piece.rate, piece.offset + start)
        if piece.seconds < 0.2:
            return
        context = " ".join(w.text for w in self.words[-40:]) or None
        part = self.stt.transcribe(piece, offset_s=piece.start_s, prompt_context=context)
        self.words.extend(part.words)
        self.done_until = piece.end

    def finish(self, audio: AudioChunk) -> Any:
        """Transcribe what is left after the last batch; the whole answer's transcript.

        Word times are relative to the start of `audio` (the session's WAV).
        """
        from mock_interviewer.transcript import Transcript, Word

        self.jobs.put(None)
        self.worker.join()
        if self.error is not None:
            return None  # fall back to transcribing the whole recording
        self._transcribe(audio)
        shift = audio.start_s
        words = [Word(w.text, w.start - shift, w.end - shift, w.probability) for w in self.words]
        return Transcript.from_words(words, duration=audio.seconds, source="audio")

    def close(self) -> None:
        """Stop the worker without waiting for pending segments."""
        self.error = self.error or RuntimeError("closed")
        self.jobs.put(None)


def _join_with_silence(chunks: list[AudioChunk]) -> AudioChunk:
    """One chunk spanning `chunks`, with silence where the gaps between them were."""
    import numpy as np

    first, last = chunks[0], chunks[-1]
    samples = np.zeros(last.end - first.offset, dtype=np.int16)
    for chunk in chunks:
        samples[chunk.offset - first.offset : chunk.end - first.offset] = chunk.samples
    return AudioChunk(samples, first.rate, first.offset)
