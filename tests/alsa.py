"""A virtual microphone and speaker for tests: ALSA's `file` plugin behind PortAudio.

Capture reads raw PCM from a file ("the user's answer"); playback writes raw PCM to another
("what the speaker played"). ALSA reads its configuration when PortAudio first initialises,
so pass `env` to a *subprocess* that imports sounddevice; the test process stays untouched.

    audio = virtual_audio_env(tmp_path, JFK, pad_silence_s=10)
    subprocess.run([sys.executable, "-c", script], env=audio.env, check=True)
    played = np.fromfile(audio.played, "<i2")  # at the rate the output stream was opened with

Two quirks to design around: the null device behind the plugin runs faster than real time
(so only sample counts are meaningful), and once the microphone file is exhausted capture
returns stale buffer contents rather than silence, hence `pad_silence_s`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mock_interviewer.audio import RATE, AudioChunk, read_audio, resample

SYSTEM_ALSA_CONF = Path("/usr/share/alsa/alsa.conf")

_CONF = """\
pcm.!default {{ type asym; playback.pcm "spk"; capture.pcm "mic" }}
pcm.mic {{ type file; slave.pcm "silent"; file "/dev/null"; infile "{mic}"; format "raw" }}
pcm.spk {{ type file; slave.pcm "silent"; file "{speaker}"; format "raw" }}
pcm.silent {{ type null }}
"""


@dataclass(frozen=True)
class VirtualAudio:
    """What `virtual_audio_env` set up."""

    env: dict[str, str]  # os.environ plus ALSA_CONFIG_PATH: give it to the subprocess
    conf: Path  # the asound conf written
    mic: Path  # raw 16-bit little-endian mono PCM at RATE the microphone "hears"
    played: Path  # raw PCM the speaker wrote (created empty)
    lead_samples: int  # silence before the answer starts in `mic`
    answer_samples: int  # length of the answer itself
    pad_samples: int  # trailing silence after the answer


def virtual_audio_env(
    tmp_path: Path,
    answer: AudioChunk | Path,
    pad_silence_s: float = 10.0,
    lead_silence_s: float = 0.5,
    append_played: bool = False,
) -> VirtualAudio:
    """Write a microphone file (silence, the answer, trailing silence) and an ALSA conf for it.

    Pad with more trailing silence than the endpointer's end silence (6 s by default): past
    the end of the file the microphone repeats stale audio instead of going quiet.
    """
    chunk = read_audio(answer) if isinstance(answer, Path) else resample(answer, RATE)
    lead = np.zeros(round(lead_silence_s * RATE), np.int16)
    pad = np.zeros(round(pad_silence_s * RATE), np.int16)
    folder = tmp_path / "virtual-audio"
    folder.mkdir(parents=True, exist_ok=True)
    mic, played, conf = folder / "mic.raw", folder / "played.raw", folder / "asound.conf"
    np.concatenate([lead, chunk.samples, pad]).astype("<i2").tofile(mic)
    played.write_bytes(b"")
    # The file plugin truncates its file each time a playback stream opens, so `played` holds
    # the last stream only; with `append_played` every stream is appended (through a pipe).
    speaker = f"|cat >> {_quoted(played)}" if append_played else _quoted(played)
    conf.write_text(_CONF.format(mic=_quoted(mic), speaker=speaker))
    env = dict(os.environ)
    env["ALSA_CONFIG_PATH"] = f"{SYSTEM_ALSA_CONF}:{conf}"
    return VirtualAudio(env, conf, mic, played, len(lead), len(chunk.samples), len(pad))


def run_cli(
    env: dict[str, str], home: Path, *args: str, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """`mock-interviewer ARGS` in a subprocess with `env` (e.g. a virtual audio env) and its
    own data folder; no standard input, so Enter is never pressed."""
    env = {**env, "MOCK_INTERVIEWER_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mock_interviewer", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def no_devices_env() -> dict[str, str]:
    """An environment where ALSA defines no PCM of ours: on a machine without a sound card
    (CI, containers) PortAudio then sees no devices at all."""
    env = dict(os.environ)
    env["ALSA_CONFIG_PATH"] = str(SYSTEM_ALSA_CONF)
    return env


def _quoted(path: Path) -> str:
    text = str(path)
    if '"' in text or "\\" in text:
        raise ValueError(f"ALSA config cannot quote this path: {text}")
    return text
