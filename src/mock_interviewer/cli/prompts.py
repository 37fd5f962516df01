"""`prompts`: the questions (the bank's and your own), `prompts add` and `prompts remove`."""

from __future__ import annotations

import json

import click


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the questions as JSON.")
@click.pass_context
def prompts(ctx: click.Context, as_json: bool) -> None:
    """List the questions, with what a strong answer to each shows; add your own.

    Your questions live in questions.toml in your data folder, each one either like one
    of the six standard questions (its expectations and follow-ups apply) or standing
    alone (the six signals and generic follow-ups). They are marked "yours".

    \b
    Examples:
      mock-interviewer prompts
      mock-interviewer prompts add --id db-migration --like outage \\
          --question "Tell me about a migration that went wrong."
      mock-interviewer interview --prompt db-migration
      mock-interviewer prompts remove db-migration
    """
    if ctx.invoked_subcommand is not None:
        return
    from mock_interviewer.prompts import load_prompts

    bank = load_prompts()
    if as_json:
        data = [
            {
                "id": p.id,
                "question": p.question,
                "expectations": [e.text for e in p.expectations],
                "origin": p.origin,
                "like": p.like,
                "phrasings": list(p.phrasings),
            }
            for p in bank.values()
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Questions", show_lines=True)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("question")
    table.add_column("a strong answer also shows", style="dim")
    for p in bank.values():
        shows = "\n".join(f"• {e.text}" for e in p.expectations) or "the six signals"
        if p.like is not None:
            shows = f"what {p.like} asks for ({len(p.expectations)} expectations)"
        name = p.id if p.origin == "bank" else f"{p.id}\n(yours)"
        question = p.question if p.like is None else f"{p.question}\n(like {p.like})"
        if p.phrasings:
            question += f"\n(+{len(p.phrasings)} other wordings with --random)"
        table.add_row(name, question, shows)
    Console().print(table)


@prompts.command("add", short_help="Add one of your own questions.")
@click.option("--id", "prompt_id", required=True, metavar="ID", help="A short id: db-migration.")
@click.option("--question", required=True, metavar="TEXT", help="The question as it is asked.")
@click.option(
    "--like",
    metavar="PROMPT",
    help="A standard question whose expectations and follow-ups apply (default: none).",
)
@click.option("--title", metavar="TEXT", help="A short title for lists and reports.")
def add(prompt_id: str, question: str, like: str | None, title: str | None) -> None:
    """Add one of your own questions (to questions.toml in your data folder).

    \b
    Examples:
      mock-interviewer prompts add --id db-migration --like outage \\
          --question "Tell me about a migration that went wrong."
      mock-interviewer prompts add --id handover \\
          --question "How do you hand over on-call?"
    """
    from mock_interviewer.user_prompts import add_question, user_file

    added = add_question(prompt_id, question, like, title)
    rules = f"like {added.like}" if added.like else "standing alone"
    click.echo(f"Added '{added.id}' ({rules}) to {user_file()}.")
    click.echo(f"Practise it: mock-interviewer interview --prompt {added.id}")


@prompts.command("remove", short_help="Remove one of your own questions.")
@click.argument("prompt_id", metavar="ID")
def remove(prompt_id: str) -> None:
    """Remove one of your questions; the answers you gave to it stay in your history.

    \b
    Example:
      mock-interviewer prompts remove db-migration
    """
    from mock_interviewer.user_prompts import remove_question

    remove_question(prompt_id)
    click.echo(f"Removed '{prompt_id}'.")


COMMANDS = [prompts]
