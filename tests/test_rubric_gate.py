"""The engine says when an answer cannot be graded instead of inventing findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mock_interviewer.cli import main
from mock_interviewer.rubric.gate import MIN_WORDS, check
from mock_interviewer.transcript import Transcript
from rubric_answers import STRONG

GERMAN = (
    "Also, das war an einem Montag, und unser Dienst für die Rechnungen hat plötzlich "
    "nicht mehr geantwortet. Ich war in Bereitschaft und habe sofort die letzte Änderung "
    "zurückgenommen, weil das am schnellsten ging und wir sie jederzeit wieder einspielen "
    "konnten. Danach haben wir die Ursache gefunden: eine Einstellung für die Verbindungen "
    "war zu klein. Zwei Wochen später haben wir eine Prüfung in die Auslieferung eingebaut, "
    "damit so etwas nicht wieder passiert, und ich würde beim nächsten Mal früher eskalieren."
)
# Speech-to-text of noise: English-looking words, no story.
NOISE = " ".join(["thank you so much for watching and see you next time"] * 8)


def test_a_story_is_graded() -> None:
    assert check(Transcript.from_text(STRONG)) is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("We rolled back and it was fine.", "too short"),
        (GERMAN, "not read as English"),
        (NOISE, "not read as a story about an incident"),
    ],
)
def test_cannot_grade(text: str, words: str) -> None:
    verdict = check(Transcript.from_text(text))
    assert verdict is not None and words in verdict.reason
    assert verdict.remedy  # says what to do


def test_too_short_names_the_count() -> None:
    verdict = check(Transcript.from_text("nine words is not a story about an outage"))
    assert verdict is not None and f"at least {MIN_WORDS}" in verdict.reason


def test_score_refuses_with_one_line_and_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOCK_INTERVIEWER_HOME", str(tmp_path / "home"))
    answer = tmp_path / "answer.txt"
    answer.write_text(GERMAN, encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(answer)])
    assert result.exit_code == 3
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "English" in lines[0], result.output
    assert "Grade" not in result.output


DAVE = (
    "At 14:05 our checkout alert fired and I paged the secondary. Within about ten minutes I "
    "had found the cause, and honestly it was Dave's fault. We rolled back the deploy at 14:12 "
    "because it was the cheapest step and one command to undo, and errors were back to normal "
    "by 14:15. The fix shipped that evening: the pool size is now derived from the database "
    "limit. Within two weeks we added a canary requirement for every config change and an alert "
    "on connection refusals. Next time I would page the database team at minute five."
)


def test_explain_traces_each_verdict_to_its_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOCK_INTERVIEWER_HOME", str(tmp_path / "home"))
    answer = tmp_path / "answer.txt"
    answer.write_text(DAVE, encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(answer), "--json", "--explain", "--no-save"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    blame = data["explain"]["verdicts"]["blame"]
    assert blame["hit"] and blame["evidence"][0]["rule"] == "blame.fault_of"
    assert blame["evidence"][0]["text"] == "Dave's fault"
    # A blaming sentence is never quoted as the evidence of a systemic framing.
    assert data["signals"]["systemic"]["met"] is False
    assert any(h["rule"] == "reflection.counterfactual" for h in data["explain"]["rule_hits"])
    plain = CliRunner().invoke(main, ["score", str(answer), "--explain", "--no-save"])
    assert "[blame.fault_of] Dave's fault" in plain.output
