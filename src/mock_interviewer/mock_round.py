"""A full mock round: several different prompts in a row, like an interview loop, and a summary.

Each question is its own interview session (with its follow-up unless turned off), tagged in
its extra with the round's id and its place in it. Answers from files: `--input` repeated, one
file per answer in the order they are asked. With follow-ups the files pair up per question
(answer 1, follow-up 1, answer 2, follow-up 2, ...: twice as many files as questions); a
follow-up file goes unused when the interviewer has nothing to ask. With `--no-follow-up`, or
to answer only the questions themselves, give one file per question.
"""

from __future__ import annotations

import random
import secrets
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from mock_interviewer.errors import UsageError
from mock_interviewer.interview import Interview, InterviewSettings
from mock_interviewer.orchestrator import SessionRunner
from mock_interviewer.pipeline import Result
from mock_interviewer.prompts import Prompt
from mock_interviewer.scorecard import SIGNALS
from mock_interviewer.terminal import SIGNAL_NAMES, clock
from mock_interviewer.wording import plural

KEEPS_MISSING = 2  # a signal missed in at least this many answers "keeps missing"


@dataclass(frozen=True)
class Question:
    """One question of a round, as the summary shows it."""

    prompt_id: str
    session: str | None
    first_grade: str  # the first answer alone
    grade: str  # the whole story (with the follow-up, when one was answered)
    follow_up: str | None  # the weakness the follow-up aimed at
    missed: tuple[str, ...]  # signals the whole story still misses
    speech_s: float  # seconds of speech in the first answer
    recorded_s: float  # seconds recorded, follow-up included


@dataclass(frozen=True)
class RoundSummary:
    """Grades, the signals that keep missing and the total time across a round."""

    questions: tuple[Question, ...]

    @property
    def keeps_missing(self) -> list[tuple[str, int]]:
        """(signal, answers missing it) for signals missed in KEEPS_MISSING answers or more."""
        counts = Counter(s for q in self.questions for s in q.missed)
        limit = min(KEEPS_MISSING, len(self.questions))
        return [(s, counts[s]) for s in SIGNALS if counts[s] >= limit and counts[s]]

    @property
    def total_s(self) -> float:
        """Seconds recorded over the whole round."""
        return sum(q.recorded_s for q in self.questions)

    def to_dict(self) -> dict[str, Any]:
        """The `summary` object of `interview --round N --json`."""
        return {
            "questions": [
                {
                    "prompt": q.prompt_id,
                    "session": q.session,
                    "first_answer_grade": q.first_grade,
                    "grade": q.grade,
                    "follow_up": q.follow_up,
                    "missed": list(q.missed),
                    "speech_s": round(q.speech_s, 1),
                    "recorded_s": round(q.recorded_s, 1),
                }
                for q in self.questions
            ],
            "keeps_missing": {s: n for s, n in self.keeps_missing},
            "total_s": round(self.total_s, 1),
        }


def summarise(results: Sequence[Result]) -> RoundSummary:
    """The summary of a round's results (pure)."""
    questions = []
    for result in results:
        extra = result.extra or {}
        follow = extra.get("follow_up") or {}
        card = result.scorecard
        questions.append(
            Question(
                prompt_id=str(card.prompt),
                session=result.session.id if result.session else None,
                first_grade=str(follow.get("first_answer_grade", card.grade)),
                grade=card.grade,
                follow_up=str(follow["target"]) if follow.get("answered") else None,
                missed=tuple(s for s, f in card.signals.items() if not f.hit),
                speech_s=result.pacing.duration_s if result.pacing else 0.0,
                recorded_s=float(extra.get("recorded_s", 0.0)),
            )
        )
    return RoundSummary(tuple(questions))


def pick_prompts(
    bank: Sequence[Prompt], count: int, rng: random.Random | None = None
) -> list[Prompt]:
    """`count` different prompts in random order; a clear error when the bank is too small."""
    if count < 1:
        raise UsageError("--round needs at least 1 question")
    if count > len(bank):
        raise UsageError(f"--round {count} asks more questions than the bank has ({len(bank)})")
    return (rng or random.Random()).sample(list(bank), count)


def input_plan(
    files: Sequence[Path], questions: int, follow_up: bool
) -> list[tuple[Path | None, Path | None]]:
    """(answer file, follow-up file) per question from repeated `--input`s; none: microphone."""
    if not files:
        return [(None, None)] * questions
    if len(files) == questions:
        return [(f, None) for f in files]
    if follow_up and len(files) == 2 * questions:
        return [(files[2 * i], files[2 * i + 1]) for i in range(questions)]
    expected = str(questions)
    if follow_up:
        expected += f" (or {2 * questions} with follow-up answers)"
    raise UsageError(
        f"{plural(len(files), '--input file')} for {plural(questions, 'question')}: "
        f"give {expected}, in the "
        "order asked: answer 1, follow-up 1, answer 2, ..."
    )


@dataclass
class MockRound(SessionRunner):
    """The mock-round mode: each prompt asked as its own interview, in turn, then summarised."""

    prompts: Sequence[Prompt]
    settings: InterviewSettings
    files: Sequence[Path] = ()
    on_result: Callable[[int, Prompt, Result], None] | None = None

    def run(self) -> tuple[list[Result], RoundSummary]:
        """Every question's result, and the round's summary."""
        return run_round(self.prompts, self.settings, self.files, self.interview, self.on_result)

    def interview(self, prompt: Prompt, settings: InterviewSettings) -> Result:
        """One question of the round, as an interview sharing this round's store and status."""
        return Interview(prompt, settings, store=self.store, status=self.status).run()


def run_round(
    prompts: Sequence[Prompt],
    settings: InterviewSettings,
    files: Sequence[Path],
    run_one: Callable[[Prompt, InterviewSettings], Result],
    on_result: Callable[[int, Prompt, Result], None] | None = None,
) -> tuple[list[Result], RoundSummary]:
    """Ask every prompt in turn (each its own session) and summarise."""
    plan = input_plan(files, len(prompts), settings.follow_up)
    round_id = f"{datetime.now(timezone.utc):%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"
    results = []
    for i, (prompt, (answer, follow)) in enumerate(zip(prompts, plan, strict=True), 1):
        one = replace(
            settings,
            input_file=answer,
            follow_up_file=follow,
            round_extra={"id": round_id, "question": i, "of": len(prompts)},
        )
        result = run_one(prompt, one)
        results.append(result)
        if on_result is not None:
            on_result(i, prompt, result)
    return results, summarise(results)


def render_summary(summary: RoundSummary) -> RenderableType:
    """A rich renderable: one row per question, then what keeps missing and the total time."""
    table = Table(title="Round summary")
    for column in ("#", "question", "first answer", "whole story", "follow-up on", "speech"):
        table.add_column(column)
    for i, q in enumerate(summary.questions, 1):
        table.add_row(
            str(i), q.prompt_id, q.first_grade, q.grade, q.follow_up or "—", clock(q.speech_s)
        )
    lines = Text()
    missing = summary.keeps_missing
    if missing:
        names = ", ".join(f"{SIGNAL_NAMES.get(s, s)} ({n}×)" for s, n in missing)
        lines.append(f"Keeps missing: {names}\n", style="yellow")
    else:
        lines.append("No signal missed more than once.\n", style="green")
    lines.append(f"Total time recorded: {clock(summary.total_s)}")
    return Group(table, lines)
