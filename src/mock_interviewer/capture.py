"""Audio sources: iterables of 16 kHz mono `AudioChunk`s, from the microphone or from a file.

Both sources yield the same 30 ms blocks with offsets counted in samples, so everything
downstream (endpointer, recorder, streaming transcription) cannot tell them apart.
"""

from __future__ import annotations

import contextlib
import os
import queue
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mock_interviewer.audio import RATE, AudioChunk, Rechunker, StreamResampler, iter_audio
from mock_interviewer.errors import DeviceError, NoInputDevice

BLOCK_MS = 30  # milliseconds per chunk: one webrtcvad frame
STALL_TIMEOUT_S = 2.0  # seconds without audio from the device before it is declared failed
_NO_INPUT_HINT = "connect a microphone, or answer from a recording with --input FILE"


def _import_sounddevice() -> Any:
    """The sounddevice module (a factory tests replace); PortAudio missing becomes DeviceError."""
    try:
        import sounddevice
    except OSError as error:  # sounddevice raises OSError when libportaudio cannot be loaded
        raise DeviceError(
            "PortAudio is missing: install libportaudio2 (apt-get install libportaudio2)"
        ) from error
    return sounddevice


@dataclass(frozen=True)
class DeviceInfo:
    """One PortAudio device, as `devices` and `doctor` list it."""

    index: int
    name: str
    max_input_channels: int
    max_output_channels: int
    default_samplerate: float  # hertz
    is_default_input: bool = False
    is_default_output: bool = False
    hostapi: str = ""


def list_devices() -> list[DeviceInfo]:
    """Every audio device PortAudio sees (empty when there are none)."""
    sd = _import_sounddevice()
    default_in, default_out = _default_devices(sd)
    try:
        hostapis = [str(api.get("name", "")) for api in sd.query_hostapis()]
    except Exception:  # host API names are a nicety; never fail a listing over them
        hostapis = []
    devices = []
    for info in sd.query_devices():
        index = int(info["index"])
        api = int(info.get("hostapi", -1))
        devices.append(
            DeviceInfo(
                index=index,
                name=str(info["name"]),
                max_input_channels=int(info["max_input_channels"]),
                max_output_channels=int(info["max_output_channels"]),
                default_samplerate=float(info["default_samplerate"]),
                is_default_input=index == default_in,
                is_default_output=index == default_out,
                hostapi=hostapis[api] if 0 <= api < len(hostapis) else "",
            )
        )
    return devices


def _default_devices(sd: Any) -> tuple[int, int]:
    try:
        default_in, default_out = sd.default.device
        return int(default_in), int(default_out)
    except Exception:  # no defaults configured, or a device name PortAudio cannot resolve
        return -1, -1


def find_input_device(device: int | str | None = None) -> DeviceInfo:
    """The device to record from (the default input when None), or `NoInputDevice`."""
    devices = list_devices()
    inputs = [d for d in devices if d.max_input_channels > 0]
    if not inputs:
        raise NoInputDevice(f"No audio input device found: {_NO_INPUT_HINT}")
    if device is None:
        for candidate in inputs:
            if candidate.is_default_input:
                return candidate
        raise NoInputDevice(f"No default audio input device is set: {_NO_INPUT_HINT}")
    for candidate in inputs:
        if str(device) == str(candidate.index):
            return candidate
    for candidate in inputs:
        if str(device).lower() in candidate.name.lower():
            return candidate
    names = ", ".join(f"{d.index}: {d.name}" for d in inputs)
    raise NoInputDevice(f"No input device matches {device!r} (inputs: {names}); {_NO_INPUT_HINT}")


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
        self._stream: Any = None
        self._stopping = False
        self.native_rate = RATE  # hertz the device records at; other rates are converted

    def open(self) -> MicrophoneSource:
        """Check the device and start recording; raises `NoInputDevice` or `DeviceError`."""
        if self._stream is not None:
            return self
        sd = _import_sounddevice()
        self.device_info = info = find_input_device(self.device)
        self._stopping = False
        self._queue = queue.Queue()  # nothing stale from an earlier recording
        self.failed_reason = None
        try:
            stream = self._start(sd, info.index, RATE)
        except (sd.PortAudioError, ValueError) as error:
            cannot = DeviceError(f"Cannot record from {info.name!r}: {_first_line(error)}")
            # Some hardware records only at 44.1 or 48 kHz: record there and convert.
            native = round(info.default_samplerate)
            if native == RATE or native <= 0:
                raise cannot from error
            try:
                stream = self._start(sd, info.index, native)
            except (sd.PortAudioError, ValueError):
                raise cannot from error
        self._stream = stream
        return self

    def _start(self, sd: Any, index: int, rate: int) -> Any:
        self.native_rate = rate
        stream = sd.RawInputStream(
            samplerate=rate,
            blocksize=rate * self.block // RATE,
            device=index,
            channels=1,
            dtype="int16",
            callback=self._callback,
            finished_callback=self._finished,
        )
        try:
            stream.start()
        except BaseException:
            with contextlib.suppress(Exception):
                stream.close()
            raise
        return stream

    def close(self) -> None:
        """Stop and close the stream; safe to call twice."""
        stream, self._stream = self._stream, None
        if stream is None:
            return
        self._stopping = True
        # The device may already be gone; closing must not raise.
        with contextlib.suppress(Exception):
            stream.abort()
        with contextlib.suppress(Exception):
            stream.close()

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

    def _callback(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        if status and getattr(status, "input_overflow", False):
            self.overflows += 1
        self._queue.put(bytes(indata))

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


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
