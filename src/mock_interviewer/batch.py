"""Scoring many answers at once: files gathered from paths, scored across processes, summed up.

Worker processes share the rubric's language model (loaded once, before they are forked) and
each loads Whisper once, on its first recording. Each task scores one file; a file that fails
becomes an `Outcome` carrying its one-line error, so the batch goes on. Outcomes come back in
the order the files were given, whatever order the workers finish in, so the same files give
the same output.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mock_interviewer.errors import ExitCode, InputFileError, MockInterviewerError
from mock_interviewer.inputs import AUDIO_SUFFIXES, TEXT_SUFFIXES
from mock_interviewer.scorecard import PITFALLS, SIGNALS

ANSWER_SUFFIXES = AUDIO_SUFFIXES | TEXT_SUFFIXES


@dataclass(frozen=True)
class BatchSettings:
    """What every file in the batch is scored with."""

    prompt_id: str | None = None
    model: str | None = None
    jobs: int = 1


@dataclass(frozen=True)
class Outcome:
    """One file's result: its JSON (`data`) when scored, else the error and its exit code."""

    file: str
    data: dict[str, Any] | None = None
    error: str | None = None
    exit_code: int = int(ExitCode.OK)

    @property
    def ok(self) -> bool:
        """True when the file was scored."""
        return self.data is not None


def gather(paths: Sequence[Path]) -> list[Path]:
    """The answer files named by `paths`: files as given, folders' answer files sorted by name.

    A folder contributes every file (at any depth) whose suffix is a typed answer or a
    recording; other files, and hidden files and folders, are ignored. Nothing found is an
    `InputFileError`.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if _is_answer(p, path)))
        else:
            found.append(path)  # checked when scored: a missing file fails on its own line
    if not found:
        where = (
            f"{paths[0]} is a directory with no answers in it"
            if len(paths) == 1 and paths[0].is_dir()
            else f"no answers found in {', '.join(str(p) for p in paths)}"
        )
        raise InputFileError(
            f"{where}: give .txt/.md answers or recordings "
            f"({', '.join(sorted(s.lstrip('.') for s in AUDIO_SUFFIXES))})"
        )
    return found


def read_list(path: Path) -> list[Path]:
    """The paths listed in a file, one a line; blank lines and `#` comments are skipped."""
    from mock_interviewer.inputs import check_file, decode_text

    check_file(path)
    text = decode_text(path.read_bytes(), str(path))
    lines = (line.strip() for line in text.splitlines())
    return [Path(line) for line in lines if line and not line.startswith("#")]


def _is_answer(path: Path, folder: Path) -> bool:
    """An answer file by its suffix, not hidden and not inside a hidden folder (.git)."""
    hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
    return not hidden and path.suffix.lower() in ANSWER_SUFFIXES and path.is_file()


def score_file(path: Path, settings: BatchSettings) -> Outcome:
    """Score one file (no session is kept); every domain error becomes a failed `Outcome`."""
    from mock_interviewer import pipeline
    from mock_interviewer.inputs import check_file, is_audio_path
    from mock_interviewer.prompts import get_prompt

    try:
        check_file(path)
        prompt = get_prompt(settings.prompt_id) if settings.prompt_id else None
        if is_audio_path(path):
            result = pipeline.score_recording(path, prompt, save=False, model=settings.model)
        else:
            result = pipeline.score_typed(path, prompt, save=False)
    except MockInterviewerError as error:
        message = str(error)
        if str(path) not in message:
            message = f"{path}: {message}"
        return Outcome(str(path), error=message, exit_code=int(error.exit_code))
    data = {"file": str(path), **result.to_dict()}
    return Outcome(str(path), data=data)


def _worker_start(model: str | None, cpu_threads: int) -> None:
    """Each worker: Ctrl-C is the parent's to handle (it stops the batch); Whisper, when it
    loads, takes its share of the cores instead of all of them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from mock_interviewer import pipeline

    pipeline.use_threads(model, cpu_threads)


class Run:
    """A batch under way: with more than one job, worker processes are started at once.

    The workers are forked from this process after it has loaded spaCy (so they share the
    loaded pipeline instead of each loading its own) and before any thread is started here:
    create the `Run` before a progress bar. Whisper, when a recording comes, is loaded in
    each worker, once. With one job the files are scored in this process.
    """

    def __init__(self, files: Sequence[Path], settings: BatchSettings) -> None:
        self.files = list(files)
        self.settings = settings
        self._futures: list[Future[Outcome]] = []
        self._pool: ProcessPoolExecutor | None = None
        if settings.jobs > 1 and len(self.files) > 1:
            import multiprocessing

            from mock_interviewer.rubric import nlp

            nlp.preload()
            workers = min(settings.jobs, len(self.files))
            context = multiprocessing.get_context("fork")
            threads = max(1, (os.cpu_count() or 1) // workers)
            self._pool = ProcessPoolExecutor(
                workers,
                mp_context=context,
                initializer=_worker_start,
                initargs=(settings.model, threads),
            )
            self._futures = [self._pool.submit(score_file, p, settings) for p in self.files]

    def __enter__(self) -> Run:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers; files not started yet are dropped (after a Ctrl-C)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def outcomes(self, on_done: Callable[[], None] | None = None) -> Iterator[Outcome]:
        """Outcomes in the order of the files; `on_done` is called as each file finishes."""
        if self._pool is None:
            for path in self.files:
                outcome = score_file(path, self.settings)
                if on_done is not None:
                    on_done()
                yield outcome
            return
        if on_done is not None:
            for future in self._futures:
                future.add_done_callback(_callback(on_done))
        for path, future in zip(self.files, self._futures, strict=True):
            yield _outcome(path, future)


def run(files: Sequence[Path], settings: BatchSettings) -> Iterator[Outcome]:
    """Every file's outcome, in order (the library's one-call form of `Run`)."""
    with Run(files, settings) as batch:
        yield from batch.outcomes()


def _callback(on_done: Callable[[], None]) -> Callable[[Future[Outcome]], None]:
    return lambda _future: on_done()


def _outcome(path: Path, future: Future[Outcome]) -> Outcome:
    """The worker's outcome; a worker that died (out of memory, a crash) fails only its file."""
    try:
        return future.result()
    except MockInterviewerError as error:
        return Outcome(str(path), error=f"{path}: {error}", exit_code=int(error.exit_code))
    except Exception as error:  # a BrokenProcessPool, or a library raising something odd
        message = f"{path}: could not be scored ({type(error).__name__}: {error})"
        return Outcome(str(path), error=message, exit_code=int(ExitCode.FAILED))


def exit_code(outcomes: Iterable[Outcome]) -> ExitCode:
    """OK when every file was scored; the failures' code when they share one, else FAILED."""
    codes = {o.exit_code for o in outcomes if not o.ok}
    if not codes:
        return ExitCode.OK
    return ExitCode(codes.pop()) if len(codes) == 1 else ExitCode.FAILED


@dataclass
class Summary:
    """Rates across the scored files: each signal met, each pitfall found, the grades."""

    files: int = 0
    scored: int = 0
    signals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SIGNALS, 0))
    pitfalls: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PITFALLS, 0))
    grades: dict[str, int] = field(default_factory=dict)
    words: int = 0

    def add(self, outcome: Outcome) -> None:
        """Count one file's outcome."""
        self.files += 1
        if outcome.data is None:
            return
        self.scored += 1
        data = outcome.data
        for sid, finding in data.get("signals", {}).items():
            if sid in self.signals and finding.get("met"):
                self.signals[sid] += 1
        for pid, finding in data.get("pitfalls", {}).items():
            if pid in self.pitfalls and finding.get("found"):
                self.pitfalls[pid] += 1
        grade = str(data.get("grade"))
        self.grades[grade] = self.grades.get(grade, 0) + 1
        self.words += int(data.get("words") or 0)

    @property
    def failed(self) -> int:
        """Files that could not be scored."""
        return self.files - self.scored

    def rate(self, count: int) -> float:
        """`count` as a share of the scored files."""
        return count / self.scored if self.scored else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON."""
        return {
            "files": self.files,
            "scored": self.scored,
            "failed": self.failed,
            "signals": {k: round(self.rate(v), 3) for k, v in self.signals.items()},
            "pitfalls": {k: round(self.rate(v), 3) for k, v in self.pitfalls.items()},
            "grades": dict(sorted(self.grades.items())),
        }
