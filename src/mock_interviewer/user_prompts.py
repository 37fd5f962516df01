"""Your own questions: `questions.toml` in the data folder, one `[[question]]` table each.

    [[question]]
    id = "db-migration"
    question = "Tell me about a database migration that went wrong."
    like = "outage"        # optional: a bank prompt whose expectations and follow-ups apply

A question `like` a bank prompt takes that prompt's expectations, follow-ups and weighting;
one without `like` stands alone: graded on the six signals, with the generic follow-ups.
Every mistake in the file is reported with the file and the line it is on.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found]

from .errors import PromptError, UsageError
from .prompts import Prompt

FILE_NAME = "questions.toml"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
MAX_QUESTION = 300  # characters: a question, not a paragraph
KEYS = ("id", "question", "like", "title")
_HEADER = re.compile(r"^\s*\[\[\s*question\s*\]\]")
_HEADER_TEXT = "# Your own interview questions (see `mock-interviewer prompts add --help`).\n"


def user_file() -> Path:
    """Where your questions live."""
    from .config import data_dir

    return data_dir() / FILE_NAME


def load_user_prompts(bank: dict[str, Prompt], path: Path | None = None) -> dict[str, Prompt]:
    """Your questions as prompts, in the file's order; none when the file does not exist."""
    path = path or user_file()
    if not path.exists():
        return {}
    return parse_user_file(path, path.read_bytes(), bank)


def parse_user_file(path: Path, raw: bytes, bank: dict[str, Prompt]) -> dict[str, Prompt]:
    """Validate the file's text; the first mistake raises `PromptError` with file and line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _fail(path, "is not UTF-8 text") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise _fail(path, message, int(found.group(1)) if found else None) from exc
    lines = text.splitlines()
    extra = sorted(set(data) - {"question"})
    if extra:
        raise _fail(path, f"unknown key '{extra[0]}': only [[question]] tables belong here")
    entries = data.get("question", [])
    if not isinstance(entries, list):
        raise _fail(path, "'question' must be [[question]] tables", _key_line(lines, 0, "question"))
    out: dict[str, Prompt] = {}
    for n, entry in enumerate(entries):
        prompt = _entry(path, lines, n, entry, bank)
        if prompt.id in bank or prompt.id in out:
            where = "a bank question" if prompt.id in bank else "another of your questions"
            raise _fail(path, f"id '{prompt.id}' is already {where}", _key_line(lines, n, "id"))
        out[prompt.id] = prompt
    return out


def _entry(path: Path, lines: list[str], n: int, entry: object, bank: dict[str, Prompt]) -> Prompt:
    """One [[question]] table, checked key by key."""
    at = _header_line(lines, n)
    if not isinstance(entry, dict):
        raise _fail(path, "each question must be a [[question]] table", at)
    unknown = [k for k in entry if k not in KEYS]
    if unknown:
        line = _key_line(lines, n, unknown[0])
        raise _fail(path, f"unknown key '{unknown[0]}' (use: {', '.join(KEYS)})", line)
    values: dict[str, str] = {}
    for key in KEYS:
        value = entry.get(key)
        if value is None and key in ("like", "title"):
            continue
        if not isinstance(value, str) or not value.strip():
            line = _key_line(lines, n, key) if key in entry else at
            raise _fail(path, f"question {n + 1} needs '{key}' as non-empty text", line)
        values[key] = " ".join(value.split())
    problem = check_values(values["id"], values["question"], values.get("like"), bank)
    if problem is not None:
        key, message = problem
        raise _fail(path, message, _key_line(lines, n, key))
    return build(values, bank, path)


def check_values(
    prompt_id: str, question: str, like: str | None, bank: dict[str, Prompt]
) -> tuple[str, str] | None:
    """(key, what is wrong) for a bad id, question or `like`; None when all are fine."""
    if not ID_RE.fullmatch(prompt_id):
        return "id", (
            f"id '{prompt_id}' must be lower-case letters, digits, '-' or '_' (at most 40)"
        )
    if len(question) > MAX_QUESTION:
        return "question", f"the question is over {MAX_QUESTION} characters; ask it shorter"
    if like is not None and (like not in bank or bank[like].origin != "bank"):
        return "like", f"'like' must be one of the bank's questions: {', '.join(bank)}"
    return None


def build(values: dict[str, str], bank: dict[str, Prompt], path: Path | None) -> Prompt:
    """The prompt for one of your questions: the `like` prompt's rules, or none."""
    like = values.get("like")
    if like is not None:
        base = bank[like]
        return Prompt(
            id=values["id"],
            question=values["question"],
            title=values.get("title", base.title),
            expectations=base.expectations,
            follow_ups=dict(base.follow_ups),
            relaxed=base.relaxed,
            optional_phases=base.optional_phases,
            source=path,
            origin="yours",
            like=like,
        )
    return Prompt(
        id=values["id"],
        question=values["question"],
        title=values.get("title", "Your question"),
        expectations=(),
        follow_ups={},
        source=path,
        origin="yours",
    )


def add_question(
    prompt_id: str, question: str, like: str | None, title: str | None = None
) -> Prompt:
    """Append a question to your file (created 0600); refused before writing if it is wrong."""
    from .prompts import load_bank

    bank = load_bank()
    path = user_file()
    old = path.read_bytes() if path.exists() else _HEADER_TEXT.encode()
    question = " ".join(question.split())
    if not question:
        raise UsageError("--question is empty: give the question as you want it asked")
    problem = check_values(prompt_id, question, like, bank)
    if problem is not None:
        raise UsageError(f"--{problem[0]}: {problem[1]}")
    existing = parse_user_file(path, old, bank)
    if prompt_id in bank or prompt_id in existing:
        raise UsageError(f"--id: '{prompt_id}' is already a question; pick another id")
    block = ["[[question]]", f"id = {_toml(prompt_id)}", f"question = {_toml(question)}"]
    if like is not None:
        block.append(f"like = {_toml(like)}")
    if title:
        block.append(f"title = {_toml(' '.join(title.split()))}")
    new = old.rstrip(b"\n") + ("\n\n" + "\n".join(block) + "\n").encode()
    added = parse_user_file(path, new, bank)[prompt_id]
    _write_private(path, new)
    return added


def remove_question(prompt_id: str) -> None:
    """Drop one of your questions from the file (its sessions stay)."""
    from .prompts import load_bank

    bank = load_bank()
    path = user_file()
    raw = path.read_bytes() if path.exists() else b""
    if prompt_id not in (parse_user_file(path, raw, bank) if raw else {}):
        raise UsageError(
            f"'{prompt_id}' is not one of your questions: see `mock-interviewer prompts`"
        )
    lines = raw.decode("utf-8").splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if _HEADER.match(line)] + [len(lines)]
    for begin, end in itertools.pairwise(starts):
        block = tomllib.loads("".join(lines[begin:end])).get("question", [{}])[0]
        if block.get("id") == prompt_id:
            kept = "".join(lines[:begin] + lines[end:])
            _write_private(path, kept.encode())
            return


def _toml(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def _write_private(path: Path, data: bytes) -> None:
    import os

    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def _header_line(lines: list[str], n: int) -> int | None:
    """The line (1-based) of the n-th [[question]] header."""
    seen = -1
    for number, line in enumerate(lines, 1):
        if _HEADER.match(line):
            seen += 1
            if seen == n:
                return number
    return None


def _key_line(lines: list[str], n: int, key: str) -> int | None:
    """The line of `key` inside the n-th [[question]] table (its header when not found)."""
    start = _header_line(lines, n)
    if start is None:
        return None
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number in range(start + 1, len(lines) + 1):
        line = lines[number - 1]
        if _HEADER.match(line):
            break
        if pattern.match(line):
            return number
    return start


def _fail(path: Path, problem: str, line: int | None = None) -> PromptError:
    at = f" line {line}" if line else ""
    return PromptError(f"{path}{at}: {problem} \u2014 fix the file or remove it")
