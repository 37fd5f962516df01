"""`compare` for a person: a side-by-side table in the terminal, and one offline HTML page."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from mock_interviewer.compare import Comparison, Delivery, Verdict


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "typed"
    whole = max(round(seconds), 0)
    return f"{whole // 60}:{whole % 60:02d}"


def delivery_rows(comparison: Comparison) -> list[tuple[str, str, str]]:
    """(measure, then, now) for the grade and the delivery."""
    a, b = comparison.delivery

    def opt(value: float | None, unit: str = "") -> str:
        return "-" if value is None else f"{value:.0f}{unit}"

    def rows(d: Delivery) -> list[str]:
        return [str(d.words), _clock(d.seconds), opt(d.wpm), str(d.fillers), opt(d.pauses)]

    names = ["words", "length", "words a minute", "fillers", "long pauses"]
    grades = (comparison.then.scorecard.grade, comparison.now.scorecard.grade)
    return [("grade", *grades), *zip(names, rows(a), rows(b), strict=True)]


def _cell(verdict: Verdict, side: str) -> tuple[str, tuple[str, ...]]:
    """The verdict's word on one side and the quotes that earned it."""
    hit = verdict.then if side == "then" else verdict.now
    quotes = verdict.then_evidence if side == "then" else verdict.now_evidence
    word = ("met" if hit else "missed") if verdict.kind == "signal" else ("found" if hit else "-")
    return word, quotes


def _mark(verdict: Verdict, side: str) -> str:
    word, quotes = _cell(verdict, side)
    return "\n".join([word, *(f"“{q}”" for q in quotes)])


def summary_lines(comparison: Comparison) -> list[str]:
    """The signals gained and lost, the pitfalls cleared and new, in plain sentences."""
    p = comparison.progress

    def names(ids: tuple[str, ...]) -> str:
        return ", ".join(ids) if ids else "none"

    lines = [
        f"Grade {p.grade_before} → {p.grade_now}.",
        f"Signals gained: {names(p.signals_gained)}.",
        f"Signals lost: {names(p.signals_lost)}.",
    ]
    if p.pitfalls_cleared or p.pitfalls_new:
        lines.append(f"Pitfalls cleared: {names(p.pitfalls_cleared)}.")
        lines.append(f"Pitfalls new: {names(p.pitfalls_new)}.")
    if not comparison.same_prompt:
        lines.append("These answer different questions: the expectations differ.")
    return lines


def print_comparison(comparison: Comparison, console: Console) -> None:
    """The whole comparison on a rich console, fitted to its width."""
    from rich.table import Table
    from rich.text import Text

    then, now = comparison.then.info, comparison.now.info
    console.print(Text(f"Then: {then.id} ({then.prompt_id or 'no question'})"))
    console.print(Text(f"Now:  {now.id} ({now.prompt_id or 'no question'})"))
    table = Table(title="Then and now", show_lines=True)
    table.add_column("", style="cyan")
    table.add_column("then")
    table.add_column("now")
    table.add_column("")
    for name, a, b in delivery_rows(comparison):
        table.add_row(name, a, b, "")
    for v in comparison.verdicts:
        table.add_row(v.id, _mark(v, "then"), _mark(v, "now"), v.change)
    console.print(table)
    for line in summary_lines(comparison):
        console.print(Text(line))
    console.print(_sentence_table(comparison))


def _sentence_table(comparison: Comparison) -> Table:
    from rich.table import Table

    same = comparison.unchanged_sentences
    table = Table(
        title="Sentences that changed",
        caption=f"{same} sentence{'s' if same != 1 else ''} the same in both",
        show_lines=True,
    )
    table.add_column("then", style="red")
    table.add_column("now", style="green")
    for change in comparison.sentences:
        table.add_row(" ".join(change.then) or "(added)", " ".join(change.now) or "(dropped)")
    if not comparison.sentences:
        table.add_row("(no sentence changed)", "")
    return table


_CSS = """
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#fafafa;color:#222}
main{max-width:72rem;margin:auto;padding:1rem}
table{border-collapse:collapse;width:100%;margin:1rem 0;background:#fff}
th,td{border:1px solid #ccc;padding:.4rem .6rem;vertical-align:top;text-align:left}
th{background:#eee} td.k{font-weight:600;white-space:nowrap}
.gained,.cleared{background:#e3f6e3} .lost,.new{background:#fbe3e3}
q{font-style:italic} .then{color:#8a1c1c} .now{color:#1c6a1c}
@media (max-width:40rem){td,th{display:block;width:auto}}
"""


def render_html(comparison: Comparison) -> str:
    """One self-contained page: the summary, the table of verdicts, the changed sentences."""
    then, now = comparison.then.info, comparison.now.info
    csp = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Compare {escape(then.id)} and {escape(now.id)}</title>",
        f"<style>{_CSS}</style></head><body><main>",
        f"<h1>Then {escape(then.id)}, now {escape(now.id)}</h1>",
        "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in summary_lines(comparison)),
        "</ul><table><tr><th></th><th>then</th><th>now</th></tr>",
    ]
    for name, a, b in delivery_rows(comparison):
        parts.append(f'<tr><td class="k">{escape(name)}</td><td>{a}</td><td>{b}</td></tr>')
    for v in comparison.verdicts:
        cls = f' class="{v.change}"' if v.change else ""
        label = f"{v.id} ({v.change})" if v.change else v.id
        cells = "".join(f"<td>{_html_mark(v, side)}</td>" for side in ("then", "now"))
        parts.append(f'<tr{cls}><td class="k">{escape(label)}</td>{cells}</tr>')
    parts.append("</table><h2>Sentences that changed</h2><table>")
    parts.append("<tr><th>then</th><th>now</th></tr>")
    for change in comparison.sentences:
        a = escape(" ".join(change.then)) or "&ndash;"
        b = escape(" ".join(change.now)) or "&ndash;"
        parts.append(f'<tr><td class="then">{a}</td><td class="now">{b}</td></tr>')
    parts.append(f"</table><p>{comparison.unchanged_sentences} sentences the same in both.</p>")
    parts.append("</main></body></html>\n")
    return "\n".join(parts)


def _html_mark(verdict: Verdict, side: str) -> str:
    word, quotes = _cell(verdict, side)
    return escape(word) + "".join(f"<br><q>{escape(q)}</q>" for q in quotes)


def write_html(comparison: Comparison, output: Path) -> Path:
    """Write the page (0600)."""
    output.touch(mode=0o600, exist_ok=True)
    output.write_text(render_html(comparison), encoding="utf-8")
    return output
