"""`mock-interviewer demo` (what `make demo` runs) leaves the user's history alone.

The demo runs the real pipeline on the bundled recording, with the fake transcriber handing
out its exact text; its session is kept (so `replay ID` works) but is marked as a demo and
stays out of history, statistics, `last`, progress and the story bank.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fake_stt import install
from mock_interviewer.cli import main
from mock_interviewer.errors import UnknownSession
from mock_interviewer.sessions import SessionStore
from session_fixtures import spoken_session

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audio"
DEMO_TEXT = (FIXTURES / "demo_answer.txt").read_text()


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def run_demo(monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the demo; the id of the session it saved."""
    install(monkeypatch, [DEMO_TEXT])
    done = ok(CliRunner().invoke(main, ["demo", "--no-speak"]))
    assert "kept out of your history" in done.stderr
    assert "Since your last answer" not in done.stdout  # a demo is compared with nothing
    (session_id,) = re.findall(r"Saved as session (\S+)\.", done.stdout)
    return session_id


def test_the_demo_is_not_in_history_or_statistics(monkeypatch: pytest.MonkeyPatch) -> None:
    session_id = run_demo(monkeypatch)
    runner = CliRunner()
    assert "No sessions yet" in ok(runner.invoke(main, ["history"])).stdout
    data = json.loads(ok(runner.invoke(main, ["history", "--json"])).stdout)
    assert data["sessions"] == []
    assert all(t["sessions"] == 0 for t in data["signals"].values())
    store = SessionStore()
    assert store.list() == []
    with pytest.raises(UnknownSession):
        store.get("last")
    # Kept, and shown when asked for by id.
    assert store.get(session_id).kind == "demo"
    assert session_id in ok(runner.invoke(main, ["replay", session_id, "--no-audio"])).stdout


def test_the_demo_is_not_compared_with_and_does_not_touch_stories(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    runner = CliRunner()
    ok(runner.invoke(main, ["stories", "add", "checkout"]))
    mine = spoken_session(SessionStore())  # the user's own answer to the demo's question
    stories_before = ok(runner.invoke(main, ["stories"])).stdout
    run_demo(monkeypatch)
    assert ok(runner.invoke(main, ["stories"])).stdout == stories_before
    (listed,) = SessionStore().list()
    assert listed.id == mine.id
    assert SessionStore().get("last").id == mine.id
    # The next real answer compares with the user's answer, not with the demo's.
    answer = tmp_path / "answer.txt"
    answer.write_text(DEMO_TEXT)
    scored = json.loads(
        ok(runner.invoke(main, ["score", str(answer), "--prompt", "outage", "--json"])).stdout
    )
    assert scored["progress"]["previous_session"] == mine.id
