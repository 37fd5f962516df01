"""Exit codes: one table (errors.ExitCode, documented in the README) used by every command.

Each kind of failure is driven through the CLI and must end with its code and one line.
Bad `--input` files are refused before the question is spoken.
"""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from alsa import no_devices_env, run_cli
from mock_interviewer import errors
from mock_interviewer.cli import main
from mock_interviewer.errors import ExitCode

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures" / "audio"
GOOD = FIXTURES / "blame_answer.flac"


def png(path: Path) -> Path:
    """A real 1x1 PNG image, written under whatever name is given (answer.wav)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    image = zlib.compress(b"\x00\xff\x00\x00")
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", image) + chunk(b"IEND", b"")
    )
    return path


def one_line(result: Result) -> str:
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture
def spoken(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Everything the interviewer would say aloud or print as a question, in order."""
    said: list[str] = []
    from mock_interviewer.drill.runner import Drill
    from mock_interviewer.interview import Interview

    monkeypatch.setattr(Interview, "speak", lambda self, text, *a, **k: said.append(text))
    monkeypatch.setattr(Drill, "_ask", lambda self, prompt: said.append(str(prompt)))
    return said


def test_the_readme_documents_exactly_the_exit_codes() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Exit codes", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| `(\d+)` \| (\w+) \|", section, re.MULTILINE)
    assert [(int(code), name) for code, name in rows] == [(c.value, c.name) for c in ExitCode]


def test_every_error_class_exits_with_a_code_from_the_table() -> None:
    classes = [
        c
        for c in vars(errors).values()
        if isinstance(c, type) and issubclass(c, errors.MockInterviewerError)
    ]
    assert len(classes) >= 10
    for cls in classes:
        assert isinstance(cls.exit_code, ExitCode), cls


def test_no_command_exits_with_a_bare_number() -> None:
    source = REPO / "src" / "mock_interviewer"
    for path in source.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"sys\.exit\(\s*\d", text), path
        assert not re.search(r"exit_code\s*=\s*\d", text), path


@pytest.mark.parametrize("command", ["score", "interview", "drill"])
def test_a_missing_file_and_an_image_named_wav_are_both_bad_input(
    tmp_path: Path, command: str, spoken: list[str]
) -> None:
    args = {
        "score": lambda f: ["score", str(f)],
        "interview": lambda f: ["interview", "--prompt", "outage", "--input", str(f)],
        "drill": lambda f: ["drill", "--input", str(f)],
    }[command]
    missing = CliRunner().invoke(main, args(tmp_path / "nope.wav"))
    assert missing.exit_code == ExitCode.BAD_INPUT
    assert "no such file" in one_line(missing)
    image = CliRunner().invoke(main, args(png(tmp_path / "answer.wav")))
    assert image.exit_code == ExitCode.BAD_INPUT
    line = one_line(image)
    assert line.startswith(f"Error: {tmp_path / 'answer.wav'}") and "audio" in line
    assert "PyAV" not in line
    assert spoken == []  # refused before the question was spoken


def test_a_bad_follow_up_file_is_refused_before_the_question(
    tmp_path: Path, spoken: list[str]
) -> None:
    bad = png(tmp_path / "followup.wav")
    args = ["interview", "--prompt", "outage", "--input", str(GOOD), "--input", str(bad)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == ExitCode.BAD_INPUT and "followup.wav" in one_line(result)
    assert spoken == []


def test_text_and_empty_answers_are_bad_input(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "answer.txt"
    binary.write_bytes(b"\x00\x01binary\x00" * 20)
    for path in (empty, binary):
        result = CliRunner().invoke(main, ["score", str(path)])
        assert result.exit_code == ExitCode.BAD_INPUT, result.output
        one_line(result)


@pytest.mark.parametrize(
    "args",
    [
        ["interview", "--prompt", "outage", "--random"],
        ["interview", "--prompt", "no-such-prompt", "--input", str(GOOD)],
        ["replay", "20200101-000000-abcd"],
        ["report"],  # `last` with no session yet
        ["export", "--format", "xml"],  # click's own usage error
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == ExitCode.USAGE == 2, result.output
    assert "Traceback" not in result.output


def test_a_missing_model_exits_with_its_code(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["score", str(GOOD), "--model", "no-such-model", "--no-save"])
    assert result.exit_code == ExitCode.NO_MODEL, result.output
    assert "no-such-model" in one_line(result)


def test_ctrl_c_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    from mock_interviewer.interview import Interview

    def interrupted(self: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(Interview, "run", interrupted)
    result = CliRunner().invoke(main, ["interview", "--prompt", "outage", "--input", str(GOOD)])
    assert result.exit_code == ExitCode.INTERRUPTED == 130
    assert one_line(result) == "Interrupted."


@pytest.mark.slow
def test_no_microphone_exits_with_the_device_code(tmp_path: Path) -> None:
    done = run_cli(no_devices_env(), tmp_path, "interview", "--prompt", "outage", "--no-speak")
    assert done.returncode == ExitCode.NO_DEVICE, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "--input" in lines[0] and "Traceback" not in done.stderr
