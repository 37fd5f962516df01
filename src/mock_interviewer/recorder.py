"""Record one spoken answer: every chunk to disk as it arrives, the endpointer deciding the end."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from mock_interviewer.answer_end import AnswerEndSettings, decide
from mock_interviewer.audio import RATE, AudioChunk
from mock_interviewer.endpoint import (
    AnswerEnded,
    Endpointer,
    EndpointSettings,
    EndReason,
    Event,
    SegmentClosed,
    speech_segments,
)
from mock_interviewer.wav import WavAppender


@dataclass(frozen=True)
class Progress:
    """A snapshot for the orchestrator's live display (sent once per chunk)."""

    elapsed_s: float  # audio recorded so far, from sample counts
    speech_started: bool
    level_dbfs: float  # RMS of the latest chunk, dB full scale (-100 for digital silence)
    silence_s: float = 0.0  # since the last voiced frame, once speech has started
    pace_wpm: float | None = None  # over the last 20 s of the streaming transcript, if any

    @property
    def level(self) -> float:
        """The level as a 0..1 meter value (-60 dBFS and below show as 0)."""
        return min(1.0, max(0.0, (self.level_dbfs + 60.0) / 60.0))


@dataclass(frozen=True)
class Recording:
    """One recorded answer: the WAV on disk, its audio, and where the speech was."""

    path: Path
    audio: AudioChunk  # everything recorded, 16 kHz, from the moment recording began
    speech_start_s: float | None  # first voiced sample; None when no speech was heard
    speech_end_s: float | None  # just past the last voiced frame
    end_reason: EndReason
    segments: tuple[tuple[float, float], ...]  # voiced regions in seconds (short gaps merged)
    heard_speech: bool
    device_failed: str | None = None  # why the input device stopped early, if it did
    end_why: str = ""  # what the transcript showed when it ended as "finished"

    @property
    def seconds(self) -> float:
        """Length of the whole recording."""
        return self.audio.seconds


class Listener(Protocol):
    """The streaming transcript as the recorder reads it (`streaming.SegmentTranscriber`)."""

    def hear(self, chunk: AudioChunk) -> None:
        """A chunk of the stream, as recorded."""

    def pause(self) -> None:
        """The speaker paused: transcribe what is waiting."""

    def text_through(self, sample: int, timeout_s: float) -> str | None:
        """The transcript through stream `sample`, or None when it is not ready in time."""

    def pace_wpm(self) -> float | None:
        """Recent words per minute."""


class _StoryEnd:
    """Asks `answer_end.decide` once per pause whether the story reads as finished."""

    def __init__(self, listener: Listener, settings: AnswerEndSettings) -> None:
        self.listener = listener
        self.settings = settings
        self._flushed: int | None = None  # last_voiced_end of the pause already reported
        self._judged: int | None = None
        self.why = ""

    def finished(self, endpointer: Endpointer) -> bool:
        """True when this pause ends the answer as finished (checked after every chunk)."""
        mark = endpointer.last_voiced_end
        if mark is None:
            return False
        silence = endpointer.silence_samples() / RATE
        if silence >= self.settings.flush_silence_s and self._flushed != mark:
            self._flushed = mark
            self.listener.pause()
        if silence < self.settings.short_silence_s or self._judged == mark:
            return False
        # Asked after every chunk until the transcript reaches the last word: speech that
        # resumes meanwhile moves `mark`, and nobody is cut off by a late reading.
        text = self.listener.text_through(mark, self.settings.transcript_wait_s)
        if text is None:
            return False
        self._judged = mark  # the text cannot change until the speaker speaks again
        call = decide(silence, text, self.settings)
        if call is None or call.rule != "finished":
            return False
        self.why = call.why
        return True


class _Growing:
    """Samples appended in place (amortised doubling), sliceable at any time."""

    def __init__(self) -> None:
        self._data = np.zeros(RATE * 8, np.int16)
        self.size = 0

    def extend(self, samples: npt.NDArray[np.int16]) -> None:
        need = self.size + len(samples)
        if need > len(self._data):
            bigger = np.zeros(max(need, 2 * len(self._data)), np.int16)
            bigger[: self.size] = self._data[: self.size]
            self._data = bigger
        self._data[self.size : need] = samples
        self.size = need

    def view(self, start: int = 0, end: int | None = None) -> npt.NDArray[np.int16]:
        return self._data[start : self.size if end is None else min(end, self.size)]


def record_answer(
    source: Iterable[AudioChunk],
    wav_path: Path,
    settings: EndpointSettings | None = None,
    stop: threading.Event | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    on_segment: Callable[[SegmentClosed, AudioChunk], None] | None = None,
    listener: Listener | None = None,
    end_settings: AnswerEndSettings | None = None,
) -> Recording:
    """Record until the endpointer ends the answer, `stop` is set, or the source runs out.

    With a `listener` (the streaming transcript) a short pause ends an answer that reads as
    finished (`answer_end`); the long silence, Enter and the cap end any answer. Each chunk
    goes to `wav_path` the moment it arrives, so the file on disk is always a valid WAV of
    everything heard so far. On KeyboardInterrupt the WAV is closed properly and the
    interrupt re-raised. Timings are sample counts relative to the first chunk.
    """
    endpointer = Endpointer(settings)
    story = None if listener is None else _StoryEnd(listener, end_settings or AnswerEndSettings())
    buffer = _Growing()
    origin: int | None = None
    ended: AnswerEnded | None = None
    iterator = iter(source)  # opens a microphone: a missing device fails before the WAV exists
    try:
        with WavAppender(wav_path) as wav:
            for chunk in iterator:
                if origin is None:
                    origin = chunk.offset
                if stop is not None and stop.is_set():
                    break
                position = origin + buffer.size  # the endpointer's count, not chunk.offset
                events = endpointer.feed(chunk)
                samples = _kept(chunk, events, position)
                wav.append(AudioChunk(samples, chunk.rate, position))
                buffer.extend(samples)
                if listener is not None:
                    listener.hear(AudioChunk(samples, chunk.rate, position))
                ended = _dispatch(events, buffer, origin, on_segment)
                if ended is None and story is not None and story.finished(endpointer):
                    ended = _dispatch(endpointer.finish("finished"), buffer, origin, on_segment)
                if ended is not None:
                    break
                if on_progress is not None:
                    on_progress(_progress(endpointer, buffer.size, listener))
            if ended is None:
                reason: EndReason = "stopped" if stop is not None and stop.is_set() else "eof"
                origin = 0 if origin is None else origin
                ended = _dispatch(endpointer.finish(reason), buffer, origin, on_segment)
    finally:
        close = getattr(iterator, "close", None)
        if close is not None:
            close()
    assert ended is not None and origin is not None
    recording = _recording(wav_path, buffer, origin, endpointer, ended, settings, source)
    return (
        replace(recording, end_why=story.why) if story and ended.reason == "finished" else recording
    )


def _kept(chunk: AudioChunk, events: list[Event], position: int) -> npt.NDArray[np.int16]:
    """The chunk's samples up to the end of the answer, if one of `events` ends it."""
    done = next((e for e in events if isinstance(e, AnswerEnded)), None)
    return chunk.samples if done is None else chunk.samples[: max(0, done.sample - position)]


def _dispatch(
    events: list[Event],
    buffer: _Growing,
    origin: int,
    on_segment: Callable[[SegmentClosed, AudioChunk], None] | None,
) -> AnswerEnded | None:
    """Hand closed segments' audio to `on_segment`; the end of the answer, if it came."""
    for event in events:
        if isinstance(event, SegmentClosed) and on_segment is not None:
            start, end = event.start_sample - origin, event.end_sample - origin
            on_segment(event, AudioChunk(buffer.view(start, end).copy(), RATE, origin + start))
        if isinstance(event, AnswerEnded):
            return event
    return None


def _progress(endpointer: Endpointer, samples: int, listener: Listener | None) -> Progress:
    return Progress(
        elapsed_s=samples / RATE,
        speech_started=endpointer.speech_started,
        level_dbfs=endpointer.level_dbfs,
        silence_s=endpointer.silence_samples() / RATE,
        pace_wpm=listener.pace_wpm() if listener is not None else None,
    )


def _recording(
    path: Path,
    buffer: _Growing,
    origin: int,
    endpointer: Endpointer,
    ended: AnswerEnded,
    settings: EndpointSettings | None,
    source: object,
) -> Recording:
    audio = AudioChunk(buffer.view().copy(), RATE, 0)
    heard = endpointer.speech_start is not None
    start = end = None
    segments: tuple[tuple[float, float], ...] = ()
    if heard:
        assert endpointer.speech_start is not None and endpointer.last_voiced_end is not None
        start = (endpointer.speech_start - origin) / RATE
        end = (endpointer.last_voiced_end - origin) / RATE
        segments = tuple(speech_segments(audio, settings))
    failed = getattr(source, "failed_reason", None)
    return Recording(
        path=Path(path),
        audio=audio,
        speech_start_s=start,
        speech_end_s=end,
        end_reason=ended.reason,
        segments=segments,
        heard_speech=heard,
        device_failed=str(failed) if failed else None,
    )
