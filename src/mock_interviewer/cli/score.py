"""`score` and `prompts`: score a typed answer or a recording; list the question bank."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mock_interviewer.errors import UsageError

if TYPE_CHECKING:
    from mock_interviewer.prompts import Prompt


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--prompt", "prompt_id", metavar="ID", help="Grade against this question (see `prompts`)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the scorecard as JSON.")
@click.option("--no-save", is_flag=True, help="Do not keep this answer as a session.")
@click.option("--story", metavar="NAME", help="Tag the session with one of your stories.")
@click.option("--model", default=None, metavar="NAME|PATH", help="Whisper model for recordings.")
@click.option(
    "--explain", is_flag=True, help="Show which rules fired on which words, for each verdict."
)
def score(
    file: Path,
    prompt_id: str | None,
    as_json: bool,
    no_save: bool,
    story: str | None,
    model: str | None,
    explain: bool,
) -> None:
    """Score a typed answer (.txt, .md) or a recording (wav, flac, mp3, m4a, ogg).

    \b
    Examples:
      mock-interviewer score answer.txt --prompt outage
      mock-interviewer score answer.md --json
      mock-interviewer score recording.m4a --prompt stressful
      mock-interviewer score answer.txt --prompt outage --story checkout-outage
      mock-interviewer score answer.txt --explain
    """
    from mock_interviewer import pipeline
    from mock_interviewer.inputs import check_file, is_audio_path

    check_file(file)
    prompt = _prompt(prompt_id)
    if story is not None:
        from mock_interviewer.stories import StoryBank, check_name

        story = check_name(story)
        if not no_save:
            story = StoryBank().ensure(story)[0].name  # tagging keeps the story in the bank
    if is_audio_path(file):
        result = pipeline.score_recording(file, prompt, save=not no_save, story=story, model=model)
    else:
        result = pipeline.score_typed(file, prompt, save=not no_save, story=story)
    explained = None
    if explain:
        from mock_interviewer.rubric.explain import explain as explain_card

        explained = explain_card(result.transcript, result.scorecard)
    if as_json:
        data = result.to_dict()
        if explained is not None:
            data["explain"] = explained
        click.echo(json.dumps(data, indent=2))
        return
    result.print(question=prompt.question if prompt else None)
    if explained is not None:
        from mock_interviewer.rubric.explain import render

        click.echo("\n".join(render(explained)))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the bank as JSON.")
def prompts(as_json: bool) -> None:
    """List the question bank, with what a strong answer to each shows.

    \b
    Example:
      mock-interviewer prompts
    """
    from mock_interviewer.prompts import load_prompts

    bank = load_prompts()
    if as_json:
        data = [
            {
                "id": p.id,
                "question": p.question,
                "expectations": [e.text for e in p.expectations],
            }
            for p in bank.values()
        ]
        click.echo(json.dumps(data, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Questions", show_lines=True)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("question")
    table.add_column("a strong answer also shows", style="dim")
    for p in bank.values():
        table.add_row(p.id, p.question, "\n".join(f"• {e.text}" for e in p.expectations))
    Console().print(table)


def _prompt(prompt_id: str | None) -> Prompt | None:
    """The prompt for `--prompt`, or None; unknown ids get a clear error."""
    if prompt_id is None:
        return None
    from mock_interviewer.prompts import get_prompt

    if not prompt_id.strip():
        raise UsageError("--prompt is empty; run `mock-interviewer prompts` to see the ids")
    return get_prompt(prompt_id)


COMMANDS = [score, prompts]
