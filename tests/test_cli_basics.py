"""The CLI layer: help everywhere, one clear line and a non-zero exit for bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from mock_interviewer.cli import main


def _commands() -> list[str]:
    return sorted(main.commands)


def test_every_command_has_help_with_an_example() -> None:
    runner = CliRunner()
    for name in _commands():
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        command = main.commands[name]
        assert command.help and command.help.strip(), f"{name} has no help"
        assert "Example" in result.output, f"{name} --help shows no example"


def test_top_level_help_lists_the_core_commands() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in ("interview", "score", "prompts", "demo", "devices", "doctor"):
        assert name in result.output


def _one_line_error(result: click.testing.Result) -> str:
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"\x00\x01\x02\x03binary\x00data" * 20, "binary"),
        (b"   \n\t  \n", "white space"),
    ],
)
def test_score_bad_text_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "answer.txt"
    path.write_bytes(content)
    line = _one_line_error(CliRunner().invoke(main, ["score", str(path)]))
    assert expected in line


def test_score_missing_file(tmp_path: Path) -> None:
    line = _one_line_error(CliRunner().invoke(main, ["score", str(tmp_path / "nope.txt")]))
    assert "no such file" in line


def test_score_directory(tmp_path: Path) -> None:
    line = _one_line_error(CliRunner().invoke(main, ["score", str(tmp_path)]))
    assert "is a directory" in line


def test_score_unknown_prompt(tmp_path: Path) -> None:
    path = tmp_path / "answer.txt"
    path.write_text("We rolled back the deploy at T plus five and the errors stopped.")
    line = _one_line_error(CliRunner().invoke(main, ["score", str(path), "--prompt", "nope"]))
    assert "nope" in line and "outage" in line


def test_module_entry_point_and_console_script() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mock_interviewer", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "mock-interviewer" in out.stdout
