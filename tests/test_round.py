"""A full mock round: input files planned per question, the summary, and `--round 2` end to end.

The round runs the real orchestrator over fixture recordings; a fake transcriber hands out the
fixtures' exact texts in the order the answers are recorded (see `fake_stt.py`).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from fake_stt import install
from mock_interviewer.cli import main
from mock_interviewer.errors import UsageError
from mock_interviewer.mock_round import input_plan, pick_prompts, summarise
from mock_interviewer.pipeline import Result
from mock_interviewer.prompts import load_prompts
from mock_interviewer.rubric import score_text
from mock_interviewer.transcript import Transcript

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audio"


def text(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text().strip()


def test_input_plan() -> None:
    a, b, c, d = (Path(x) for x in "abcd")
    assert input_plan([], 2, True) == [(None, None), (None, None)]
    assert input_plan([a, b], 2, True) == [(a, None), (b, None)]
    assert input_plan([a, b, c, d], 2, True) == [(a, b), (c, d)]
    assert input_plan([a, b], 2, False) == [(a, None), (b, None)]
    with pytest.raises(UsageError, match="give 2 \\(or 4 with follow-up answers\\)"):
        input_plan([a, b, c], 2, True)
    with pytest.raises(UsageError, match="give 2, in the order"):
        input_plan([a, b, c, d], 2, False)


def test_pick_prompts_are_different() -> None:
    bank = list(load_prompts().values())
    picked = pick_prompts(bank, 4, random.Random(7))
    assert len({p.id for p in picked}) == 4
    with pytest.raises(UsageError, match="more questions than the bank has"):
        pick_prompts(bank, len(bank) + 1)
    with pytest.raises(UsageError, match="at least 1"):
        pick_prompts(bank, 0)


def result(name: str, prompt_id: str, extra: dict[str, object]) -> Result:
    prompts = load_prompts()
    card = score_text(text(name), prompts[prompt_id])
    return Result(card, Transcript.from_text(text(name)), extra=extra)


def test_summary_grades_keeps_missing_and_total_time() -> None:
    results = [
        result(
            "blame_answer",
            "outage",
            {
                "recorded_s": 80.0,
                "follow_up": {"target": "separation", "answered": True, "first_answer_grade": "D"},
            },
        ),
        result("hero_answer", "stressful", {"recorded_s": 50.5}),
        result("conflation_answer", "critical_bug", {"recorded_s": 40.0}),
    ]
    summary = summarise(results)
    first, second, _ = summary.questions
    assert (first.prompt_id, first.first_grade, first.follow_up) == ("outage", "D", "separation")
    assert first.grade == results[0].scorecard.grade
    assert (second.first_grade, second.follow_up) == (second.grade, None)
    assert summary.total_s == 170.5
    missing = dict(summary.keeps_missing)
    # Every signal listed was missed at least twice, and each such signal is listed.
    for signal, count in missing.items():
        assert count == sum(signal in q.missed for q in summary.questions) >= 2
    assert "principle" in missing  # none of these three argues the mitigation as reversible
    data = summary.to_dict()
    assert data["total_s"] == 170.5 and data["keeps_missing"] == missing


def test_round_of_two_with_input_files(monkeypatch: pytest.MonkeyPatch) -> None:
    # Prompts are picked at random: every answer is scored against whichever was asked.
    files = ["blame_answer", "followup_prevention", "hero_answer", "followup_prevention"]
    install(monkeypatch, [text(name) for name in files])
    args = ["interview", "--round", "2", "--no-speak", "--json"]
    for name in files:
        args += ["--input", str(FIXTURES / f"{name}.flac")]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    answers, summary = data["round"], data["summary"]
    assert len(answers) == 2 and len({a["prompt"] for a in answers}) == 2
    assert [q["prompt"] for q in summary["questions"]] == [a["prompt"] for a in answers]
    assert [q["session"] for q in summary["questions"]] == [a["session"] for a in answers]
    assert [a["round"]["question"] for a in answers] == [1, 2]
    assert answers[0]["round"]["id"] == answers[1]["round"]["id"]
    # The blaming answer always gets a follow-up; its file was the second one.
    assert answers[0]["follow_up"]["answered"] is True
    assert summary["questions"][0]["follow_up"] == answers[0]["follow_up"]["target"]
    assert summary["total_s"] == pytest.approx(sum(a["recorded_s"] for a in answers), abs=0.2)
    assert summary["total_s"] > 53.8 + 31.5


def test_round_terminal_summary_without_follow_ups(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, [text("blame_answer"), text("hero_answer")])
    args = ["interview", "--round", "2", "--no-speak", "--no-follow-up"]
    for name in ("blame_answer", "hero_answer"):
        args += ["--input", str(FIXTURES / f"{name}.flac")]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    out = done.stdout
    assert "Question 1 of 2" in out and "Question 2 of 2" in out
    assert "Round summary" in out and "Total time recorded: 1:" in out
    assert "Follow-up question" not in out and "follow-up skipped" not in done.stderr


def test_round_refuses_prompt_and_wrong_file_counts() -> None:
    demo = str(FIXTURES / "demo_answer.flac")
    refused = CliRunner().invoke(main, ["interview", "--round", "2", "--prompt", "outage"])
    assert refused.exit_code == 2 and "leave out --prompt" in refused.output
    refused = CliRunner().invoke(main, ["interview", "--round", "2", "--input", demo, "--no-speak"])
    assert refused.exit_code == 2 and "1 --input file for 2 questions:" in refused.output
