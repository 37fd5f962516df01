"""Your own questions: `prompts add`, the questions file checked line by line, asked and scored."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from fake_stt import install
from mock_interviewer.cli import main
from mock_interviewer.errors import ExitCode, PromptError
from mock_interviewer.interview import Interview
from mock_interviewer.prompts import STANDARD_IDS, get_prompt, load_bank, random_prompt
from mock_interviewer.user_prompts import user_file
from test_narrow_terminal import WIDE, WIDTHS, _split_words

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audio"
BLAME = (FIXTURES / "blame_answer.txt").read_text().strip()
DEMO = (FIXTURES / "demo_answer.txt").read_text().strip()
QUESTION = "Tell me about a database migration that went wrong."


@pytest.fixture
def spoken(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the interviewer says aloud, in order (no speaker needed)."""
    said: list[str] = []
    monkeypatch.setattr(Interview, "speak", lambda self, text, *a, **k: said.append(text))
    return said


def _add(*args: str) -> None:
    result = CliRunner().invoke(main, ["prompts", "add", *args])
    assert result.exit_code == 0, result.output


def _interview(prompt_id: str) -> dict[str, object]:
    args = ["interview", "--prompt", prompt_id, "--no-follow-up", "--json"]
    result = CliRunner().invoke(main, [*args, "--input", str(FIXTURES / "blame_answer.flac")])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_add_then_interview_asks_and_scores_it_then_compare(
    monkeypatch: pytest.MonkeyPatch, spoken: list[str]
) -> None:
    _add("--id", "db-migration", "--like", "outage", "--question", QUESTION)
    install(monkeypatch, [BLAME, DEMO])
    first = _interview("db-migration")
    assert spoken[0] == QUESTION  # asked aloud first, in the user's words
    assert first["prompt"] == "db-migration"
    outage = get_prompt("outage")
    expectations = first["expectations"]
    assert isinstance(expectations, list)
    assert [e["id"] for e in expectations] == [e.id for e in outage.expectations]
    second = _interview("db-migration")
    result = CliRunner().invoke(main, ["compare", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["then"]["session"] == first["session"]
    assert data["now"]["session"] == second["session"]
    assert data["same_prompt"] is True and data["signals_gained"]


def test_a_question_standing_alone_uses_the_six_signals(
    monkeypatch: pytest.MonkeyPatch, spoken: list[str]
) -> None:
    _add("--id", "handover", "--question", "How do you hand over an incident at shift end?")
    prompt = get_prompt("handover")
    assert prompt.expectations == () and prompt.follow_ups == {} and prompt.like is None
    install(monkeypatch, [BLAME])
    data = _interview("handover")
    assert data["prompt"] == "handover" and data["expectations"] == []
    assert spoken[0] == "How do you hand over an incident at shift end?"


def test_prompts_lists_both_marked(monkeypatch: pytest.MonkeyPatch) -> None:
    _add("--id", "db-migration", "--like", "outage", "--question", QUESTION)
    _add("--id", "handover", "--question", "How do you hand over on-call?", "--title", "Handover")
    data = json.loads(CliRunner().invoke(main, ["prompts", "--json"]).output)
    assert [p["id"] for p in data[:6]] == list(STANDARD_IDS)
    assert all(p["origin"] == "bank" and len(p["phrasings"]) >= 2 for p in data[:6])
    assert [(p["id"], p["origin"], p["like"]) for p in data[6:]] == [
        ("db-migration", "yours", "outage"),
        ("handover", "yours", None),
    ]
    text = CliRunner().invoke(main, ["prompts"], env={"COLUMNS": "120"}).output
    assert text.count("(yours)") == 2 and "(like outage)" in text
    assert user_file().stat().st_mode & 0o777 == 0o600
    removed = CliRunner().invoke(main, ["prompts", "remove", "handover"])
    assert removed.exit_code == 0, removed.output
    ids = [p["id"] for p in json.loads(CliRunner().invoke(main, ["prompts", "--json"]).output)]
    assert ids[-1] == "db-migration" and "handover" not in ids


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--id", "outage", "--question", QUESTION], "already a question"),
        (["--id", "Bad Id", "--question", QUESTION], "--id:"),
        (["--id", "ok", "--like", "nope", "--question", QUESTION], "--like:"),
        (["--id", "ok", "--question", "   "], "--question is empty"),
        (["--id", "ok", "--question", "why " * 100], "over 300 characters"),
    ],
)
def test_add_refuses_in_one_line(args: list[str], expected: str) -> None:
    result = CliRunner().invoke(main, ["prompts", "add", *args])
    assert result.exit_code == ExitCode.USAGE, result.output
    assert result.stderr.count("\n") == 1 and expected in result.stderr, result.stderr
    assert not user_file().exists()


BROKEN = [
    ('[[question]]\nid = "a"\nquestion = "Why?\n', 3, "line"),  # unterminated string
    ('[[question]]\nid = "a"\nquestion = "Why?"\nlik = "outage"\n', 4, "unknown key 'lik'"),
    (
        '[[question]]\nid = "a"\nquestion = "Why?"\n\n[[question]]\nid = "b"\nlike = "x"\n'
        'question = "How?"\n',
        7,
        "'like' must be one of",
    ),
    (
        '[[question]]\nid = "a"\nquestion = "Why?"\n[[question]]\nid = "a"\nquestion = "How?"\n',
        5,
        "already another of your questions",
    ),
    ('[[question]]\nid = "a"\n', 1, "needs 'question'"),
    ('[[question]]\nid = "critical_bug"\nquestion = "Why?"\n', 2, "already a bank question"),
    ('title = "x"\n', None, "unknown key 'title'"),
]


@pytest.mark.parametrize(("text", "line", "expected"), BROKEN)
def test_a_broken_file_is_named_with_its_line(text: str, line: int | None, expected: str) -> None:
    path = user_file()
    path.write_text(text)
    result = CliRunner().invoke(main, ["prompts"])
    assert result.exit_code == ExitCode.FAILED
    (message,) = result.stderr.splitlines()
    assert message.startswith(f"Error: {path}{f' line {line}' if line else ''}:"), message
    assert expected in message and "fix the file" in message, message
    with pytest.raises(PromptError):
        get_prompt("outage")  # every command that reads the questions says the same
    added = CliRunner().invoke(main, ["prompts", "add", "--id", "z", "--question", "Why?"])
    assert added.exit_code == ExitCode.FAILED and path.read_text() == text  # left as it was


def test_random_chooses_among_the_wordings() -> None:
    rng = random.Random(7)
    seen = {random_prompt(rng).question for _ in range(400)}
    every = {w for p in load_bank().values() for w in p.wordings}
    assert seen == every  # each wording of each question comes up, and nothing else
    assert all(re.search(r"[.?]$", w) for w in every)


@pytest.mark.parametrize("width", WIDTHS)
def test_prompts_with_yours_split_no_word(width: int) -> None:
    _add("--id", "db-migration", "--like", "outage", "--question", QUESTION)

    def run(columns: int) -> str:
        return CliRunner().invoke(main, ["prompts"], env={"COLUMNS": str(columns)}).output

    narrow = run(width)
    assert not _split_words(run(WIDE), narrow, width), narrow
