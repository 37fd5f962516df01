"""WAV files: the one reader of the project's own WAVs, and a writer whose header stays true.

Sessions and the prompt cache are 16-bit mono WAV; a recording the user hands in, in any
format, is decoded by `audio.read_audio` instead.
"""

from __future__ import annotations

import errno
import os
import struct
import wave
from pathlib import Path

from mock_interviewer import interrupts
from mock_interviewer.audio import RATE, SAMPLE_WIDTH, AudioChunk
from mock_interviewer.errors import AudioError

WAV_HEADER_BYTES = 44  # canonical PCM WAV header: RIFF, fmt and data chunk headers
_WAV_MAX_DATA = 0xFFFFFFFF - 36  # RIFF sizes are 32-bit: about 37 hours at 16 kHz


def read_wav(path: str | os.PathLike[str]) -> AudioChunk:
    """Read a 16-bit mono WAV as one chunk at its own rate (`wave.Error` if it is not one).

    The project's own WAVs (sessions, the prompt cache) are read here, exactly and without
    resampling; recordings a user hands in go through `read_audio` instead.
    """
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != SAMPLE_WIDTH or wav.getnchannels() != 1:
            raise wave.Error(f"{path} is not 16-bit mono")
        return AudioChunk.from_bytes(wav.readframes(wav.getnframes()), wav.getframerate())


def wav_seconds(path: str | os.PathLike[str]) -> float:
    """Length of a WAV from its header alone (OSError, `wave.Error` or EOFError if unreadable)."""
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


class WavAppender:
    """Writes 16-bit mono PCM WAV, private (0600), and keeps its header true after every append.

    Each `append` writes the samples, then rewrites the RIFF and data sizes, so the file on disk
    is always a complete, playable WAV: a crash, Ctrl-C or `kill -9` keeps all audio written so
    far. Data reaches the operating system at once (no user-space buffer); `close` also syncs it.
    """

    def __init__(self, path: str | os.PathLike[str], rate: int = RATE) -> None:
        self.path = Path(path)
        self.rate = rate
        self.samples_written = 0
        self._fd: int | None = None
        try:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.fchmod(self._fd, 0o600)  # an existing file keeps its old mode through O_CREAT
            _write_all(self._fd, _wav_header(rate, 0))
        except OSError as error:
            self._abandon()
            raise self._error(error) from error

    @property
    def seconds(self) -> float:
        """Audio written so far."""
        return self.samples_written / self.rate

    @property
    def closed(self) -> bool:
        """True once closed (or stopped by a write error)."""
        return self._fd is None

    @interrupts.deferred()  # Ctrl-C waits for the header to cover the samples just written
    def append(self, chunk: AudioChunk) -> None:
        """Write the chunk's samples, then make the header cover them."""
        if self._fd is None:
            raise AudioError(f"{self.path}: the recording is already closed")
        if chunk.rate != self.rate:
            raise ValueError(f"chunk rate {chunk.rate} Hz does not match the WAV's {self.rate} Hz")
        data = chunk.to_bytes()
        if not data:
            return
        if (self.samples_written * SAMPLE_WIDTH) + len(data) > _WAV_MAX_DATA:
            self.close()
            raise AudioError(f"{self.path}: a WAV file cannot hold more audio (4 GB limit)")
        good = WAV_HEADER_BYTES + self.samples_written * SAMPLE_WIDTH
        try:
            os.lseek(self._fd, good, os.SEEK_SET)
            _write_all(self._fd, data)
            self.samples_written += len(data) // SAMPLE_WIDTH
            self._write_sizes()
        except OSError as error:
            self._stop_after(error, good)
            raise self._error(error) from error

    def close(self) -> None:
        """Sync and close the file; safe to call twice."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.fsync(fd)
        except OSError:
            pass  # nothing lost: every byte is already with the operating system
        finally:
            os.close(fd)

    def __enter__(self) -> WavAppender:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _write_sizes(self) -> None:
        assert self._fd is not None
        data_bytes = self.samples_written * SAMPLE_WIDTH
        os.lseek(self._fd, 4, os.SEEK_SET)
        _write_all(self._fd, struct.pack("<I", 36 + data_bytes))
        os.lseek(self._fd, 40, os.SEEK_SET)
        _write_all(self._fd, struct.pack("<I", data_bytes))

    def _stop_after(self, error: OSError, good: int) -> None:
        """Keep the file a valid WAV of everything before the failed write, then close it."""
        fd = self._fd
        assert fd is not None
        try:
            os.ftruncate(fd, good)
            self.samples_written = (good - WAV_HEADER_BYTES) // SAMPLE_WIDTH
            self._write_sizes()  # rewrites bytes in place: needs no new space on a full disk
        except OSError:
            pass
        self._fd = None
        os.close(fd)

    def _abandon(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _error(self, error: OSError) -> AudioError:
        if error.errno == errno.ENOSPC:
            return AudioError(
                f"The disk is full: recording stopped; the recording so far is kept at {self.path}"
            )
        return AudioError(f"Cannot write {self.path}: {error.strerror or error}")


def write_wav(path: str | os.PathLike[str], chunk: AudioChunk) -> Path:
    """Write one chunk as a private (0600) 16-bit mono WAV at the chunk's rate."""
    with WavAppender(path, chunk.rate) as wav:
        wav.append(chunk)
    return wav.path


def _wav_header(rate: int, data_bytes: int) -> bytes:
    return struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF",
        36 + data_bytes,
        b"WAVE",
        b"fmt ",
        16,  # fmt chunk size
        1,  # PCM
        1,  # channels
        rate,
        rate * SAMPLE_WIDTH,  # byte rate
        SAMPLE_WIDTH,  # block align
        8 * SAMPLE_WIDTH,  # bits per sample
        b"data",
        data_bytes,
    )


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
