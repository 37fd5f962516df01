"""Piper prompts: sentence streaming, the disk cache, voice selection, WAV and playback."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
import wave
from pathlib import Path

import numpy as np
import pytest

from alsa import no_devices_env, virtual_audio_env
from mock_interviewer import config, tts
from mock_interviewer.audio import AudioChunk
from mock_interviewer.errors import ModelError
from mock_interviewer.wav import read_wav

PROMPT = "Tell me about an outage. What did you do first? How did it end?"


@pytest.fixture(scope="module")
def voice() -> tts.Voice:
    """The bundled joe voice, loaded once for the module."""
    v = tts.Voice()
    v.load()
    return v


def joined(chunks: list[AudioChunk]) -> np.ndarray:
    """All samples of a list of chunks, end to end."""
    return np.concatenate([c.samples for c in chunks])


@pytest.mark.slow
def test_one_chunk_per_sentence_at_the_voice_rate(voice: tts.Voice) -> None:
    chunks = list(voice.synthesize(PROMPT))
    assert len(chunks) == 3
    assert voice.rate == 22050
    offset = 0
    for chunk in chunks:
        assert chunk.samples.dtype == np.int16
        assert chunk.rate == voice.rate
        assert chunk.offset == offset
        offset = chunk.end
        assert chunk.seconds > 0.3
        rms = np.sqrt(np.mean(chunk.samples.astype(np.float64) ** 2))
        assert rms > 500  # speech, not silence


@pytest.mark.slow
def test_cache_hit_replays_identical_audio_without_loading_the_model(
    voice: tts.Voice, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = tts.TtsSettings(noise_scale=0.0, noise_w_scale=0.0)
    first = tts.Voice(settings)
    first._piper = voice._piper  # reuse the loaded model for the miss
    streamed = list(first.cached_or_synthesize(PROMPT))
    assert len(streamed) == 3  # a miss streams sentence by sentence
    assert first.cache_path(PROMPT).is_file()

    def refuse(*_args: object) -> object:
        raise AssertionError("the model must not be loaded on a cache hit")

    monkeypatch.setattr(tts, "load_piper_voice", refuse)
    again = list(tts.Voice(settings).cached_or_synthesize(PROMPT))
    assert np.array_equal(joined(again), joined(streamed))
    assert again[0].rate == streamed[0].rate


@pytest.mark.slow
def test_an_abandoned_stream_leaves_no_cache_entry(voice: tts.Voice) -> None:
    v = tts.Voice()
    v._piper = voice._piper
    stream = v.cached_or_synthesize(PROMPT)
    next(stream)
    stream.close()  # the listener stopped after the first sentence
    assert not v.cache_path(PROMPT).exists()
    assert not list(tts.tts_cache_dir().glob(".partial-*"))


def test_cache_key_follows_text_voice_and_settings() -> None:
    base = tts.Voice()
    assert base.cache_key(PROMPT) == tts.Voice().cache_key(PROMPT)
    assert base.cache_key(PROMPT) != base.cache_key(PROMPT + " ")
    slower = tts.Voice(tts.TtsSettings(length_scale=1.2))
    assert slower.cache_key(PROMPT) != base.cache_key(PROMPT)
    quieter = tts.Voice(tts.TtsSettings(volume=0.5))
    assert quieter.cache_key(PROMPT) != base.cache_key(PROMPT)
    assert base.cache_path(PROMPT).parent == config.cache_dir() / "tts"


def test_missing_voice_path_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="Voice model not found"):
        tts.Voice(tts.TtsSettings(voice=str(tmp_path / "nobody.onnx")))
    with pytest.raises(ModelError, match="Unknown voice 'nobody'"):
        tts.resolve_voice("nobody")


def test_voice_without_its_config_is_a_model_error(tmp_path: Path) -> None:
    model = tmp_path / "half.onnx"
    model.write_bytes(b"")
    with pytest.raises(ModelError, match=r"half\.onnx\.json"):
        tts.resolve_voice(str(model))


def test_voices_dropped_in_the_data_folder_are_found_by_name() -> None:
    bundled, bundled_config = tts.resolve_voice(None)
    folder = config.data_dir() / "voices"
    folder.mkdir()
    os.symlink(bundled, folder / "en_GB-tester-low.onnx")
    os.symlink(bundled_config, folder / "en_GB-tester-low.onnx.json")
    assert "en_GB-tester-low" in tts.available_voices()
    assert tts.resolve_voice("en_GB-tester-low")[0] == folder / "en_GB-tester-low.onnx"
    assert tts.resolve_voice("tester")[0] == folder / "en_GB-tester-low.onnx"
    assert tts.Voice(tts.TtsSettings(voice="tester")).name == "en_GB-tester-low"


def test_save_wav_round_trip(tmp_path: Path) -> None:
    tone = (np.sin(np.arange(2205) / 5) * 8000).astype(np.int16)
    chunks = [AudioChunk(tone, 22050, 0), AudioChunk(tone, 22050, len(tone))]
    path = tts.save_wav(chunks, tmp_path / "prompt.wav")
    with wave.open(io.BytesIO(path.read_bytes())) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (22050, 1, 2)
        data = np.frombuffer(wav.readframes(wav.getnframes()), "<i2")
    assert np.array_equal(data, np.concatenate([tone, tone]))
    assert np.array_equal(read_wav(path).samples, data)


PLAY_SCRIPT = textwrap.dedent(
    """
    import numpy as np
    from mock_interviewer import sound
    from mock_interviewer.audio import AudioChunk

    tone = (np.sin((np.arange(22050) + 1) / 4) * 9000).astype(np.int16)
    print(sound.has_output_device())
    sound.play([AudioChunk(tone[:11025], 22050, 0), AudioChunk(tone[11025:], 22050, 11025)])
    """
)


@pytest.mark.slow
def test_playback_through_the_alsa_file_speaker(tmp_path: Path) -> None:
    audio = virtual_audio_env(tmp_path, AudioChunk(np.zeros(1600, np.int16)), pad_silence_s=0.1)
    run = subprocess.run(
        [sys.executable, "-c", PLAY_SCRIPT],
        env=audio.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "True"
    played = np.fromfile(audio.played, "<i2")
    tone = (np.sin((np.arange(22050) + 1) / 4) * 9000).astype(np.int16)
    start = int(np.argmax(played != 0))  # any silence ALSA put first
    assert len(played) >= len(tone)
    assert np.array_equal(played[start : start + len(tone)], tone)


NO_OUTPUT_SCRIPT = "from mock_interviewer import sound; print(sound.has_output_device())"


def test_no_output_device_is_reported() -> None:
    run = subprocess.run(
        [sys.executable, "-c", NO_OUTPUT_SCRIPT],
        env=no_devices_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"
