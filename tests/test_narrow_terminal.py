"""Every command's output at 60, 80 and 120 columns: no word split, distinct values distinct.

Each command runs with COLUMNS set (rich sizes its console from it, and so does the plain
text the project wraps itself). A terminal cuts a line longer than its width at that column,
wherever the column falls, so every line is cut the same way here before it is checked. A word
is split when the narrow output holds a piece of text the same output at 250 columns does not.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from mock_interviewer.cli import main
from mock_interviewer.drill.result import RoundResult, round_lines
from mock_interviewer.drill.scoring import PartTime
from mock_interviewer.sessions import SessionStore
from mock_interviewer.stories import StoryBank
from mock_interviewer.wrapping import fit
from session_fixtures import scorecard_for, spoken_session, spoken_transcript, typed_session

WIDTHS = (60, 80, 120)
WIDE = 250
ANSWER = (
    "At 14:02 we were paged for checkout errors. By 14:10 we rolled back the deploy because "
    "it was the cheapest reversible action. The root cause was a missing guardrail: the pool "
    "size had no validation. The fix was a config check; the prevention was a required canary "
    "stage. Next time I would broadcast status at minute two. Two weeks later the canary "
    "stage was required for every config change."
)
_BAR = re.compile(r"[\u2580-\u259f|]+")
_TOKEN = re.compile(r"[^\s│┃┆┊║|╭╮╰╯─━═┏┓┗┛┡┩┃╇╈┳┻╋┬┴┼├┤┌┐└┘]+")


def _cut(text: str, width: int) -> list[str]:
    """Lines as a terminal `width` columns wide shows them: longer ones cut at the column."""
    out: list[str] = []
    for line in text.splitlines():
        while len(line) > width:
            out.append(line[:width])
            line = line[width:]
        out.append(line)
    return out


def _tokens(lines: list[str]) -> set[str]:
    """Words on screen; bars (block characters) are left out: they scale with the width."""
    return {t for line in lines for t in _TOKEN.findall(line) if not _BAR.fullmatch(t)}


def _split_words(text_wide: str, text_narrow: str, width: int) -> list[str]:
    """Pieces of words in the narrow output that the wide output does not have.

    A word longer than the whole line (a path) cannot be kept whole: it is only required to
    start its own line, so its pieces are not counted.
    """
    wide = _tokens(_cut(text_wide, WIDE))
    narrow = _cut(text_narrow, width)
    too_long = [w for w in wide if len(w) > width - 4]
    pieces = _tokens(narrow) - wide
    return sorted(p for p in pieces if not any(p in w for w in too_long))


def _run(args: list[str], width: int) -> str:
    result = CliRunner().invoke(main, args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, f"{args} at {width}: {result.output}"
    return result.output


@pytest.fixture
def data(tmp_path: Path) -> dict[str, str]:
    """Sessions of every kind the views show: spoken, typed, graded A and A-, interrupted."""
    store = SessionStore()
    spoken = spoken_session(store, grade="A")
    spoken_session(store, grade="A-")
    typed_session(store, grade="B+")
    store.mark(store.begin("interview", "outage", "audio"), "interrupted")
    for landed, delta in ((True, 4.0), (False, -31.0)):
        drill = store.begin("drill", "outage", "audio")
        transcript = spoken_transcript()
        extra = {"mode": "section", "section": "detection to mitigation", "target_s": 30.0}
        extra.update(delta_s=delta, landed=landed, error=delta, round=1, rounds=1)
        store.finish(drill, transcript, scorecard_for(transcript), None, extra=extra)
    StoryBank().ensure("checkout rollback")
    answer = tmp_path / "answer.txt"
    answer.write_text(ANSWER)
    return {"spoken": spoken.id, "answer": str(answer)}


def _commands(data: dict[str, str]) -> list[list[str]]:
    return [
        ["score", data["answer"], "--prompt", "outage", "--no-save"],
        ["history"],
        ["history", "--chart"],
        ["stories"],
        ["stories", "show", "checkout rollback"],
        ["prompts"],
        ["doctor"],
        ["replay", data["spoken"], "--no-audio"],
        ["export", data["spoken"], "--format", "md"],
        ["history", "--drills"],
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_drill_results_split_no_word(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    parts = (PartTime("set-up", 0.6, 4.5), PartTime("detection to mitigation", 5.1, 16.9))
    result = RoundResult(
        1, "words", 120.0, 10.0, True, duration_s=90.0, words=200, budget=(250, 350)
    )
    result = replace(
        result, parts=(*parts, PartTime("fix", None, 0.0), PartTime("prevention", None, 0.0))
    )

    def text(columns: int) -> str:
        monkeypatch.setenv("COLUMNS", str(columns))
        return "\n".join(fit(line) for line in round_lines(result)) + "\n"

    narrow = text(width)
    assert not _split_words(text(WIDE), narrow, width), narrow


@pytest.mark.parametrize("width", WIDTHS)
def test_no_word_is_split(data: dict[str, str], width: int) -> None:
    for args in _commands(data):
        if args == ["doctor"]:
            continue  # below: it may exit 1 on a machine without a sound device
        narrow = _run(args, width)
        split = _split_words(_run(args, WIDE), narrow, width)
        assert not split, f"`{' '.join(args)}` at {width} columns splits: {split}\n{narrow}"


@pytest.mark.parametrize("width", WIDTHS)
def test_doctor_splits_no_word(width: int) -> None:
    def run(columns: int) -> str:
        return CliRunner().invoke(main, ["doctor"], env={"COLUMNS": str(columns)}).output

    narrow = run(width)
    assert not _split_words(run(WIDE), narrow, width), narrow


@pytest.mark.parametrize("width", WIDTHS)
def test_history_chart_keeps_grades_apart(data: dict[str, str], width: int) -> None:
    lines = _run(["history", "--chart"], width).splitlines()
    chart = lines[next(i for i, line in enumerate(lines) if "Progress" in line) :]
    assert all(len(line) <= width for line in chart), "\n".join(chart)
    rows = [line for line in chart if re.search(r"\d{4}-\d\d-\d\d", line)]
    cells = [[c.strip() for c in row.split("│")[1:-1]] for row in rows]  # date, grade, bar, length
    bars: dict[str, set[str]] = {}
    for cell in cells:
        bars.setdefault(cell[1], set()).add(cell[2])
    assert {"A", "A-", "B+"} <= set(bars), "\n".join(chart)
    assert all(len(b) == 1 for b in bars.values()), "\n".join(chart)  # one grade, one bar
    drawn = [next(iter(b)) for b in bars.values()]
    assert len(set(drawn)) == len(drawn), "\n".join(chart)  # different grades, different bars
    assert len(next(iter(bars["A"]))) >= len(next(iter(bars["A-"]))), "\n".join(chart)
    assert "…" not in "\n".join(chart)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_saved_hint_is_whole(data: dict[str, str], width: int) -> None:
    out = _run(["score", data["answer"], "--prompt", "outage"], width)
    lines = _cut(out, width)
    (hint,) = [line for line in lines if "Saved as session" in line]
    found = re.search(r"Saved as session (\d{8}-\d{6}-[0-9a-f]{4})", hint)
    assert found, out
    for command in ("replay", "report"):  # each command whole on one line, to copy
        assert f"  mock-interviewer {command} {found.group(1)}" in lines, out
