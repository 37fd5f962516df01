"""`score` over several files or a folder: progress, JSON lines, failures, the summary table."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from mock_interviewer.errors import UsageError

if TYPE_CHECKING:
    from rich.table import Table

    from mock_interviewer.batch import BatchSettings, Summary


def run_batch(paths: tuple[Path, ...], settings: BatchSettings, jsonl: str | None) -> None:
    """Score every answer under `paths`; exit non-zero when any file failed."""
    from rich.console import Console

    from mock_interviewer import batch

    files = batch.gather(list(paths))
    if jsonl is not None and jsonl != "-":
        _check_output(Path(jsonl))
    to_stdout = jsonl == "-"
    console = Console(stderr=to_stdout)
    summary = batch.Summary()
    outcomes = []
    with batch.Run(files, settings) as work, _lines(jsonl) as out, _bar(len(files)) as bar:
        advance, say = bar
        for outcome in work.outcomes(on_done=advance):
            outcomes.append(outcome)
            summary.add(outcome)
            if outcome.data is None:
                say(f"Error: {outcome.error}")
                continue
            if out is not None:
                out.write(json.dumps(outcome.data, ensure_ascii=False) + "\n")
                out.flush()  # a Ctrl-C keeps every line already written
    if jsonl is None:
        console.print(_files_table(outcomes))
    console.print(summary_table(summary))
    if jsonl is not None and jsonl != "-":
        console.print(f"Wrote {summary.scored} JSON lines to {jsonl}")
    code = batch.exit_code(outcomes)
    if code:
        sys.exit(int(code))


def check_options(story: str | None, explain: bool) -> None:
    """Options that only make sense for one answer are refused for a batch (which never
    keeps sessions, so --no-save changes nothing)."""
    for name, given in (("--story", story is not None), ("--explain", explain)):
        if given:
            raise UsageError(f"{name} applies to one answer; score that file alone, or drop {name}")


@contextlib.contextmanager
def _lines(jsonl: str | None) -> Iterator[IO[str] | None]:
    if jsonl is None:
        yield None
    elif jsonl == "-":
        yield sys.stdout
    else:
        with open(jsonl, "w", encoding="utf-8") as handle:
            yield handle


@contextlib.contextmanager
def _bar(total: int) -> Iterator[tuple[Callable[[], None], Callable[[str], None]]]:
    """A progress bar on stderr when it is a terminal, and a way to print failures beside it."""
    if not sys.stderr.isatty():
        yield (lambda: None), (lambda line: click.echo(line, err=True))
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns = (BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("score", total=total)
        yield (lambda: bar.advance(task)), (lambda line: bar.console.print(escape(line)))


def summary_table(summary: Summary) -> Table:
    """Per-signal and per-pitfall rates across the scored files, and the grades given."""
    from rich.table import Table

    title = f"{summary.scored} of {summary.files} files scored"
    if summary.failed:
        title += f", {summary.failed} failed"
    table = Table(title=title)
    table.add_column("signal or pitfall", style="cyan")
    table.add_column("files", justify="right")
    table.add_column("rate", justify="right")
    for name, counts in (("met", summary.signals), ("found", summary.pitfalls)):
        for key, count in counts.items():
            table.add_row(f"{key} ({name})", str(count), f"{summary.rate(count):.0%}")
    from mock_interviewer.report.history import grade_points

    order = sorted(summary.grades.items(), key=lambda item: -(grade_points(item[0]) or 0.0))
    grades = ", ".join(f"{g} ×{n}" for g, n in order)
    table.caption = f"Grades: {grades}" if grades else "No file could be scored."
    return table


def _files_table(outcomes: list[Any]) -> Table:
    from rich.table import Table

    from mock_interviewer.scorecard import SIGNALS

    names = [Path(o.file) for o in outcomes]
    common = Path(os.path.commonpath(names)) if len(names) > 1 else names[0].parent
    table = Table(title=f"Answers (in {common})" if str(common) not in ("", ".") else "Answers")
    table.add_column("file", overflow="fold")
    table.add_column("grade")
    table.add_column("signals met", justify="right")
    table.add_column("words", justify="right")
    for outcome, name in zip(outcomes, names, strict=True):
        shown = str(name.relative_to(common)) if name.is_relative_to(common) else str(name)
        if outcome.data is None:
            table.add_row(shown, "failed", "-", "-")
            continue
        met = sum(bool(f.get("met")) for f in outcome.data["signals"].values())
        table.add_row(
            shown, str(outcome.data["grade"]), f"{met}/{len(SIGNALS)}",
            str(outcome.data["words"]),
        )  # fmt: skip
    return table


def _check_output(path: Path) -> None:
    folder = path.parent if str(path.parent) else Path.cwd()
    if not folder.is_dir():
        raise UsageError(f"cannot write {path}: the folder {folder} does not exist")
    if path.is_dir():
        raise UsageError(f"cannot write {path}: it is a folder; name a file for --jsonl")
