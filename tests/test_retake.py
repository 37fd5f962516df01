"""`interview --retake`: the last question asked again, ending with the comparison; and
`interview --random` asking one of a question's wordings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fake_stt import install
from mock_interviewer.cli import main
from mock_interviewer.errors import ExitCode
from mock_interviewer.interview import Interview
from mock_interviewer.prompts import get_prompt, load_bank

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audio"
BLAME = (FIXTURES / "blame_answer.txt").read_text().strip()
DEMO = (FIXTURES / "demo_answer.txt").read_text().strip()
RECORDING = str(FIXTURES / "blame_answer.flac")


@pytest.fixture
def spoken(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(Interview, "speak", lambda self, text, *a, **k: said.append(text))
    return said


def _run(*args: str) -> tuple[int, str, str]:
    base = ["interview", "--no-follow-up", "--input", RECORDING]
    result = CliRunner().invoke(main, [*base, *args])
    return result.exit_code, result.stdout, result.stderr


def test_retake_asks_the_last_question_and_ends_with_the_comparison(
    monkeypatch: pytest.MonkeyPatch, spoken: list[str]
) -> None:
    install(monkeypatch, [BLAME, DEMO, DEMO])
    code, out, _ = _run("--prompt", "stressful", "--json")
    assert code == 0, out
    first = json.loads(out)
    code, out, _ = _run("--retake", "--json")
    assert code == 0, out
    second = json.loads(out)
    assert spoken[1] == spoken[0] == get_prompt("stressful").question
    assert second["prompt"] == "stressful"
    compared = second["comparison"]
    assert compared["then"]["session"] == first["session"]
    assert compared["now"]["session"] == second["session"]
    assert compared["signals_gained"] and "blame" in compared["pitfalls_cleared"]
    code, out, _ = _run("--retake")  # in the terminal: the comparison closes the output
    assert code == 0, out
    tail = out[out.index("Then and now") :]
    assert "Signals gained: none." in tail and "Signals lost: none." in tail


def test_retake_refusals(monkeypatch: pytest.MonkeyPatch, spoken: list[str]) -> None:
    code, _, err = _run("--retake")
    assert code == ExitCode.USAGE and "nothing to retake yet" in err and spoken == []
    for extra in (["--prompt", "outage"], ["--random"], ["--round", "2"]):
        code, _, err = _run("--retake", *extra)
        assert code == ExitCode.USAGE and err.count("\n") == 1 and "--retake" in err, extra


def test_random_asks_one_of_the_wordings(
    monkeypatch: pytest.MonkeyPatch, spoken: list[str]
) -> None:
    install(monkeypatch, [BLAME] * 3)
    asked = []
    for _ in range(3):
        code, out, _ = _run("--random", "--json")
        assert code == 0, out
        data = json.loads(out)
        asked.append((data["prompt"], spoken[-1]))
    for prompt_id, question in asked:  # whichever was drawn, it is one of its own wordings
        assert question in load_bank()[prompt_id].wordings
