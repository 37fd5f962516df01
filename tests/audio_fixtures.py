"""Audio for tests: real and synthetic speech, silence, noise, and chunking like a microphone.

Speech comes from real recordings only:
- ../shared/audio/jfk.flac: 11 s of a real speaker (44.1 kHz stereo 24-bit), beside the
  checkout in CI; tests using it carry the `shared` marker (see shared_data.py);
- fixtures/audio/espeak_*.flac: espeak-ng sentences (16 kHz mono), made once with
  `espeak-ng -v en-us -s 160 -w out.wav "..."` and converted to FLAC, so tests need no espeak-ng.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from mock_interviewer.audio import RATE, AudioChunk, read_audio
from shared_data import JFK as JFK  # re-exported for the audio tests

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures" / "audio"
ROLLBACK = FIXTURES / "espeak_rollback.flac"  # "We rolled back the deploy, and the error..."
POSTMORTEM = FIXTURES / "espeak_postmortem.flac"  # "Then I wrote the postmortem and we..."
BLOCK = RATE * 30 // 1000  # samples in a 30 ms microphone block

Samples = npt.NDArray[np.int16]


@cache
def speech(path: Path) -> Samples:
    """A speech recording as 16 kHz mono samples (read once, then cached read-only)."""
    samples = read_audio(path).samples
    samples.setflags(write=False)
    return samples


def silence(seconds: float) -> Samples:
    """Digital silence."""
    return np.zeros(round(seconds * RATE), np.int16)


def white_noise(seconds: float, rms: float, seed: int = 0) -> Samples:
    """Gaussian white noise at an RMS level in sample units."""
    noise = np.random.default_rng(seed).normal(0.0, rms, round(seconds * RATE))
    return np.clip(noise, -32768, 32767).astype(np.int16)


def hum(seconds: float, peak: float = 4000.0, mains_hz: float = 50.0) -> Samples:
    """Mains buzz (a 50 Hz tone rich in harmonics), as a badly grounded microphone picks it up."""
    t = np.arange(round(seconds * RATE)) / RATE
    wave = sum(np.sin(2 * np.pi * mains_hz * k * t) / k for k in range(1, 21))
    return np.clip(np.asarray(wave) * peak, -32768, 32767).astype(np.int16)


def join(*parts: Samples) -> AudioChunk:
    """Concatenate pieces into one chunk at offset 0."""
    return AudioChunk(np.concatenate(parts).astype(np.int16))


def mix(a: Samples, b: Samples) -> Samples:
    """Sum two signals (b cut or padded to a's length), clipped to int16."""
    b = np.resize(b, len(a)) if len(b) != len(a) else b
    return np.clip(a.astype(np.int32) + b.astype(np.int32), -32768, 32767).astype(np.int16)


def blocks(audio: AudioChunk, size: int = BLOCK) -> list[AudioChunk]:
    """Cut audio into microphone-sized chunks with sample offsets."""
    return [
        AudioChunk(audio.samples[i : i + size], audio.rate, audio.offset + i)
        for i in range(0, len(audio.samples), size)
    ]
