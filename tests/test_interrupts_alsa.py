"""A real SIGINT at 22 instants of a spoken `interview`, through PortAudio and the ALSA mic.

Each run is its own process reading the virtual microphone (tests/alsa.py). Two kinds of
instant: wall-clock delays after the entry point takes over Ctrl-C, its first statement (then
come the imports, the question, the model loading in its thread), and a delay after the
interview enters a stage (speaking, recording, transcribing, scoring, the follow-up, saving) or
after the model starts loading. For the second kind a small driver wraps the real entry point:
it only watches the stages and sends the signal to its own process with `os.kill` from a timer
thread, as a terminal would.

Every run must exit 130 with one line saying so, print no traceback, end well within the
timeout, and leave every session it began marked (never "recording") with a valid WAV holding
what was recorded.
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

import pytest

from alsa import virtual_audio_env

pytestmark = pytest.mark.slow

ANSWER = Path(__file__).resolve().parents[1] / "fixtures" / "audio" / "espeak_rollback.flac"
HANG_S = 120.0  # far beyond any orderly stop: a run still alive then has hung
ARGS = ("interview", "--prompt", "outage", "--end-silence", "1")

# Started by the test with MOCK_TEST_STAGE (a state name, or "load" / "finish") and
# MOCK_TEST_DELAY; writes the stage it signalled in to MOCK_TEST_MARK.
DRIVER = """
import os, runpy, signal, sys, threading
from mock_interviewer import interview, sessions, stt

stage, delay = os.environ["MOCK_TEST_STAGE"], float(os.environ["MOCK_TEST_DELAY"])
fired = threading.Event()

def fire():
    if fired.is_set():
        return
    fired.set()
    with open(os.environ["MOCK_TEST_MARK"], "w") as mark:
        mark.write(stage)
    timer = threading.Timer(delay, os.kill, (os.getpid(), signal.SIGINT))
    timer.daemon = True
    timer.start()

enter = interview.Interview._enter
def _enter(self, state):
    enter(self, state)
    if state.value == stage:
        fire()
interview.Interview._enter = _enter

load = stt.Transcriber.load
def _load(self):
    if stage == "load":
        fire()
    load(self)
stt.Transcriber.load = _load

finish = sessions.SessionStore.finish
def _finish(self, *args, **kwargs):
    if stage == "finish":
        fire()
    return finish(self, *args, **kwargs)
sessions.SessionStore.finish = _finish

sys.argv = ["mock-interviewer", *sys.argv[1:]]
runpy.run_module("mock_interviewer", run_name="__main__")
"""

# (stage, seconds): stage None is seconds after the process starts.
INSTANTS = [
    *((None, s) for s in (0.0, 0.01, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9, 1.2)),
    ("load", 0.0),
    ("load", 0.2),
    ("load", 0.5),
    ("speaking", 0.0),
    ("speaking", 0.05),
    ("recording", 0.0),
    # The file microphone runs faster than real time: a recording now ends (and the whole
    # interview with it) within about 3 s of starting, so its instants sit inside that.
    ("recording", 0.75),
    ("recording", 1.5),
    ("transcribing", 0.0),
    ("transcribing", 0.3),
    ("scoring", 0.0),
    ("scoring", 0.05),
    ("finish", 0.0),
    ("follow_up", 0.0),
]
RECORDED = {"recording", "transcribing", "scoring", "finish", "follow_up"}  # a WAV exists


def _wav_seconds(path: Path) -> float:
    """Seconds of audio, after checking the header covers exactly the bytes on disk."""
    with wave.open(str(path)) as wav:
        frames, rate = wav.getnframes(), wav.getframerate()
    assert path.stat().st_size == 44 + 2 * frames, f"{path}: header and data disagree"
    return frames / rate


def _wait_for_entry_point(pid: int, limit_s: float = 60.0) -> None:
    """Until the entry point has installed its handlers (SIGALRM caught: Python alone does not).

    Before that the interpreter itself is starting, which no project code can reach; how long
    it takes depends on the machine's load (about 0.05 s idle, over 0.1 s on 2 busy cores).
    """
    bit = 1 << (signal.SIGALRM - 1)
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        status = Path(f"/proc/{pid}/status").read_text()
        caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
        if int(caught.split()[1], 16) & bit:
            return
        time.sleep(0.002)
    pytest.fail("the entry point never installed its signal handlers")


def _run(
    tmp: Path, stage: str | None, delay: float
) -> tuple[subprocess.CompletedProcess[str], Path]:
    audio = virtual_audio_env(tmp, ANSWER, pad_silence_s=4.0)
    home = tmp / "home"
    mark = tmp / "mark"
    env = {**audio.env, "MOCK_INTERVIEWER_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    if stage is None:
        command = [sys.executable, "-m", "mock_interviewer", *ARGS]
    else:
        env.update(MOCK_TEST_STAGE=stage, MOCK_TEST_DELAY=str(delay), MOCK_TEST_MARK=str(mark))
        command = [sys.executable, "-c", DRIVER, *ARGS]
    if stage != "follow_up":
        command.append("--no-follow-up")
    process = subprocess.Popen(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if stage is None:
        _wait_for_entry_point(process.pid)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
    try:
        out, err = process.communicate(timeout=HANG_S)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        pytest.fail(f"hung after SIGINT ({stage or 'start'} + {delay} s):\n{err}")
    if stage is not None:
        reached = mark.read_text() if mark.exists() else None
        assert reached == stage, f"the run never reached {stage}:\n{err}"
    done = subprocess.CompletedProcess(command, process.returncode, out, err)
    return done, home


@pytest.mark.parametrize(
    ("stage", "delay"), INSTANTS, ids=[f"{s or 'start'}+{d}" for s, d in INSTANTS]
)
def test_sigint_exits_130_with_one_line_and_keeps_the_audio(
    tmp_path: Path, stage: str | None, delay: float
) -> None:
    done, home = _run(tmp_path, stage, delay)
    err = done.stderr
    assert done.returncode == 130, err
    assert "Traceback" not in err and "Error" not in err, err
    said = [
        line for line in err.splitlines() if line == "Interrupted." or line.startswith("Stopped.")
    ]
    assert len(said) == 1 and err.rstrip().endswith(said[0]), err
    sessions = home / "data" / "sessions"
    folders = sorted(p for p in sessions.iterdir() if p.is_dir()) if sessions.exists() else []
    for folder in folders:
        meta = json.loads((folder / "session.json").read_text())
        assert meta["status"] in ("interrupted", "complete"), meta
        wav = folder / "audio.wav"
        if wav.exists():
            assert os.stat(wav).st_mode & 0o777 == 0o600
            _wav_seconds(wav)
    if stage in RECORDED:
        (folder,) = folders
        status = json.loads((folder / "session.json").read_text())["status"]
        # A signal that lands once the session is saved complete (scoring can end within
        # the delay) is a plain stop; a session cut short must say what it kept.
        assert said[0].startswith("Stopped.") or status == "complete", (status, err)
        wav = folder / "audio.wav"
        if stage == "recording":  # at +0 the microphone may not be open yet: no WAV is right
            seconds = _wav_seconds(wav) if delay or wav.exists() else 0.0
            assert seconds >= min(delay, 1.0) * 0.5  # what the microphone gave so far
        else:
            # The whole answer: lead silence, the words, and the silence that ended it.
            assert _wav_seconds(wav) > 5.0
