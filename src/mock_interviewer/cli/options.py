"""The options `interview` and `drill` share: declared once, parsed into one value, checked once.

`@session_options` adds the group to a command (the way sqlite-utils shares its output options)
and hands the command one `SessionOptions` instead of ten parameters. Library imports stay
inside `check()`: `--help` must not load them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import click

from mock_interviewer.errors import UsageError

R = TypeVar("R")


def parse_duration(value: str) -> float:
    """`2:00`, `90`, `1:30.5` -> seconds; raises UsageError otherwise."""
    text = value.strip()
    try:
        if ":" in text:
            minutes, seconds = text.split(":", 1)
            total = int(minutes) * 60 + float(seconds)
        else:
            total = float(text)
    except ValueError:
        raise UsageError(
            f"'{value}' is not a duration; write it as m:ss (2:00) or seconds (120)"
        ) from None
    if total <= 0:
        raise UsageError(f"'{value}' must be longer than zero seconds")
    return total


def parse_device(value: str | None) -> str | int | None:
    """A device index (digits) or a part of its name, as `--device` takes it."""
    if value is None:
        return None
    return int(value) if value.isdigit() else value


@dataclass(frozen=True)
class SessionOptions:
    """The shared options of a spoken session, as typed on the command line."""

    prompt_id: str | None
    inputs: tuple[Path, ...]  # recordings standing in for the microphone, in the order asked
    realtime: bool
    device: str | int | None
    speak: bool
    voice: str | None
    model: str | None
    target: str | None  # m:ss or seconds, parsed by `target_s`
    end_silence_s: float | None  # seconds
    as_json: bool

    def target_s(self, default: str) -> float:
        """The target in seconds (`default` when --target was not given)."""
        return parse_duration(self.target or default)

    def check(self) -> None:
        """The checks every session command makes, before anything is spoken or recorded."""
        if self.realtime and not self.inputs:
            raise UsageError("--realtime needs --input FILE")
        if self.end_silence_s is not None and self.end_silence_s <= 0:
            raise UsageError("--end-silence must be a positive number of seconds")
        if self.inputs:
            from mock_interviewer.inputs import check_recordings

            check_recordings(self.inputs)  # every file, before the question is spoken


_OPTIONS = (
    click.option("--prompt", "prompt_id", metavar="ID", help="Ask this question (see `prompts`)."),
    click.option(
        "--input",
        "inputs",
        multiple=True,
        type=click.Path(path_type=Path),
        help="A recording instead of the microphone; repeat it, in the order asked.",
    ),
    click.option("--realtime", is_flag=True, help="With --input: feed files at real-time pace."),
    click.option("--device", metavar="ID|NAME", help="Input device (see `devices`)."),
    click.option("--no-speak", is_flag=True, help="Print the question, do not read it aloud."),
    click.option("--voice", metavar="NAME|PATH", help="Piper voice: a name or an .onnx path."),
    click.option("--model", metavar="NAME|PATH", help="Whisper model: tiny.en (default), base..."),
    click.option("--target", metavar="M:SS", help="Your target length (default 2:00)."),
    click.option("--end-silence", type=float, metavar="SECONDS", help="Silence ending an answer."),
    click.option("--json", "as_json", is_flag=True, help="Print the result as JSON."),
)


def session_options(command: Callable[..., R]) -> Callable[..., R]:
    """Add the shared options; the command receives them as its first argument, `options`."""

    @functools.wraps(command)
    def wrapper(
        *,
        prompt_id: str | None,
        inputs: tuple[Path, ...],
        realtime: bool,
        device: str | None,
        no_speak: bool,
        voice: str | None,
        model: str | None,
        target: str | None,
        end_silence: float | None,
        as_json: bool,
        **rest: object,
    ) -> R:
        options = SessionOptions(
            prompt_id=prompt_id,
            inputs=tuple(inputs),
            realtime=realtime,
            device=parse_device(device),
            speak=not no_speak,
            voice=voice,
            model=model,
            target=target,
            end_silence_s=end_silence,
            as_json=as_json,
        )
        return command(options, **rest)

    decorated: Callable[..., R] = wrapper
    for option in reversed(_OPTIONS):
        decorated = option(decorated)
    return decorated
