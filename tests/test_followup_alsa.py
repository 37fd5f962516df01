"""The follow-up loop end to end through PortAudio, Piper and faster-whisper (ALSA file plugin).

What was found about the virtual microphone: the stream is closed between the answer and the
follow-up (so a real microphone does not record the spoken question), and ALSA's file plugin
reopens its infile *from the beginning* when the capture device is opened again
(`test_reopened_microphone_restarts_its_file` pins this down). One microphone file cannot feed
two different answers in turn, so:

- the loop itself (weak answer, spoken follow-up question, follow-up answer, whole story
  re-scored) runs with two `--input` files, while Piper speaks both questions into the virtual
  speaker;
- the microphone path of the loop (the stream closed, the question spoken, the stream
  reopened and a second answer recorded and appended) runs with one mic file, which the
  second recording hears again from its start.
"""

from __future__ import annotations

import json
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from alsa import run_cli, virtual_audio_env
from mock_interviewer.audio import RATE, AudioChunk

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audio"
BLAME = FIXTURES / "blame_answer.flac"
FOLLOW = FIXTURES / "followup_prevention.flac"
VOICE_RATE = 22050  # hertz: the bundled Piper voice writes to the speaker at this rate

_REOPEN = """
from mock_interviewer.capture import MicrophoneSource
for _ in range(2):
    with MicrophoneSource() as source:
        chunk = next(iter(source))
        print(chunk.samples[:4].tolist())
"""


def wav_seconds(path: Path) -> float:
    with wave.open(str(path)) as wav:
        return wav.getnframes() / wav.getframerate()


def test_reopened_microphone_restarts_its_file(tmp_path: Path) -> None:
    ramp = AudioChunk((np.arange(RATE) % 3000 + 1).astype(np.int16), RATE, 0)
    audio = virtual_audio_env(tmp_path, ramp, pad_silence_s=0.0, lead_silence_s=0.0)
    done = subprocess.run(
        [sys.executable, "-c", _REOPEN], env=audio.env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.split("\n")[:2]
    assert first == second == "[1, 2, 3, 4]"


@pytest.fixture(scope="module")
def loop(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The blaming answer, the follow-up question spoken, then the follow-up answer."""
    tmp = tmp_path_factory.mktemp("followup")
    audio = virtual_audio_env(
        tmp, FOLLOW, pad_silence_s=1.0, append_played=True
    )  # the mic is not used here
    home = tmp / "home"
    done = run_cli(
        audio.env, home, "interview", "--prompt", "outage", "--input", str(BLAME),
        "--input", str(FOLLOW), "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return {"result": json.loads(done.stdout), "stderr": done.stderr, "home": home, "audio": audio}


def test_follow_up_earns_what_the_first_answer_missed(loop: dict[str, object]) -> None:
    result = loop["result"]
    assert isinstance(result, dict)
    follow = result["follow_up"]
    assert follow["answered"] is True
    assert follow["question"] in str(loop["stderr"])
    assert {"prevention", "reflection"} & set(follow["signals_gained"])
    assert result["signals"]["prevention"]["met"] or result["signals"]["reflection"]["met"]
    assert follow["whole_story_grade"] == result["grade"] != follow["first_answer_grade"]


def test_story_is_one_recording_with_offset_evidence(loop: dict[str, object]) -> None:
    result, home = loop["result"], loop["home"]
    assert isinstance(result, dict) and isinstance(home, Path)
    first, second = result["parts"]
    assert second["start_s"] == first["end_s"] == pytest.approx(53.84, abs=0.05)
    assert second["end_s"] == pytest.approx(53.84 + 31.56, abs=0.1)
    folder = home / "data" / "sessions" / result["session"]
    assert wav_seconds(folder / "audio.wav") == pytest.approx(second["end_s"], abs=0.01)
    assert not (folder / "followup.wav").exists()
    words = result["transcript"]["words"]
    later = [w for w in words if w["start"] >= second["start_s"]]
    assert len(later) > 50 and [w["start"] for w in words] == sorted(w["start"] for w in words)
    evidence = [
        e
        for key in ("prevention", "reflection")
        for e in result["signals"][key]["evidence"]
        if result["signals"][key]["met"]
    ]
    assert evidence and all(e["start_s"] >= second["start_s"] for e in evidence)
    # Length and pace are the first answer's: the two-minute target applies to it.
    assert result["pacing"]["duration_s"] < first["end_s"]


def test_both_questions_were_spoken(loop: dict[str, object]) -> None:
    from mock_interviewer import tts
    from mock_interviewer.prompts import get_prompt

    audio, result = loop["audio"], loop["result"]
    assert isinstance(result, dict)
    played = np.fromfile(audio.played, dtype="<i2")  # type: ignore[attr-defined]
    voice = tts.Voice()
    said = [get_prompt("outage").question, result["follow_up"]["question"]]
    asked = sum(c.seconds for text in said for c in voice.cached_or_synthesize(text))
    # Every stream is appended: the question, the follow-up question, then the spoken feedback.
    assert len(played) / VOICE_RATE > asked + 1.0
    assert np.abs(played.astype(np.int32)).max() > 1000


def test_microphone_is_reopened_for_the_follow_up(tmp_path: Path) -> None:
    audio = virtual_audio_env(tmp_path, FOLLOW, pad_silence_s=9.0)
    home = tmp_path / "home"
    done = run_cli(audio.env, home, "interview", "--prompt", "outage", "--no-speak", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert done.stderr.count("Recording… answer now") == 2
    first, second = result["parts"]
    # The file plugin starts its file again: the second recording holds the same answer.
    assert first["end_s"] == pytest.approx(second["end_s"] - second["start_s"], abs=0.1)
    words = result["transcript"]["words"]
    before = [w for w in words if w["start"] < second["start_s"]]
    after = [w for w in words if w["start"] >= second["start_s"]]
    assert len(before) > 60 and abs(len(after) - len(before)) <= 8
    folder = home / "data" / "sessions" / result["session"]
    assert wav_seconds(folder / "audio.wav") == pytest.approx(second["end_s"], abs=0.01)
