"""`compare`: two answers side by side, signals gained and lost, delivery, sentences aligned."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from mock_interviewer.cli import main
from mock_interviewer.compare import align
from mock_interviewer.errors import ExitCode
from mock_interviewer.scorecard import SIGNALS
from mock_interviewer.sessions import SessionStore
from session_fixtures import STORY, spoken_session
from test_narrow_terminal import WIDE, WIDTHS, _split_words

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audio"


def _score(path: Path, prompt: str = "outage") -> dict[str, object]:
    result = CliRunner().invoke(main, ["score", str(path), "--prompt", prompt, "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def _met(card: dict[str, object]) -> set[str]:
    signals = card["signals"]
    assert isinstance(signals, dict)
    return {s for s in SIGNALS if signals[s]["met"]}


@pytest.fixture
def two_answers() -> tuple[dict[str, object], dict[str, object]]:
    """A weak and then a strong typed answer to the same question, scored for real."""
    before = _score(FIXTURES / "blame_answer.txt")
    _score(FIXTURES / "hero_answer.txt", prompt="stressful")  # another question in between
    after = _score(FIXTURES / "demo_answer.txt")
    return before, after


def test_no_arguments_compares_the_last_two_answers_to_one_question(
    two_answers: tuple[dict[str, object], dict[str, object]],
) -> None:
    before, after = two_answers
    result = CliRunner().invoke(main, ["compare", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["then"]["session"] == before["session"]
    assert data["now"]["session"] == after["session"]
    gained = [s for s in SIGNALS if s in _met(after) - _met(before)]
    lost = [s for s in SIGNALS if s in _met(before) - _met(after)]
    assert gained and data["signals_gained"] == gained
    assert data["signals_lost"] == lost
    assert "blame" in data["pitfalls_cleared"]
    assert data["then"]["grade"] == before["grade"] and data["now"]["grade"] == after["grade"]
    for verdict in data["verdicts"]:
        if verdict["now"] and verdict["kind"] == "signal":
            assert verdict["now_evidence"], verdict  # a met signal shows its words
    text = CliRunner().invoke(main, ["compare"], env={"COLUMNS": "120"})
    assert text.exit_code == 0, text.output
    assert f"Signals gained: {', '.join(gained)}." in text.output
    assert f"Signals lost: {', '.join(lost) or 'none'}." in text.output


def test_order_and_one_argument(two_answers: tuple[dict[str, object], dict[str, object]]) -> None:
    before, after = two_answers
    for args in ([str(after["session"]), str(before["session"])], [str(after["session"])]):
        result = CliRunner().invoke(main, ["compare", *args, "--json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        assert (data["then"]["session"], data["now"]["session"]) == (
            before["session"],
            after["session"],
        )


def test_html_page(
    two_answers: tuple[dict[str, object], dict[str, object]], tmp_path: Path
) -> None:
    page = tmp_path / "compare.html"
    result = CliRunner().invoke(main, ["compare", "--html", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text()
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "<script" not in html and "http" not in html.split("</head>")[1]
    assert 'class="gained"' in html and "Signals gained:" in html
    assert page.stat().st_mode & 0o777 == 0o600


def test_spoken_sessions_show_length_pace_fillers_pauses() -> None:
    store = SessionStore()
    spoken_session(store, grade="B")
    spoken_session(store, text=STORY.replace("The fix was a", "The fix was in the end a"))
    data = json.loads(CliRunner().invoke(main, ["compare", "--json"]).output)
    assert data["then"]["fillers"] == data["now"]["fillers"] == 1
    assert data["then"]["long_pauses"] == 1 and data["then"]["wpm"] > 100
    assert data["now"]["duration_s"] > data["then"]["duration_s"] > 10
    assert data["now"]["words"] == data["then"]["words"] + 3
    ops = [(c["op"], c["then"], c["now"]) for c in data["sentences"]]
    assert ops == [("replace", ["The fix was a timeout, shipped at T+60."],
                    ["The fix was in the end a timeout, shipped at T+60."])]  # fmt: skip
    assert data["unchanged_sentences"] == 6
    out = CliRunner().invoke(main, ["compare"], env={"COLUMNS": "100"}).output
    assert re.search(r"length\s+│\s+0:\d\d\s+│\s+0:\d\d", out), out


def test_align_pairs_rewrites_and_names_drops_and_additions() -> None:
    before = ["We got paged at two.", "I rolled back the deploy.", "Then we went home."]
    after = ["We got paged at two.", "I rolled the deploy back at once.", "We added a canary."]
    changes, same = align(before, after)
    assert same == 1
    assert [(c.op, c.then, c.now) for c in changes] == [
        ("replace", ("I rolled back the deploy.",), ("I rolled the deploy back at once.",)),
        ("delete", ("Then we went home.",), ()),
        ("insert", (), ("We added a canary.",)),
    ]
    assert align(["Same, words."], ["same words"]) == ([], 1)  # punctuation and case aside


def test_refusals_are_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["compare"])
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.count("\n") == 1 and "no two answers" in result.stderr
    info = spoken_session(SessionStore())
    for args in (
        ["compare", info.id],
        ["compare", info.id, info.id],
        ["compare", "20990101-000000-abcd", info.id],
        ["compare", "--open"],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == ExitCode.USAGE, args
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.output, args


@pytest.mark.parametrize("width", WIDTHS)
def test_compare_splits_no_word(
    two_answers: tuple[dict[str, object], dict[str, object]], width: int
) -> None:
    def run(columns: int) -> str:
        result = CliRunner().invoke(main, ["compare"], env={"COLUMNS": str(columns)})
        assert result.exit_code == 0, result.output
        return result.output

    narrow = run(width)
    assert not _split_words(run(WIDE), narrow, width), narrow
