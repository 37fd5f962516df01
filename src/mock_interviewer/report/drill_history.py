"""`history --drills`: timing-drill rounds, their landing rate, streaks and convergence."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from mock_interviewer.report.history import TREND_MIN_SESSIONS, mmss, table_width
from mock_interviewer.sessions import SessionInfo, SessionStore

if TYPE_CHECKING:
    from rich.table import Table

T = TypeVar("T")

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


def drill_table(rows: Sequence[DrillRow], width: int | None = None) -> Table:
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
            "-" if r.target_s is None else mmss(r.target_s),
            "-" if r.duration_s is None else mmss(r.duration_s),
            off if r.status == "complete" else r.status.replace("_", " "),
            mark if r.status == "complete" else "-",
            "-" if r.words is None else str(r.words),
            "-" if r.wpm is None else f"{r.wpm:.0f}",
        )
        for name, value in zip(_DRILL_COLUMNS, values, strict=True):
            cells[name].append(value)
    names = list(_DRILL_COLUMNS)
    for optional in ("WPM", "Words", "Round", "Length"):
        if width is None or table_width(cells, names, wraps=("Mode",)) <= width:
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


def _opt(value: object, kind: Callable[[Any], T]) -> T | None:
    return None if value is None else kind(value)
