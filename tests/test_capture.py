"""MicrophoneSource and device listing against a fake sounddevice (no PortAudio needed)."""

from __future__ import annotations

import importlib.abc
import sys
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from mock_interviewer import sound
from mock_interviewer.audio import RATE
from mock_interviewer.capture import MicrophoneSource
from mock_interviewer.errors import AudioError, NoInputDevice
from mock_interviewer.sound import DeviceInfo, find_input_device, list_devices


class FakePortAudioError(Exception):
    pass


def device(index: int, name: str, inputs: int = 1, outputs: int = 0) -> dict[str, Any]:
    return {
        "index": index,
        "name": name,
        "hostapi": 0,
        "max_input_channels": inputs,
        "max_output_channels": outputs,
        "default_samplerate": 48000.0,
    }


def fake_sounddevice(
    devices: list[dict[str, Any]],
    default: tuple[int, int] = (0, 0),
    blocks: int = 10,
    ending: str = "stall",  # "stall": audio stops arriving; "finished": PortAudio ends the stream
    fail_open: bool = False,
    rates: tuple[int, ...] = (RATE,),  # sample rates the device accepts
    signal: Callable[[int, int], np.ndarray] | None = None,  # (block index, size) -> samples
) -> SimpleNamespace:
    """Delivers `blocks` callbacks synchronously on start(), then ends as `ending` says."""
    opened: list[FakeStream] = []

    class FakeStream:
        def __init__(self, **kwargs: Any) -> None:
            if fail_open or kwargs["samplerate"] not in rates:
                raise FakePortAudioError("Error opening RawInputStream: Invalid sample rate\nmore")
            self.kwargs = kwargs
            self.aborted = self.closed = False
            opened.append(self)

        def start(self) -> None:
            callback: Callable[..., None] = self.kwargs["callback"]
            size = self.kwargs["blocksize"]
            for i in range(blocks):
                block = signal(i, size) if signal else np.full(size, i, np.int16)
                data = block.astype(np.int16).tobytes()
                status = SimpleNamespace(input_overflow=i == 3)
                callback(data, size, None, status if i == 3 else None)
            if ending == "finished":
                self.kwargs["finished_callback"]()

        def abort(self) -> None:
            self.aborted = True

        def close(self) -> None:
            self.closed = True

    return SimpleNamespace(
        query_devices=lambda: list(devices),
        query_hostapis=lambda: [{"name": "ALSA"}],
        default=SimpleNamespace(device=list(default)),
        RawInputStream=FakeStream,
        PortAudioError=FakePortAudioError,
        opened=opened,
    )


def use(monkeypatch: pytest.MonkeyPatch, sd: SimpleNamespace) -> None:
    monkeypatch.setattr(sound, "import_sounddevice", lambda: sd)


def test_list_devices(monkeypatch: pytest.MonkeyPatch) -> None:
    use(monkeypatch, fake_sounddevice([device(0, "USB mic"), device(1, "Speakers", 0, 2)], (0, 1)))
    assert list_devices() == [
        DeviceInfo(0, "USB mic", 1, 0, 48000.0, True, False, "ALSA"),
        DeviceInfo(1, "Speakers", 0, 2, 48000.0, False, True, "ALSA"),
    ]


@pytest.mark.parametrize(
    ("devices", "default", "message"),
    [
        ([], (-1, -1), "No audio input device found"),
        ([device(0, "Speakers", 0, 2)], (-1, 0), "No audio input device found"),
        ([device(0, "USB mic")], (-1, -1), "No default audio input device"),
    ],
    ids=["none", "output-only", "no-default"],
)
def test_no_input_device_suggests_input_file(
    monkeypatch: pytest.MonkeyPatch,
    devices: list[dict[str, Any]],
    default: tuple[int, int],
    message: str,
) -> None:
    use(monkeypatch, fake_sounddevice(devices, default))
    with pytest.raises(NoInputDevice, match=message) as caught:
        MicrophoneSource().open()
    assert "--input FILE" in str(caught.value)


def test_choosing_a_device_by_index_or_name(monkeypatch: pytest.MonkeyPatch) -> None:
    use(monkeypatch, fake_sounddevice([device(0, "hw:1,0 Built-in"), device(1, "USB headset")]))
    assert find_input_device(1).name == "USB headset"
    assert find_input_device("1").name == "USB headset"
    assert find_input_device("usb").index == 1
    with pytest.raises(NoInputDevice, match="No input device matches 'zoom'"):
        find_input_device("zoom")


def test_chunks_count_samples_and_a_stall_ends_cleanly(monkeypatch: pytest.MonkeyPatch) -> None:
    sd = fake_sounddevice([device(0, "mic")], blocks=10, ending="stall")
    use(monkeypatch, sd)
    source = MicrophoneSource(stall_timeout_s=0.05)
    chunks = list(source)
    assert [c.offset for c in chunks] == [i * 480 for i in range(10)]
    assert all(c.rate == RATE and len(c.samples) == 480 for c in chunks)
    assert [int(c.samples[0]) for c in chunks] == list(range(10))
    assert source.failed_reason == "no audio from the input device for 0.05 s"
    assert source.overflows == 1
    (stream,) = sd.opened
    assert stream.kwargs["samplerate"] == RATE and stream.kwargs["channels"] == 1
    assert stream.kwargs["dtype"] == "int16" and stream.aborted and stream.closed


def test_a_stream_ended_by_portaudio_ends_iteration(monkeypatch: pytest.MonkeyPatch) -> None:
    use(monkeypatch, fake_sounddevice([device(0, "mic")], blocks=4, ending="finished"))
    with MicrophoneSource() as source:
        chunks = list(source)
    assert len(chunks) == 4
    assert source.failed_reason is not None and "stopped" in source.failed_reason
    with source:  # opened again: a fresh queue, no stale end-of-stream marker
        assert len(list(source)) == 4


def test_a_device_that_cannot_open_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    use(monkeypatch, fake_sounddevice([device(0, "mic")], fail_open=True))
    with pytest.raises(AudioError, match=r"Cannot record from 'mic': .*Invalid sample rate$"):
        MicrophoneSource().open()


def test_missing_portaudio_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoPortAudio(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, path: object, target: object = None) -> None:
            if name == "sounddevice":
                raise OSError("PortAudio library not found")

    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    monkeypatch.setattr(sys, "meta_path", [NoPortAudio(), *sys.meta_path])
    with pytest.raises(AudioError, match=r"PortAudio is missing: install libportaudio2"):
        list_devices()


def test_a_device_without_16khz_is_recorded_at_its_own_rate_and_converted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def tone(i: int, size: int) -> np.ndarray:
        t = np.arange(i * size, (i + 1) * size) / 48000
        return (np.sin(2 * np.pi * 440 * t) * 10000).astype(np.int16)

    sd = fake_sounddevice([device(0, "hw mic")], blocks=100, rates=(48000,), signal=tone)
    use(monkeypatch, sd)
    source = MicrophoneSource(stall_timeout_s=0.05)
    chunks = list(source)
    assert source.native_rate == 48000 and sd.opened[0].kwargs["blocksize"] == 1440
    assert all(len(c.samples) == 480 for c in chunks[:-1])
    assert [c.offset for c in chunks] == [i * 480 for i in range(len(chunks))]
    samples = np.concatenate([c.samples for c in chunks])
    assert len(samples) == 100 * 480  # 3 s at 48 kHz is exactly 3 s at 16 kHz, flushed
    spectrum = np.abs(np.fft.rfft(samples[:RATE].astype(np.float64)))
    assert int(np.argmax(spectrum)) == 440  # 1 s of audio: bin index is hertz
