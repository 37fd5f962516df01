"""`stories`: the story bank, which prompts each story has served and which have none yet."""

from __future__ import annotations

import json

import click

from mock_interviewer.stories import StoryView


def _views() -> tuple[list[StoryView], list[str]]:
    """Every story's view and the prompt ids of the bank, in order."""
    from mock_interviewer.prompts import load_prompts
    from mock_interviewer.sessions import SessionStore
    from mock_interviewer.stories import StoryBank, story_view

    sessions = SessionStore().tagged()
    views = [story_view(story, sessions) for story in StoryBank().all()]
    return views, list(load_prompts())


@click.group(invoke_without_command=True)
@click.pass_context
def stories(ctx: click.Context) -> None:
    """Your incident stories: which prompts each has served, its best grade per prompt.

    Prepare a few stories that serve many questions. Tag an answer with
    `--story NAME` on `interview` or `score` (a new name is added to the bank);
    `stories` then shows what each story has covered and the questions with no
    story yet. Removing a story never deletes its sessions.

    \b
    Examples:
      mock-interviewer stories
      mock-interviewer stories add checkout-outage --note "pricing deploy, pool leak"
      mock-interviewer score answer.txt --prompt outage --story checkout-outage
      mock-interviewer stories show checkout-outage
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_stories)


@stories.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the bank as JSON.")
def list_stories(as_json: bool = False) -> None:
    """List the stories, the prompts each has served and the prompts with no story.

    \b
    Example:
      mock-interviewer stories list --json
    """
    views, prompt_ids = _views()
    from mock_interviewer.stories import prompts_without_story

    missing = prompts_without_story(prompt_ids, views)
    if as_json:
        data = {"stories": [v.to_dict() for v in views], "prompts_without_story": missing}
        click.echo(json.dumps(data, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not views:
        console.print(
            "No stories yet: `mock-interviewer stories add NAME`, or tag an answer with "
            "`--story NAME`."
        )
    else:
        table = Table(title="Stories")
        table.add_column("story", style="cyan")
        table.add_column("prompts served (best grade)")
        table.add_column("note", style="dim")
        for view in views:
            served = ", ".join(f"{s.prompt_id} ({s.grade})" for s in view.served) or "—"
            table.add_row(view.story.name, served, view.story.note)
        console.print(table)
    if missing:
        console.print(f"Prompts with no story yet: {', '.join(missing)}")
    else:
        console.print("Every prompt has a story.")


@stories.command("add")
@click.argument("name")
@click.option("--note", default="", metavar="TEXT", help="A reminder of what the story is.")
def add_story(name: str, note: str) -> None:
    """Add a story to the bank.

    \b
    Example:
      mock-interviewer stories add checkout-outage --note "pricing deploy, pool leak"
    """
    from mock_interviewer.stories import StoryBank

    story = StoryBank().add(name, note)
    click.echo(f"Added story {story.name!r}. Tag answers with --story {story.name!r}.")


@stories.command("show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the story as JSON.")
def show_story(name: str, as_json: bool) -> None:
    """One story: every prompt it has served, the best grade and session for each.

    \b
    Example:
      mock-interviewer stories show checkout-outage
    """
    from mock_interviewer.sessions import SessionStore
    from mock_interviewer.stories import StoryBank, story_view

    story = StoryBank().get(name)
    view = story_view(story, SessionStore().tagged(story.name))
    if as_json:
        click.echo(json.dumps(view.to_dict(), indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(f"[bold cyan]{story.name}[/]" + (f"  {story.note}" if story.note else ""))
    if not view.served:
        console.print("Not used for any prompt yet: answer with --story to tag a session.")
        return
    table = Table()
    for column in ("prompt", "best grade", "best session", "answers"):
        table.add_column(column)
    for s in view.served:
        table.add_row(s.prompt_id, s.grade or "—", s.session, str(s.answers))
    console.print(table)


@stories.command("remove")
@click.argument("name")
def remove_story(name: str) -> None:
    """Forget a story; the sessions tagged with it are kept.

    \b
    Example:
      mock-interviewer stories remove checkout-outage
    """
    from mock_interviewer.stories import StoryBank

    story = StoryBank().remove(name)
    click.echo(f"Removed story {story.name!r}; its sessions are kept.")


COMMANDS = [stories]
