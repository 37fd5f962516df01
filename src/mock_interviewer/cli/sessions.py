"""`replay`, `report`, `export`, `history`: views of saved sessions."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from mock_interviewer.sessions import Session, SessionStore


@click.command()
@click.argument("session", default="last", metavar="[SESSION|last]")
@click.option("--from", "start", metavar="POSITION", help="Start at m:ss (1:30) or seconds (90).")
@click.option("--no-audio", is_flag=True, help="Print the annotated transcript instead of playing.")
def replay(session: str, start: str | None, no_audio: bool) -> None:
    """Play a saved answer with its feedback appearing as it is said.

    Keys while playing: space pause/resume, left/right seek 5 s, n/p next/previous note,
    q quit. With --no-audio, or with no sound output, the transcript is printed with
    `[m:ss.s]` timestamps and the feedback beneath each sentence. An interrupted session
    is transcribed and scored from the audio it kept the first time it is opened.

    \b
    Examples:
      mock-interviewer replay                       # the newest session
      mock-interviewer replay last --from 1:30
      mock-interviewer replay 20261127-051233-3f9a --no-audio
    """
    from mock_interviewer.report.replay import output_available, parse_position, play, render_text

    start_s = parse_position(start) if start is not None else 0.0
    store = _store()
    loaded = viewable(store, session)
    _notices(store)
    if not no_audio and loaded.audio_path is not None and loaded.transcript.timed:
        if output_available():
            play(loaded, start_s)
            return
        click.echo("No sound output device: printing the annotated transcript.", err=True)
    from mock_interviewer.wrapping import fit

    click.echo(fit(render_text(loaded, start_s)), nl=False)


@click.command()
@click.argument("session", default="last", metavar="[SESSION|last]")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write (default: mock-interviewer-<id>.html here).",
)
@click.option("--open", "open_", is_flag=True, help="Open the report in the web browser.")
@click.option(
    "--audio-beside", is_flag=True, help="Copy the WAV next to the report instead of embedding it."
)
def report(session: str, output: Path | None, open_: bool, audio_beside: bool) -> None:
    """Write one self-contained HTML report: player, highlighted transcript, scorecard, pacing.

    The file needs no network: the recording is embedded (or copied beside it with
    --audio-beside). Click a word to play from it. An interrupted session is scored from
    the audio it kept first, and marked as interrupted.

    \b
    Examples:
      mock-interviewer report                     # the newest session, in this folder
      mock-interviewer report last --open
      mock-interviewer report 20261127-051233-3f9a -o incident.html
    """
    from mock_interviewer.report.html import write_report

    store = _store()
    loaded = viewable(store, session)
    _notices(store)
    target = (
        output if output is not None else Path.cwd() / f"mock-interviewer-{loaded.info.id}.html"
    )
    _check_writable(target)
    write_report(loaded, target, audio_beside=audio_beside)
    click.echo(f"Wrote {target}")
    if open_:
        import webbrowser

        webbrowser.open(target.resolve().as_uri())


@click.command()
@click.argument("session", default="last", metavar="[SESSION|last]")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["vtt", "srt", "json", "md"]),
    required=True,
    help="vtt/srt: feedback as subtitles; json: everything; md: a summary.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
def export(session: str, fmt: str, output: Path | None) -> None:
    """Export a session: feedback as WebVTT/SRT subtitles, JSON, or a Markdown summary.

    An interrupted session is scored from the audio it kept first, and marked as interrupted.

    \b
    Examples:
      mock-interviewer export --format vtt -o answer.vtt   # subtitles for the recording
      mock-interviewer export last --format md
      mock-interviewer export 20261127-051233-3f9a --format json
    """
    from mock_interviewer.report.subtitles import export as render

    store = _store()
    loaded = viewable(store, session)
    _notices(store)
    text = render(loaded, fmt)
    if output is None:
        if fmt == "md":  # prose: fitted to the terminal (subtitles and JSON stay exact)
            from mock_interviewer.wrapping import fit

            text = fit(text)
        click.echo(text, nl=False)
        return
    _check_writable(output)
    output.touch(mode=0o600, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    click.echo(f"Wrote {output}", err=True)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print sessions and signal rates as JSON.")
@click.option("--chart", is_flag=True, help="Also draw grade and length per session.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="How many recent sessions to show and to compute signal rates over.",
)
@click.option("--drills", is_flag=True, help="Timing drills only: off by, landed, streak, trend.")
@click.option("--story", metavar="NAME", help="Only the answers told with this story.")
def history(as_json: bool, chart: bool, limit: int, drills: bool, story: str | None) -> None:
    """List past sessions with grade, length and pace; how often each signal was met.

    A grade "C→B" was raised by the follow-up (first answer, then the whole story), and its
    target is named; a question of a mock round shows as "round 2/3", and the rounds are
    listed with their grades. Each signal's trend reads oldest to newest.

    With --drills: timing-drill rounds with their target, how far off they landed, the
    landing rate, the streak and whether the error is shrinking.

    \b
    Examples:
      mock-interviewer history
      mock-interviewer history --chart --limit 10
      mock-interviewer history --json
      mock-interviewer history --drills
      mock-interviewer history --story "checkout rollback"
    """
    from mock_interviewer.report import history as hist

    store = _store()
    if drills:
        _drill_history(store, as_json, limit)
        return
    if story is not None:
        from mock_interviewer.stories import StoryBank

        story = StoryBank().get(story).name  # an unknown story is a clear error
    if as_json:
        data = hist.history_json(store, limit, story=story)
        _notices(store)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    infos = hist.sessions_for(store, limit, story)
    _notices(store)
    if not infos:
        click.echo(
            "No sessions yet: run `mock-interviewer interview` or `mock-interviewer score FILE`."
            if story is None
            else f"No answers told with the story '{story}' yet: tag one with --story."
        )
        return
    from rich.console import Console

    console = Console()
    rows = hist.history_rows(infos)
    console.print(hist.history_table(rows, width=console.width))
    from mock_interviewer.report.history_rounds import round_rows, rounds_table

    rounds = round_rows(rows)
    if rounds:
        console.print(rounds_table(rounds))
    console.print(hist.trend_table(hist.signal_trends(store, infos)))
    if chart:
        console.print(hist.history_chart(infos, width=console.width))


def _drill_history(store: SessionStore, as_json: bool, limit: int) -> None:
    from mock_interviewer.report import drill_history as hist

    if as_json:
        data = hist.drills_json(store, limit)
        _notices(store)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    rows = hist.drill_rows(store.list(limit=limit, kind="drill"))
    _notices(store)
    if not rows:
        click.echo("No drills yet: run `mock-interviewer drill`.")
        return
    from rich.console import Console

    console = Console()
    console.print(hist.drill_table(rows, width=console.width))


def viewable(store: SessionStore, session_id: str) -> Session:
    """The session to show; an interrupted one is transcribed and scored first, once."""
    from mock_interviewer.rescore import viewable as load

    return load(store, session_id)


def _store() -> SessionStore:
    from mock_interviewer.sessions import SessionStore

    return SessionStore()


def _notices(store: SessionStore) -> None:
    for notice in store.notices:
        click.echo(f"Warning: {notice}", err=True)


def _check_writable(path: Path) -> None:
    from mock_interviewer.errors import UsageError

    folder = path.parent if str(path.parent) else Path.cwd()
    if not folder.is_dir():
        raise UsageError(f"cannot write {path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise UsageError(f"cannot write {path}: no permission to write in {folder}")


COMMANDS = [replay, report, export, history]
