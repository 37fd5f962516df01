"""Progress: what changed since the last answer to the same prompt, in JSON and on screen."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from mock_interviewer.cli import main
from mock_interviewer.pacing import PacingReport
from mock_interviewer.progress import diff
from mock_interviewer.scorecard import PITFALLS, SIGNALS, Finding, Scorecard
from mock_interviewer.sessions import SessionInfo, SessionStore

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audio"


def card(missed: tuple[str, ...], found: tuple[str, ...], grade: str) -> Scorecard:
    return Scorecard(
        prompt="outage",
        signals={s: Finding(s, s not in missed) for s in SIGNALS},
        pitfalls={p: Finding(p, p in found) for p in PITFALLS},
        grade=grade,
        grade_reasons=(),
        words=100,
    )


def previous() -> SessionInfo:
    return SessionInfo(
        "20261127-050000-aaaa", "2026-11-27T05:00:00+00:00", "interview", "complete", "outage",
        "audio", "C", 90.0, 120.0, 180, None, Path("."),
    )  # fmt: skip


def test_diff_signals_pitfalls_length_and_pace() -> None:
    before = card(("prevention", "reflection"), ("no_prevention", "blame"), "C")
    now = card(("timeline",), ("blame", "hero"), "B")
    spoken_before = PacingReport(duration_s=90.0, words=180, wpm=120.0)
    spoken_now = PacingReport(duration_s=115.0, words=290, wpm=151.3)
    progress = diff(before, now, spoken_before, spoken_now, previous())
    assert progress.signals_gained == ("prevention", "reflection")
    assert progress.signals_lost == ("timeline",)
    assert progress.pitfalls_cleared == ("no_prevention",)
    assert progress.pitfalls_new == ("hero",)
    data = progress.to_dict()
    assert data["grade"] == {"before": "C", "now": "B"}
    assert data["words"] == {"before": 180.0, "now": 290.0, "delta": 110.0}
    assert data["duration_s"] == {"before": 90.0, "now": 115.0, "delta": 25.0}
    assert data["wpm"]["delta"] == 31.3
    text = "\n".join(progress.lines())
    assert "Grade C → B" in text and "Gained: prevention, reflection" in text
    assert "length 1:30 → 1:55" in text and "pace 120 → 151" in text


def test_diff_typed_answers_have_no_pace() -> None:
    same = card((), (), "A")
    typed = PacingReport(duration_s=60.0, words=150, wpm=150.0, estimated=True)
    progress = diff(same, same, typed, typed, previous())
    assert progress.duration_s is None and progress.wpm is None
    assert "The same signals as last time." in progress.lines()


def answer(tmp_path: Path, fixture: str) -> str:
    path = tmp_path / f"{fixture}.txt"
    path.write_text((FIXTURES / f"{fixture}.txt").read_text())
    return str(path)


def test_score_reports_progress_against_the_same_prompt(tmp_path: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(
        main, ["score", answer(tmp_path, "blame_answer"), "--prompt", "outage", "--json"]
    )
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["progress"] is None  # nothing to compare with yet
    # Another prompt, a drill-free store: not compared.
    other = runner.invoke(
        main, ["score", answer(tmp_path, "hero_answer"), "--prompt", "stressful", "--json"]
    )
    assert json.loads(other.stdout)["progress"] is None
    second = runner.invoke(
        main, ["score", answer(tmp_path, "demo_answer"), "--prompt", "outage", "--json"]
    )
    data = json.loads(second.stdout)
    progress = data["progress"]
    assert progress["previous_session"] == json.loads(first.stdout)["session"]
    assert progress["grade"]["before"] == json.loads(first.stdout)["grade"]
    assert progress["grade"]["now"] == data["grade"]
    assert "prevention" in progress["signals_gained"] and "blame" in progress["pitfalls_cleared"]
    assert progress["words"]["now"] > progress["words"]["before"]
    assert progress["duration_s"] is None  # typed answers: no measured length
    shown = runner.invoke(main, ["score", answer(tmp_path, "demo_answer"), "--prompt", "outage"])
    assert shown.exit_code == 0
    assert (
        "Since your last answer" in shown.output
        and "The same signals as last time." in shown.output
    )
    assert SessionStore().previous(SessionStore().get("last")) is not None
