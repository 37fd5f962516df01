"""`compare`: two answers side by side, in the terminal and as one HTML page."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command()
@click.argument("first", required=False, metavar="[A]")
@click.argument("second", required=False, metavar="[B]")
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Also write the comparison as one self-contained HTML page.",
)
@click.option("--open", "open_", is_flag=True, help="Open the HTML page in the web browser.")
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
def compare(first: str | None, second: str | None, html_path: Path | None, open_: bool,
            as_json: bool) -> None:  # fmt: skip
    """Compare two answers: grade, each signal then and now with its evidence, what was
    gained and lost, length, pace, fillers, pauses, and the sentences that changed.

    With no sessions named: your last two answers to the same question. With one: that
    session and your answer before it to the same question. The older is always "then".

    \b
    Examples:
      mock-interviewer compare           # last two answers, one question
      mock-interviewer compare last      # the newest and the one before
      mock-interviewer compare 20261127-051233-3f9a 20261203-190412-77aa
      mock-interviewer compare --html compare.html --open
    """
    from mock_interviewer.cli.sessions import _check_writable, _notices, _store
    from mock_interviewer.compare import compare as build
    from mock_interviewer.compare import pick
    from mock_interviewer.errors import UsageError

    if open_ and html_path is None:
        raise UsageError("--open needs --html FILE: name the page to write")
    if html_path is not None:
        _check_writable(html_path)
    store = _store()
    then, now = pick(store, first, second)
    _notices(store)
    comparison = build(then, now)
    if as_json:
        click.echo(json.dumps(comparison.to_dict(), indent=2, ensure_ascii=False))
    else:
        from rich.console import Console

        from mock_interviewer.report.compare_view import print_comparison

        print_comparison(comparison, Console())
    if html_path is not None:
        from mock_interviewer.report.compare_view import write_html

        write_html(comparison, html_path)
        click.echo(f"Wrote {html_path}", err=as_json)
        if open_:
            import webbrowser

            webbrowser.open(html_path.resolve().as_uri())


COMMANDS = [compare]
