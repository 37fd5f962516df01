"""Drills through the real audio path: PortAudio over ALSA's file plugin as microphone and speaker.

Answers of controlled length are cut from the recorded demo answer at its pauses; targets are
short (20 s) so the tests stay fast. The cue tones are found in what the speaker played by
their energy at 660 Hz, and must sit at the sample the drill placed them: the first voiced
sample (worked out here by an endpointer fed the microphone file) plus the cue's offset.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from alsa import VirtualAudio, no_devices_env, virtual_audio_env
from audio_fixtures import FIXTURES, blocks, join, speech
from mock_interviewer.audio import RATE, read_audio
from mock_interviewer.cli import main
from mock_interviewer.endpoint import Endpointer, SpeechStarted, speech_segments
from mock_interviewer.sessions import SessionStore

pytestmark = pytest.mark.slow

DEMO = FIXTURES / "demo_answer.flac"
# Cut points inside the demo answer's pauses (seconds): after "...the on-call engineer."
# (speech to 14.0 s), "...pricing service went out." (22.0 s), "...the cheapest reversible
# action we had." (30.9 s) and "...delay a small feature" (41.1 s).
EARLY_END, ON_TIME_END, LATE_END, MITIGATION_END = 14.3, 22.3, 31.0, 41.3
TONE_SAMPLES = RATE // 4  # the cue tone lasts 250 ms
WITHIN = RATE * 5 // 1000  # a tone must sit within 5 ms of its sample


def demo(start_s: float, end_s: float) -> np.ndarray:
    """A piece of the demo answer."""
    return speech(DEMO)[round(start_s * RATE) : round(end_s * RATE)]


def run_drill(audio: VirtualAudio, *args: str) -> dict[str, Any]:
    """`mock-interviewer drill` in a fresh interpreter that sees the virtual devices."""
    result = subprocess.run(
        [sys.executable, "-m", "mock_interviewer", "drill", "--no-speak", "--json", *args],
        env=audio.env,
        capture_output=True,
        text=True,
        timeout=300,  # a guard against a hung device, not a timing assertion
    )
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def speech_start(audio: VirtualAudio) -> int:
    """The first voiced sample of the microphone file, as the live endpointer decides it."""
    endpointer = Endpointer()
    mic = np.fromfile(audio.mic, "<i2")
    for chunk in blocks(join(mic)):
        for event in endpointer.feed(chunk):
            if isinstance(event, SpeechStarted):
                return event.sample
    raise AssertionError("no speech in the microphone file")


def tone_onsets(played: np.ndarray, freq_hz: float = 660.0) -> list[int]:
    """Where 250 ms bursts at `freq_hz` start: peaks of a sliding single-bin DFT."""
    x = played.astype(np.float64)
    basis = np.exp(-2j * np.pi * freq_hz * np.arange(len(x)) / RATE)
    sums = np.concatenate([[0], np.cumsum(x * basis)])
    energy = np.abs(sums[TONE_SAMPLES:] - sums[:-TONE_SAMPLES])
    if not len(energy) or energy.max() < 1e5:
        return []
    above = np.flatnonzero(energy > 0.5 * energy.max())
    groups = np.split(above, np.flatnonzero(np.diff(above) > 1) + 1)
    return [int(g[np.argmax(energy[g])]) for g in groups]


def recorded(data: dict[str, Any]) -> np.ndarray:
    """The WAV the drill kept for its (last) round."""
    session = SessionStore().load(data["session"])
    assert session.audio_path is not None
    return read_audio(session.audio_path).samples


def check_tones(audio: VirtualAudio, data: dict[str, Any], sounded: list[str]) -> np.ndarray:
    """The cues are placed from the first voiced sample, and the named ones sound right there."""
    start = speech_start(audio)
    target = data["target_s"]
    early = target * 0.75  # every target here is under a minute
    expected = {"early": start + round(early * RATE), "target": start + round(target * RATE)}
    assert {c["cue"]: c["sample"] for c in data["cues"]} == expected
    assert data["tones_played"] is True
    played = np.fromfile(audio.played, "<i2")
    onsets = tone_onsets(played)
    assert len(onsets) == len(sounded), onsets
    for onset, name in zip(onsets, sounded, strict=True):
        assert abs(onset - expected[name]) <= WITHIN, (name, onset, expected[name])
    assert not played[:start].any()  # nothing sounds before the answer starts
    # Lockstep: the speaker got one block per microphone block the recorder consumed.
    kept = recorded(data)
    assert 0 <= len(played) - len(kept) < RATE * 30 // 1000
    return played


def measured(data: dict[str, Any]) -> float:
    """Speech in the kept recording, first to last voiced frame (what the drill reports)."""
    segments = speech_segments(read_audio(SessionStore().load(data["session"]).audio_path or ""))
    return segments[-1][1] - segments[0][0]


@pytest.mark.parametrize(
    ("end_s", "verdict", "sounded"),
    [(EARLY_END, "undershoot", ["early"]), (LATE_END, "overshoot", ["early", "target"])],
    ids=["early", "late"],
)
def test_full_answer_drill(tmp_path: Path, end_s: float, verdict: str, sounded: list[str]) -> None:
    audio = virtual_audio_env(tmp_path, join(demo(0, end_s)), pad_silence_s=8.0)
    data = run_drill(audio, "--target", "0:20", "--prompt", "outage")
    assert data["mode"] == "full" and data["verdict"] == verdict and data["landed"] is False
    assert data["end_reason"] == "silence"
    assert data["duration_s"] == pytest.approx(measured(data), abs=0.01)
    assert data["delta_s"] == pytest.approx(data["duration_s"] - 20.0, abs=0.01)
    assert data["words"] > 20 and 120 < data["wpm"] < 220
    assert np.array_equal(recorded(data), np.fromfile(audio.mic, "<i2")[: len(recorded(data))])
    # An early answer ends (6 s of silence) before the target tone would have sounded.
    check_tones(audio, data, sounded)
    parts = data["parts"]
    assert parts["set-up"] > 3.0 and parts["detection to mitigation"] > 5.0
    assert sum(parts.values()) == pytest.approx(data["duration_s"], abs=0.05)


def test_rounds_on_time_then_history(tmp_path: Path) -> None:
    # The microphone reopens each round and hears the same answer again.
    audio = virtual_audio_env(tmp_path, join(demo(0, ON_TIME_END)), pad_silence_s=8.0)
    data = run_drill(audio, "--target", "0:20", "--rounds", "2")
    rounds = data["rounds"]
    assert [r["verdict"] for r in rounds] == ["landed", "landed"]
    assert rounds[0]["duration_s"] == rounds[1]["duration_s"] == data["duration_s"]
    assert abs(data["delta_s"]) <= 10 / 3
    assert data["streak"] == 2 and data["best_streak"] == 2
    check_tones(audio, data, ["early", "target"])  # the last round's speaker output

    history = CliRunner().invoke(main, ["history", "--drills", "--json"])
    assert history.exit_code == 0, history.output
    drills = json.loads(history.output)
    assert [d["id"] for d in drills["drills"]] == [rounds[1]["session"], rounds[0]["session"]]
    assert all(d["landed"] and d["mode"] == "full" for d in drills["drills"])
    assert drills["summary"]["streak"] == 2 and drills["summary"]["landed_rate"] == 1.0


def test_section_drill_on_the_mitigation(tmp_path: Path) -> None:
    audio = virtual_audio_env(tmp_path, join(demo(ON_TIME_END, MITIGATION_END)), pad_silence_s=8.0)
    data = run_drill(audio, "--section", "mitigation", "--seconds", "20")
    assert data["mode"] == "section" and data["section"] == "mitigation"
    assert data["met"] is True, data["reason"]
    labels = {e["label"] for e in data["evidence"]}
    assert labels == {"mitigation", "principle"}
    assert data["verdict"] == "landed" and data["duration_s"] == pytest.approx(measured(data))
    check_tones(audio, data, ["early", "target"])


def test_word_budget_drill_says_time(tmp_path: Path) -> None:
    audio = virtual_audio_env(tmp_path, join(demo(0, ON_TIME_END)), pad_silence_s=8.0)
    data = run_drill(audio, "--words", "30-45", "--say-time")
    assert data["mode"] == "words" and data["budget"] == [30, 45]
    assert data["target_s"] == pytest.approx(15.0)  # 37.5 words at 150 words per minute
    assert data["words"] > 45 and data["words_delta"] == data["words"] - 45
    assert data["in_budget"] is False and data["landed"] is False
    played = check_tones(audio, data, ["early", "target"])
    # "Time" is spoken just after the target tone.
    target = next(c["sample"] for c in data["cues"] if c["cue"] == "target")
    after = played[target + TONE_SAMPLES : target + TONE_SAMPLES + RATE].astype(np.float64)
    assert np.sqrt(np.mean(after**2)) > 300


def test_no_microphone_is_one_clear_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mock_interviewer", "drill", "--no-speak", "--target", "0:20"],
        env=no_devices_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 5  # ExitCode.NO_DEVICE
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "No audio input device" in lines[0] and "--input" in lines[0]
    assert "Traceback" not in result.stderr
