"""Audio sources: iterables of 16 kHz mono `AudioChunk`s, from the microphone or from a file.

Both sources yield the same 30 ms blocks with offsets counted in samples, so everything
downstream (endpointer, recorder, streaming transcription) cannot tell them apart.
"""

from __future__ import annotations

import os
import queue
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from mock_interviewer import sound
from mock_interviewer.audio import RATE, AudioChunk, Rechunker, StreamResampler, iter_audio
from mock_interviewer.errors import DeviceError
from mock_interviewer.sound import DeviceInfo

BLOCK_MS = 30  # milliseconds per chunk: one webrtcvad frame
STALL_TIMEOUT_S = 2.0  # seconds without audio from the device before it is declared failed


class MicrophoneSource:
    """The microphone through sounddevice, as 16 kHz mono chunks of `block_ms`.

    The PortAudio callback only queues bytes; iterating takes them off the queue and counts
    samples for the offsets. If the device fails mid-recording (a PortAudio error, the stream
    stopping on its own, no audio for `stall_timeout_s`), iteration ends cleanly and
    `failed_reason` says why, so everything recorded so far is kept.
    """

    def __init__(
        self,
        device: int | str | None = None,
        block_ms: int = BLOCK_MS,
        stall_timeout_s: float = STALL_TIMEOUT_S,
    ) -> None:
        self.device = device
        self.block = RATE * block_ms // 1000
        self.stall_timeout_s = stall_timeout_s
        self.failed_reason: str | None = None
        self.overflows = 0  # callbacks that reported lost input (the reader fell behind)
        self.device_info: DeviceInfo | None = None
        self._queue: queue.Queue[bytes | None] = queue.Queue()
        self._stream: sound.Stream | None = None
        self._stopping = False
        self.native_rate = RATE  # hertz the device records at; other rates are converted

    def open(self) -> MicrophoneSource:
        """Check the device and start recording; raises `NoInputDevice` or `DeviceError`."""
        if self._stream is not None:
            return self
        self.device_info = info = sound.find_input_device(self.device)
        self._stopping = False
        self._queue = queue.Queue()  # nothing stale from an earlier recording
        self.failed_reason = None
        try:
            stream = self._start(info, RATE)
        except DeviceError as cannot:
            # Some hardware records only at 44.1 or 48 kHz: record there and convert.
            native = round(info.default_samplerate)
            if native == RATE or native <= 0:
                raise
            try:
                stream = self._start(info, native)
            except DeviceError:
                raise cannot from cannot.__cause__
        self._stream = stream
        return self

    def _start(self, info: DeviceInfo, rate: int) -> sound.Stream:
        self.native_rate = rate
        blocksize = rate * self.block // RATE
        return sound.open_input(info, rate, blocksize, self._on_block, self._finished)

    def close(self) -> None:
        """Stop and close the stream; safe to call twice."""
        stream, self._stream = self._stream, None
        if stream is None:
            return
        self._stopping = True
        sound.close_quietly(stream, abort=True)

    def __enter__(self) -> MicrophoneSource:
        return self.open()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[AudioChunk]:
        # Opens here, not at the first chunk: a missing device fails before any file is made.
        opened_here = self._stream is None
        self.open()
        return self._chunks(opened_here)

    def _chunks(self, opened_here: bool) -> Iterator[AudioChunk]:
        convert = StreamResampler(self.native_rate) if self.native_rate != RATE else None
        blocks = Rechunker(self.block)
        try:
            while True:
                try:
                    data = self._queue.get(timeout=self.stall_timeout_s)
                except queue.Empty:
                    self.failed_reason = (
                        f"no audio from the input device for {self.stall_timeout_s:g} s"
                    )
                    break
                if data is None:
                    if self.failed_reason is None:
                        self.failed_reason = "the input stream stopped"
                    break
                samples = AudioChunk.from_bytes(data).samples
                yield from blocks.push(convert(samples) if convert else samples)
            # The device failed: keep its last partial block too.
            if convert is not None:
                yield from blocks.push(convert(None))
            yield from blocks.flush()
        finally:
            if opened_here:
                self.close()

    def _on_block(self, data: bytes, overflowed: bool) -> None:
        if overflowed:
            self.overflows += 1
        self._queue.put(data)

    def _finished(self) -> None:
        if not self._stopping:
            self.failed_reason = "the input stream stopped (device unplugged or failed)"
            self._queue.put(None)


class FileSource:
    """A recording as the same chunks a microphone yields; `realtime` paces them like one."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        realtime: bool = False,
        block_ms: int = BLOCK_MS,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.path = Path(path)
        self.realtime = realtime
        self.block_s = block_ms / 1000
        self.failed_reason: str | None = None  # files never fail mid-way; kept for symmetry
        self._clock = clock
        self._sleep = sleep

    def __enter__(self) -> FileSource:
        return self

    def __exit__(self, *exc_info: object) -> None:
        pass  # nothing held open between iterations: each one decodes the file afresh

    def __iter__(self) -> Iterator[AudioChunk]:
        # Checks the file here, not at the first chunk: a bad path fails before any WAV is made.
        chunks = iter_audio(self.path, self.block_s)
        return self._paced(chunks) if self.realtime else chunks

    def _paced(self, chunks: Iterator[AudioChunk]) -> Iterator[AudioChunk]:
        started = self._clock()
        for chunk in chunks:
            # A microphone hands a block over once its last sample has been captured.
            wait = started + chunk.end / chunk.rate - self._clock()
            if wait > 0:
                self._sleep(wait)
            yield chunk
