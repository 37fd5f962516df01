"""Reading any format to 16 kHz mono, and a WAV that stays valid while it grows."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import tracemalloc
import wave
from pathlib import Path

import numpy as np
import pytest

from audio_fixtures import JFK, ROLLBACK, blocks, join, speech
from mock_interviewer import wav as wav_module
from mock_interviewer.audio import RATE, AudioChunk, concat, iter_audio, read_audio, resample
from mock_interviewer.errors import AudioError
from mock_interviewer.wav import WavAppender, write_wav

TONE_HZ = 440.0


def _tone(rate: int, seconds: float, channels: int) -> np.ndarray:
    t = np.arange(round(rate * seconds)) / rate
    mono = 0.5 * np.sin(2 * np.pi * TONE_HZ * t)
    return np.stack([mono] * channels)  # (channels, samples) float in [-1, 1]


def _encode(path: Path, container: str, codec: str, rate: int, channels: int = 2) -> None:
    """Write a 1-second 440 Hz tone with PyAV in any container and codec."""
    import av

    layout = "stereo" if channels == 2 else "mono"
    tone = (_tone(rate, 1.0, channels) * 32767).astype(np.int16)
    with av.open(str(path), "w", format=container) as out:
        stream = out.add_stream(codec, rate=rate, layout=layout)
        frame = av.AudioFrame.from_ndarray(tone.T.reshape(1, -1), format="s16", layout=layout)
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)


def _dominant_hz(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples.astype(np.float64)))
    return float(np.argmax(spectrum) * RATE / len(samples))


def _wav_frames(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, RATE)
        return np.frombuffer(wav.readframes(wav.getnframes()), "<i2")


@pytest.mark.parametrize(
    ("name", "container", "codec", "rate"),
    [
        ("tone.wav", "wav", "pcm_s16le", 44100),
        ("tone.flac", "flac", "flac", 44100),
        ("tone.mp3", "mp3", "mp3", 44100),
        ("tone48.mp3", "mp3", "mp3", 48000),  # a 48 kHz stereo MP3
        ("tone.ogg", "ogg", "libopus", 48000),
        ("tone.m4a", "ipod", "aac", 44100),
    ],
)
def test_read_audio_decodes_downmixes_and_resamples(
    tmp_path: Path, name: str, container: str, codec: str, rate: int
) -> None:
    path = tmp_path / name
    _encode(path, container, codec, rate)
    chunk = read_audio(path)
    assert chunk.rate == RATE and chunk.offset == 0
    assert chunk.samples.dtype == np.int16 and chunk.samples.ndim == 1
    # Lossy codecs add priming and padding: allow a tenth of a second either way.
    assert abs(len(chunk.samples) - RATE) <= RATE // 10
    assert abs(_dominant_hz(chunk.samples) - TONE_HZ) < 5
    # Two identical channels averaged keep the level: 0.5 of full scale.
    assert 0.4 * 32767 < np.abs(chunk.samples).max() < 0.6 * 32767


def test_read_audio_from_a_wave_module_file_at_8khz(tmp_path: Path) -> None:
    path = tmp_path / "phone.wav"
    tone = (_tone(8000, 2.0, 1)[0] * 20000).astype("<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(8000)
        wav.writeframes(tone.tobytes())
    chunk = read_audio(path)
    assert len(chunk.samples) == 2 * RATE
    assert abs(_dominant_hz(chunk.samples) - TONE_HZ) < 2


@pytest.mark.shared
def test_read_audio_real_speech_flac_24bit_stereo() -> None:
    chunk = read_audio(JFK)
    assert chunk.rate == RATE
    assert len(chunk.samples) == 11 * RATE  # 11.0 s at 44.1 kHz becomes exactly 176000 samples
    assert chunk.seconds == pytest.approx(11.0)
    assert np.abs(chunk.samples).max() > 10000  # speech, not near-silence from a bad conversion


@pytest.mark.shared
def test_iter_audio_streams_exact_blocks_with_offsets() -> None:
    whole = read_audio(JFK)
    chunks = list(iter_audio(JFK, 0.03))
    assert all(len(c.samples) == 480 for c in chunks[:-1])
    assert 0 < len(chunks[-1].samples) <= 480
    assert [c.offset for c in chunks] == [i * 480 for i in range(len(chunks))]
    assert np.array_equal(concat(chunks).samples, whole.samples)


def test_iter_audio_streams_a_long_recording_without_holding_it(tmp_path: Path) -> None:
    path = tmp_path / "long.wav"
    minutes = 3  # 5.8 MB of samples at 16 kHz
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        block = (np.arange(60 * RATE) % 1000).astype("<i2").tobytes()
        for _ in range(minutes):
            wav.writeframes(block)
    warm_up = iter_audio(path, 1.0)  # imports and codec set-up are not what is measured
    next(warm_up)
    warm_up.close()  # type: ignore[attr-defined]
    tracemalloc.start()
    try:
        total = 0
        for chunk in iter_audio(path, 1.0):
            assert chunk.offset == total
            total += len(chunk.samples)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == minutes * 60 * RATE
    assert peak < 1_000_000  # a few one-second blocks at a time, never the whole 5.8 MB


def test_iter_audio_checks_the_path_before_iterating(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match="no such file"):
        iter_audio(tmp_path / "missing.flac")  # raised at the call, not at the first chunk


def _wav_bytes(samples: np.ndarray) -> bytes:
    path_bytes = bytearray(wav_module._wav_header(RATE, 2 * len(samples)))
    return bytes(path_bytes) + samples.astype("<i2").tobytes()


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: p.write_bytes(b""), "is empty"),
        (lambda p: p.write_bytes(_wav_bytes(np.zeros(0, np.int16))), "holds no audio"),
        (
            lambda p: p.write_text("this is a text file, not audio\n" * 20),
            "is not a recording that can be decoded; give an audio file",
        ),
    ],
    ids=["missing", "directory", "empty", "header-only", "text"],
)
def test_read_audio_bad_files_give_one_clear_line(tmp_path: Path, setup, message: str) -> None:
    path = tmp_path / "answer.wav"
    setup(path)
    with pytest.raises(AudioError, match=message) as caught:
        read_audio(path)
    assert "\n" not in str(caught.value)
    assert str(path) in str(caught.value)


def test_read_audio_truncated_wav_keeps_what_is_there(tmp_path: Path) -> None:
    samples = speech(ROLLBACK)[: 2 * RATE]
    data = _wav_bytes(samples)
    path = tmp_path / "cut.wav"
    path.write_bytes(data[: 44 + 2 * 12345 + 1])  # header says 2 s; 12345 samples and a byte
    chunk = read_audio(path)
    assert np.array_equal(chunk.samples, samples[:12345])


def test_wav_appender_header_is_valid_after_every_append(tmp_path: Path) -> None:
    path = tmp_path / "answer.wav"
    audio = join(speech(ROLLBACK)[:RATE])
    written: list[np.ndarray] = []
    with WavAppender(path) as wav:
        assert _wav_frames(path).size == 0  # valid from the first moment, with no data yet
        for chunk in blocks(audio, 1000):
            wav.append(chunk)
            written.append(chunk.samples)
            assert np.array_equal(_wav_frames(path), np.concatenate(written))
            assert path.stat().st_size == 44 + 2 * wav.samples_written
    assert wav.closed and wav.samples_written == RATE
    assert np.array_equal(read_audio(path).samples, audio.samples)


def test_wav_files_are_private_even_over_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "answer.wav"
    path.write_bytes(b"old")
    path.chmod(0o644)
    write_wav(path, AudioChunk(np.arange(100, dtype=np.int16)))
    assert path.stat().st_mode & 0o777 == 0o600
    assert np.array_equal(_wav_frames(path), np.arange(100))
    with WavAppender(tmp_path / "new.wav"):
        pass
    assert (tmp_path / "new.wav").stat().st_mode & 0o777 == 0o600


def test_wav_appender_stops_cleanly_on_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "answer.wav"
    real_write = os.write
    first = AudioChunk(np.arange(480, dtype=np.int16))
    with WavAppender(path) as wav:
        wav.append(first)

        def full_disk(fd: int, data: bytes | memoryview) -> int:
            if len(data) > 8:  # audio data; header size fields (4 bytes) still fit in place
                real_write(fd, bytes(data)[:100])  # a partial write, then the disk is full
                raise OSError(errno.ENOSPC, "No space left on device")
            return real_write(fd, data)

        monkeypatch.setattr(wav_module.os, "write", full_disk)
        with pytest.raises(AudioError) as caught:
            wav.append(AudioChunk(np.ones(480, np.int16), offset=480))
        monkeypatch.undo()
        assert wav.closed
    message = str(caught.value)
    assert "disk is full" in message and str(path) in message and "\n" not in message
    assert np.array_equal(_wav_frames(path), first.samples)  # the partial write was cut off


def test_resample_and_write_at_other_rates(tmp_path: Path) -> None:
    chunk = AudioChunk(speech(ROLLBACK)[:RATE], RATE, offset=RATE)
    down = resample(chunk, 8000)
    assert down.rate == 8000 and down.offset == 8000
    assert abs(len(down.samples) - 8000) <= 16
    assert resample(chunk) is chunk
    path = write_wav(tmp_path / "eight.wav", down)
    with wave.open(str(path), "rb") as wav:
        assert wav.getframerate() == 8000 and wav.getnframes() == len(down.samples)


_WRITER = """
import sys
import numpy as np
from mock_interviewer.audio import AudioChunk
from mock_interviewer.wav import WavAppender

with WavAppender(sys.argv[1]) as wav:
    block = 1600  # 0.1 s
    i = 0
    while True:
        samples = (np.arange(i * block, (i + 1) * block) % 30000).astype(np.int16)
        wav.append(AudioChunk(samples, offset=i * block))
        i += 1
        print(wav.samples_written, flush=True)
        if i % 5 == 0:
            sys.stdin.readline()  # wait for the parent, every half second of audio
"""


def test_kill_9_leaves_a_readable_wav_of_everything_written(tmp_path: Path) -> None:
    path = tmp_path / "answer.wav"
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    reported = 0
    while reported < 3 * RATE:  # three seconds of audio written, then the kill
        line = child.stdout.readline()
        assert line, "the writer died early"
        reported = int(line)
        if reported % (RATE // 2) == 0:
            child.stdin.write("\n")
            child.stdin.flush()
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    samples = read_audio(path).samples
    # Everything the writer reported is there, and at most a second more (never a torn header).
    assert reported <= len(samples) <= reported + RATE
    expected = (np.arange(len(samples)) % 30000).astype(np.int16)
    assert np.array_equal(samples, expected)
    assert np.array_equal(_wav_frames(path), expected)
