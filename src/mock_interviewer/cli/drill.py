"""`drill`: timing drills that train an answer's length separately from its content."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from mock_interviewer.errors import UsageError

DEFAULT_TARGET = "2:00"
DEFAULT_SECTION_S = 30.0  # seconds for a section drill without --seconds


@click.command()
@click.option("--target", metavar="M:SS", help="Length to land on (default 2:00).")
@click.option(
    "--section",
    metavar="NAME",
    help="Drill one part in a time box: timeline, mitigation, prevention or reflection.",
)
@click.option("--seconds", type=float, metavar="N", help="Time box of a --section drill (30).")
@click.option("--words", "words", metavar="LOW-HIGH", help="A word budget, e.g. 250-350.")
@click.option("--rounds", type=int, default=1, show_default=True, help="Rounds in a row.")
@click.option("--tolerance", type=float, metavar="SECONDS", help="Seconds either side that land.")
@click.option(
    "--input",
    "inputs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A recording instead of the microphone: once, or once per round.",
)
@click.option("--realtime", is_flag=True, help="With --input: feed files at real-time pace.")
@click.option("--device", metavar="ID|NAME", help="Input device (see `devices`).")
@click.option("--prompt", "prompt_id", metavar="ID", help="Ask this question (default: random).")
@click.option("--no-speak", is_flag=True, help="Print the task instead of reading it aloud.")
@click.option("--say-time", is_flag=True, help="Say “time” after the tone at the target.")
@click.option("--no-tones", is_flag=True, help="Show the cues on screen only.")
@click.option("--voice", metavar="NAME|PATH", help="Piper voice for the spoken task.")
@click.option("--model", metavar="NAME|PATH", help="Whisper model: tiny.en (default), base...")
@click.option("--end-silence", type=float, metavar="SECONDS", help="Silence that ends the answer.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def drill(
    target: str | None,
    section: str | None,
    seconds: float | None,
    words: str | None,
    rounds: int,
    tolerance: float | None,
    inputs: tuple[Path, ...],
    realtime: bool,
    device: str | None,
    prompt_id: str | None,
    no_speak: bool,
    say_time: bool,
    no_tones: bool,
    voice: str | None,
    model: str | None,
    end_silence: float | None,
    as_json: bool,
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
    from mock_interviewer.cli.interview import _device, parse_duration
    from mock_interviewer.drill import Drill, DrillSettings
    from mock_interviewer.drill_score import budget_target_s, check_section, parse_word_budget

    if section is not None and words is not None:
        raise UsageError("use either --section or --words, not both")
    if seconds is not None and section is None:
        raise UsageError("--seconds sets a section's time box: add --section NAME")
    if section is not None and target is not None:
        raise UsageError("a --section drill takes --seconds, not --target")
    if seconds is not None and seconds <= 0:
        raise UsageError("--seconds must be a positive number of seconds")
    if rounds < 1:
        raise UsageError("--rounds must be at least 1")
    if realtime and not inputs:
        raise UsageError("--realtime needs --input FILE")
    if end_silence is not None and end_silence <= 0:
        raise UsageError("--end-silence must be a positive number of seconds")
    if inputs:
        from mock_interviewer.inputs import check_recordings

        check_recordings(inputs)  # every file, before anything is spoken
    mode, budget = "full", None
    if section is not None:
        mode = "section"
        check_section(section)
        target_s = seconds if seconds is not None else DEFAULT_SECTION_S
    elif words is not None:
        mode = "words"
        budget = parse_word_budget(words)
        target_s = parse_duration(target) if target is not None else budget_target_s(*budget)
    else:
        target_s = parse_duration(target or DEFAULT_TARGET)
    settings = DrillSettings(
        mode=mode,
        target_s=target_s,
        tolerance_s=tolerance,
        section=section,
        budget=budget,
        rounds=rounds,
        inputs=tuple(inputs),
        realtime=realtime,
        device=_device(device),
        speak=not no_speak,
        say_time=say_time,
        tones=not no_tones,
        voice=voice,
        model=model,
        prompt_id=prompt_id,
        end_silence_s=end_silence,
    )
    result = Drill(settings, out=sys.stderr if as_json else sys.stdout).run()
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))


COMMANDS = [drill]
