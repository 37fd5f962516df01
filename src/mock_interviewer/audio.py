"""The one audio type: a chunk of 16-bit mono PCM with its position counted in samples."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

RATE = 16000  # hertz: what the VAD and Whisper both want
SAMPLE_WIDTH = 2  # bytes per sample (int16)


@dataclass(frozen=True)
class AudioChunk:
    """`samples` is int16 mono; `offset` is the index of its first sample in the stream."""

    samples: npt.NDArray[np.int16]
    rate: int = RATE
    offset: int = 0  # samples since the stream started

    @property
    def seconds(self) -> float:
        """Duration of this chunk."""
        return len(self.samples) / self.rate

    @property
    def start_s(self) -> float:
        """Where this chunk starts, in seconds from the stream's start."""
        return self.offset / self.rate

    @property
    def end(self) -> int:
        """Sample index just past this chunk."""
        return self.offset + len(self.samples)

    def to_bytes(self) -> bytes:
        """Little-endian PCM bytes, as WAV files and webrtcvad want them."""
        return self.samples.astype("<i2", copy=False).tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, rate: int = RATE, offset: int = 0) -> AudioChunk:
        """Wrap little-endian int16 PCM bytes."""
        return cls(np.frombuffer(data, dtype="<i2").astype(np.int16), rate, offset)

    def as_float32(self) -> npt.NDArray[np.float32]:
        """Samples scaled to [-1, 1), as faster-whisper takes them."""
        return (self.samples.astype(np.float32) / 32768.0).astype(np.float32)
