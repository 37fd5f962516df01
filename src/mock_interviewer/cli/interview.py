"""`interview`, `demo`, `devices` and `doctor`: the spoken mock interview and its checks.

The library is imported inside the commands: `--help` must not load it.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mock_interviewer.cli.options import SessionOptions, session_options
from mock_interviewer.errors import ExitCode, UsageError

if TYPE_CHECKING:
    from mock_interviewer.interview import InterviewSettings
    from mock_interviewer.pipeline import Result
    from mock_interviewer.prompts import Prompt

DEFAULT_TARGET = "2:00"  # m:ss


@click.command()
@session_options
@click.option("--random", "pick_random", is_flag=True, help="Ask a random question (the default).")
@click.option("--story", metavar="NAME", help="Tag the session with one of your stories.")
@click.option("--no-follow-up", is_flag=True, help="Do not ask a follow-up question.")
@click.option(
    "--round",
    "round_size",
    type=int,
    metavar="N",
    help="A full mock round: N different questions in a row, then a summary.",
)
@click.option("--retake", is_flag=True, help="Ask your last question again, then compare.")
def interview(
    options: SessionOptions,
    pick_random: bool,
    story: str | None,
    no_follow_up: bool,
    round_size: int | None,
    retake: bool,
) -> None:
    """A spoken mock interview: hear a question, answer aloud, get scored feedback.

    The answer starts when you speak and ends after a long silence, when you press
    Enter, or at the four-minute cap. Then the interviewer asks one follow-up aimed at
    the weakest part of the story (unless --no-follow-up) and scores the whole story.
    With --round N it asks N different questions and sums the round up. Answers from
    files: one --input per answer, in the order asked (answer 1, follow-up 1, answer 2,
    follow-up 2, ...); with only one file per question the follow-ups are skipped.
    Everything stays on this machine.

    \b
    Examples:
      mock-interviewer interview
      mock-interviewer interview --prompt outage --story checkout
      mock-interviewer interview --input answer.wav --no-speak --json
      mock-interviewer interview --input answer.wav --input followup.wav
      mock-interviewer interview --round 3
      mock-interviewer interview --retake   # last question again, compared
    """
    from mock_interviewer import retake as retaking  # --retake: retake.py

    retaking.check(retake, options.prompt_id, pick_random, round_size)
    if options.prompt_id and pick_random:
        raise UsageError("use either --prompt or --random, not both")
    if round_size is not None and options.prompt_id:
        raise UsageError("--round picks its own questions; leave out --prompt")
    options.check()
    settings = _settings(options, story, follow_up=not no_follow_up)
    if round_size is not None:
        _round(round_size, settings, options.inputs, options.as_json)
        return
    from mock_interviewer.mock_round import input_plan

    ((answer, follow),) = input_plan(options.inputs, 1, settings.follow_up)
    # --retake: the last question again, ending with the comparison.
    prompt = _one_prompt(retaking.last_prompt_id() if retake else options.prompt_id)
    from mock_interviewer.interview import Interview

    settings = replace(_with_story(settings), input_file=answer, follow_up_file=follow)
    interview = Interview(prompt, settings)
    result = interview.run()
    try:
        _show(result, prompt, options.as_json, retake)
        interview.speak_feedback(result)
    except KeyboardInterrupt:
        if result.session is not None:  # saved: say where, as a Ctrl-C at any stage does
            interview.say_kept(result.session)
        raise


def _settings(options: SessionOptions, story: str | None, follow_up: bool) -> InterviewSettings:
    """The interview's settings from the command line (the story's name checked)."""
    from mock_interviewer.interview import InterviewSettings

    if story is not None:
        from mock_interviewer.stories import check_name

        story = check_name(story)
    return InterviewSettings(
        realtime=options.realtime,
        device=options.device,
        speak=options.speak,
        voice=options.voice,
        model=options.model,
        target_s=options.target_s(DEFAULT_TARGET),
        story=story,
        end_silence_s=options.end_silence_s,
        follow_up=follow_up,
    )


def _show(result: Result, prompt: Prompt, as_json: bool, retake: bool) -> None:
    """Print the result; after --retake, with the comparison to the answer before it."""
    from mock_interviewer import retake as retaking

    if as_json:
        data = result.to_dict()
        compared = retaking.finish(result, as_json=True) if retake else None
        if compared is not None:
            data["comparison"] = compared
        click.echo(json.dumps(data, indent=2))
        return
    result.print(question=prompt.question)
    if retake:
        retaking.finish(result, as_json=False)


def _one_prompt(prompt_id: str | None) -> Prompt:
    from mock_interviewer.prompts import get_prompt, random_prompt

    return get_prompt(prompt_id) if prompt_id else random_prompt()  # in one of its wordings


def _with_story(settings: InterviewSettings) -> InterviewSettings:
    """Tagging keeps the story in the bank, under the spelling it was added with."""
    if settings.story is None:
        return settings
    from mock_interviewer.stories import StoryBank

    return replace(settings, story=StoryBank().ensure(settings.story)[0].name)


def _round(size: int, settings: InterviewSettings, files: tuple[Path, ...], as_json: bool) -> None:
    """Ask `size` different questions, printing each result, then the round's summary."""
    from rich.console import Console

    from mock_interviewer.mock_round import MockRound, pick_prompts, render_summary
    from mock_interviewer.prompts import load_prompts

    prompts = pick_prompts(list(load_prompts().values()), size)
    console = Console()

    def show(i: int, prompt: Prompt, result: Result) -> None:
        if not as_json:
            console.rule(f"Question {i} of {size}")
            result.print(question=prompt.question, console=console)

    results, summary = MockRound(prompts, _with_story(settings), files, show).run()
    if as_json:
        data = {"round": [r.to_dict() for r in results], "summary": summary.to_dict()}
        click.echo(json.dumps(data, indent=2))
    else:
        console.print(render_summary(summary))


@click.command()
@click.option("--no-speak", is_flag=True, help="Do not synthesise the question.")
def demo(no_speak: bool) -> None:
    """The whole pipeline on a bundled recorded answer: no microphone needed.

    The demo's session is marked as a demo: `replay ID` and `report ID` show it, but it is
    left out of your history, statistics, progress and story bank.

    \b
    Example:
      mock-interviewer demo
    """
    from mock_interviewer.config import bundled_file
    from mock_interviewer.interview import Interview, InterviewSettings
    from mock_interviewer.prompts import get_prompt

    answer = bundled_file("fixtures/audio/demo_answer.flac")
    prompt = get_prompt("outage")
    click.echo(f"Demo: a recorded answer ({answer.name}) stands in for you.", err=True)
    settings = InterviewSettings(
        input_file=answer, speak=not no_speak, follow_up=False, kind="demo"
    )
    result = Interview(prompt, settings).run()
    result.print(question=prompt.question)
    click.echo(
        "This was a demo: its session is kept out of your history, statistics and story bank.",
        err=True,
    )


@click.command()
def devices() -> None:
    """List audio devices (inputs are microphones).

    \b
    Example:
      mock-interviewer devices
    """
    from mock_interviewer.sound import list_devices

    found = list_devices()
    if not found:
        click.echo("No audio devices found. Use `--input FILE` to answer from a recording.")
        return
    for d in found:
        marks = []
        if d.is_default_input:
            marks.append("default input")
        if d.is_default_output:
            marks.append("default output")
        kind = f"in {d.max_input_channels} / out {d.max_output_channels}"
        extra = f"  ({', '.join(marks)})" if marks else ""
        click.echo(f"{d.index:3d}  {d.name}  [{kind}]{extra}")


@click.command()
def doctor() -> None:
    """Check PortAudio, devices, the speech model, the voice and the data folder.

    \b
    Example:
      mock-interviewer doctor
    """
    from mock_interviewer.doctor import run_checks
    from mock_interviewer.wrapping import fit

    problems = 0
    for check in run_checks():
        mark = {"ok": "✓", "warn": "!", "fail": "✗"}[check.status]
        click.echo(fit(f"{mark} {check.name}: {check.detail}"))
        if check.status != "ok" and check.remedy:
            click.echo(fit(f"    → {check.remedy}"))
        problems += check.status == "fail"
    if problems:
        sys.exit(int(ExitCode.FAILED))


COMMANDS = [interview, demo, devices, doctor]
