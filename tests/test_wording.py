"""The words people read: counts in the right number, nothing said twice, nothing promised
that is not there, and one word count for the terminal and the HTML report."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from fake_stt import install
from mock_interviewer.cli import main
from mock_interviewer.followup import DEFAULT_QUESTIONS, FollowUp, outcome
from mock_interviewer.pacing import Filler, PacingReport, Pause
from mock_interviewer.prompts import get_prompt
from mock_interviewer.rubric import score_text
from mock_interviewer.scorecard import PITFALLS, SIGNALS, Finding, Scorecard
from mock_interviewer.terminal import render_follow_up, render_length, render_scorecard
from mock_interviewer.wording import plural
from rubric_answers import STRONG

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audio"
BLAME = (FIXTURES / "blame_answer.txt").read_text().strip()
FOLLOW = (FIXTURES / "followup_prevention.txt").read_text().strip()
HOLDOUT4 = Path(__file__).resolve().parent / "data" / "holdout4.jsonl"


def text_of(renderable: object, width: int = 100) -> str:
    console = Console(width=width, record=True, color_system=None)
    console.print(renderable)
    return " ".join(console.export_text().split())


def card(missed: tuple[str, ...] = (), found: tuple[str, ...] = (), changes: int = 2) -> Scorecard:
    return Scorecard(
        prompt="outage",
        signals={s: Finding(s, s not in missed) for s in SIGNALS},
        pitfalls={p: Finding(p, p in found) for p in PITFALLS},
        grade="B",
        grade_reasons=("Mitigation and fix are there but no prevention follows: about a B.",),
        top_changes=("Add the prevention.", "Say when it shipped.")[:changes],
        words=120,
        estimated_seconds=48,
    )


def pacing(fillers: int, pauses: int) -> PacingReport:
    return PacingReport(
        duration_s=60.0,
        words=150,
        wpm=150.0,
        pauses=tuple(Pause(10.0 * i, 10.0 * i + 3) for i in range(pauses)),
        fillers=tuple(Filler("um", 0, 2, 1.0, 1.2) for _ in range(fillers)),
    )


def test_plural() -> None:
    assert [plural(n, "filler") for n in (0, 1, 2)] == ["0 fillers", "1 filler", "2 fillers"]
    assert plural(1, "pass", "passes") == "1 pass" and plural(3, "pass", "passes") == "3 passes"


@pytest.mark.parametrize(
    ("fillers", "pauses", "said", "not_said"),
    [
        (0, 0, "0 fillers", "filler(s)"),
        (1, 1, "1 long pause; 1 filler (1.0/min)", "pause(s)"),
        (2, 2, "2 long pauses; 2 fillers", "(s)"),
    ],
)
def test_length_line_counts_in_the_right_number(
    fillers: int, pauses: int, said: str, not_said: str
) -> None:
    line = text_of(render_length(card(), pacing(fillers, pauses)))
    assert said in line and not_said not in line


def test_one_time_marker_is_singular() -> None:
    answer = (
        "At T plus zero the checkout errors paged me. We rolled back the deploy and the errors "
        "stopped. The fix was a timeout on the pool client. We added a canary check."
    )
    reason = score_text(answer).signals["timeline"].reason
    assert "only 1 time marker (four needed)" in reason
    assert "time markers (four" not in reason.replace("no time markers (four", "")


def test_the_grade_is_said_once() -> None:
    out = text_of(render_scorecard(score_text(STRONG)))
    assert out.count("Grade A") == 1
    assert "• Grade" not in out


def test_the_changes_panel_title_matches_its_items() -> None:
    one = text_of(render_scorecard(card(changes=1)))
    assert "The change that would raise the grade most" in one
    assert "Two changes" not in one and "two changes" not in one and "1. " not in one
    two = text_of(render_scorecard(card(changes=2)))
    assert "The two changes that would raise the grade most" in two and "2. Say when" in two


def test_a_cleared_no_prevention_is_not_no_no_prevention() -> None:
    ask = FollowUp("no_prevention", "pitfall", DEFAULT_QUESTIONS["no_prevention"], "why")
    first = card(missed=("prevention",), found=("no_prevention",))
    result = outcome(ask, first, card())
    assert result.cleared == ("no_prevention",)
    shown = text_of(render_follow_up(result.to_dict()))
    assert "Earned by the follow-up: Concrete prevention, with when, prevention named" in shown
    assert "no no" not in shown and "no no" not in result.summary()
    assert "prevention named" in result.summary()


def test_the_expectations_change_names_what_is_missing_and_markdown_lists_it(
    tmp_path: Path,
) -> None:
    row = next(json.loads(line) for line in HOLDOUT4.read_text().splitlines() if '"q14"' in line)
    answer = tmp_path / "answer.txt"
    answer.write_text(row["text"])
    runner = CliRunner()
    scored = runner.invoke(main, ["score", str(answer), "--prompt", row["prompt"], "--json"])
    assert scored.exit_code == 0, scored.output
    data = json.loads(scored.stdout)
    (change,) = [c for c in data["top_changes"] if "asks for" in c]
    assert "still missing: " in change and "expectations list" not in change
    missing = [e["text"] for e in data["expectations"] if not e["met"]]
    assert missing[0].rstrip(".")[1:] in change
    md = runner.invoke(main, ["export", data["session"], "--format", "md"]).stdout
    assert "expectations list" not in md
    assert "### What this question asks for" in md
    for e in data["expectations"]:
        assert f"- [{'x' if e['met'] else ' '}] {e['text']}" in md


def test_terminal_and_html_count_the_same_words_with_a_follow_up(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    install(monkeypatch, [BLAME, FOLLOW])
    args = ["interview", "--prompt", "outage", "--no-speak"]
    for name in ("blame_answer", "followup_prevention"):
        args += ["--input", str(FIXTURES / f"{name}.flac")]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    out = " ".join(done.stdout.split())
    (terminal_words,) = re.findall(r"(\d+) words at \d+ words per minute", out)
    (session_id,) = re.findall(r"Saved as session (\S+)\.", out)
    page = tmp_path / "r.html"
    report = CliRunner().invoke(main, ["report", session_id, "-o", str(page)])
    assert report.exit_code == 0, report.output
    # The verdict's length line: "... target, <verdict>; N words".
    (html_words,) = re.findall(r"target, [^;<]*; (\d+) words", page.read_text())
    # One definition: the words length and pace are measured over (the first answer).
    assert int(terminal_words) == int(html_words) == len(BLAME.split())
    assert get_prompt("outage").id == "outage"
    listed = json.loads(CliRunner().invoke(main, ["history", "--json"]).stdout)
    assert listed["sessions"][0]["words"] == len(BLAME.split())
