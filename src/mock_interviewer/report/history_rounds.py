"""Mock rounds in `history`: each round's questions, follow-ups and grades, in the order asked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from mock_interviewer.report.history import HistoryRow

if TYPE_CHECKING:
    from rich.table import Table


@dataclass(frozen=True)
class RoundRow:
    """One mock round: its questions' grades in the order asked."""

    id: str
    date: str
    asked: int
    size: int
    grades: tuple[str, ...]
    follow_ups: int

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of `history --json` rounds."""
        return {**asdict(self), "grades": list(self.grades)}


def round_rows(rows: Sequence[HistoryRow]) -> list[RoundRow]:
    """The mock rounds among `rows`, newest first."""
    found: dict[str, list[HistoryRow]] = {}
    for row in rows:
        if row.round_id is not None:
            found.setdefault(row.round_id, []).append(row)
    out = []
    for rid, members in found.items():
        members.sort(key=lambda r: (r.round_question or 0, r.created))
        out.append(
            RoundRow(
                id=rid,
                date=min(r.date for r in members),
                asked=len(members),
                size=max(r.round_size or 0 for r in members) or len(members),
                grades=tuple(r.grade_shown for r in members),
                follow_ups=sum(r.follow_up is not None for r in members),
            )
        )
    return sorted(out, key=lambda r: r.date, reverse=True)


def rounds_table(rounds: Sequence[RoundRow]) -> Table:
    """A rich Table of mock rounds: when, how many questions, their grades."""
    from rich import box
    from rich.table import Table

    table = Table(
        title="Mock rounds (newest first)", box=box.SIMPLE_HEAD, pad_edge=False,
        collapse_padding=True,
    )  # fmt: skip
    table.add_column("Round (UTC)", no_wrap=True)
    table.add_column("Asked", justify="right", no_wrap=True)
    table.add_column("Follow-ups", justify="right", no_wrap=True)
    table.add_column("Grades, in order")  # wraps between grades only
    for r in rounds:
        table.add_row(r.id, f"{r.asked}/{r.size}", str(r.follow_ups), "  ".join(r.grades))
    return table
