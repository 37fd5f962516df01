"""`doctor` and `devices`: every check reported with a remedy, failures give a non-zero exit."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from mock_interviewer import doctor
from mock_interviewer.cli import main


def test_doctor_reports_every_part() -> None:
    result = CliRunner().invoke(main, ["doctor"])
    for name in ("PortAudio", "Audio devices", "Speech model", "Voice", "Data folder"):
        assert name in result.output
    assert "✓ Speech model" in result.output
    assert "✓ Voice" in result.output
    assert "✓ Data folder" in result.output
    assert result.exit_code == 0, result.output


def test_doctor_failure_has_a_remedy_and_exit_code(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> doctor.Check:
        return doctor.Check("Speech model", "fail", "model folder missing", "reinstall it")

    monkeypatch.setattr(doctor, "CHECKS", (*doctor.CHECKS[:2], broken, *doctor.CHECKS[3:]))
    result = CliRunner().invoke(main, ["doctor"])
    assert result.exit_code == 1
    assert "✗ Speech model: model folder missing" in result.output
    assert "→ reinstall it" in result.output


def test_devices_lists_or_says_there_are_none() -> None:
    result = CliRunner().invoke(main, ["devices"])
    assert result.exit_code == 0
    assert result.output.strip()
    if "No audio devices" in result.output:
        assert "--input FILE" in result.output
