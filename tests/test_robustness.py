"""Odd recordings, interruptions, concurrency and privacy: nothing lost, nothing crashes.

Speech in other languages comes from `fixtures/audio/espeak_german.flac`, made once with
`espeak-ng -v de` (so the tests need no espeak-ng).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from audio_fixtures import FIXTURES, speech
from mock_interviewer.audio import RATE, AudioChunk, read_audio
from mock_interviewer.wav import write_wav

REPO = Path(__file__).resolve().parents[1]
BLAME = FIXTURES / "blame_answer.flac"
DEMO = FIXTURES / "demo_answer.flac"


def cli(home: Path, *args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MOCK_INTERVIEWER_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mock_interviewer", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        stdin=subprocess.DEVNULL,
        **kwargs,  # type: ignore[arg-type]
    )


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    return lines[0]


def wav_samples(path: Path) -> np.ndarray:
    """Samples of a WAV, checking that its header agrees with the bytes on disk."""
    with wave.open(str(path)) as wav:
        frames = wav.getnframes()
        data = wav.readframes(frames)
    assert path.stat().st_size == 44 + frames * 2, "header and data disagree"
    return np.frombuffer(data, dtype="<i2")


# -- odd recordings ---------------------------------------------------------------------------


def test_noise_only_is_no_answer_heard(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    noise = (rng.standard_normal(RATE * 8) * 3000).astype(np.int16)
    path = write_wav(tmp_path / "noise.wav", AudioChunk(noise))
    done = cli(tmp_path / "home", "score", str(path))
    assert done.returncode == 3
    assert "no answer heard" in one_line_error(done)


@pytest.mark.slow
def test_clipped_audio_still_scores(tmp_path: Path) -> None:
    loud = np.clip(speech(BLAME).astype(np.int32) * 12, -32768, 32767).astype(np.int16)
    assert np.mean(np.abs(loud) == 32767) > 0.02  # really clipped
    path = write_wav(tmp_path / "clipped.wav", AudioChunk(loud))
    done = cli(tmp_path / "home", "score", str(path), "--json", "--no-save")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert len(data["transcript"]["words"]) > 60
    assert data["pitfalls"]["blame"]["found"] is True


@pytest.mark.slow
def test_another_language_is_not_graded(tmp_path: Path) -> None:
    done = cli(tmp_path / "home", "score", str(FIXTURES / "espeak_german.flac"), "--json")
    assert "Traceback" not in done.stderr
    assert done.returncode == 3, done.stderr
    assert done.stdout == ""  # no scorecard of invented findings
    line = one_line_error(done)
    assert "no words" in line or "cannot be graded" in line or "too short to grade" in line


def test_random_characters_typed(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz0123456789!?#%&*"))
    words = ["".join(rng.choice(letters, size=rng.integers(2, 9))) for _ in range(200)]
    path = tmp_path / "noise.txt"
    path.write_text(" ".join(words))
    done = cli(tmp_path / "home", "score", str(path), "--json")
    # Not a story: refused in one line with what to do, no scorecard of invented findings.
    assert done.returncode == 3, done.stderr
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert "cannot be graded" in one_line_error(done)


@pytest.mark.slow
def test_thirty_minute_recording_stays_bounded_in_memory(tmp_path: Path) -> None:
    """30 minutes (57 MB of samples) with three answers in it: decoded and scored whole."""
    rng = np.random.default_rng(0)
    total = (rng.standard_normal(30 * 60 * RATE) * 30).astype(np.int16)
    answer = speech(BLAME)
    for minute in (1, 12, 25):
        start = minute * 60 * RATE
        total[start : start + len(answer)] += answer
    path = write_wav(tmp_path / "long.wav", AudioChunk(total))
    del total
    env = {**os.environ, "MOCK_INTERVIEWER_HOME": str(tmp_path / "home"), "HF_HUB_OFFLINE": "1"}
    peak_path = tmp_path / "peak.txt"
    runner = str(REPO / "tests" / "peak_memory.py")
    done = subprocess.run(
        [sys.executable, runner, str(peak_path), "--", "score", str(path), "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["pacing"]["duration_s"] > 24 * 60  # first to last voiced frame
    assert len(data["transcript"]["words"]) > 3 * 100
    peak_mb = int(peak_path.read_text()) / 1024
    # Whole-file buffers took over 700 MB here; the speech model itself takes about 300.
    assert peak_mb < 550, f"peak resident memory {peak_mb:.0f} MB"


# -- interruptions ----------------------------------------------------------------------------


def _start_interview(home: Path, answer: Path) -> tuple[subprocess.Popen[str], float]:
    env = {**os.environ, "MOCK_INTERVIEWER_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mock_interviewer",
            "interview",
            "--prompt",
            "outage",
            "--no-speak",
            "--input",
            str(answer),
            "--realtime",
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None
    for line in child.stderr:
        if "Recording" in line:
            return child, time.monotonic()
    raise AssertionError("the interview never started recording")


def _only_session(home: Path) -> Path:
    folders = list((home / "data" / "sessions").iterdir())
    assert len(folders) == 1
    return folders[0]


@pytest.mark.slow
def test_kill_9_while_recording_keeps_a_playable_wav(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child, _ = _start_interview(home, DEMO)
    time.sleep(3.0)  # let a few seconds of audio arrive at real-time pace
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    recorded = wav_samples(_only_session(home) / "audio.wav")
    assert len(recorded) > RATE // 2
    # What is on disk is exactly the start of the answer, up to the last 30 ms block.
    original = read_audio(DEMO).samples
    assert np.array_equal(recorded, original[: len(recorded)])
    # The next run works, lists the session, and says it was interrupted.
    listed = cli(home, "history", "--json")
    assert listed.returncode == 0, listed.stderr
    folder = _only_session(home)
    assert json.loads((folder / "session.json").read_text())["status"] == "interrupted"


@pytest.mark.slow
def test_ctrl_c_while_recording_keeps_the_audio_and_marks_the_session(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child, _ = _start_interview(home, DEMO)
    time.sleep(3.0)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 130
    assert "Traceback" not in err
    folder = _only_session(home)
    # One line says so, last, and names the session that keeps the audio.
    assert (
        err.rstrip()
        .splitlines()[-1]
        .startswith(f"Stopped. What was recorded is kept in session {folder.name}")
    )
    assert "Interrupted." not in err
    recorded = wav_samples(folder / "audio.wav")
    assert len(recorded) > RATE // 2
    assert np.array_equal(recorded, read_audio(DEMO).samples[: len(recorded)])
    info = json.loads((folder / "session.json").read_text())
    assert info["status"] == "interrupted"
    # The next run works, and sees the interrupted session.
    listed = cli(home, "history", "--json")
    assert listed.returncode == 0, listed.stderr


# -- concurrency and privacy ------------------------------------------------------------------


@pytest.mark.slow
def test_two_interviews_at_once_in_one_data_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "MOCK_INTERVIEWER_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    args = ["interview", "--prompt", "outage", "--no-speak", "--json", "--input"]
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "mock_interviewer", *args, str(answer)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for answer in (BLAME, FIXTURES / "hero_answer.flac")
    ]
    results = []
    for child in children:
        out, err = child.communicate(timeout=900)
        assert child.returncode == 0, err
        results.append(json.loads(out))
    ids = {r["session"] for r in results}
    assert len(ids) == 2
    for result in results:
        exported = cli(home, "export", result["session"], "--format", "json")
        assert exported.returncode == 0, exported.stderr
        assert json.loads(exported.stdout)["transcript"]["text"] == result["transcript"]["text"]


@pytest.mark.slow
def test_nothing_opens_a_network_connection(tmp_path: Path) -> None:
    """Score a recording and run a spoken interview with every connection refused."""
    home = tmp_path / "home"
    log = tmp_path / "network.log"
    env = {**os.environ, "MOCK_INTERVIEWER_HOME": str(home)}
    env.pop("HF_HUB_OFFLINE", None)  # the tool must set it itself
    runner = str(REPO / "tests" / "no_network.py")
    for args in (
        ["score", str(BLAME), "--json"],
        ["interview", "--prompt", "critical_bug", "--input", str(BLAME), "--json"],
    ):
        done = subprocess.run(
            [sys.executable, runner, str(log), "--", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            stdin=subprocess.DEVNULL,
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["transcript"]["words"]
    attempts = log.read_text() if log.exists() else ""
    assert attempts == "", f"network attempts: {attempts}"
