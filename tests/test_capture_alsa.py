"""The real capture path: sounddevice over PortAudio over ALSA, with a file for a microphone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from alsa import no_devices_env, virtual_audio_env
from audio_fixtures import JFK, POSTMORTEM, ROLLBACK, blocks, join, silence, speech
from mock_interviewer.audio import RATE, AudioChunk, read_audio
from mock_interviewer.endpoint import AnswerEnded, Endpointer, EndpointSettings

pytestmark = pytest.mark.slow

_RECORD = """
import json, sys
from pathlib import Path
from mock_interviewer.capture import MicrophoneSource
from mock_interviewer.sound import list_devices
from mock_interviewer.recorder import record_answer

devices = list_devices()
mic = MicrophoneSource()
rec = record_answer(mic, Path(sys.argv[1]))
print(json.dumps({
    "default_input": [d.name for d in devices if d.is_default_input],
    "device": mic.device_info.name,
    "end_reason": rec.end_reason,
    "heard_speech": rec.heard_speech,
    "speech_start_s": rec.speech_start_s,
    "speech_end_s": rec.speech_end_s,
    "samples": len(rec.audio.samples),
    "segments": rec.segments,
    "device_failed": rec.device_failed,
}))
"""


def run_python(script: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run a script in a fresh interpreter, so ALSA reads the config given in `env`."""
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,  # a guard against a hung device, not a timing assertion
    )


def expected_end(mic: np.ndarray) -> AnswerEnded:
    """Where the endpointer ends the answer when the microphone's audio is fed directly."""
    endpointer = Endpointer(EndpointSettings())
    for chunk in blocks(join(mic)):
        for event in endpointer.feed(chunk):
            if isinstance(event, AnswerEnded):
                return event
    raise AssertionError("the fixture never ends the answer: pad it with more silence")


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(JFK, marks=pytest.mark.shared),
        join(speech(ROLLBACK), silence(3.5), speech(POSTMORTEM)),
    ],
    ids=["jfk-flac", "espeak-with-pause"],
)
def test_record_answer_from_the_alsa_file_microphone(
    tmp_path: Path, answer: AudioChunk | Path
) -> None:
    audio = virtual_audio_env(tmp_path, answer, pad_silence_s=10.0, lead_silence_s=1.0)
    wav = tmp_path / "answer.wav"
    result = run_python(_RECORD, audio.env, str(wav))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["default_input"] == ["default"] and out["device"] == "default"

    mic = np.fromfile(audio.mic, "<i2")
    end = expected_end(mic)
    assert out["end_reason"] == "silence" == end.reason
    assert out["heard_speech"] and out["device_failed"] is None
    # Sample-exact: the WAV holds exactly what the microphone delivered, up to the end decision.
    recorded = read_audio(wav).samples
    assert len(recorded) == out["samples"] == end.sample
    assert np.array_equal(recorded, mic[: len(recorded)])
    # The speech is in the recording, and the timings come from sample counts.
    answer_end_s = (audio.lead_samples + audio.answer_samples) / RATE
    assert out["speech_start_s"] == pytest.approx(1.0, abs=0.4)
    assert 1.0 < out["speech_end_s"] <= answer_end_s
    assert len(recorded) / RATE == pytest.approx(out["speech_end_s"] + 6.0, abs=0.1)
    assert out["segments"] and out["segments"][0][0] >= 0.9


_PLAY = """
import numpy as np, sounddevice as sd
tone = (np.sin(np.arange(8000) * 0.1) * 9000).astype(np.int16)
with sd.RawOutputStream(samplerate=16000, channels=1, dtype="int16") as out:
    out.write(tone.tobytes())
"""


def test_the_virtual_speaker_records_what_is_played(tmp_path: Path) -> None:
    audio = virtual_audio_env(tmp_path, join(silence(0.1)))
    result = run_python(_PLAY, audio.env)
    assert result.returncode == 0, result.stderr
    played = np.fromfile(audio.played, "<i2")
    tone = (np.sin(np.arange(8000) * 0.1) * 9000).astype(np.int16)
    assert np.array_equal(played[: len(tone)], tone)


_NO_DEVICE = """
import sys
from pathlib import Path
from mock_interviewer.capture import MicrophoneSource
from mock_interviewer.sound import list_devices
from mock_interviewer.errors import NoInputDevice
from mock_interviewer.recorder import record_answer

print(len(list_devices()))
try:
    record_answer(MicrophoneSource(), Path(sys.argv[1]))
except NoInputDevice as error:
    print(error)
"""


def test_no_devices_at_all_raises_no_input_device(tmp_path: Path) -> None:
    wav = tmp_path / "answer.wav"
    result = run_python(_NO_DEVICE, no_devices_env(), str(wav))
    assert result.returncode == 0, result.stderr
    count, message = result.stdout.strip().splitlines()[-2:]
    assert count == "0"
    assert "No audio input device" in message and "--input" in message
    assert not wav.exists()  # nothing half-made is left behind
