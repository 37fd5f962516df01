"""`drill`: timing drills that train an answer's length separately from its content.

The library is imported inside the command: `--help` must not load it.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

from mock_interviewer.cli.options import SessionOptions, session_options
from mock_interviewer.errors import UsageError

if TYPE_CHECKING:
    from mock_interviewer.drill.settings import DrillSettings

DEFAULT_TARGET = "2:00"
DEFAULT_SECTION_S = 30.0  # seconds for a section drill without --seconds


@click.command()
@session_options
@click.option(
    "--section",
    metavar="NAME",
    help="Drill one part in a time box: timeline, mitigation, prevention or reflection.",
)
@click.option("--seconds", type=float, metavar="N", help="Time box of a --section drill (30).")
@click.option("--words", "words", metavar="LOW-HIGH", help="A word budget, e.g. 250-350.")
@click.option("--rounds", type=int, default=1, show_default=True, help="Rounds in a row.")
@click.option("--tolerance", type=float, metavar="SECONDS", help="Seconds either side that land.")
@click.option("--say-time", is_flag=True, help="Say “time” after the tone at the target.")
@click.option("--no-tones", is_flag=True, help="Show the cues on screen only.")
def drill(
    options: SessionOptions,
    section: str | None,
    seconds: float | None,
    words: str | None,
    rounds: int,
    tolerance: float | None,
    say_time: bool,
    no_tones: bool,
) -> None:
    """Timing drills: land an answer on its length, round after round.

    \b
    Modes:
      full answer (default)  a random question, answered in --target (2:00)
      --section NAME         one part of the story in --seconds (30)
      --words LOW-HIGH       a word budget; the clock aims at its middle at 150 wpm

    The clock starts at your first word. A soft tone sounds at the early cue (30 s before
    the target, or at 75% of targets under a minute) and at the target; recording stops at
    the target plus 30 s, after 6 s of silence, or when you press Enter. Tones play only
    when recording from the microphone with a speaker present; otherwise the cues are
    shown on screen. You land when your speech, first to last word, is within 10 s of
    the target (for targets under a minute, 10 s per minute: 20 s gives ±3.3 s), or inside
    the word budget. A full answer also shows where the time went: set-up, detection to
    mitigation, root cause, fix, prevention and reflection, each part starting at its first
    piece of evidence (T+0, mitigation, root cause, fix, prevention, reflection labels).

    \b
    Sections are judged on one signal each:
      timeline    the timeline signal (four time markers, detection to follow-up)
      mitigation  a mitigation named (separation's mitigation evidence) and argued as
                  the cheapest reversible step (the principle signal)
      prevention  the prevention signal (a concrete structural change, with when)
      reflection  the reflection signal (a concrete rule for next time)

    Every round is saved as a drill session: see `history --drills`.

    \b
    Examples:
      mock-interviewer drill
      mock-interviewer drill --target 1:45 --rounds 3 --say-time
      mock-interviewer drill --section timeline --seconds 30
      mock-interviewer drill --words 250-350
      mock-interviewer drill --input a.wav --input b.wav --rounds 2 --no-speak --json
    """
    from mock_interviewer.drill.runner import Drill

    if rounds < 1:
        raise UsageError("--rounds must be at least 1")
    mode = _mode(options, section, seconds, words)
    options.check()
    settings = _settings(options, mode, section, rounds, tolerance, say_time, not no_tones)
    result = Drill(settings, out=sys.stderr if options.as_json else sys.stdout).run()
    if options.as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))


def _settings(
    options: SessionOptions,
    mode: tuple[str, float, tuple[int, int] | None],
    section: str | None,
    rounds: int,
    tolerance: float | None,
    say_time: bool,
    tones: bool,
) -> DrillSettings:
    """The drill's settings: its mode (kind, target, budget), its own flags, the shared ones."""
    from mock_interviewer.drill.settings import DrillSettings

    kind, target_s, budget = mode
    return DrillSettings(
        mode=kind,
        target_s=target_s,
        tolerance_s=tolerance,
        section=section,
        budget=budget,
        rounds=rounds,
        inputs=options.inputs,
        realtime=options.realtime,
        device=options.device,
        speak=options.speak,
        say_time=say_time,
        tones=tones,
        voice=options.voice,
        model=options.model,
        prompt_id=options.prompt_id,
        end_silence_s=options.end_silence_s,
    )


def _mode(
    options: SessionOptions, section: str | None, seconds: float | None, words: str | None
) -> tuple[str, float, tuple[int, int] | None]:
    """The drill's mode, its target in seconds and its word budget, the flags' clashes refused."""
    from mock_interviewer.drill.scoring import budget_target_s, check_section, parse_word_budget

    if section is not None and words is not None:
        raise UsageError("use either --section or --words, not both")
    if seconds is not None and section is None:
        raise UsageError("--seconds sets a section's time box: add --section NAME")
    if section is not None and options.target is not None:
        raise UsageError("a --section drill takes --seconds, not --target")
    if seconds is not None and seconds <= 0:
        raise UsageError("--seconds must be a positive number of seconds")
    if section is not None:
        check_section(section)
        return "section", seconds if seconds is not None else DEFAULT_SECTION_S, None
    if words is not None:
        budget = parse_word_budget(words)
        target_s = options.target_s("") if options.target else budget_target_s(*budget)
        return "words", target_s, budget
    return "full", options.target_s(DEFAULT_TARGET), None


COMMANDS = [drill]
