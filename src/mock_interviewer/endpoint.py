"""When does the answer start and end? webrtcvad frames behind an adaptive energy gate.

webrtcvad alone fires on loud steady noise (a fan, white noise, mains hum), so a frame counts as
speech only when webrtcvad says so *and* it stands `noise_margin_db` above a noise floor: the
quietest frame of the last `noise_window_s` seconds. Steady noise sits on its own floor and is
never voiced; speech keeps dipping between syllables and words, so the floor stays at the noise.

All timing counts samples, never the wall clock: a file fed faster than real time (or the ALSA
null device) ends at exactly the same sample as a live microphone would.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from mock_interviewer.audio import RATE, AudioChunk

EndReason = Literal["silence", "finished", "cap", "no_speech", "eof", "stopped"]

END_SILENCE_S = 6.0  # seconds; see EndpointSettings.end_silence_s
MIN_REGION_MS = 90  # milliseconds: shorter voiced blips (clicks, a cough) are not speech segments
_DB_FLOOR = -100.0  # dBFS reported for digital silence


@dataclass(frozen=True)
class EndpointSettings:
    """How the endpointer decides; every duration carries its unit in the name."""

    aggressiveness: int = 2
    """webrtcvad mode: 0 keeps the most frames as speech, 3 rejects the most non-speech."""
    frame_ms: int = 30
    """VAD frame length in milliseconds (webrtcvad takes 10, 20 or 30)."""
    start_speech_ms: int = 240
    """Voiced audio needed, within a window this long, to decide the answer has started."""
    end_silence_s: float = END_SILENCE_S
    """Silence after speech that ends the answer, in seconds.

    Six seconds because people think aloud: pauses of 2.5 s and more are normal mid-answer
    (pacing flags them but they are part of the answer), 3-4 s thinking pauses must never cut a
    candidate off, and a wrongly ended answer is far worse than waiting a few seconds more. The
    user can always end sooner by pressing Enter."""
    max_answer_s: float = 240.0
    """Hard cap on an answer, in seconds from its first voiced sample (twice the target)."""
    no_speech_timeout_s: float = 30.0
    """Give up when nobody has spoken this many seconds after recording began."""
    segment_silence_ms: int = 500
    """A pause this long closes a speech segment (handed to streaming transcription)."""
    merge_gap_ms: int = 300
    """`speech_segments` joins voiced regions separated by less than this many milliseconds."""
    noise_margin_db: float = 6.0
    """Decibels a frame must stand above the noise floor to count as speech."""
    noise_window_s: float = 3.0
    """Seconds of history over which the noise floor (the quietest frame) is tracked."""
    min_level_dbfs: float = -60.0
    """Frames quieter than this (dB full scale) are never speech, whatever webrtcvad says."""

    def __post_init__(self) -> None:
        if self.aggressiveness not in (0, 1, 2, 3):
            raise ValueError("aggressiveness must be 0, 1, 2 or 3")
        if self.frame_ms not in (10, 20, 30):
            raise ValueError("frame_ms must be 10, 20 or 30 (webrtcvad frame sizes)")
        if min(self.end_silence_s, self.max_answer_s, self.no_speech_timeout_s) <= 0:
            raise ValueError("end_silence_s, max_answer_s and no_speech_timeout_s must be > 0")
        if self.start_speech_ms < self.frame_ms:
            raise ValueError("start_speech_ms must be at least one frame")

    @property
    def frame_samples(self) -> int:
        """Samples per VAD frame at 16 kHz."""
        return RATE * self.frame_ms // 1000


@dataclass(frozen=True)
class SpeechStarted:
    """The answer has begun; `sample` is its first voiced sample."""

    sample: int


@dataclass(frozen=True)
class SegmentClosed:
    """A stretch of speech followed by at least `segment_silence_ms` of silence (or the end)."""

    start_sample: int
    end_sample: int


@dataclass(frozen=True)
class AnswerEnded:
    """The answer is over; the recording ends at `sample`."""

    sample: int
    reason: EndReason


Event = SpeechStarted | SegmentClosed | AnswerEnded


def frame_level_dbfs(samples: npt.NDArray[np.int16]) -> float:
    """RMS level in dB relative to full scale (-100 for digital silence)."""
    if len(samples) == 0:
        return _DB_FLOOR
    power = float(np.mean(np.square(samples.astype(np.float64)))) / (32768.0**2)
    return max(_DB_FLOOR, 10.0 * float(np.log10(power + 1e-12)))


def _make_vad(settings: EndpointSettings) -> Any:
    import webrtcvad  # lazy: a C extension only the audio path needs

    return webrtcvad.Vad(settings.aggressiveness)


class _NoiseFloor:
    """Running minimum of frame levels over a sliding window (a monotonic deque: O(1))."""

    def __init__(self, frames: int) -> None:
        self.frames = max(1, frames)
        self._index = 0
        self._mins: deque[tuple[int, float]] = deque()

    def push(self, level: float) -> float:
        """Add a frame's level; return the floor including it."""
        while self._mins and self._mins[-1][1] >= level:
            self._mins.pop()
        self._mins.append((self._index, level))
        while self._mins[0][0] <= self._index - self.frames:
            self._mins.popleft()
        self._index += 1
        return self._mins[0][1]


class Endpointer:
    """Stateful: `feed` chunks as they arrive, get events; `finish` at the end of the input."""

    def __init__(self, settings: EndpointSettings | None = None) -> None:
        self.settings = s = settings or EndpointSettings()
        self._vad = _make_vad(s)
        self._frame = s.frame_samples
        self._floor = _NoiseFloor(round(s.noise_window_s * 1000 / s.frame_ms))
        self._start_frames = max(1, s.start_speech_ms // s.frame_ms)
        self._start_needed = max(1, -(-self._start_frames * 3 // 4))  # 75% of the window
        self._recent: deque[tuple[int, bool]] = deque(maxlen=self._start_frames)
        self._pending = np.zeros(0, np.int16)
        self._origin: int | None = None
        self._next_frame = 0  # sample index where the next frame starts
        self._received = 0  # sample index just past everything fed
        self.speech_start: int | None = None
        self.last_voiced_end: int | None = None  # sample just past the last voiced frame
        self._segment_start: int | None = None
        self.ended: AnswerEnded | None = None
        self.level_dbfs = _DB_FLOOR  # of the latest chunk

    @property
    def speech_started(self) -> bool:
        """True once the answer has begun."""
        return self.speech_start is not None

    @property
    def position(self) -> int:
        """Sample index just past everything fed so far."""
        return self._received

    def silence_samples(self) -> int:
        """Samples since the last voiced frame (0 before the answer starts)."""
        if self.last_voiced_end is None:
            return 0
        return max(0, self._received - self.last_voiced_end)

    def feed(self, chunk: AudioChunk) -> list[Event]:
        """Take the next chunk of the stream; return what it decided (nothing once ended)."""
        if chunk.rate != RATE:
            raise ValueError(f"the endpointer takes {RATE} Hz audio, not {chunk.rate} Hz")
        if self.ended is not None:
            return []
        if self._origin is None:
            self._origin = self._next_frame = self._received = chunk.offset
        events: list[Event] = []
        self.level_dbfs = frame_level_dbfs(chunk.samples)
        self._received += len(chunk.samples)
        data = np.concatenate([self._pending, chunk.samples]) if len(self._pending) else None
        data = chunk.samples if data is None else data
        usable = len(data) - len(data) % self._frame
        for start in range(0, usable, self._frame):
            self._on_frame(data[start : start + self._frame], events)
            if self.ended is not None:
                return events
        self._pending = data[usable:].copy()
        self._check_limits(self._received, events)
        return events

    def finish(self, reason: EndReason = "eof") -> list[Event]:
        """End the answer now (end of input, or the user stopped it); flush open segments."""
        if self.ended is not None:
            return []
        events: list[Event] = []
        self._end(self._received, reason, events)
        return events

    def _on_frame(self, frame: npt.NDArray[np.int16], events: list[Event]) -> None:
        start = self._next_frame
        end = self._next_frame = start + self._frame
        voiced = self._is_speech(frame)
        if self.speech_start is None:
            self._recent.append((start, voiced))
            if sum(v for _, v in self._recent) >= self._start_needed:
                first = next(s for s, v in self._recent if v)
                self.speech_start = self._segment_start = first
                self.last_voiced_end = end
                events.append(SpeechStarted(first))
        else:
            assert self.last_voiced_end is not None
            if voiced:
                self.last_voiced_end = end
                if self._segment_start is None:
                    self._segment_start = start
            silence = end - self.last_voiced_end
            if self._segment_start is not None and silence * 1000 >= (
                self.settings.segment_silence_ms * RATE
            ):
                events.append(SegmentClosed(self._segment_start, self.last_voiced_end))
                self._segment_start = None
            if silence >= round(self.settings.end_silence_s * RATE):
                self._end(end, "silence", events)
                return
        self._check_limits(end, events)

    def _check_limits(self, position: int, events: list[Event]) -> None:
        if self.ended is not None:
            return
        assert self._origin is not None
        if self.speech_start is None:
            limit = self._origin + round(self.settings.no_speech_timeout_s * RATE)
            if position >= limit:
                self._end(limit, "no_speech", events)
        else:
            limit = self.speech_start + round(self.settings.max_answer_s * RATE)
            if position >= limit:
                self._end(limit, "cap", events)

    def _end(self, sample: int, reason: EndReason, events: list[Event]) -> None:
        if self._segment_start is not None and self.last_voiced_end is not None:
            end = min(self.last_voiced_end, sample)
            if end > self._segment_start:
                events.append(SegmentClosed(self._segment_start, end))
            self._segment_start = None
        if self.last_voiced_end is not None and self.last_voiced_end > sample:
            self.last_voiced_end = sample
        self.ended = AnswerEnded(sample, reason)
        events.append(self.ended)

    def _is_speech(self, frame: npt.NDArray[np.int16]) -> bool:
        level = frame_level_dbfs(frame)
        floor = self._floor.push(level)
        if level < max(self.settings.min_level_dbfs, floor + self.settings.noise_margin_db):
            return False
        return bool(self._vad.is_speech(frame.astype("<i2", copy=False).tobytes(), RATE))


POWER_BLOCK_FRAMES = 2000  # frames per block (a minute at 30 ms) when measuring levels


def _frame_power(samples: np.ndarray, size: int, count: int) -> np.ndarray:
    """Mean power per frame, a block at a time so a long recording never doubles in memory."""
    power = np.empty(count, dtype=np.float64)
    for first in range(0, count, POWER_BLOCK_FRAMES):
        last = min(first + POWER_BLOCK_FRAMES, count)
        block = samples[first * size : last * size].astype(np.float64).reshape(last - first, size)
        power[first:last] = np.mean(np.square(block), axis=1) / (32768.0**2)
    return power


def speech_segments(
    audio: AudioChunk, settings: EndpointSettings | None = None
) -> list[tuple[float, float]]:
    """Voiced regions of a whole recording, in seconds from its start (gaps < merge_gap joined).

    Unlike the live endpointer this looks both ways: the noise floor at each frame is the
    quietest frame within half a noise window on either side, so speech at the very start of a
    file is measured as accurately as speech later on.
    """
    s = settings or EndpointSettings()
    if audio.rate != RATE:
        raise ValueError(f"speech_segments takes {RATE} Hz audio, not {audio.rate} Hz")
    size = s.frame_samples
    count = len(audio.samples) // size
    if count == 0:
        return []
    power = _frame_power(audio.samples, size, count)
    levels = np.maximum(_DB_FLOOR, 10.0 * np.log10(power + 1e-12))
    half = max(1, round(s.noise_window_s * 1000 / s.frame_ms) // 2)
    padded = np.pad(levels, half, mode="edge")
    floor = np.lib.stride_tricks.sliding_window_view(padded, 2 * half + 1).min(axis=1)
    loud = levels >= np.maximum(s.min_level_dbfs, floor + s.noise_margin_db)
    vad = _make_vad(s)
    samples = audio.samples[: count * size].astype("<i2", copy=False)
    voiced = [
        bool(loud[i]) and bool(vad.is_speech(samples[i * size : (i + 1) * size].tobytes(), RATE))
        for i in range(count)
    ]
    regions: list[list[int]] = []  # [first frame, frame past the end]
    gap = -(-s.merge_gap_ms // s.frame_ms)
    for i, v in enumerate(voiced):
        if not v:
            continue
        if regions and i - regions[-1][1] < gap:
            regions[-1][1] = i + 1
        else:
            regions.append([i, i + 1])
    shortest = -(-MIN_REGION_MS // s.frame_ms)
    seconds = s.frame_ms / 1000
    return [(round(a * seconds, 3), round(b * seconds, 3)) for a, b in regions if b - a >= shortest]
