"""`score` over several files or a folder: one JSON line per file, failures named and skipped."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mock_interviewer import batch, interrupts
from mock_interviewer.cli import main
from mock_interviewer.errors import ExitCode, InputFileError
from mock_interviewer.scorecard import SIGNALS
from mock_interviewer.sessions import SessionStore
from test_narrow_terminal import WIDE, WIDTHS, _split_words

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audio"
TYPED = sorted(FIXTURES.glob("*_answer.txt"))


def _folder(root: Path, count: int, broken: bool = True) -> Path:
    """`count` typed answers (the fixtures, in turn), the last one broken when asked."""
    folder = root / "answers"
    folder.mkdir()
    for n in range(count - int(broken)):
        (folder / f"{n:02d}.txt").write_text(TYPED[n % len(TYPED)].read_text())
    if broken:
        (folder / "99-broken.wav").write_bytes(b"\x00\x01 not audio at all")
    (folder / "notes.csv").write_text("ignored,because,not,an,answer\n")
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD.txt").write_text("ref: refs/heads/main\n")  # hidden: ignored
    return folder


def test_twenty_files_two_jobs_one_broken(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 20)
    out = tmp_path / "out.jsonl"
    args = ["score", str(folder), "--jobs", "2", "--jsonl", str(out), "--prompt", "outage"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == ExitCode.BAD_INPUT, result.output
    lines = out.read_text().splitlines()
    assert len(lines) == 19
    rows = [json.loads(line) for line in lines]
    assert [Path(r["file"]).name for r in rows] == [f"{n:02d}.txt" for n in range(19)]
    assert all(r["prompt"] == "outage" and set(r["signals"]) == set(SIGNALS) for r in rows)
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "99-broken.wav" in errors[0], result.stderr
    assert "Traceback" not in result.output
    assert "19 of 20 files scored, 1 failed" in result.stdout
    assert SessionStore().list() == []  # a batch keeps no sessions


def test_parallel_and_serial_give_the_same_lines(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 5, broken=False)
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        result = CliRunner().invoke(main, ["score", str(folder), "-j", jobs, "--jsonl", str(out)])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_text())
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == 5


def test_summary_rates_match_the_lines(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 4, broken=False)
    outcomes = list(batch.run(batch.gather([folder]), batch.BatchSettings()))
    summary = batch.Summary()
    for outcome in outcomes:
        summary.add(outcome)
    assert summary.scored == 4 and summary.failed == 0
    for sid in SIGNALS:
        met = sum(bool(o.data and o.data["signals"][sid]["met"]) for o in outcomes)
        assert summary.to_dict()["signals"][sid] == round(met / 4, 3)


def test_several_files_to_stdout_as_json_lines(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 3, broken=False)
    files = [str(p) for p in sorted(folder.glob("*.txt"))]
    result = CliRunner().invoke(main, ["score", *files, "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["file"] for r in rows] == files
    assert "3 of 3 files scored" in result.stderr  # the summary keeps stdout to JSON


def test_missing_file_in_a_list_fails_alone(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TYPED[0].read_text())
    result = CliRunner().invoke(main, ["score", str(good), str(tmp_path / "gone.txt")])
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "gone.txt: no such file" in result.stderr
    assert "1 of 2 files scored" in result.stdout


def test_empty_folder_and_single_answer_options(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputFileError):
        batch.gather([empty])
    result = CliRunner().invoke(main, ["score", str(empty)])
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stderr.count("\n") == 1 and "is a directory with no answers" in result.stderr
    folder = _folder(tmp_path, 2, broken=False)
    result = CliRunner().invoke(main, ["score", str(folder), "--story", "x"])
    assert result.exit_code == ExitCode.USAGE
    assert "--story applies to one answer" in result.stderr


@pytest.mark.parametrize("width", WIDTHS)
def test_batch_output_splits_no_word(tmp_path: Path, width: int) -> None:
    folder = _folder(tmp_path, 3)

    def run(columns: int) -> str:
        args = ["score", str(folder)]
        return CliRunner().invoke(main, args, env={"COLUMNS": str(columns)}).stdout

    narrow = run(width)
    assert not _split_words(run(WIDE), narrow, width), narrow


def test_files_from_a_list(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 3, broken=False)
    listing = tmp_path / "shard-00"
    files = sorted(folder.glob("*.txt"))
    listing.write_text("# shard 0\n" + "\n".join(str(p) for p in files[:2]) + "\n\n")
    out = tmp_path / "out.jsonl"
    args = ["score", "--files-from", str(listing), "--jsonl", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["file"] for line in out.read_text().splitlines()] == [
        str(p) for p in files[:2]
    ]
    result = CliRunner().invoke(main, ["score"])
    assert result.exit_code == ExitCode.USAGE and "--files-from" in result.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from mock_interviewer.cli import batch as cli_batch

    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with cli_batch._bar(3) as (advance, say):
        for _ in range(3):
            advance()
        say("Error: b.txt: broken")
    assert "Error: b.txt: broken" in screen.getvalue()
    assert "3/3" in screen.getvalue()  # the bar counted every file
    plain = io.StringIO()
    monkeypatch.setattr(sys, "stderr", plain)
    with cli_batch._bar(3) as (advance, say):
        advance()
        say("Error: b.txt: broken")
    assert plain.getvalue() == "Error: b.txt: broken\n"  # no bar into a file or pipe


def test_ctrl_c_keeps_the_lines_already_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, 4, broken=False)
    real = batch.score_file
    seen: list[Path] = []

    def interrupted_on_the_third(path: Path, settings: batch.BatchSettings) -> batch.Outcome:
        seen.append(path)
        if len(seen) == 3:
            raise KeyboardInterrupt
        return real(path, settings)

    monkeypatch.setattr(batch, "score_file", interrupted_on_the_third)
    for flag in ("_announced", "_requested"):  # what the interruption sets, restored after
        monkeypatch.setattr(interrupts, flag, getattr(interrupts, flag))
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["score", str(folder), "--jsonl", str(out)])
    assert result.exit_code == ExitCode.INTERRUPTED
    assert len(out.read_text().splitlines()) == 2  # the two scored before Ctrl-C are kept
    assert "Traceback" not in result.output
