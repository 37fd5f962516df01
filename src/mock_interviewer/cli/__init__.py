"""Thin click layer: parse, call the library, render. Heavy imports happen inside commands."""

from __future__ import annotations

import os
import sys

import click

from mock_interviewer import __version__, interrupts
from mock_interviewer.errors import MockInterviewerError

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never let a library reach for the network


class Group(click.Group):
    """Turns domain errors into one clear line and their `ExitCode`; no traceback.

    Ctrl-C while a command runs is a KeyboardInterrupt the command may clean up after; it ends
    here with one line and exit 130. Whatever fails after a Ctrl-C (an import cut in half, say)
    is the Ctrl-C too, and ends the same way.
    """

    def invoke(self, ctx: click.Context) -> object:
        try:
            with interrupts.raising():
                return super().invoke(ctx)
        except KeyboardInterrupt:
            interrupts.finish()
            raise  # not reached: finish() exits
        except MockInterviewerError as error:
            if interrupts.requested():
                interrupts.finish()
            click.echo(f"Error: {error}", err=True)
            sys.exit(int(error.exit_code))
        except Exception:  # click's Abort included
            if interrupts.requested():
                interrupts.finish()
            raise


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
    from mock_interviewer.cli import compare as compare_cmds
    from mock_interviewer.cli import drill as drill_cmds
    from mock_interviewer.cli import interview as interview_cmds
    from mock_interviewer.cli import prompts as prompt_cmds
    from mock_interviewer.cli import score as score_cmds
    from mock_interviewer.cli import sessions as session_cmds
    from mock_interviewer.cli import stories as story_cmds

    for module in (
        score_cmds,
        prompt_cmds,
        interview_cmds,
        session_cmds,
        compare_cmds,
        drill_cmds,
        story_cmds,
    ):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
