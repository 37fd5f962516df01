"""Record one spoken answer: every chunk to disk as it arrives, the endpointer deciding the end."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

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

    @property
    def seconds(self) -> float:
        """Length of the whole recording."""
        return self.audio.seconds


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
) -> Recording:
    """Record until the endpointer ends the answer, `stop` is set, or the source runs out.

    Each chunk goes to `wav_path` the moment it arrives, so the file on disk is always a valid
    WAV of everything heard so far. On KeyboardInterrupt the WAV is closed properly and the
    interrupt re-raised. Timings are sample counts relative to the first chunk.
    """
    endpointer = Endpointer(settings)
    buffer = _Growing()
    origin: int | None = None
    ended: AnswerEnded | None = None
    iterator = iter(source)  # opens a microphone: a missing device fails before the WAV exists

    def handle(events: list[Event]) -> AnswerEnded | None:
        assert origin is not None or not events
        for event in events:
            if isinstance(event, SegmentClosed) and on_segment is not None:
                assert origin is not None
                start, end = event.start_sample - origin, event.end_sample - origin
                on_segment(event, AudioChunk(buffer.view(start, end).copy(), RATE, origin + start))
            if isinstance(event, AnswerEnded):
                return event
        return None

    try:
        with WavAppender(wav_path) as wav:
            for chunk in iterator:
                if origin is None:
                    origin = chunk.offset
                if stop is not None and stop.is_set():
                    break
                position = origin + buffer.size  # the endpointer's count, not chunk.offset
                events = endpointer.feed(chunk)
                samples = chunk.samples
                done = next((e for e in events if isinstance(e, AnswerEnded)), None)
                if done is not None:
                    samples = samples[: max(0, done.sample - position)]
                wav.append(AudioChunk(samples, chunk.rate, position))
                buffer.extend(samples)
                ended = handle(events)
                if ended is not None:
                    break
                if on_progress is not None:
                    on_progress(_progress(endpointer, buffer.size))
            if ended is None:
                reason: EndReason = "stopped" if stop is not None and stop.is_set() else "eof"
                if origin is None:
                    origin = 0
                ended = handle(endpointer.finish(reason))
    finally:
        close = getattr(iterator, "close", None)
        if close is not None:
            close()
    assert ended is not None and origin is not None
    return _recording(wav_path, buffer, origin, endpointer, ended, settings, source)


def _progress(endpointer: Endpointer, samples: int) -> Progress:
    return Progress(
        elapsed_s=samples / RATE,
        speech_started=endpointer.speech_started,
        level_dbfs=endpointer.level_dbfs,
        silence_s=endpointer.silence_samples() / RATE,
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
