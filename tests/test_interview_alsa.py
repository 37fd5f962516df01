"""The whole `interview` command end to end through PortAudio and the ALSA file-plugin mic.

Piper speaks into the virtual speaker, sounddevice records from the virtual microphone,
webrtcvad ends the answer, faster-whisper transcribes, the rubric scores, the session is saved
and read back. Each run is a subprocess: ALSA reads its configuration once, at start-up.
"""

from __future__ import annotations

import json
import stat
import wave
from pathlib import Path

import numpy as np
import pytest

from alsa import run_cli, virtual_audio_env
from mock_interviewer import tts
from mock_interviewer.audio import RATE
from mock_interviewer.prompts import get_prompt

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audio"


@pytest.fixture(scope="module")
def spoken_interview(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One spoken interview of the demo answer through the virtual microphone and speaker."""
    tmp = tmp_path_factory.mktemp("interview")
    audio = virtual_audio_env(
        tmp, FIXTURES / "demo_answer.flac", pad_silence_s=9.0, append_played=True
    )
    home = tmp / "home"
    done = run_cli(audio.env, home, "interview", "--prompt", "outage", "--json")
    assert done.returncode == 0, done.stderr
    return {
        "result": json.loads(done.stdout),
        "stderr": done.stderr,
        "home": home,
        "audio": audio,
    }


def test_interview_records_transcribes_and_scores(spoken_interview: dict[str, object]) -> None:
    result = spoken_interview["result"]
    assert isinstance(result, dict)
    assert "Recording" in str(spoken_interview["stderr"])
    assert result["prompt"] == "outage"
    assert result["grade"].startswith("A")
    assert set(result["signals"]) == {
        "timeline",
        "separation",
        "principle",
        "systemic",
        "prevention",
        "reflection",
    }
    words = result["transcript"]["words"]
    assert len(words) > 250
    assert all(w["start"] <= w["end"] for w in words)
    assert [w["start"] for w in words] == sorted(w["start"] for w in words)
    # The answer is just under two minutes of speech; the lead silence is not counted.
    assert 100 < result["pacing"]["duration_s"] < 130
    # Every verdict's evidence points at seconds of the recording.
    evidence = result["signals"]["timeline"]["evidence"]
    assert evidence and all("start_s" in e for e in evidence)


def test_prompt_was_spoken_through_the_speaker(spoken_interview: dict[str, object]) -> None:
    audio = spoken_interview["audio"]
    played = np.fromfile(audio.played, dtype="<i2")  # type: ignore[attr-defined]
    # "Tell me about a production outage you handled." takes a couple of seconds at 22 kHz.
    assert len(played) > 22050
    assert np.abs(played.astype(np.int32)).max() > 1000
    voice = tts.Voice()
    asked = sum(c.seconds for c in voice.cached_or_synthesize(get_prompt("outage").question))
    # After the answer, the interviewer says the grade and what would raise it.
    assert len(played) / voice.rate > asked + 1.0


def test_session_saved_private_and_readable(spoken_interview: dict[str, object]) -> None:
    result = spoken_interview["result"]
    home = spoken_interview["home"]
    assert isinstance(result, dict) and isinstance(home, Path)
    session_id = result["session"]
    folder = home / "data" / "sessions" / session_id
    wav_path = folder / "audio.wav"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(wav_path.stat().st_mode) == 0o600
    with wave.open(str(wav_path)) as wav:
        assert wav.getframerate() == RATE
        assert wav.getnframes() / RATE > 110  # lead silence, the answer, the ending silence
    exported = run_cli({}, home, "export", session_id, "--format", "json")
    assert exported.returncode == 0, exported.stderr
    data = json.loads(exported.stdout)
    assert data["scorecard"]["grade"] == result["grade"]
    assert len(data["transcript"]["words"]) == len(result["transcript"]["words"])
