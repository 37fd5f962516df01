"""Ctrl-C at many instants of a spoken `interview`: how many runs go wrong, and how.

Each run is `mock-interviewer interview --prompt outage` (the installed command) through the
ALSA file-plugin microphone and speaker (tests/alsa.py) in its own data folder; SIGINT is sent
N seconds after the process starts. A run is right when it exits 130 with no traceback, within
the timeout, and any session it left has a valid WAV. Prints one line per run, the totals, and
how long Python took to reach the entry point (a Ctrl-C before that meets Python's own default).

    .venv/bin/python benchmarks/bench_interrupts.py            # 39 instants, 0.1 s to 2 s
    .venv/bin/python benchmarks/bench_interrupts.py 20 0.1 6   # 20 instants, 0.1 s to 6 s
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import wave
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from alsa import virtual_audio_env  # noqa: E402

ANSWER = ROOT / "fixtures" / "audio" / "demo_answer.flac"
COMMAND = [
    str(Path(sys.executable).with_name("mock-interviewer")),
    "interview",
    "--prompt",
    "outage",
]
HANG_S = 60.0  # a run still alive this long after SIGINT counts as hung


def one_run(tmp: Path, delay: float) -> dict[str, object]:
    """Start an interview, SIGINT it after `delay` seconds; what happened."""
    audio = virtual_audio_env(tmp, ANSWER, pad_silence_s=9.0)
    home = tmp / "home"
    env = {**audio.env, "MOCK_INTERVIEWER_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    process = subprocess.Popen(
        COMMAND,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    hung = False
    try:
        _, err = process.communicate(timeout=HANG_S)
    except subprocess.TimeoutExpired:
        hung = True
        process.kill()
        _, err = process.communicate()
    wavs = sorted(home.glob("data/sessions/*/audio.wav"))
    return {
        "delay": delay,
        "code": process.returncode,
        "hung": hung,
        "traceback": "Traceback" in err,
        "wav_ok": all(_valid_wav(w) for w in wavs),
        "wav_s": sum(_seconds(w) for w in wavs if _valid_wav(w)),
        "last": err.strip().splitlines()[-1] if err.strip() else "",
    }


def takeover_s(tmp: Path) -> float:
    """Seconds from starting `interview` until its entry point has installed its handlers
    (SIGALRM caught, which Python alone does not); before that, Python itself is starting."""
    audio = virtual_audio_env(tmp, ANSWER, pad_silence_s=9.0)
    env = {**audio.env, "MOCK_INTERVIEWER_HOME": str(tmp / "home"), "HF_HUB_OFFLINE": "1"}
    start = time.monotonic()
    process = subprocess.Popen(
        COMMAND,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    bit = 1 << (signal.SIGALRM - 1)
    took = float("nan")
    while process.poll() is None:
        status = Path(f"/proc/{process.pid}/status").read_text()
        caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
        if int(caught.split()[1], 16) & bit:
            took = time.monotonic() - start
            break
        time.sleep(0.001)
    process.kill()
    process.wait()
    return took


def _valid_wav(path: Path) -> bool:
    try:
        with wave.open(str(path)) as wav:
            frames = wav.getnframes()
        return path.stat().st_size == 44 + 2 * frames
    except (OSError, wave.Error, EOFError):
        return False


def _seconds(path: Path) -> float:
    with wave.open(str(path)) as wav:
        return wav.getnframes() / wav.getframerate()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 39
    first = float(sys.argv[2]) if len(sys.argv) > 2 else 0.1
    last = float(sys.argv[3]) if len(sys.argv) > 3 else 2.0
    step = (last - first) / max(count - 1, 1)
    tally: Counter[str] = Counter()
    codes: Counter[int] = Counter()
    for i in range(count):
        delay = round(first + i * step, 3)
        with tempfile.TemporaryDirectory() as folder:
            run = one_run(Path(folder), delay)
        code = int(run["code"])  # type: ignore[call-overload]
        codes[code] += 1
        wrong = []
        if run["hung"]:
            wrong.append("hang")
        if run["traceback"]:
            wrong.append("traceback")
        if code == -signal.SIGABRT:
            wrong.append("abort")
        if not run["wav_ok"]:
            wrong.append("bad wav")
        if code != 130 and not wrong:
            wrong.append("exit code")
        tally.update(wrong)
        tally["wrong"] += bool(wrong)
        print(
            f"{delay:5.2f} s  exit {code:4d}  wav {float(run['wav_s']):5.1f} s  "  # type: ignore[arg-type]
            f"{' '.join(wrong) or 'ok':12s} {run['last']}",
            flush=True,
        )
    print(
        f"{count} runs: {tally['wrong']} wrong; tracebacks {tally['traceback']}, hangs "
        f"{tally['hang']}, aborts {tally['abort']}, bad WAVs {tally['bad wav']}; exit codes "
        + ", ".join(f"{c}: {n}" for c, n in sorted(codes.items()))
    )
    takeovers = []
    for _ in range(5):
        with tempfile.TemporaryDirectory() as folder:
            takeovers.append(takeover_s(Path(folder)))
    print(
        "entry point took over Ctrl-C after "
        + ", ".join(f"{t:.3f}" for t in sorted(takeovers))
        + " s (5 starts; before that Python itself is starting)"
    )
    os._exit(1 if tally["wrong"] else 0)


if __name__ == "__main__":
    main()
