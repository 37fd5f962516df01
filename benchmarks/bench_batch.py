"""Time `score DIR --jobs N --jsonl OUT` over 20 answers (one broken) for N = 1 and N = 2, and
over a few recordings; prints wall seconds per run and the speed-up of --jobs 2.

Each run is the real command in a fresh process (models load as a user would see them), in a
private data folder. The bar: --jobs 2 faster than --jobs 1 on the same files, 19 lines out.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "audio"
HOLDOUT = ROOT / "tests" / "data" / "holdout5.jsonl"
FILES = 20
TYPED_RUNS = int(os.environ.get("BENCH_TYPED_RUNS", "3"))
RECORDING_RUNS = int(os.environ.get("BENCH_RECORDING_RUNS", "2"))
RECORDINGS = ("blame_answer.flac", "demo_answer.flac", "hero_answer.flac", "fillers_answer.flac")


def typed_folder(root: Path) -> Path:
    """19 different typed answers (the held-out set's first ones) and one broken recording.

    Different texts, because a process parses a text it has seen before from its cache."""
    folder = root / "typed"
    folder.mkdir()
    lines = HOLDOUT.read_text(encoding="utf-8").splitlines()[: FILES - 1]
    for n, line in enumerate(lines):
        (folder / f"{n:02d}.txt").write_text(json.loads(line)["text"], encoding="utf-8")
    (folder / "99-broken.wav").write_bytes(b"\x00\x01 not audio")
    return folder


def recording_folder(root: Path) -> Path:
    """A few of the spoken fixtures."""
    folder = root / "spoken"
    folder.mkdir()
    for name in RECORDINGS:
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def timed_run(folder: Path, jobs: int, home: Path) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds (all processes), exit code and JSON lines of one run."""
    out = home / f"out-{folder.name}-{jobs}.jsonl"
    env = {**os.environ, "MOCK_INTERVIEWER_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    args = [sys.executable, "-m", "mock_interviewer", "score", str(folder)]
    args += ["--jobs", str(jobs), "--jsonl", str(out)]
    cpu_before = _children_cpu()
    began = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - began
    lines = len(out.read_text().splitlines()) if out.exists() else 0
    expected = 4 if "broken" in " ".join(p.name for p in folder.iterdir()) else 0
    if done.returncode != expected:
        print(f"  unexpected exit {done.returncode}; stderr:\n{done.stderr}")
    return seconds, _children_cpu() - cpu_before, done.returncode, lines


def _children_cpu() -> float:
    """User and system CPU seconds of every finished child process (workers included)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(name: str, folder: Path, home: Path, runs: int) -> None:
    """Best of `runs` for --jobs 1 and --jobs 2, alternated so load affects both alike."""
    if runs < 1:
        return
    best: dict[int, float] = {1: float("inf"), 2: float("inf")}
    for _ in range(runs):
        for jobs in (1, 2):
            seconds, cpu, code, lines = timed_run(folder, jobs, home)
            best[jobs] = min(best[jobs], seconds)
            print(
                f"  {name} --jobs {jobs}: {seconds:6.2f} s wall, {cpu:6.2f} s CPU, "
                f"exit {code}, {lines} lines"
            )
    print(
        f"{name}: --jobs 1 best {best[1]:.2f} s, --jobs 2 best {best[2]:.2f} s, "
        f"speed-up {best[1] / best[2]:.2f}x"
    )


def scoring_only(folder: Path, home: Path, runs: int) -> None:
    """The parallel part alone: the files scored after the language model is loaded, in this
    process (--jobs 1) or in two workers forked from it (--jobs 2); best of `runs`."""
    os.environ["MOCK_INTERVIEWER_HOME"] = str(home)
    from mock_interviewer import batch
    from mock_interviewer.rubric import nlp

    nlp.preload()
    files = batch.gather([folder])
    best: dict[int, float] = {1: float("inf"), 2: float("inf")}
    for _ in range(runs):
        for jobs in (1, 2):
            began = time.perf_counter()
            with batch.Run(files, batch.BatchSettings(jobs=jobs)) as work:
                done = sum(o.ok for o in work.outcomes())
            best[jobs] = min(best[jobs], time.perf_counter() - began)
            assert done == len(files) - 1, done
    print(
        f"scoring only, models loaded: --jobs 1 best {best[1]:.2f} s, --jobs 2 best "
        f"{best[2]:.2f} s, speed-up {best[1] / best[2]:.2f}x"
    )


def main() -> int:
    """Print the figures; exit 0."""
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        home = root / "home"
        home.mkdir()
        typed = typed_folder(root)
        measure(f"{FILES} files (19 typed, 1 broken)", typed, home, runs=TYPED_RUNS)
        scoring_only(typed, home, runs=TYPED_RUNS)
        measure(f"{len(RECORDINGS)} recordings", recording_folder(root), home, runs=RECORDING_RUNS)
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
