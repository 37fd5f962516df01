"""The one audio type: a chunk of 16-bit mono PCM with its position counted in samples."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from mock_interviewer.errors import RecordingFileError

if TYPE_CHECKING:
    from av.container import InputContainer

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


# --- reading: any format PyAV decodes, converted at the edge to 16 kHz mono int16 ---------------

DEFAULT_BLOCK_S = 1.0  # seconds per chunk when streaming a file


def read_audio(path: str | os.PathLike[str]) -> AudioChunk:
    """Decode a whole recording (wav, flac, mp3, m4a, ogg...) to one 16 kHz mono chunk."""
    blocks = [chunk.samples for chunk in iter_audio(path, DEFAULT_BLOCK_S * 30)]
    return AudioChunk(np.concatenate(blocks).astype(np.int16, copy=False))


def iter_audio(
    path: str | os.PathLike[str], block_s: float = DEFAULT_BLOCK_S
) -> Iterator[AudioChunk]:
    """Stream a recording as 16 kHz mono chunks of `block_s` seconds (the last may be shorter).

    The file is checked before this returns, so a bad path fails here and not at the first
    chunk; a file that decodes to no samples raises `RecordingFileError` when iteration ends.
    """
    block = max(1, round(block_s * RATE))
    file = Path(path)
    check_recording(file)
    return _decode(file, block)


def _check_file(file: Path) -> None:
    if not file.exists():
        raise RecordingFileError(f"{file}: no such file; check the path and try again")
    if file.is_dir():
        raise RecordingFileError(f"{file} is a directory; give a recording ({_FORMATS})")
    try:
        size = file.stat().st_size
    except OSError as error:
        raise RecordingFileError(f"{file} cannot be read: {error.strerror or error}") from error
    if size == 0:
        raise RecordingFileError(f"{file} is empty (0 bytes): there is no audio in it to read")


_FORMATS = "wav, flac, mp3, m4a, ogg, opus or webm"


def _open_container(file: Path) -> InputContainer:
    import av  # lazy: PyAV is heavy and only needed at the edges

    try:
        container = av.open(str(file))
    except av.error.PermissionError as error:
        raise RecordingFileError(f"{file} cannot be read: permission denied") from error
    except (av.error.FFmpegError, OSError, ValueError) as error:
        raise RecordingFileError(
            f"{file} is not a recording that can be decoded; give an audio file ({_FORMATS})"
        ) from error
    if not container.streams.audio:
        container.close()
        raise RecordingFileError(
            f"{file} holds no audio (no sound track); give an audio file ({_FORMATS})"
        )
    return container


def check_recording(path: str | os.PathLike[str]) -> None:
    """Raise RecordingFileError unless `path` is a file with audio that can be decoded.

    Cheap (the container is opened, not decoded): commands call it for every input before
    anything is spoken or recorded.
    """
    file = Path(path)
    _check_file(file)
    _open_container(file).close()


def _decode(file: Path, block: int) -> Iterator[AudioChunk]:
    import av

    container = _open_container(file)
    pending = Rechunker(block)
    try:
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
        for packet in container.demux(stream):
            try:
                frames = packet.decode()
            except av.error.FFmpegError:
                # A damaged or truncated packet: keep what decodes around it.
                continue
            for frame in frames:
                for out in resampler.resample(frame):
                    yield from pending.push(out.to_ndarray().reshape(-1))
        for out in resampler.resample(None):
            yield from pending.push(out.to_ndarray().reshape(-1))
    except av.error.FFmpegError as error:
        if pending.total == 0:
            raise RecordingFileError(f"{file} could not be decoded: {error}") from error
        # Truncated mid-stream: everything decoded so far is kept.
    finally:
        container.close()
    yield from pending.flush()
    if pending.total == 0:
        raise RecordingFileError(f"{file} holds no audio samples: a header with no sound after it")


class Rechunker:
    """Cuts a stream of sample arrays into chunks of exactly `block` samples."""

    def __init__(self, block: int, offset: int = 0) -> None:
        self.block = block
        self.offset = offset
        self.total = 0
        self._parts: list[npt.NDArray[np.int16]] = []
        self._held = 0

    def push(self, samples: npt.NDArray[Any]) -> Iterator[AudioChunk]:
        """Add samples; yield every full block now available."""
        if len(samples) == 0:
            return
        self._parts.append(samples.astype(np.int16, copy=False))
        self._held += len(samples)
        self.total += len(samples)
        if self._held < self.block:
            return
        data = np.concatenate(self._parts)
        cut = len(data) - len(data) % self.block
        for start in range(0, cut, self.block):
            yield AudioChunk(data[start : start + self.block], RATE, self.offset)
            self.offset += self.block
        rest = data[cut:]
        self._parts = [rest] if len(rest) else []
        self._held = len(rest)

    def flush(self) -> Iterator[AudioChunk]:
        """Yield whatever is left as a last, shorter chunk."""
        if self._held:
            yield AudioChunk(np.concatenate(self._parts), RATE, self.offset)
            self.offset += self._held
        self._parts, self._held = [], 0


class StreamResampler:
    """Converts a stream of int16 mono blocks from `from_rate` to 16 kHz, keeping filter state."""

    def __init__(self, from_rate: int) -> None:
        import av

        self.from_rate = from_rate
        self._resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)

    def __call__(self, samples: npt.NDArray[np.int16] | None) -> npt.NDArray[np.int16]:
        """Resample the next block; `None` flushes what the filter still holds."""
        import av

        frame = None
        if samples is not None:
            frame = av.AudioFrame.from_ndarray(
                samples.astype(np.int16, copy=False).reshape(1, -1), format="s16", layout="mono"
            )
            frame.sample_rate = self.from_rate
        parts = [out.to_ndarray().reshape(-1) for out in self._resampler.resample(frame)]
        if not parts:
            return np.zeros(0, np.int16)
        return np.concatenate(parts).astype(np.int16, copy=False)


def resample(chunk: AudioChunk, rate: int = RATE) -> AudioChunk:
    """The same audio at another sample rate (offset scaled to match)."""
    if chunk.rate == rate:
        return chunk
    import av

    frame = av.AudioFrame.from_ndarray(
        chunk.samples.astype(np.int16, copy=False).reshape(1, -1), format="s16", layout="mono"
    )
    frame.sample_rate = chunk.rate
    resampler = av.AudioResampler(format="s16", layout="mono", rate=rate)
    parts = [out.to_ndarray().reshape(-1) for out in resampler.resample(frame)]
    parts += [out.to_ndarray().reshape(-1) for out in resampler.resample(None)]
    samples = np.concatenate(parts) if parts else np.zeros(0, np.int16)
    return AudioChunk(samples.astype(np.int16, copy=False), rate, chunk.offset * rate // chunk.rate)


def concat(chunks: Iterable[AudioChunk]) -> AudioChunk:
    """Join consecutive chunks into one (the first chunk's offset and rate are kept)."""
    items = list(chunks)
    if not items:
        return AudioChunk(np.zeros(0, np.int16))
    samples = np.concatenate([c.samples for c in items]).astype(np.int16, copy=False)
    return AudioChunk(samples, items[0].rate, items[0].offset)
