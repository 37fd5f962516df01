"""`score` on typed answers and recordings: the JSON shape, sessions, and clear refusals."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import pytest
from click.testing import CliRunner

from mock_interviewer.cli import main
from mock_interviewer.scorecard import PITFALLS, SIGNALS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audio"


def test_typed_answer_json_shape(tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text((FIXTURES / "demo_answer.txt").read_text())
    result = CliRunner().invoke(main, ["score", str(answer), "--prompt", "outage", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["prompt"] == "outage"
    assert data["grade"].startswith("A")
    assert set(data["signals"]) == set(SIGNALS)
    assert set(data["pitfalls"]) == set(PITFALLS)
    for finding in data["signals"].values():
        assert isinstance(finding["met"], bool)
        assert isinstance(finding["advice"], str) and finding["advice"]
        for e in finding["evidence"]:
            assert answer.read_text()[e["start_char"] : e["end_char"]] == e["text"]
    for finding in data["pitfalls"].values():
        assert isinstance(finding["found"], bool)
    assert isinstance(data["expectations"], list) and data["expectations"]
    assert data["words"] == len(answer.read_text().split())
    assert data["estimated_seconds"] == round(data["words"] / 150 * 60)
    assert data["session"]  # typed answers are kept as sessions too


def test_typed_answer_terminal_output(tmp_path: Path) -> None:
    answer = tmp_path / "answer.md"
    answer.write_text((FIXTURES / "blame_answer.txt").read_text())
    result = CliRunner().invoke(main, ["score", str(answer), "--no-save"])
    assert result.exit_code == 0, result.output
    assert "Grade" in result.output
    assert "Blame" in result.output
    assert "150 words per minute" in result.output
    assert "Saved as session" not in result.output


def test_prompts_lists_the_bank() -> None:
    result = CliRunner().invoke(main, ["prompts", "--json"])
    assert result.exit_code == 0
    ids = [p["id"] for p in json.loads(result.output)]
    assert ids[:6] == [
        "outage",
        "critical_bug",
        "stressful",
        "misdiagnosis",
        "fast_decision",
        "unexpected_root_cause",
    ]


@pytest.mark.slow
def test_recording_json_has_session_pacing_and_transcript() -> None:
    recording = FIXTURES / "blame_answer.flac"
    result = CliRunner().invoke(main, ["score", str(recording), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["session"]
    assert data["pacing"]["duration_s"] > 40
    assert data["transcript"]["words"]
    assert {"word", "start", "end"} <= set(data["transcript"]["words"][0])
    assert data["pitfalls"]["blame"]["found"] is True
    listed = CliRunner().invoke(main, ["history", "--json"])
    assert data["session"] in listed.output


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("fake.wav", b"this is just text pretending to be audio\n" * 10, "not a recording"),
        ("empty.flac", b"", "is empty"),
    ],
)
def test_bad_recordings_get_one_line(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["score", str(path)])
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and expected in lines[0], result.output


def test_header_only_wav(tmp_path: Path) -> None:
    path = tmp_path / "header.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
    result = CliRunner().invoke(main, ["score", str(path)])
    assert result.exit_code != 0
    assert "no audio" in result.output
    assert "Traceback" not in result.output


def test_silence_only_is_no_answer_heard(tmp_path: Path) -> None:
    path = tmp_path / "silence.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes(b"\x00\x00" * 16000 * 5)
    result = CliRunner().invoke(main, ["score", str(path), "--json"])
    assert result.exit_code == 3
    assert "no answer heard" in result.output
    listed = CliRunner().invoke(main, ["history", "--json"])
    assert listed.exit_code == 0
