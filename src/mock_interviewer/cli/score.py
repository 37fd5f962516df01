"""`score`: score a typed answer or a recording, or many of them at once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mock_interviewer.errors import UsageError

if TYPE_CHECKING:
    from mock_interviewer.prompts import Prompt


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
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
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Several files: score this many at once, each in its own process.",
)
@click.option(
    "--files-from",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="LIST",
    help="Several files: also score every path listed in LIST, one a line.",
)
@click.option(
    "--jsonl",
    metavar="FILE|-",
    help="Several files: write one JSON line per scored file here (- for standard output).",
)
def score(
    files: tuple[Path, ...],
    prompt_id: str | None,
    as_json: bool,
    no_save: bool,
    story: str | None,
    model: str | None,
    explain: bool,
    jobs: int,
    files_from: Path | None,
    jsonl: str | None,
) -> None:
    """Score a typed answer (.txt, .md) or a recording (wav, flac, mp3, m4a, ogg).

    Given several files or a folder (its answers at any depth), every file is scored and
    none is kept as a session: one JSON line per file with --jsonl, a file that fails named
    in one line on stderr and skipped, then the rate of each signal across the batch. The
    exit is non-zero when any file failed.

    \b
    Examples:
      mock-interviewer score answer.txt --prompt outage
      mock-interviewer score answer.md --json
      mock-interviewer score recording.m4a --prompt stressful
      mock-interviewer score answer.txt --prompt outage --story checkout-outage
      mock-interviewer score answer.txt --explain
      mock-interviewer score answers/ --jobs 4 --jsonl out.jsonl
      mock-interviewer score a.txt b.m4a c.wav --prompt outage
      mock-interviewer score --files-from shard-01.txt --jsonl out-01.jsonl
    """
    prompt = _prompt(prompt_id)
    if files_from is not None:
        from mock_interviewer.batch import read_list

        files = (*files, *read_list(files_from))
    if not files:
        raise UsageError("give an answer file, several, a folder, or --files-from LIST")
    if len(files) > 1 or files[0].is_dir() or jsonl is not None or files_from is not None:
        from mock_interviewer.batch import BatchSettings
        from mock_interviewer.cli.batch import check_options, run_batch

        check_options(story, explain)
        settings = BatchSettings(prompt.id if prompt else None, model, jobs)
        run_batch(files, settings, "-" if as_json and jsonl is None else jsonl)
        return
    _score_one(files[0], prompt, as_json, no_save, story, model, explain)


def _score_one(
    file: Path,
    prompt: Prompt | None,
    as_json: bool,
    no_save: bool,
    story: str | None,
    model: str | None,
    explain: bool,
) -> None:
    """`score FILE`: one answer scored, printed, and kept as a session unless --no-save."""
    from mock_interviewer import pipeline
    from mock_interviewer.inputs import check_file, is_audio_path

    check_file(file)
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


def _prompt(prompt_id: str | None) -> Prompt | None:
    """The prompt for `--prompt`, or None; unknown ids get a clear error."""
    if prompt_id is None:
        return None
    from mock_interviewer.prompts import get_prompt

    if not prompt_id.strip():
        raise UsageError("--prompt is empty; run `mock-interviewer prompts` to see the ids")
    return get_prompt(prompt_id)


COMMANDS = [score]
