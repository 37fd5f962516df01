"""The audio edge: the one module that talks to sounddevice (PortAudio).

It imports the library, lists and chooses devices, opens input and output streams and plays
chunks; everything past it passes `AudioChunk`s. sounddevice is imported lazily, on first use:
loading PortAudio costs start-up time that `--help` and the typed commands must not pay.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Protocol

import numpy as np
import numpy.typing as npt

from mock_interviewer.audio import AudioChunk
from mock_interviewer.errors import AudioError, DeviceError, NoInputDevice

NO_INPUT_HINT = "connect a microphone, or answer from a recording with --input FILE"


class Stream(Protocol):
    """What the project uses of a PortAudio stream."""

    def start(self) -> None:
        """Start the stream."""

    def stop(self) -> None:
        """Stop once queued audio has played."""

    def abort(self) -> None:
        """Stop at once."""

    def close(self) -> None:
        """Release the device."""


class WriteStream(Stream, Protocol):
    """A blocking output stream."""

    def write(self, data: bytes) -> object:
        """Queue PCM bytes; blocks while the device buffer is full."""


BlockCallback = Callable[[bytes, bool], None]  # (PCM bytes, input overflowed)
FillCallback = Callable[[npt.NDArray[np.int16], int], None]  # (output buffer, frames)


def import_sounddevice() -> ModuleType:
    """The sounddevice module (the factory tests replace); PortAudio missing is a DeviceError."""
    try:
        import sounddevice
    except (ImportError, OSError) as error:  # OSError: libportaudio cannot be loaded
        raise DeviceError(
            "PortAudio is missing: install libportaudio2 (apt-get install libportaudio2)"
        ) from error
    module: ModuleType = sounddevice
    return module


# -- devices ------------------------------------------------------------------------------


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
    sd = import_sounddevice()
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


def _default_devices(sd: ModuleType) -> tuple[int, int]:
    try:
        default_in, default_out = sd.default.device
        return int(default_in), int(default_out)
    except Exception:  # no defaults configured, or a device name PortAudio cannot resolve
        return -1, -1


def find_input_device(device: int | str | None = None) -> DeviceInfo:
    """The device to record from (the default input when None), or `NoInputDevice`."""
    inputs = [d for d in list_devices() if d.max_input_channels > 0]
    if not inputs:
        raise NoInputDevice(f"No audio input device found: {NO_INPUT_HINT}")
    if device is None:
        for candidate in inputs:
            if candidate.is_default_input:
                return candidate
        raise NoInputDevice(f"No default audio input device is set: {NO_INPUT_HINT}")
    for candidate in inputs:
        if str(device) == str(candidate.index):
            return candidate
    for candidate in inputs:
        if str(device).lower() in candidate.name.lower():
            return candidate
    names = ", ".join(f"{d.index}: {d.name}" for d in inputs)
    raise NoInputDevice(f"No input device matches {device!r} (inputs: {names}); {NO_INPUT_HINT}")


def has_output_device() -> bool:
    """True when PortAudio knows a device that can play sound."""
    try:
        devices = import_sounddevice().query_devices()
    except Exception:  # any PortAudio failure means: save or print instead of playing
        return False
    return any(int(d.get("max_output_channels", 0)) > 0 for d in devices)


# -- input --------------------------------------------------------------------------------


def open_input(
    info: DeviceInfo,
    rate: int,
    blocksize: int,
    on_block: BlockCallback,
    on_finished: Callable[[], None],
) -> Stream:
    """Start recording int16 mono from `info` at `rate`; each block goes to `on_block`.

    The callback runs on PortAudio's thread: it must only hand the bytes over (a queue).
    Raises DeviceError naming the device when it cannot record at that rate.
    """
    sd = import_sounddevice()

    def callback(indata: bytes, frames: int, time_info: object, status: object) -> None:
        on_block(bytes(indata), bool(status) and bool(getattr(status, "input_overflow", False)))

    try:
        stream: Stream = sd.RawInputStream(
            samplerate=rate,
            blocksize=blocksize,
            device=info.index,
            channels=1,
            dtype="int16",
            callback=callback,
            finished_callback=on_finished,
        )
    except (sd.PortAudioError, ValueError) as error:
        raise DeviceError(f"Cannot record from {info.name!r}: {first_line(error)}") from error
    try:
        stream.start()
    except BaseException as error:
        with contextlib.suppress(Exception):
            stream.close()
        if isinstance(error, (sd.PortAudioError, ValueError)):
            raise DeviceError(f"Cannot record from {info.name!r}: {first_line(error)}") from error
        raise
    return stream


def close_quietly(stream: Stream | None, abort: bool = False) -> None:
    """Stop (or abort) and close `stream`; a device already gone must not raise."""
    if stream is None:
        return
    with contextlib.suppress(Exception):
        stream.abort() if abort else stream.stop()
    with contextlib.suppress(Exception):
        stream.close()


# -- output -------------------------------------------------------------------------------


class OutputStream:
    """A mono int16 output stream with blocking writes of `AudioChunk`s at one rate."""

    def __init__(self, rate: int, device: int | str | None = None, what: str = "play audio"):
        self.rate = rate
        self.device = device
        self.what = what  # for the error: "cannot play cue tones: ..."
        self._stream: WriteStream | None = None

    def open(self) -> OutputStream:
        """Start the stream; raises DeviceError when the output cannot be opened."""
        sd = import_sounddevice()
        try:
            stream: WriteStream = sd.RawOutputStream(
                samplerate=self.rate, channels=1, dtype="int16", device=self.device
            )
            stream.start()
        except (sd.PortAudioError, ValueError) as error:
            raise DeviceError(f"cannot {self.what}: {error}") from error
        self._stream = stream
        return self

    def write(self, chunk: AudioChunk) -> None:
        """Queue one chunk (blocks while the device buffer is full, pacing like the input)."""
        if chunk.rate != self.rate:
            raise AudioError(f"Cannot play {chunk.rate} Hz audio on a {self.rate} Hz stream.")
        if self._stream is not None:
            self._stream.write(chunk.to_bytes())

    def close(self) -> None:
        """Let queued audio play out, then close; safe to call twice."""
        stream, self._stream = self._stream, None
        close_quietly(stream)

    def __enter__(self) -> OutputStream:
        return self.open()

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def play(chunks: Iterable[AudioChunk], device: int | str | None = None) -> None:
    """Play chunks as they arrive (the first sentence sounds while later ones are synthesised)."""
    sd = import_sounddevice()
    out: OutputStream | None = None
    try:
        for chunk in chunks:
            if out is None:
                out = OutputStream(chunk.rate, device).open()
            out.write(chunk)
    except (sd.PortAudioError, DeviceError) as error:
        cause = error.__cause__ if isinstance(error, DeviceError) else error
        raise DeviceError(
            f"Cannot play audio ({cause}). Check `mock-interviewer devices` or pass --output FILE."
        ) from None
    finally:
        if out is not None:
            out.close()


def open_callback_output(rate: int, fill: FillCallback) -> Stream:
    """Start a mono int16 output stream that asks `fill` for each buffer (on PortAudio's thread)."""
    sd = import_sounddevice()

    def callback(out: npt.NDArray[np.int16], frames: int, time: object, status: object) -> None:
        fill(out, frames)

    stream: Stream = sd.OutputStream(samplerate=rate, channels=1, dtype="int16", callback=callback)
    stream.start()
    return stream


def first_line(error: BaseException) -> str:
    """The first line of an error's text (PortAudio's run to several)."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
