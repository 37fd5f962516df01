"""The session store: a SQLite index plus one private folder per session.

Layout under `data_dir()`:

    sessions.db                 index (WAL, busy timeout: safe for two interviews at once)
    sessions/<id>/audio.wav     the recorded answer (spoken sessions; written by the recorder)
    sessions/<id>/session.json  metadata, the source of truth the index can be rebuilt from
    sessions/<id>/transcript.json, scorecard.json, pacing.json

Folders are 0700 and files 0600. A damaged index is never silently reset: it is moved aside as
`sessions.db.corrupt-<time>`, rebuilt from the session folders, and a notice is kept in
`SessionStore.notices` for the CLI to show.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from mock_interviewer import interrupts
from mock_interviewer.config import data_dir
from mock_interviewer.errors import SessionError, UnknownSession
from mock_interviewer.pacing import PacingReport
from mock_interviewer.scorecard import Scorecard
from mock_interviewer.session_files import (
    abandoned,
    hold_live_lock,
    opt_float,
    opt_str,
    parse_json,
    private_dir,
    read_json,
    release_live_lock,
    reserve_folder,
    write_json,
)
from mock_interviewer.session_index import COLUMNS, Row, SessionIndex
from mock_interviewer.transcript import Transcript

log = logging.getLogger(__name__)

KINDS = ("interview", "score", "drill", "demo")  # demo: `mock-interviewer demo`, never history
STATUSES = ("recording", "complete", "interrupted", "no_answer")
SOURCES = ("audio", "text")
LAST = "last"  # the newest complete session (demos aside)

SESSION_ID_RE = re.compile(r"^[0-9]{8}-[0-9]{6}-[0-9a-f]{4}$")
DB_NAME = "sessions.db"
FOLDER_NAME = "sessions"
AUDIO_NAME = "audio.wav"
META_NAME = "session.json"
TRANSCRIPT_NAME = "transcript.json"
SCORECARD_NAME = "scorecard.json"
PACING_NAME = "pacing.json"


@dataclass(frozen=True)
class SessionInfo:
    """One row of the index: what `history` shows and where the session's files are."""

    id: str
    created: str  # ISO 8601, UTC
    kind: str  # "interview" | "score" | "drill" | "demo"
    status: str  # "recording" | "complete" | "interrupted" | "no_answer"
    prompt_id: str | None
    source: str  # "audio" | "text"
    grade: str | None
    duration_s: float | None  # seconds of speech; None for typed answers
    wpm: float | None  # words per minute; None for typed answers
    words: int | None
    story: str | None
    folder: Path
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON shape, as kept in `session.json` (without the folder) and `history --json`."""
        data = asdict(self)
        del data["folder"]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], folder: Path) -> SessionInfo:
        """Inverse of `to_dict`."""
        return cls(
            id=str(data["id"]),
            created=str(data["created"]),
            kind=str(data["kind"]),
            status=str(data["status"]),
            prompt_id=opt_str(data.get("prompt_id")),
            source=str(data.get("source", "text")),
            grade=opt_str(data.get("grade")),
            duration_s=opt_float(data.get("duration_s")),
            wpm=opt_float(data.get("wpm")),
            words=None if data.get("words") is None else int(data["words"]),
            story=opt_str(data.get("story")),
            folder=folder,
            extra=dict(data.get("extra") or {}),
        )


@dataclass(frozen=True)
class Session:
    """A complete session read back from disk."""

    info: SessionInfo
    transcript: Transcript
    scorecard: Scorecard
    pacing: PacingReport | None
    audio_path: Path | None  # None for typed answers or when the recording is gone


def valid_id(session_id: str) -> bool:
    """True for a well-formed session id such as `20261127-051233-3f9a`."""
    return bool(SESSION_ID_RE.fullmatch(session_id))


def unknown_session(session_id: str) -> UnknownSession:
    """The one message for an id that names no session."""
    return UnknownSession(
        f"no session {session_id!r}: use `mock-interviewer history` to list sessions"
    )


_Infos = list[SessionInfo]  # `SessionStore.list` shadows the builtin inside the class


class SessionStore:
    """Sessions on disk: `begin` a session, let the recorder write audio, then `finish` it."""

    def __init__(
        self, root: Path | None = None, *, now: Callable[[], datetime] | None = None
    ) -> None:
        self.root = Path(root) if root is not None else data_dir()
        self.db_path = self.root / DB_NAME
        self.sessions_dir = self.root / FOLDER_NAME
        self._now = now or (lambda: datetime.now(timezone.utc))
        self._index = SessionIndex(
            self.db_path,
            lambda: [_to_row(info) for info in self._scan_folders()],
            lambda: self._now().astimezone(timezone.utc),
        )

    @property
    def notices(self) -> list[str]:
        """Things the user should hear about, such as an index rebuilt after damage."""
        return self._index.notices

    # -- writing -------------------------------------------------------------------------

    @interrupts.deferred()  # a Ctrl-C waits until the index and the folder agree
    def begin(
        self, kind: str, prompt_id: str | None, source: str, story: str | None = None
    ) -> SessionInfo:
        """Reserve an id and a private folder; the index row says "recording"."""
        _check_choice("kind", kind, KINDS)
        _check_choice("source", source, SOURCES)
        private_dir(self.root)
        private_dir(self.sessions_dir)
        now = self._now().astimezone(timezone.utc)
        session_id, folder = reserve_folder(self.sessions_dir, now)
        hold_live_lock(session_id, folder)
        info = SessionInfo(
            id=session_id,
            created=now.isoformat(timespec="microseconds"),
            kind=kind,
            status="recording",
            prompt_id=prompt_id,
            source=source,
            grade=None,
            duration_s=None,
            wpm=None,
            words=None,
            story=story,
            folder=folder,
        )
        self._save(info)
        return info

    def audio_path(self, info: SessionInfo) -> Path:
        """Where the recorder writes the answer's WAV as it arrives."""
        return info.folder / AUDIO_NAME

    @interrupts.deferred()  # a Ctrl-C waits until the index and the folder agree
    def finish(
        self,
        info: SessionInfo,
        transcript: Transcript,
        scorecard: Scorecard,
        pacing: PacingReport | None,
        extra: dict[str, Any] | None = None,
        status: str = "complete",
    ) -> SessionInfo:
        """Write the results (each file atomically), then mark the session `status`.

        `status` stays "interrupted" when an interrupted session is scored afterwards from the
        audio it kept (see `rescore.py`): it has results, and still says how it ended.
        """
        _check_choice("status", status, ("complete", "interrupted"))
        folder = self._folder(info)
        write_json(folder / TRANSCRIPT_NAME, transcript.to_dict())
        write_json(folder / SCORECARD_NAME, scorecard.to_dict())
        if pacing is not None:
            write_json(folder / PACING_NAME, pacing.to_dict())
        spoken = pacing is not None and not pacing.estimated
        duration = pacing.duration_s if pacing is not None and spoken else None
        done = replace(
            info,
            status=status,
            grade=scorecard.grade,
            duration_s=duration if duration is not None else transcript.duration,
            wpm=pacing.wpm if pacing is not None and spoken else None,
            # One definition of "words" for every view: the words that length and pace are
            # measured over (the first answer when a follow-up was added to the story).
            words=pacing.words if pacing is not None else transcript.word_count(),
            extra={**info.extra, **(extra or {})},
        )
        self._protect_audio(done)
        self._save(done)
        release_live_lock(info.id, folder)
        return done

    @interrupts.deferred()  # a Ctrl-C waits until the index and the folder agree
    def mark(self, info: SessionInfo, status: str) -> SessionInfo:
        """Record that a session ended without a result ("interrupted" or "no_answer")."""
        _check_choice("status", status, ("interrupted", "no_answer"))
        self._folder(info)
        marked = replace(info, status=status)
        self._protect_audio(marked)
        self._save(marked)
        release_live_lock(info.id, info.folder)
        return marked

    # -- reading -------------------------------------------------------------------------

    def get(self, session_id: str) -> SessionInfo:
        """The index row of one session; `last` is the newest complete one (never a demo)."""
        if session_id == LAST:
            rows = self._query(
                "SELECT * FROM sessions WHERE status = 'complete' AND kind != 'demo' "
                "ORDER BY created DESC, id DESC LIMIT 1",
                (),
            )
            if not rows:
                raise UnknownSession(
                    "no complete session yet: run `mock-interviewer interview` "
                    "or `mock-interviewer score FILE` first"
                )
            return rows[0]
        if not valid_id(session_id):
            raise unknown_session(session_id)
        rows = self._query("SELECT * FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise unknown_session(session_id)
        return self._settle(rows)[0]

    def load(self, session_id: str) -> Session:
        """A scored session with its transcript, scorecard, pacing and audio.

        Complete sessions, and interrupted ones once scored from their audio (`rescore.py`).
        """
        info = self.get(session_id)
        if not self.scored(info):
            raise SessionError(
                f"session {info.id} is {info.status.replace('_', ' ')} and has no feedback: "
                "use `mock-interviewer history` to pick a complete one"
            )
        folder = self._folder(info)
        transcript = parse_json(folder / TRANSCRIPT_NAME, Transcript.from_dict)
        scorecard = parse_json(folder / SCORECARD_NAME, Scorecard.from_dict)
        pacing_file = folder / PACING_NAME
        pacing = parse_json(pacing_file, PacingReport.from_dict) if pacing_file.exists() else None
        audio = self.audio_path(info)
        return Session(info, transcript, scorecard, pacing, audio if audio.is_file() else None)

    def scored(self, info: SessionInfo) -> bool:
        """True when the session has results to show: complete, or interrupted and rescored."""
        if info.status == "complete":
            return True
        return info.status == "interrupted" and (info.folder / SCORECARD_NAME).is_file()

    def list(self, limit: int | None = None, kind: str | None = None) -> _Infos:
        """Sessions, newest first; one kind, or every kind but demos; at most `limit`."""
        sql = "SELECT * FROM sessions"
        params: list[Any] = []
        if kind is not None:
            sql += " WHERE kind = ?"
            params.append(kind)
        else:
            sql += " WHERE kind != 'demo'"  # the demo's sessions are not the user's history
        sql += " ORDER BY created DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(int(limit), 0))
        return self._settle(self._query(sql, tuple(params)))

    def previous(self, info: SessionInfo) -> SessionInfo | None:
        """The newest complete interview or score with `info`'s prompt, created before it.

        A demo has none: it is not the user's answer, so it is compared with nothing.
        """
        if info.prompt_id is None or info.kind == "demo":
            return None
        rows = self._query(
            "SELECT * FROM sessions WHERE prompt_id = ? AND status = 'complete' AND id != ? "
            "AND kind IN ('interview', 'score') AND (created < ? OR (created = ? AND id < ?)) "
            "ORDER BY created DESC, id DESC LIMIT 1",
            (info.prompt_id, info.id, info.created, info.created, info.id),
        )
        return rows[0] if rows else None

    def tagged(self, story: str | None = None) -> _Infos:
        """Complete sessions tagged with a story (with `story`, only that one), newest first."""
        sql = (
            "SELECT * FROM sessions WHERE status = 'complete' AND story IS NOT NULL "
            "AND kind != 'demo'"
        )
        params: tuple[Any, ...] = ()
        if story is not None:
            sql += " AND story = ?"
            params = (story,)
        return self._query(sql + " ORDER BY created DESC, id DESC", params)

    # -- internals -----------------------------------------------------------------------

    def _folder(self, info: SessionInfo) -> Path:
        """The session's folder, refusing anything that is not one of ours."""
        if not valid_id(info.id):
            raise unknown_session(info.id)
        folder = self.sessions_dir / info.id
        if not folder.is_dir():
            raise SessionError(f"the folder of session {info.id} is missing: {folder}")
        return folder

    def _protect_audio(self, info: SessionInfo) -> None:
        audio = self.audio_path(info)
        with contextlib.suppress(OSError):
            if audio.is_file():
                audio.chmod(0o600)

    def _save(self, info: SessionInfo) -> None:
        """Write `session.json` first (the truth a rebuild reads), then the index row."""
        write_json(self._folder(info) / META_NAME, info.to_dict())
        self._index.upsert(_to_row(info))

    def _settle(self, infos: _Infos) -> _Infos:
        """Sessions left "recording" by a process that died (kill -9, power loss) become
        "interrupted": their audio is kept, and history says what happened."""
        return [
            self.mark(info, "interrupted")
            if info.status == "recording" and abandoned(info.id, info.folder)
            else info
            for info in infos
        ]

    def _query(self, sql: str, params: tuple[Any, ...]) -> _Infos:
        private_dir(self.root)
        return [self._from_row(row) for row in self._index.select(sql, params)]

    def _scan_folders(self) -> _Infos:
        """Every readable `session.json`; unreadable folders are skipped with a warning."""
        infos: _Infos = []
        if not self.sessions_dir.is_dir():
            return infos
        for folder in sorted(self.sessions_dir.iterdir()):
            if not (valid_id(folder.name) and folder.is_dir()):
                continue
            try:
                info = SessionInfo.from_dict(read_json(folder / META_NAME), folder)
            except (SessionError, KeyError, TypeError, ValueError) as error:
                log.warning("skipping session folder %s: %s", folder, error)
                continue
            if info.id == folder.name:
                infos.append(info)
        return infos

    def _from_row(self, data: dict[str, Any]) -> SessionInfo:
        try:
            data["extra"] = json.loads(data.get("extra") or "{}")
        except json.JSONDecodeError:
            data["extra"] = {}
        return SessionInfo.from_dict(data, self.sessions_dir / str(data["id"]))


def _to_row(info: SessionInfo) -> Row:
    data = info.to_dict()
    data["extra"] = json.dumps(info.extra, sort_keys=True)
    return tuple(data[c] for c in COLUMNS)


def _check_choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
