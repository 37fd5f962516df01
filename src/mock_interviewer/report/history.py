"""Progress over past sessions: rows for `history`, per-signal hit rates and their trend."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from mock_interviewer.errors import SessionError
from mock_interviewer.report.annotations import format_target
from mock_interviewer.scorecard import SIGNALS, TARGET_SECONDS
from mock_interviewer.sessions import SessionInfo, SessionStore
from mock_interviewer.wording import plural

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

GRADE_POINTS = {
    "A+": 4.3,
    "A": 4.0,
    "A-": 3.7,
    "B+": 3.3,
    "B": 3.0,
    "B-": 2.7,
    "C+": 2.3,
    "C": 2.0,
    "C-": 1.7,
    "D+": 1.3,
    "D": 1.0,
    "D-": 0.7,
    "F": 0.0,
}
TREND_MIN_SESSIONS = 4  # fewer than this and a trend means nothing
TREND_STEP = 0.15  # change in hit rate (newer half vs older half) that counts as a trend
BAR_WIDTH = 30  # characters in a full bar of the chart
MIN_BAR_WIDTH = 10  # bars shrink to fit a narrow terminal, never below this


@dataclass(frozen=True)
class HistoryRow:
    """One line of `history`."""

    id: str
    date: str  # "YYYY-MM-DD HH:MM" UTC
    created: str
    kind: str
    status: str
    prompt: str | None
    source: str
    grade: str | None
    duration_s: float | None
    wpm: float | None
    words: int | None
    story: str | None
    follow_up: str | None = None  # the weakness the follow-up probed
    first_grade: str | None = None  # the first answer's grade, when the follow-up was answered
    round_id: str | None = None  # the mock round the question was asked in
    round_question: int | None = None  # its place in the round, from 1
    round_size: int | None = None

    @property
    def grade_shown(self) -> str:
        """The grade, "C→B" after an answered follow-up, or why there is none."""
        if self.status != "complete" or not self.grade:
            return self.status.replace("_", " ")
        return f"{self.first_grade}→{self.grade}" if self.first_grade else self.grade

    @property
    def kind_shown(self) -> str:
        """The kind, or "round 2/3" for a question of a mock round."""
        if self.round_question is not None:
            return f"round {self.round_question}/{self.round_size or self.round_question}"
        return self.kind

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of `history --json` sessions."""
        data = asdict(self)
        for key in ("duration_s", "wpm"):
            if data[key] is not None:
                data[key] = round(data[key], 1)
        return data


@dataclass(frozen=True)
class SignalTrend:
    """How often one signal was met over recent sessions, oldest first."""

    signal: str
    hits: tuple[bool, ...]
    direction: str  # "up", "down", "flat" or "unknown" (too few sessions)

    @property
    def hit_rate(self) -> float:
        """Share of sessions that met the signal."""
        return sum(self.hits) / len(self.hits) if self.hits else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of `history --json` signals."""
        return {
            "hit_rate": round(self.hit_rate, 3),
            "sessions": len(self.hits),
            "hits": list(self.hits),
            "trend": self.direction,
        }


def history_rows(infos: Sequence[SessionInfo]) -> list[HistoryRow]:
    """Table rows, in the order given (the store lists newest first)."""
    return [
        HistoryRow(
            id=i.id,
            date=i.created[:16].replace("T", " "),
            created=i.created,
            kind=i.kind,
            status=i.status,
            prompt=i.prompt_id,
            source=i.source,
            grade=i.grade,
            duration_s=i.duration_s,
            wpm=i.wpm,
            words=i.words,
            story=i.story,
            **_story_parts(i.extra),
        )
        for i in infos
    ]


def _story_parts(extra: dict[str, Any]) -> dict[str, Any]:
    """The follow-up and round fields of a row, from the session's extra."""
    out: dict[str, Any] = {}
    follow = extra.get("follow_up")
    if isinstance(follow, dict) and follow.get("target"):
        out["follow_up"] = str(follow["target"])
        if follow.get("answered", True) and follow.get("first_answer_grade"):
            out["first_grade"] = str(follow["first_answer_grade"])
    asked = extra.get("round")
    if isinstance(asked, dict) and asked.get("id"):
        out["round_id"] = str(asked["id"])
        out["round_question"] = _int(asked.get("question"))
        out["round_size"] = _int(asked.get("of"))
    return out


def _int(value: object) -> int | None:
    if not isinstance(value, (int, float, str)):
        return None
    try:
        return int(value)
    except ValueError:
        return None


def signal_trends(store: SessionStore, infos: Sequence[SessionInfo]) -> list[SignalTrend]:
    """Per-signal hits over the complete sessions among `infos` (any order), oldest first.

    Drills are left out: a section drill tells one part of the story by design.
    """
    complete = sorted(
        (i for i in infos if i.status == "complete" and i.kind != "drill"),
        key=lambda i: i.created,
    )
    cards = []
    for info in complete:
        try:
            cards.append(store.load(info.id).scorecard)
        except SessionError:
            continue  # a damaged folder should not hide the rest of the history
    trends = []
    for signal in SIGNALS:
        hits = tuple(bool(c.signals[signal].hit) for c in cards if signal in c.signals)
        trends.append(SignalTrend(signal, hits, _direction(hits)))
    return trends


def sessions_for(store: SessionStore, limit: int | None, story: str | None) -> list[SessionInfo]:
    """The newest `limit` sessions (demos aside), or the answers told with `story`."""
    if story is None:
        return store.list(limit=limit)
    tagged = [i for i in store.list() if i.story == story and i.kind != "drill"]
    return tagged[:limit] if limit is not None else tagged


def history_json(
    store: SessionStore, limit: int | None = None, story: str | None = None
) -> dict[str, Any]:
    """`history --json`: sessions newest first, rounds, per-signal hit rates over them."""
    from mock_interviewer.report.history_rounds import round_rows

    infos = sessions_for(store, limit, story)
    rows = history_rows(infos)
    return {
        "sessions": [row.to_dict() for row in rows],
        "rounds": [r.to_dict() for r in round_rows(rows)],
        "signals": {t.signal: t.to_dict() for t in signal_trends(store, infos)},
        "target_s": TARGET_SECONDS,
    }


def grade_points(grade: str | None) -> float | None:
    """A grade on a 0 to 4.3 scale, for charts; None when unknown."""
    return None if grade is None else GRADE_POINTS.get(grade.strip().upper())


def history_table(rows: Sequence[HistoryRow], width: int | None = None) -> Table:
    """A rich Table of sessions that fits `width` columns without splitting a word.

    Every cell stays on one line; when the table would be wider than the terminal the date
    goes first (the session id starts with the same date and time), then the follow-up's
    target, then the kind, then the pace. A grade "C→B" says a follow-up raised it.
    """
    from rich import box
    from rich.table import Table

    cells = {
        "Date (UTC)": [r.date for r in rows],
        "Session": [r.id for r in rows],  # users copy ids from here: never cut them
        "Kind": [r.kind_shown for r in rows],
        "Prompt": [r.prompt or "-" for r in rows],
        "Grade": [r.grade_shown for r in rows],  # or why there is none: interrupted, no answer
        "Follow-up": [r.follow_up or "-" for r in rows],
        "Length": ["-" if r.duration_s is None else mmss(r.duration_s) for r in rows],
        "WPM": ["-" if r.wpm is None else f"{r.wpm:.0f}" for r in rows],
    }
    names = list(cells)
    if not any(r.follow_up for r in rows):
        names.remove("Follow-up")
    for optional in ("Date (UTC)", "Follow-up", "Kind", "WPM"):
        if optional not in names:
            continue
        if width is None or table_width(cells, names) <= width:
            break
        names.remove(optional)
    table = Table(
        title="Sessions (newest first)", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True
    )
    for name in names:
        header = "Session (UTC)" if name == "Session" and "Date (UTC)" not in names else name
        right = name in ("Length", "WPM")
        table.add_column(header, justify="right" if right else "left", no_wrap=True)
    for i in range(len(rows)):
        table.add_row(*(cells[name][i] for name in names))
    if any(r.first_grade for r in rows):
        table.caption = "C→B: the first answer's grade, then the whole story's with its follow-up."
    return table


def table_width(
    cells: dict[str, list[str]], names: Sequence[str], wraps: Sequence[str] = ()
) -> int:
    """Columns a SIMPLE_HEAD table needs (one space each side between columns) with one-line
    cells, or, in the `wraps` columns, cells wrapped between words."""
    widths = []
    for name in names:
        words = [len(w) for w in name.split()]
        if name in wraps:
            words += [len(w) for c in cells[name] for w in c.split()]
        else:
            words += [len(c) for c in cells[name]]
        widths.append(max(words))
    return sum(widths) + 2 * (len(widths) - 1) + 2  # the box's blank edges, one each side


def trend_table(trends: Sequence[SignalTrend]) -> Table:
    """A rich Table of per-signal hit rates with their trend."""
    from rich.table import Table

    arrows = {"up": "\u2191 improving", "down": "\u2193 slipping", "flat": "\u2192 steady"}
    n = max((len(t.hits) for t in trends), default=0)
    table = Table(title=f"Signals met over the last {plural(n, 'complete session')}, oldest first")
    for name in ("Signal", "Hit rate", "Sessions", "Trend"):
        table.add_column(name)
    for t in trends:
        marks = "".join("\u2713" if h else "\u00b7" for h in t.hits)
        table.add_row(
            t.signal,
            f"{_bar(t.hit_rate, 10)} {t.hit_rate:4.0%}",
            marks or "-",
            arrows.get(t.direction, "not enough sessions"),
        )
    return table


def history_chart(infos: Sequence[SessionInfo], width: int | None = None) -> Table:
    """A rich Table drawn as a chart: grade and length per complete session, oldest first.

    The bars shrink to fit `width` columns (never cut with an ellipsis, so different grades
    keep different bars); each cell stays on one line. After an answered follow-up the grade
    bar shows the first answer's grade solid and what the follow-up added shaded; a question
    of a mock round says which one it was in a last column, where the width allows.
    """
    from rich.table import Table
    from rich.text import Text

    done = sorted((i for i in infos if i.status == "complete"), key=lambda i: i.created)
    rows = history_rows(done)
    # date 16, grade 5, " m:ss" 5, borders and padding 13; a round column 8 more
    rounds = any(r.round_question is not None for r in rows)
    rounds = rounds and (width is None or width >= 47 + 2 * MIN_BAR_WIDTH)
    bar_width = BAR_WIDTH
    if width is not None:
        bar_width = max(MIN_BAR_WIDTH, min(BAR_WIDTH, (width - 39 - 8 * rounds) // 2))
    table = Table(title="Progress (oldest first)")
    table.add_column("Date (UTC)", no_wrap=True)
    table.add_column("Grade", no_wrap=True)
    table.add_column("Grade bar", no_wrap=True, min_width=bar_width)
    table.add_column(f"Length (| {format_target(TARGET_SECONDS)})", no_wrap=True)
    if rounds:
        table.add_column("Round", no_wrap=True)
    longest = max([i.duration_s or 0.0 for i in infos] + [TARGET_SECONDS * 1.5])
    for info, row in zip(done, rows, strict=True):
        grade_bar = _grade_bar(row, bar_width)
        length = Text("typed", style="dim")
        if info.duration_s is not None:
            cells = round(info.duration_s / longest * bar_width)
            mark = round(TARGET_SECONDS / longest * bar_width)
            line = ["\u2588" if c < cells else " " for c in range(bar_width)]
            line[min(mark, bar_width - 1)] = "|"
            over = info.duration_s > TARGET_SECONDS
            length = Text("".join(line) + f" {mmss(info.duration_s)}")
            length.stylize("red" if over else "cyan", 0, bar_width)
        asked = "" if row.round_question is None else f"{row.round_question}/{row.round_size}"
        table.add_row(row.date, row.grade_shown, grade_bar, length, *([asked] if rounds else []))
    if any(r.first_grade for r in rows):
        table.caption = "\u2592 what the follow-up added to the first answer's grade"
    return table


def _grade_bar(row: HistoryRow, width: int) -> Text:
    """The grade as a bar; after a follow-up, the first answer's part solid, the rest shaded."""
    from rich.text import Text

    points = grade_points(row.grade)
    if points is None:
        return Text("-")
    bar = _bar(points / 4.3, width)
    first = grade_points(row.first_grade)
    if first is None or first >= points:
        return Text(bar, style="green")
    solid = round(first / 4.3 * width)
    shaded = "".join("\u2592" if c != " " else c for c in bar[solid:])
    text = Text(bar[:solid], style="green")
    text.append(shaded, style="yellow")
    return text


def _direction(hits: tuple[bool, ...]) -> str:
    if len(hits) < TREND_MIN_SESSIONS:
        return "unknown"
    half = len(hits) // 2
    older, newer = hits[:half], hits[-half:]
    change = sum(newer) / len(newer) - sum(older) / len(older)
    if change >= TREND_STEP:
        return "up"
    if change <= -TREND_STEP:
        return "down"
    return "flat"


def _bar(fraction: float, width: int) -> str:
    eighths = round(max(0.0, min(fraction, 1.0)) * width * 8)
    full, part = divmod(eighths, 8)
    partial = " \u258f\u258e\u258d\u258c\u258b\u258a\u2589"[part] if part else ""
    return ("\u2588" * full + partial).ljust(width)


def mmss(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"
