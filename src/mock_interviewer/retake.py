"""`interview --retake`: ask the last question again, then compare the two answers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_interviewer.errors import UsageError

if TYPE_CHECKING:
    from mock_interviewer.compare import Comparison
    from mock_interviewer.pipeline import Result
    from mock_interviewer.sessions import SessionStore


def check(retake: bool, prompt_id: str | None, pick_random: bool, round_size: int | None) -> None:
    """--retake chooses the question itself: refuse options that choose one too."""
    if not retake:
        return
    for name, given in (
        ("--prompt", prompt_id is not None),
        ("--random", pick_random),
        ("--round", round_size is not None),
    ):
        if given:
            raise UsageError(f"--retake asks your last question again; leave out {name}")


def last_prompt_id(store: SessionStore | None = None) -> str:
    """The question of your newest complete interview or scored answer."""
    from mock_interviewer.sessions import SessionStore

    store = store or SessionStore()
    for info in store.list():
        if info.status == "complete" and info.kind in ("interview", "score") and info.prompt_id:
            from mock_interviewer.prompts import load_prompts

            if info.prompt_id not in load_prompts():
                raise UsageError(
                    f"your last question, '{info.prompt_id}', is no longer in the bank: "
                    "pick one with --prompt"
                )
            return info.prompt_id
    raise UsageError(
        "nothing to retake yet: answer a question first (`mock-interviewer interview`)"
    )


def comparison(result: Result) -> Comparison | None:
    """The new answer against the one before it to the same question (None if not saved)."""
    if result.session is None:
        return None
    from mock_interviewer.compare import compare, pick
    from mock_interviewer.sessions import SessionStore

    then, now = pick(SessionStore(), result.session.id, None)
    return compare(then, now)


def finish(result: Result, as_json: bool) -> dict[str, Any] | None:
    """End a retake: the comparison printed, or (with --json) returned to add to the JSON."""
    compared = comparison(result)
    if compared is None:
        return None
    if as_json:
        return compared.to_dict()
    from rich.console import Console

    from mock_interviewer.report.compare_view import print_comparison

    print_comparison(compared, Console())
    return None
