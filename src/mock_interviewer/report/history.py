"""Progress over past sessions: rows for `history`, per-signal hit rates and their trend."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from mock_interviewer.errors import SessionError
from mock_interviewer.report.annotations import format_target
from mock_interviewer.scorecard import SIGNALS, TARGET_SECONDS
from mock_interviewer.sessions import SessionInfo, SessionStore
from mock_interviewer.wording import plural

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
        )
        for i in infos
    ]


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


def history_json(store: SessionStore, limit: int | None = None) -> dict[str, Any]:
    """`history --json`: sessions newest first, per-signal hit rates over them."""
    infos = store.list(limit=limit)
    return {
        "sessions": [row.to_dict() for row in history_rows(infos)],
        "signals": {t.signal: t.to_dict() for t in signal_trends(store, infos)},
        "target_s": TARGET_SECONDS,
    }


def grade_points(grade: str | None) -> float | None:
    """A grade on a 0 to 4.3 scale, for charts; None when unknown."""
    return None if grade is None else GRADE_POINTS.get(grade.strip().upper())


def history_table(rows: Sequence[HistoryRow], width: int | None = None) -> Any:
    """A rich Table of sessions that fits `width` columns without splitting a word.

    Every cell stays on one line; when the table would be wider than the terminal the date
    goes first (the session id starts with the same date and time), then the kind, then the
    pace.
    """
    from rich import box
    from rich.table import Table

    cells = {
        "Date (UTC)": [r.date for r in rows],
        "Session": [r.id for r in rows],  # users copy ids from here: never cut them
        "Kind": [r.kind for r in rows],
        "Prompt": [r.prompt or "-" for r in rows],
        # or why there is none: interrupted, no answer
        "Grade": [
            r.grade if r.status == "complete" and r.grade else r.status.replace("_", " ")
            for r in rows
        ],
        "Length": ["-" if r.duration_s is None else _mmss(r.duration_s) for r in rows],
        "WPM": ["-" if r.wpm is None else f"{r.wpm:.0f}" for r in rows],
    }
    names = list(cells)
    for optional in ("Date (UTC)", "Kind", "WPM"):
        if width is None or _table_width(cells, names) <= width:
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
    return table


def _table_width(
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
    return sum(widths) + 2 * (len(widths) - 1)


_DRILL_COLUMNS = (
    "Session (UTC time)",
    "Mode",
    "Round",
    "Target",
    "Length",
    "Off by",
    "Landed",
    "Words",
    "WPM",
)


def trend_table(trends: Sequence[SignalTrend]) -> Any:
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


def history_chart(infos: Sequence[SessionInfo], width: int | None = None) -> Any:
    """A rich Table drawn as a chart: grade and length per complete session, oldest first.

    The bars shrink to fit `width` columns (never cut with an ellipsis, so different grades
    keep different bars); each cell stays on one line.
    """
    from rich.table import Table
    from rich.text import Text

    bar_width = BAR_WIDTH
    if width is not None:  # date 16, grade 5, " m:ss" 5, borders and padding 13
        bar_width = max(MIN_BAR_WIDTH, min(BAR_WIDTH, (width - 39) // 2))
    table = Table(title="Progress (oldest first)")
    table.add_column("Date (UTC)", no_wrap=True)
    table.add_column("Grade", no_wrap=True)
    table.add_column("Grade bar", no_wrap=True, min_width=bar_width)
    table.add_column(f"Length (| {format_target(TARGET_SECONDS)})", no_wrap=True)
    longest = max([i.duration_s or 0.0 for i in infos] + [TARGET_SECONDS * 1.5])
    for info in sorted((i for i in infos if i.status == "complete"), key=lambda i: i.created):
        points = grade_points(info.grade)
        grade_bar = Text("-" if points is None else _bar(points / 4.3, bar_width), style="green")
        length = Text("typed", style="dim")
        if info.duration_s is not None:
            cells = round(info.duration_s / longest * bar_width)
            mark = round(TARGET_SECONDS / longest * bar_width)
            line = ["\u2588" if c < cells else " " for c in range(bar_width)]
            line[min(mark, bar_width - 1)] = "|"
            over = info.duration_s > TARGET_SECONDS
            length = Text("".join(line) + f" {_mmss(info.duration_s)}")
            length.stylize("red" if over else "cyan", 0, bar_width)
        table.add_row(info.created[:16].replace("T", " "), info.grade or "-", grade_bar, length)
    return table


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


def _mmss(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


# --- drills: `history --drills` ------------------------------------------------------------------

CONVERGE_STEP_S = 2.0  # seconds of change in mean |error| (newer half vs older) that is a trend


@dataclass(frozen=True)
class DrillRow:
    """One drill round, as `history --drills` lists it."""

    id: str
    date: str  # "YYYY-MM-DD HH:MM" UTC
    created: str
    status: str
    mode: str | None  # "full", "section" or "words"
    prompt: str | None
    section: str | None
    target_s: float | None
    duration_s: float | None
    delta_s: float | None  # seconds over (+) or under (-) the target
    landed: bool | None
    error: float | None  # seconds off target, or words outside the budget
    words: int | None
    wpm: float | None
    round: int | None
    rounds: int | None
    drill: str | None  # the session id of the run's first round

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of `history --drills --json` rows."""
        data = asdict(self)
        for key in ("target_s", "duration_s", "delta_s", "error", "wpm"):
            if data[key] is not None:
                data[key] = round(data[key], 1)
        return data


def drill_rows(infos: Sequence[SessionInfo]) -> list[DrillRow]:
    """Rows for drill sessions among `infos`, in the order given (newest first from the store)."""
    rows = []
    for i in infos:
        if i.kind != "drill":
            continue
        x = i.extra
        rows.append(
            DrillRow(
                id=i.id,
                date=i.created[:16].replace("T", " "),
                created=i.created,
                status=i.status,
                mode=_opt(x.get("mode"), str),
                prompt=i.prompt_id,
                section=_opt(x.get("section"), str),
                target_s=_opt(x.get("target_s"), float),
                duration_s=i.duration_s,
                delta_s=_opt(x.get("delta_s"), float),
                landed=_opt(x.get("landed"), bool),
                error=_opt(x.get("error"), float),
                words=i.words,
                wpm=i.wpm,
                round=_opt(x.get("round"), int),
                rounds=_opt(x.get("rounds"), int),
                drill=_opt(x.get("drill"), str),
            )
        )
    return rows


def drill_summary(rows: Sequence[DrillRow]) -> dict[str, Any]:
    """Landing rate, streaks and whether the timing error is shrinking, over complete rounds."""
    from mock_interviewer.drill.scoring import streaks

    done = sorted((r for r in rows if r.status == "complete"), key=lambda r: r.created)
    landed = [bool(r.landed) for r in done]
    current, best = streaks(landed)
    timed = [abs(r.delta_s) for r in done if r.delta_s is not None and r.mode != "words"]
    return {
        "rounds": len(done),
        "landed": sum(landed),
        "landed_rate": round(sum(landed) / len(landed), 3) if landed else None,
        "streak": current,
        "best_streak": best,
        "mean_abs_delta_s": round(sum(timed) / len(timed), 2) if timed else None,
        "trend": _convergence(timed),
    }


def drills_json(store: SessionStore, limit: int | None = None) -> dict[str, Any]:
    """`history --drills --json`: drill rounds newest first and a summary over them."""
    rows = drill_rows(store.list(limit=limit, kind="drill"))
    return {"drills": [r.to_dict() for r in rows], "summary": drill_summary(rows)}


def drill_table(rows: Sequence[DrillRow], width: int | None = None) -> Any:
    """A rich Table of drill rounds with a summary caption, fitting `width` columns.

    Cells stay whole; a table too wide for the terminal leaves out the pace, the words, the
    round number and the length, in that order (the target and how far off remain).
    """
    from rich import box
    from rich.table import Table

    summary = drill_summary(rows)
    cells: dict[str, list[str]] = {name: [] for name in _DRILL_COLUMNS}
    for r in rows:
        mode = f"section {r.section}" if r.mode == "section" and r.section else (r.mode or "-")
        off = "-" if r.error is None else f"{r.error:+.0f}" + (" w" if r.mode == "words" else " s")
        mark = {True: "\u2713", False: "\u2717", None: "-"}[r.landed]
        values = (
            r.id,
            mode,
            "-" if r.round is None else f"{r.round}/{r.rounds or r.round}",
            "-" if r.target_s is None else _mmss(r.target_s),
            "-" if r.duration_s is None else _mmss(r.duration_s),
            off if r.status == "complete" else r.status.replace("_", " "),
            mark if r.status == "complete" else "-",
            "-" if r.words is None else str(r.words),
            "-" if r.wpm is None else f"{r.wpm:.0f}",
        )
        for name, value in zip(_DRILL_COLUMNS, values, strict=True):
            cells[name].append(value)
    names = list(_DRILL_COLUMNS)
    for optional in ("WPM", "Words", "Round", "Length"):
        if width is None or _table_width(cells, names, wraps=("Mode",)) <= width:
            break
        names.remove(optional)
    table = Table(
        title="Drills (newest first)", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True
    )
    for name in names:
        if name == "Mode":
            table.add_column(name)  # wraps between words only: each word fits
        else:
            right = name not in ("Session (UTC time)",)  # the id starts with date and time
            table.add_column(name, justify="right" if right else "left", no_wrap=True)
    for i in range(len(rows)):
        table.add_row(*(cells[name][i] for name in names))
    if summary["rounds"]:
        mean = summary["mean_abs_delta_s"]
        trend = "too few rounds for a trend" if summary["trend"] == "unknown" else summary["trend"]
        table.caption = (
            f"Landed {summary['landed']} of {summary['rounds']}; streak {summary['streak']} "
            f"(best {summary['best_streak']})"
            + ("" if mean is None else f"; mean error {mean:.1f} s ({trend})")
        )
    return table


def _convergence(errors: Sequence[float]) -> str:
    """ "converging" when the newer half's mean |error| is smaller, "diverging", "steady"."""
    if len(errors) < TREND_MIN_SESSIONS:
        return "unknown"
    half = len(errors) // 2
    change = sum(errors[-half:]) / half - sum(errors[:half]) / half
    if change <= -CONVERGE_STEP_S:
        return "converging"
    if change >= CONVERGE_STEP_S:
        return "diverging"
    return "steady"


def _opt(value: Any, kind: Any) -> Any:
    return None if value is None else kind(value)
