"""The prompt bank: one TOML file per interview question, with what a strong answer shows."""

from __future__ import annotations

import os
import random
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found]

from .config import project_root
from .errors import PromptError, UsageError
from .scorecard import PITFALLS, SIGNALS
from .wording import several

PROMPTS_ENV = "MOCK_INTERVIEWER_PROMPTS"  # a folder of *.toml prompts that replaces the bank
STANDARD_IDS: tuple[str, ...] = (
    "outage",
    "critical_bug",
    "stressful",
    "misdiagnosis",
    "fast_decision",
    "unexpected_root_cause",
)
_REMEDY = "fix the file or remove it"
_PHASES = ("mitigation", "fix", "prevention")


@dataclass(frozen=True)
class Expectation:
    """One thing a strong answer to this prompt shows, beyond the six signals."""

    id: str
    text: str
    check: str = ""  # name of the engine check that decides it; empty means the id


@dataclass(frozen=True)
class Prompt:
    """An interview question and how the rubric weighs answers to it."""

    id: str
    question: str
    title: str
    expectations: tuple[Expectation, ...]
    follow_ups: dict[str, str] = field(hash=False)  # signal/pitfall id -> interviewer's next ask
    relaxed: tuple[str, ...] = ()  # signals a strong answer to this prompt may miss
    optional_phases: tuple[str, ...] = ()  # phases a strong answer may leave out
    source: Path | None = field(default=None, compare=False)
    phrasings: tuple[str, ...] = ()  # other wordings of the question, for `--random`
    origin: str = "bank"  # "bank" (shipped) or "yours" (the user's questions file)
    like: str | None = None  # for the user's questions: the bank prompt whose rules apply

    @property
    def wordings(self) -> tuple[str, ...]:
        """The question and its other phrasings."""
        return (self.question, *self.phrasings)


def default_prompts_dir() -> Path:
    """The prompt folder: $MOCK_INTERVIEWER_PROMPTS, else the checkout's, else the installed one."""
    override = os.environ.get(PROMPTS_ENV)
    if override:
        return Path(override).expanduser()
    root = project_root()
    if root is not None:
        return root / "prompts"
    return Path(sys.prefix) / "share" / "mock-interviewer" / "prompts"


def _where(path: Path) -> str:
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def _fail(path: Path, problem: str, line: int | None = None) -> PromptError:
    at = f" line {line}" if line else ""
    return PromptError(f"{_where(path)}{at}: {problem} \u2014 {_REMEDY}")


def _require_str(data: dict[str, Any], key: str, path: Path, what: str = "") -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        where = f" in {what}" if what else ""
        raise _fail(path, f"missing or empty text key '{key}'{where}")
    return value.strip()


def parse_prompt(path: Path) -> Prompt:
    """Read one prompt file; a broken file raises `PromptError` naming the file and line."""
    try:
        raw = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, f"cannot be read ({exc})") from exc
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise _fail(path, message, int(match.group(1)) if match else None) from exc
    prompt_id = str(data.get("id") or path.stem)
    question = _require_str(data, "question", path)
    title = _require_str(data, "title", path)
    items = data.get("expectations")
    if not isinstance(items, list) or not items:
        raise _fail(path, "missing [[expectations]] entries")
    expectations = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise _fail(path, f"expectation {n} is not a table")
        eid = _require_str(item, "id", path, f"expectation {n}")
        text = _require_str(item, "text", path, f"expectation {n}")
        expectations.append(Expectation(eid, text, str(item.get("check", ""))))
    follow_ups = data.get("follow_ups", {})
    if not isinstance(follow_ups, dict) or not all(isinstance(v, str) for v in follow_ups.values()):
        raise _fail(path, "[follow_ups] must map signal or pitfall ids to questions")
    unknown = [k for k in follow_ups if k not in SIGNALS and k not in PITFALLS]
    if unknown:
        ids = several(len(unknown), "follow-up id")
        raise _fail(path, f"unknown {ids}: {', '.join(sorted(unknown))}")
    relaxed = data.get("relaxed", [])
    if not isinstance(relaxed, list) or any(r not in SIGNALS for r in relaxed):
        raise _fail(path, f"'relaxed' must list signal ids from: {', '.join(SIGNALS)}")
    phrasings = data.get("phrasings", [])
    if not isinstance(phrasings, list) or not all(
        isinstance(p, str) and p.strip() for p in phrasings
    ):
        raise _fail(path, "'phrasings' must list the question's other wordings as text")
    optional = data.get("optional_phases", [])
    if not isinstance(optional, list) or any(p not in _PHASES for p in optional):
        raise _fail(path, f"'optional_phases' must list phases from: {', '.join(_PHASES)}")
    return Prompt(
        id=prompt_id,
        question=question,
        title=title,
        expectations=tuple(expectations),
        follow_ups=dict(follow_ups),
        relaxed=tuple(relaxed),
        optional_phases=tuple(optional),
        source=path,
        phrasings=tuple(p.strip() for p in phrasings),
    )


def load_prompts(directory: Path | None = None) -> dict[str, Prompt]:
    """All prompts in a folder: the six standard ids first, then the rest sorted by id.

    Without `directory`: the bank, then the user's own questions (`user_prompts.py`)."""
    bank = load_bank(directory)
    if directory is not None:
        return bank
    from .user_prompts import load_user_prompts

    return {**bank, **load_user_prompts(bank)}


def random_prompt(rng: random.Random | None = None) -> Prompt:
    """A question picked at random from all of them, in one of its wordings."""
    rng = rng or random.Random()
    chosen = rng.choice(list(load_prompts().values()))
    wording = rng.choice(chosen.wordings)
    return replace(chosen, question=wording)


def load_bank(directory: Path | None = None) -> dict[str, Prompt]:
    """The shipped prompts only (or those of `directory`)."""
    folder = directory if directory is not None else default_prompts_dir()
    if not folder.is_dir():
        raise UsageError(
            f"no prompt folder at {folder}: set {PROMPTS_ENV} to a folder of *.toml prompts"
        )
    found: dict[str, Prompt] = {}
    for path in sorted(folder.glob("*.toml")):
        prompt = parse_prompt(path)
        if prompt.id in found:
            raise _fail(path, f"prompt id '{prompt.id}' is already used by another file")
        found[prompt.id] = prompt
    order = [i for i in STANDARD_IDS if i in found] + sorted(
        i for i in found if i not in STANDARD_IDS
    )
    return {i: found[i] for i in order}


def get_prompt(prompt_id: str, directory: Path | None = None) -> Prompt:
    """One prompt by id; an unknown id raises `UsageError` listing the valid ones."""
    prompts = load_prompts(directory)
    try:
        return prompts[prompt_id]
    except KeyError:
        valid = ", ".join(prompts) or "(none)"
        raise UsageError(f"unknown prompt '{prompt_id}'; choose one of: {valid}") from None
