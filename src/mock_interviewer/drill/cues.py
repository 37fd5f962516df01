"""Drill cues: soft tones placed at exact sample positions of the recording.

The output stream runs in lockstep with the input: for every input chunk the recorder
consumes, `CueTrack` writes an output block of the same number of samples (silence, or the
part of a cue that falls inside it). Sample k of the played stream therefore belongs to sample
k of the recording, whatever the wall clock does, so a cue "at 1:30" is at 1:30 of the answer
to the sample. Cues are timed from the first voiced sample, found by an endpointer of our own
fed with the same chunks the recorder's endpointer sees.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mock_interviewer.audio import RATE, AudioChunk
from mock_interviewer.endpoint import Endpointer, EndpointSettings

TONE_HZ = 660.0  # hertz: a soft E5, clear over speech without being shrill
TONE_S = 0.25  # seconds
TONE_FADE_S = 0.03  # seconds of raised-cosine fade in and out (no click)
TONE_PEAK = 0.3  # fraction of full scale: moderate, under normal speech peaks
SPOKEN_GAP_S = 0.1  # seconds between the target tone and the spoken "time"

EARLY_CUE_BEFORE_S = 30.0  # the early cue sounds this long before the target...
SHORT_TARGET_S = 60.0  # ...for targets of at least this many seconds;
SHORT_EARLY_FRACTION = 0.75  # shorter targets get it at this fraction of the target

Samples = npt.NDArray[np.int16]


def tone(
    freq_hz: float = TONE_HZ,
    seconds: float = TONE_S,
    rate: int = RATE,
    peak: float = TONE_PEAK,
    fade_s: float = TONE_FADE_S,
) -> Samples:
    """A sine with a raised-cosine fade in and out, as int16 samples."""
    count = max(0, round(seconds * rate))
    t = np.arange(count) / rate
    wave = np.sin(2 * np.pi * freq_hz * t)
    fade = min(round(fade_s * rate), count // 2)
    envelope = np.ones(count)
    if fade > 0:
        ramp = 0.5 - 0.5 * np.cos(np.pi * np.arange(fade) / fade)
        envelope[:fade] = ramp
        envelope[count - fade :] = ramp[::-1]
    return np.round(wave * envelope * peak * 32767).astype(np.int16)


def early_cue_s(target_s: float) -> float:
    """When the early cue sounds: 30 s before a target of a minute or more, else at 75% of it."""
    if target_s >= SHORT_TARGET_S:
        return target_s - EARLY_CUE_BEFORE_S
    return target_s * SHORT_EARLY_FRACTION


@dataclass(frozen=True)
class DrillCue:
    """One cue: what it is, when (seconds after the first voiced sample) and what it plays."""

    name: str  # "early" or "target"
    at_s: float
    audio: Samples  # at RATE; may be empty (a visual cue only)
    message: str  # what the screen says when it sounds


def drill_cues(target_s: float, spoken_time: Samples | None = None) -> tuple[DrillCue, ...]:
    """The early cue and the target cue; `spoken_time` ("time") follows the target tone."""
    beep = tone()
    at_target = beep
    if spoken_time is not None and len(spoken_time):
        gap = np.zeros(round(SPOKEN_GAP_S * RATE), np.int16)
        at_target = np.concatenate([beep, gap, spoken_time.astype(np.int16)])
    left = target_s - early_cue_s(target_s)
    return (
        DrillCue("early", early_cue_s(target_s), beep, f"{left:.0f} s left: start landing"),
        DrillCue("target", target_s, at_target, "time: wrap up now"),
    )


@dataclass(frozen=True)
class Placed:
    """A cue placed at a sample of the recording (counted from the recording's first sample)."""

    cue: DrillCue
    sample: int


def place(cues: Sequence[DrillCue], speech_start: int, rate: int = RATE) -> tuple[Placed, ...]:
    """Cues at their samples, timed from the first voiced sample `speech_start`."""
    return tuple(Placed(c, speech_start + round(c.at_s * rate)) for c in cues)


def render_block(placed: Sequence[Placed], start: int, length: int) -> Samples:
    """The output block for recording samples [start, start + length): silence plus cues."""
    block = np.zeros(length, np.int32)
    for p in placed:
        audio = p.cue.audio
        lo, hi = max(start, p.sample), min(start + length, p.sample + len(audio))
        if lo < hi:
            block[lo - start : hi - start] += audio[lo - p.sample : hi - p.sample]
    return np.clip(block, -32768, 32767).astype(np.int16)


@dataclass(frozen=True)
class Tick:
    """Where the recording is, for the live display (sent once per chunk)."""

    position: int  # samples recorded so far
    speech_start: int | None  # first voiced sample, once speech has started
    rate: int = RATE

    @property
    def answer_s(self) -> float | None:
        """Seconds since the first voiced sample (None before speech starts)."""
        if self.speech_start is None:
            return None
        return max(0, self.position - self.speech_start) / self.rate


class CueTrack:
    """Wraps an audio source: yields its chunks unchanged, and for each one writes the matching
    output block to `sink` (when given), reports fired cues and ticks to the display."""

    def __init__(
        self,
        source: Iterable[AudioChunk],
        cues: Sequence[DrillCue],
        settings: EndpointSettings | None = None,
        sink: Callable[[AudioChunk], None] | None = None,
        on_cue: Callable[[Placed], None] | None = None,
        on_tick: Callable[[Tick], None] | None = None,
    ) -> None:
        self.source = source
        self.cues = tuple(cues)
        self.settings = settings
        self.sink = sink
        self.on_cue = on_cue
        self.on_tick = on_tick
        self.placed: tuple[Placed, ...] = ()  # set once speech starts
        self.speech_start: int | None = None  # relative to the recording's first sample
        self.failed_reason: str | None = None

    def __iter__(self) -> Iterator[AudioChunk]:
        iterator = iter(self.source)  # opens a microphone now, as the recorder expects
        return self._chunks(iterator)

    def _chunks(self, iterator: Iterator[AudioChunk]) -> Iterator[AudioChunk]:
        endpointer = Endpointer(self.settings)
        origin: int | None = None
        position = 0
        fired: set[int] = set()
        try:
            for chunk in iterator:
                if origin is None:
                    origin = chunk.offset
                endpointer.feed(chunk)
                if self.speech_start is None and endpointer.speech_start is not None:
                    self.speech_start = endpointer.speech_start - origin
                    self.placed = place(self.cues, self.speech_start, chunk.rate)
                size = len(chunk.samples)
                if self.sink is not None:
                    block = render_block(self.placed, position, size)
                    self.sink(AudioChunk(block, chunk.rate, position))
                for i, p in enumerate(self.placed):
                    if i not in fired and p.sample < position + size:
                        fired.add(i)
                        if self.on_cue is not None:
                            self.on_cue(p)
                position += size
                if self.on_tick is not None:
                    self.on_tick(Tick(position, self.speech_start, chunk.rate))
                yield chunk
        finally:
            self.failed_reason = getattr(self.source, "failed_reason", None)
            close = getattr(iterator, "close", None)
            if close is not None:
                close()
