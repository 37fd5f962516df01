"""Terminal rendering of a scorecard and its pacing: the view a person reads after answering."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mock_interviewer.followup import cleared_name
from mock_interviewer.pacing import PacingReport
from mock_interviewer.progress import AnswerProgress
from mock_interviewer.scorecard import Evidence, Scorecard
from mock_interviewer.wording import plural

if TYPE_CHECKING:
    from mock_interviewer.recorder import Progress as RecordingProgress

SIGNAL_NAMES = {
    "timeline": "Timeline",
    "separation": "Mitigation / fix / prevention kept apart",
    "principle": "Cheapest reversible action, justified",
    "systemic": "Blameless, systemic root cause",
    "prevention": "Concrete prevention, with when",
    "reflection": "Calibrated reflection",
}
PITFALL_NAMES = {
    "blame": "Blame",
    "conflation": "One word for several phases",
    "hero": "Lone-hero story",
    "no_prevention": "No prevention",
}
GRADE_STYLE = {"A": "bold green", "B": "bold yellow", "C": "bold dark_orange", "D": "bold red"}
QUOTE_CHARS = 90  # longest quote shown per evidence line


def clock(seconds: float) -> str:
    """`125.4` -> `2:05`."""
    whole = max(round(seconds), 0)
    return f"{whole // 60}:{whole % 60:02d}"


def _quote(evidence: Evidence) -> Text:
    text = " ".join(evidence.text.split())
    if len(text) > QUOTE_CHARS:
        text = text[: QUOTE_CHARS - 1].rstrip() + "…"
    line = Text()
    if evidence.start_s is not None:
        line.append(f"[{clock(evidence.start_s)}] ", style="cyan")
    if evidence.label:
        line.append(f"{evidence.label}: ", style="dim")
    line.append(f"“{text}”", style="italic")
    return line


def _evidence_lines(evidence: tuple[Evidence, ...], limit: int = 3) -> list[Text]:
    lines = [_quote(e) for e in evidence[:limit]]
    if len(evidence) > limit:
        lines.append(Text(f"… and {len(evidence) - limit} more", style="dim"))
    return lines


def render_scorecard(
    card: Scorecard,
    question: str | None = None,
    pacing: PacingReport | None = None,
) -> Group:
    """A renderable summary: grade and why, signals with evidence, pitfalls, changes, length."""
    parts: list[Panel | Table | Text] = [_grade_panel(card, question)]
    parts += [_signal_table(card), _pitfall_table(card)]
    if card.expectations:
        exp = Table(title="What this question asks for", show_header=False, expand=True, box=None)
        exp.add_column(width=2)
        exp.add_column(ratio=1)
        for result in card.expectations:
            mark = Text("✓", style="green") if result.met else Text("·", style="dim")
            exp.add_row(mark, Text(result.text))
        parts.append(exp)
    if card.top_changes:
        changes = Text()
        for i, change in enumerate(card.top_changes, 1):
            changes.append(f"{i}. {change}\n" if len(card.top_changes) > 1 else f"{change}\n")
        parts.append(Panel(changes, title=changes_title(len(card.top_changes))))
    parts.append(render_length(card, pacing))
    return Group(*parts)


def _grade_panel(card: Scorecard, question: str | None) -> Panel:
    head = Text()
    if question:
        head.append(f"{question}\n\n", style="bold")
    head.append("Grade ", style="bold")
    head.append(card.grade, style=GRADE_STYLE.get(card.grade[:1], "bold"))
    for reason in card.grade_reasons:
        head.append(f"\n  • {reason}")
    return Panel(head, title="mock-interviewer", border_style="blue")


def _two_columns(title: str) -> Table:
    table = Table(title=title, show_header=False, expand=True, box=None, padding=(0, 1))
    table.add_column(width=2)
    table.add_column(ratio=1)
    return table


def _finding_body(name: str, style: str, evidence: tuple[Evidence, ...], advice: str) -> Text:
    """The finding's name, its evidence lines beneath, then the advice (when given)."""
    body = Text(name, style=style)
    for line in _evidence_lines(evidence):
        body.append("\n  ")
        body.append_text(line)
    if advice:
        body.append(f"\n  → {advice}", style="yellow")
    return body


def _signal_table(card: Scorecard) -> Table:
    signals = _two_columns("Signals")
    for sid, finding in card.signals.items():
        mark = Text("✓", style="green") if finding.hit else Text("✗", style="red")
        advice = "" if finding.hit else finding.advice
        name = SIGNAL_NAMES.get(sid, sid)
        signals.add_row(mark, _finding_body(name, "bold", finding.evidence, advice))
    return signals


def _pitfall_table(card: Scorecard) -> Table:
    found = [f for f in card.pitfalls.values() if f.hit]
    pit = _two_columns("Pitfalls")
    if not found:
        pit.add_row(Text("✓", style="green"), Text("None found: no blame, no conflation, no hero"))
    for finding in found:
        name = PITFALL_NAMES.get(finding.id, finding.id)
        body = _finding_body(name, "bold red", finding.evidence, finding.advice)
        pit.add_row(Text("!", style="red"), body)
    return pit


def changes_title(count: int) -> str:
    """The heading over the top changes, true to how many there are."""
    if count == 1:
        return "The change that would raise the grade most"
    return f"The {NUMBER_WORDS.get(count, str(count))} changes that would raise the grade most"


NUMBER_WORDS = {2: "two", 3: "three"}


def render_length(card: Scorecard, pacing: PacingReport | None) -> Text:
    """One or two lines on length and pace against the two-minute target."""
    text = Text()
    if pacing is not None and not pacing.estimated:
        delta = pacing.delta_s
        text.append(
            f"Length {clock(pacing.duration_s)} of speech against a {clock(pacing.target_s)} "
            f"target ({'+' if delta >= 0 else '-'}{clock(abs(delta))}), "
            f"{plural(pacing.words, 'word')} at {pacing.wpm:.0f} words per minute",
        )
        if pacing.pauses:
            text.append(f"; {plural(len(pacing.pauses), 'long pause')}")
        text.append(f"; {plural(len(pacing.fillers), 'filler')}")
        if pacing.fillers:
            text.append(f" ({pacing.fillers_per_minute:.1f}/min)")
        return text
    target = int(card.to_dict()["target_seconds"])
    over = card.estimated_seconds - target
    text.append(
        f"{card.words} words: about {clock(card.estimated_seconds)} spoken at 150 words per minute "
        f"against a {clock(target)} target "
    )
    if abs(over) <= 10:
        text.append("(on length)", style="green")
    elif over > 0:
        text.append(
            f"({clock(over)} too long: trim to about {target * 150 // 60} words)", style="yellow"
        )
    else:
        text.append(f"({clock(-over)} short: there is room for more detail)", style="yellow")
    return text


def print_scorecard(
    card: Scorecard,
    question: str | None = None,
    pacing: PacingReport | None = None,
    console: Console | None = None,
) -> None:
    """Print the scorecard to the terminal (or the given console)."""
    (console or Console()).print(render_scorecard(card, question, pacing))


def render_follow_up(follow_up: dict[str, object]) -> Panel:
    """What the interviewer asked next, and what the answer to it earned."""
    text = Text()
    text.append("Asked: ", style="bold")
    text.append(f"“{follow_up.get('question', '')}”", style="italic")
    text.append(f"\n  because {follow_up.get('reason', '')}", style="dim")
    first, whole = follow_up.get("first_answer_grade"), follow_up.get("whole_story_grade")
    text.append(f"\nFirst answer alone: {first}   Whole story: {whole}")
    if not follow_up.get("answered", True):
        text.append("\nNo answer was heard to the follow-up.", style="yellow")
        return Panel(text, title="Follow-up question")
    gained = [SIGNAL_NAMES.get(str(s), str(s)) for s in _ids(follow_up.get("signals_gained"))]
    gained += [cleared_name(p) for p in _ids(follow_up.get("pitfalls_cleared"))]
    if gained:
        text.append(f"\nEarned by the follow-up: {', '.join(gained)}", style="green")
        text.append("\nA first answer that already said this would not have needed the question.")
    else:
        text.append("\nThe follow-up earned no signal.", style="yellow")
    return Panel(text, title="Follow-up question")


def _ids(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def render_progress(progress: AnswerProgress) -> Panel:
    """What changed since the last answer to the same prompt."""
    text = Text("\n".join(progress.lines()))
    return Panel(text, title=f"Since your last answer ({progress.previous_created[:10]})")


class ProgressLine:
    """The live recording line (`livecues.cue_line`), redrawn in place on a terminal."""

    def __init__(self, stream: TextIO, target_s: float) -> None:
        self.stream = stream
        self.target_s = target_s
        self.tty = stream.isatty()
        self._last = ""

    def __call__(self, progress: RecordingProgress) -> None:
        """Redraw when the line's text changes (at most once a second of audio)."""
        if not self.tty:
            return
        import shutil

        from mock_interviewer.livecues import CLEAR_TO_END, cue_line

        width = shutil.get_terminal_size((80, 24)).columns
        line = cue_line(
            progress.elapsed_s, self.target_s, progress.speech_started, progress.pace_wpm, width
        )
        if line == self._last:
            return
        self._last = line
        self.stream.write(f"\r{line}{CLEAR_TO_END}")
        self.stream.flush()

    def done(self) -> None:
        """Clear the live line, leaving the cursor at its start."""
        if self.tty and self._last:
            from mock_interviewer.livecues import CLEAR_TO_END

            self.stream.write(f"\r{CLEAR_TO_END}")
            self.stream.flush()
            self._last = ""


def spoken_grade(grade: str) -> str:
    """`B-` -> `B minus`, for the voice."""
    return grade.replace("+", " plus").replace("-", " minus")


def spoken_feedback(card: Scorecard) -> str:
    """Two or three short sentences the interviewer says after an answer."""
    parts = [f"Grade {spoken_grade(card.grade)}."]
    if card.top_changes:
        parts.append(f"To raise it: {card.top_changes[0]}")
    else:
        parts.append("Every signal was there. Keep it at this length.")
    return " ".join(parts)
