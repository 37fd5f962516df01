"""The story bank: the user's incident stories, and which prompts each has served how well.

A candidate prepares a few stories that must serve many prompts. The bank keeps their names
(and a note) in `stories.json` in the data folder, a small file written atomically (0600)
under a lock. It is not a table in `sessions.db` because that index is rebuilt from the
session folders when it is damaged, and a story list kept only there would be lost. What a
story has served comes from the sessions tagged with it (`--story NAME` on `interview` and
`score`), so removing a story never touches a session: their tags simply stop being listed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mock_interviewer.config import data_dir
from mock_interviewer.errors import SessionError, UsageError
from mock_interviewer.session_index import file_lock

if TYPE_CHECKING:
    from mock_interviewer.sessions import SessionInfo

FILE_NAME = "stories.json"
MAX_NAME = 40  # characters
MAX_NOTE = 300  # characters
NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.'-]*")
_VERSION = 1


def check_name(name: str) -> str:
    """A valid story name, stripped; UsageError otherwise (no paths, at most MAX_NAME chars)."""
    cleaned = name.strip()
    if not cleaned:
        raise UsageError("a story name cannot be empty; e.g. --story checkout-outage")
    if len(cleaned) > MAX_NAME:
        raise UsageError(f"story name too long ({len(cleaned)} characters; at most {MAX_NAME})")
    if not NAME_RE.fullmatch(cleaned) or ".." in cleaned:
        raise UsageError(
            f"story name {name!r} may use letters, digits, spaces and - _ . ' only, "
            "starting with a letter or digit"
        )
    return cleaned


@dataclass(frozen=True)
class Story:
    """One prepared incident story."""

    name: str
    note: str = ""
    created: str = ""  # ISO 8601, UTC

    def to_dict(self) -> dict[str, str]:
        """JSON shape in `stories.json` and `stories --json`."""
        return {"name": self.name, "note": self.note, "created": self.created}


@dataclass(frozen=True)
class Served:
    """A story's best answer to one prompt."""

    prompt_id: str
    grade: str | None
    session: str
    created: str
    answers: int  # sessions of this story with this prompt

    def to_dict(self) -> dict[str, Any]:
        """JSON shape."""
        return {
            "prompt": self.prompt_id,
            "best_grade": self.grade,
            "best_session": self.session,
            "created": self.created,
            "answers": self.answers,
        }


@dataclass(frozen=True)
class StoryView:
    """A story with the prompts it has served, best grade per prompt."""

    story: Story
    served: tuple[Served, ...] = ()
    untagged_sessions: int = 0  # sessions with no prompt (typed answers scored without one)

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of `stories --json` and `stories show --json`."""
        return {
            **self.story.to_dict(),
            "prompts": [s.to_dict() for s in self.served],
            "sessions_without_prompt": self.untagged_sessions,
        }


class StoryBank:
    """The stories in `stories.json` under the data folder (or `root`)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else data_dir()
        self.path = self.root / FILE_NAME

    def all(self) -> list[Story]:
        """Every story, in the order they were added."""
        return self._read()

    def get(self, name: str) -> Story:
        """One story by name (case-insensitive); UsageError naming the remedy if unknown."""
        wanted = check_name(name)
        for story in self._read():
            if story.name.lower() == wanted.lower():
                return story
        raise UsageError(
            f"no story {wanted!r}: add it with `mock-interviewer stories add {wanted!r}` "
            "or see `mock-interviewer stories list`"
        )

    def add(self, name: str, note: str = "") -> Story:
        """Add a story; UsageError if the name (in any case) is taken."""
        return self._add(name, note, exist_ok=False)[0]

    def ensure(self, name: str) -> tuple[Story, bool]:
        """The story, added first when new (tagging a session keeps its story); (story, added)."""
        return self._add(name, "", exist_ok=True)

    def remove(self, name: str) -> Story:
        """Forget a story; its sessions stay, tagged as they were."""
        story = self.get(name)
        with self._locked():
            kept = [s for s in self._read() if s.name != story.name]
            self._write(kept)
        return story

    def _add(self, name: str, note: str, exist_ok: bool) -> tuple[Story, bool]:
        cleaned = check_name(name)
        note = " ".join(note.split())
        if len(note) > MAX_NOTE:
            raise UsageError(f"the note is too long ({len(note)} characters; at most {MAX_NOTE})")
        with self._locked():
            stories = self._read()
            for existing in stories:
                if existing.name.lower() == cleaned.lower():
                    if exist_ok:
                        return existing, False
                    raise UsageError(
                        f"a story named {existing.name!r} already exists: "
                        "pick another name or `stories remove` it first"
                    )
            created = datetime.now(timezone.utc).isoformat(timespec="seconds")
            story = Story(cleaned, note, created)
            self._write([*stories, story])
        return story, True

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        with file_lock(self.root / f"{FILE_NAME}.lock"):
            yield

    def _read(self) -> list[Story]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise SessionError(
                f"cannot read the story bank {self.path}: {error}; fix or move the file away"
            ) from error
        items = data.get("stories") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise SessionError(f"the story bank {self.path} is malformed; fix or move it away")
        return [
            Story(str(i["name"]), str(i.get("note", "")), str(i.get("created", "")))
            for i in items
            if isinstance(i, dict) and "name" in i
        ]

    def _write(self, stories: Sequence[Story]) -> None:
        """Write atomically: a private temporary file beside it, fsync, rename."""
        data = {"version": _VERSION, "stories": [s.to_dict() for s in stories]}
        tmp = self.path.with_name(f".{FILE_NAME}.{secrets.token_hex(4)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, indent=2)
                handle.write("\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise


def story_view(story: Story, sessions: Iterable[SessionInfo]) -> StoryView:
    """What `story` has served: its best grade per prompt, from complete tagged sessions (pure)."""
    # Lazy: this module loads at start-up (the CLI registers `stories`); history pulls in rich.
    from mock_interviewer.report.history import grade_points

    best: dict[str, SessionInfo] = {}
    counts: dict[str, int] = {}
    no_prompt = 0
    for info in sessions:
        if info.story is None or info.story.lower() != story.name.lower():
            continue
        if info.status != "complete" or info.kind == "drill":
            continue
        if info.prompt_id is None:
            no_prompt += 1
            continue
        counts[info.prompt_id] = counts.get(info.prompt_id, 0) + 1
        held = best.get(info.prompt_id)
        if held is None or _rank(info, grade_points) > _rank(held, grade_points):
            best[info.prompt_id] = info
    served = tuple(
        Served(pid, info.grade, info.id, info.created, counts[pid])
        for pid, info in sorted(best.items())
    )
    return StoryView(story, served, no_prompt)


GradePoints = Callable[[str | None], float | None]  # a grade as a number, higher better


def prompts_without_story(prompt_ids: Sequence[str], views: Iterable[StoryView]) -> list[str]:
    """The prompts no story in the bank has served yet, in the bank's order."""
    covered = {s.prompt_id for view in views for s in view.served}
    return [pid for pid in prompt_ids if pid not in covered]


def _rank(
    info: SessionInfo, points: Callable[[str | None], float | None]
) -> tuple[float, str, str]:
    """Higher is better: the grade, then the newer session."""
    value = points(info.grade)
    return (value if value is not None else -1.0, info.created, info.id)
