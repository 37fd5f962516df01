"""`history` tells the whole story: follow-ups and rounds in the table, the chart and the JSON,
each signal's trend oldest to newest, and one story's answers alone with --story."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from mock_interviewer.cli import main
from mock_interviewer.followup import FollowUp, outcome
from mock_interviewer.sessions import SessionInfo, SessionStore
from mock_interviewer.stories import StoryBank
from session_fixtures import pacing_for, scorecard_for, spoken_transcript
from test_narrow_terminal import WIDE, WIDTHS, _split_words


def _session(
    store: SessionStore,
    grade: str,
    first: str | None = None,
    round_at: tuple[int, int] | None = None,
    story: str | None = None,
) -> SessionInfo:
    """A spoken interview; `first` is the first answer's grade before an answered follow-up."""
    info = store.begin("interview", "outage", "audio", story=story)
    transcript = spoken_transcript()
    card = scorecard_for(transcript, grade)
    extra: dict[str, object] = {}
    if first is not None:
        ask = FollowUp("prevention", "signal", "What changed so it cannot recur?", "no prevention")
        follow = outcome(ask, scorecard_for(transcript, first), card).to_dict()
        extra["follow_up"] = follow
    if round_at is not None:
        extra["round"] = {"id": "20261206-100000-abcd", "question": round_at[0], "of": round_at[1]}
    return store.finish(info, transcript, card, pacing_for(transcript), extra=extra)


@pytest.fixture
def story_sessions() -> list[SessionInfo]:
    store = SessionStore()
    StoryBank().ensure("checkout rollback")
    return [
        _session(store, "C", story="checkout rollback"),
        _session(store, "B", first="C", round_at=(1, 2)),
        _session(store, "A-", round_at=(2, 2), story="checkout rollback"),
        _session(store, "A", first="B+"),
    ]


def test_json_carries_follow_ups_and_rounds(story_sessions: list[SessionInfo]) -> None:
    data = json.loads(CliRunner().invoke(main, ["history", "--json"]).output)
    by_id = {s["id"]: s for s in data["sessions"]}
    raised = by_id[story_sessions[1].id]
    assert (raised["follow_up"], raised["first_grade"], raised["grade"]) == ("prevention", "C", "B")
    assert (raised["round_question"], raised["round_size"]) == (1, 2)
    plain = by_id[story_sessions[0].id]
    assert plain["follow_up"] is None and plain["round_id"] is None
    (round_row,) = data["rounds"]
    assert round_row["grades"] == ["C→B", "A-"] and round_row["asked"] == 2
    assert round_row["follow_ups"] == 1
    assert {"sessions", "signals", "target_s"} <= set(data)  # the keys that were there stay


def test_table_and_chart_show_them(story_sessions: list[SessionInfo]) -> None:
    out = CliRunner().invoke(main, ["history", "--chart"], env={"COLUMNS": "140"}).output
    assert "C→B" in out and "B+→A" in out and "prevention" in out
    assert "round 1/2" in out and "round 2/2" in out
    assert "Mock rounds" in out and "C→B  A-" in out
    chart = out[out.index("Progress") :]
    (raised,) = [line for line in chart.splitlines() if "C→B" in line]
    assert "\u2592" in raised and re.search(r"1/2\s*│$", raised), raised
    (plain,) = [line for line in chart.splitlines() if "│ C " in line]
    assert "\u2592" not in plain
    assert "what the follow-up added" in chart


def test_story_filter(story_sessions: list[SessionInfo]) -> None:
    data = json.loads(
        CliRunner().invoke(main, ["history", "--json", "--story", "Checkout Rollback"]).output
    )
    assert [s["id"] for s in data["sessions"]] == [story_sessions[2].id, story_sessions[0].id]
    assert data["signals"]["timeline"]["sessions"] == 2
    unknown = CliRunner().invoke(main, ["history", "--story", "nope"])
    assert unknown.exit_code == 2 and unknown.stderr.count("\n") == 1


@pytest.mark.parametrize("width", WIDTHS)
def test_history_with_follow_ups_splits_no_word(
    story_sessions: list[SessionInfo], width: int
) -> None:
    def run(columns: int) -> str:
        result = CliRunner().invoke(main, ["history", "--chart"], env={"COLUMNS": str(columns)})
        assert result.exit_code == 0, result.output
        return result.output

    narrow = run(width)
    assert not _split_words(run(WIDE), narrow, width), narrow
    chart = narrow[narrow.index("Progress") :].splitlines()
    assert all(len(line) <= width for line in chart), "\n".join(chart)
