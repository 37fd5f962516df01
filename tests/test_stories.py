"""The story bank: names validated, tagging through `score --story`, and the views over it."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from mock_interviewer.cli import main
from mock_interviewer.errors import UsageError
from mock_interviewer.sessions import SessionInfo
from mock_interviewer.stories import MAX_NAME, Story, StoryBank, check_name, story_view

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audio"


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def typed(tmp_path: Path, fixture: str) -> str:
    path = tmp_path / f"{fixture}.txt"
    path.write_text((FIXTURES / f"{fixture}.txt").read_text())
    return str(path)


@pytest.mark.parametrize(
    "bad", ["", "   ", "../etc", "a/b", "a\\b", "x" * (MAX_NAME + 1), "-flag", "..", "ok..no"]
)
def test_bad_names_are_refused(bad: str) -> None:
    with pytest.raises(UsageError):
        check_name(bad)


def test_good_names_are_kept() -> None:
    assert check_name("  checkout outage ") == "checkout outage"
    assert check_name("db-failover_2024.v2") == "db-failover_2024.v2"


def test_bank_add_get_remove(tmp_path: Path) -> None:
    bank = StoryBank(tmp_path)
    bank.add("checkout", "pricing deploy")
    assert [s.name for s in bank.all()] == ["checkout"]
    assert bank.get("CHECKOUT").note == "pricing deploy"
    with pytest.raises(UsageError, match="already exists"):
        bank.add("Checkout")
    assert bank.ensure("checkout") == (bank.get("checkout"), False)
    assert bank.ensure("search")[1] is True
    assert stat.S_IMODE(bank.path.stat().st_mode) == 0o600
    bank.remove("checkout")
    assert [s.name for s in bank.all()] == ["search"]
    with pytest.raises(UsageError, match="no story 'checkout'"):
        bank.get("checkout")


def info(
    sid: str, prompt: str | None, grade: str, story: str = "checkout", **kw: str
) -> SessionInfo:
    return SessionInfo(
        id=sid,
        created=kw.get("created", sid),
        kind=kw.get("kind", "score"),
        status=kw.get("status", "complete"),
        prompt_id=prompt,
        source="text",
        grade=grade,
        duration_s=None,
        wpm=None,
        words=None,
        story=story,
        folder=Path("."),
    )


def test_story_view_keeps_the_best_grade_per_prompt() -> None:
    sessions = [
        info("1", "outage", "B"),
        info("2", "outage", "A-"),
        info("3", "outage", "C"),
        info("4", "stressful", "B+"),
        info("5", "critical_bug", "A", status="interrupted"),
        info("6", "critical_bug", "A", kind="drill"),
        info("7", None, "A"),
        info("8", "fast_decision", "A", story="other"),
    ]
    view = story_view(Story("checkout"), sessions)
    served = {s.prompt_id: (s.grade, s.session, s.answers) for s in view.served}
    assert served == {"outage": ("A-", "2", 3), "stressful": ("B+", "4", 1)}
    assert view.untagged_sessions == 1


def test_stories_cli_end_to_end(tmp_path: Path) -> None:
    code, out = invoke("stories")
    assert code == 0 and "No stories yet" in out and "critical_bug" in out
    code, out = invoke("stories", "add", "checkout", "--note", "pricing deploy, pool leak")
    assert code == 0 and "Added story 'checkout'" in out
    # Tag answers through `score --story`; a new name joins the bank.
    for fixture, story in (("blame_answer", "checkout"), ("demo_answer", "checkout")):
        code, out = invoke(
            "score", typed(tmp_path, fixture), "--prompt", "outage", "--story", story
        )
        assert code == 0, out
    code, out = invoke(
        "score", typed(tmp_path, "hero_answer"), "--prompt", "stressful", "--story", "queue"
    )
    assert code == 0, out

    code, out = invoke("stories", "list", "--json")
    assert code == 0, out
    data = json.loads(out)
    stories = {s["name"]: s for s in data["stories"]}
    assert list(stories) == ["checkout", "queue"]
    assert stories["checkout"]["note"] == "pricing deploy, pool leak"
    (outage,) = stories["checkout"]["prompts"]
    assert outage["prompt"] == "outage" and outage["answers"] == 2
    assert outage["best_grade"].startswith("A")  # the demo answer, not the blaming one
    assert [p["prompt"] for p in stories["queue"]["prompts"]] == ["stressful"]
    assert data["prompts_without_story"] == [
        "critical_bug",
        "misdiagnosis",
        "fast_decision",
        "unexpected_root_cause",
    ]
    code, out = invoke("stories")
    assert code == 0 and "checkout" in out and "outage (A" in out
    assert "Prompts with no story yet: critical_bug" in out

    code, out = invoke("stories", "show", "checkout", "--json")
    assert code == 0 and json.loads(out)["prompts"][0]["best_session"] == outage["best_session"]
    code, out = invoke("stories", "show", "checkout")
    assert code == 0 and outage["best_session"] in out

    history = json.loads(invoke("history", "--json")[1])["sessions"]
    assert len(history) == 3
    code, out = invoke("stories", "remove", "checkout")
    assert code == 0 and "sessions are kept" in out
    assert len(json.loads(invoke("history", "--json")[1])["sessions"]) == 3
    names = [s["name"] for s in json.loads(invoke("stories", "list", "--json")[1])["stories"]]
    assert names == ["queue"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("stories", "show", "nope"), "no story 'nope'"),
        (("stories", "remove", "nope"), "no story 'nope'"),
        (("stories", "add", "../evil"), "may use letters"),
        (("stories", "add", "x" * 41), "too long"),
    ],
)
def test_stories_errors_are_one_line(args: tuple[str, ...], expected: str) -> None:
    code, out = invoke(*args)
    lines = [line for line in out.splitlines() if line.strip()]
    assert code == 2 and len(lines) == 1 and expected in lines[0], out


def test_score_refuses_a_bad_story_name(tmp_path: Path) -> None:
    code, out = invoke("score", typed(tmp_path, "demo_answer"), "--story", "a/b")
    assert code == 2 and "may use letters" in out
    assert not StoryBank().all()
