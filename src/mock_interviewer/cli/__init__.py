"""Thin click layer: parse, call the library, render. Heavy imports happen inside commands."""

from __future__ import annotations

import os
import sys

import click

from mock_interviewer import __version__
from mock_interviewer.errors import ExitCode, MockInterviewerError

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never let a library reach for the network


class Group(click.Group):
    """Turns domain errors into one clear line and their `ExitCode`; no traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except MockInterviewerError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(int(error.exit_code))
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(int(ExitCode.INTERRUPTED))


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mock-interviewer")
def main() -> None:
    """Practise the production-incident interview question, offline.

    \b
    Examples:
      mock-interviewer interview              # spoken mock interview
      mock-interviewer score answer.txt       # score a typed answer
      mock-interviewer prompts                # list the questions
    """


def _register() -> None:
    from mock_interviewer.cli import drill as drill_cmds
    from mock_interviewer.cli import interview as interview_cmds
    from mock_interviewer.cli import score as score_cmds
    from mock_interviewer.cli import sessions as session_cmds
    from mock_interviewer.cli import stories as story_cmds

    for module in (score_cmds, interview_cmds, session_cmds, drill_cmds, story_cmds):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
