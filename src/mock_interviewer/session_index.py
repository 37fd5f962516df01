"""The SQLite index of sessions: WAL, a busy timeout, short transactions, rebuilt when damaged.

Two interviews in the same data folder each open short connections; WAL lets readers go on
while one writer commits, and `BEGIN IMMEDIATE` takes the write lock up front so the busy
timeout (not an error) handles contention. A damaged file is moved aside as
`sessions.db.corrupt-<time>` and the index is rebuilt from the rows the caller derives from
its session folders; a notice says so.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from mock_interviewer.errors import SessionError
from mock_interviewer.wording import plural

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 30.0  # how long a writer waits for another process holding the lock
SCHEMA_VERSION = 1
COLUMNS = (
    "id",
    "created",
    "kind",
    "status",
    "prompt_id",
    "source",
    "grade",
    "duration_s",
    "wpm",
    "words",
    "story",
    "extra",
)
_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS sessions (
        id TEXT PRIMARY KEY,
        created TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        prompt_id TEXT,
        source TEXT NOT NULL,
        grade TEXT,
        duration_s REAL,
        wpm REAL,
        words INTEGER,
        story TEXT,
        extra TEXT NOT NULL DEFAULT '{}'
    )""",
    "CREATE INDEX IF NOT EXISTS sessions_created ON sessions (created)",
)
_UPSERT = (
    f"INSERT OR REPLACE INTO sessions ({', '.join(COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in COLUMNS)})"
)

Row = tuple[Any, ...]  # values in COLUMNS order
_T = TypeVar("_T")


class SessionIndex:
    """The `sessions` table in one SQLite file, safe to share between processes."""

    def __init__(
        self,
        db_path: Path,
        rebuild_rows: Callable[[], Sequence[Row]],
        now: Callable[[], datetime],
    ) -> None:
        self.db_path = db_path
        self.notices: list[str] = []  # things the user should hear about (a rebuilt index)
        self._rebuild_rows = rebuild_rows
        self._now = now
        self._checked = False  # quick_check runs once per index object
        self._schema_ready = False

    def select(self, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        """Rows of a read-only query, as dicts."""

        def run(conn: sqlite3.Connection) -> list[dict[str, Any]]:
            return [dict(row) for row in conn.execute(sql, params).fetchall()]

        return self._transaction(run, write=False)

    def upsert(self, row: Row) -> None:
        """Insert or replace one session's row."""

        def run(conn: sqlite3.Connection) -> None:
            conn.execute(_UPSERT, row)

        self._transaction(run, write=True)

    def _transaction(self, action: Callable[[sqlite3.Connection], _T], write: bool) -> _T:
        """Run one short transaction; a damaged index is rebuilt once, then the action retried."""
        for attempt in (1, 2):
            try:
                with self._connect() as conn:
                    if not self._checked:
                        self._check(conn)
                    conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                    try:
                        result = action(conn)
                    except BaseException:
                        with contextlib.suppress(sqlite3.Error):
                            conn.execute("ROLLBACK")
                        raise
                    conn.execute("COMMIT")
                    return result
            except sqlite3.OperationalError as error:
                raise SessionError(
                    f"cannot use the session index {self.db_path}: {error} "
                    "(is another mock-interviewer stuck? check the folder's permissions)"
                ) from error
            except (sqlite3.DatabaseError, _Corrupt) as error:
                if attempt == 2:
                    raise SessionError(
                        f"the session index {self.db_path} is damaged and could not be "
                        f"rebuilt: {error}"
                    ) from error
                try:
                    self._recover(str(error))
                except (OSError, sqlite3.Error) as failure:
                    raise SessionError(
                        f"the session index {self.db_path} is damaged ({error}) and rebuilding "
                        f"it failed: {failure}; move the file away and retry"
                    ) from failure
        raise AssertionError("unreachable")

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        fresh = not self.db_path.exists()
        conn = sqlite3.connect(self.db_path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            if fresh:
                with contextlib.suppress(OSError):
                    self.db_path.chmod(0o600)
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            conn.execute("PRAGMA journal_mode = WAL")
            if fresh or not self._schema_ready:
                _create_schema(conn)
                self._schema_ready = True
            yield conn
        finally:
            conn.close()

    def _check(self, conn: sqlite3.Connection) -> None:
        """A quick integrity check, so damage is found before it spreads."""
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise _Corrupt(result)
        self._checked = True

    def _recover(self, reason: str) -> None:
        """Move the damaged file aside and rebuild the index from the session folders."""
        with _lock(self.db_path.with_name(self.db_path.name + ".lock")):
            if self._healthy():  # another process rebuilt it while we waited
                self._checked = True
                return
            stamp = self._now().strftime("%Y%m%d-%H%M%S")
            kept = self.db_path.with_name(f"{self.db_path.name}.corrupt-{stamp}")
            if self.db_path.exists():
                self.db_path.replace(kept)
            for suffix in ("-wal", "-shm"):
                side = self.db_path.with_name(self.db_path.name + suffix)
                if side.exists():
                    side.replace(kept.with_name(kept.name + suffix))
            rows = list(self._rebuild_rows())
            with self._connect() as conn:
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany(_UPSERT, rows)
                conn.execute("COMMIT")
            self._checked = True
        notice = (
            f"the session index was damaged ({reason}); rebuilt it from "
            f"{plural(len(rows), 'session folder')} and kept the damaged file as {kept}"
        )
        log.warning(notice)
        self.notices.append(notice)

    def _healthy(self) -> bool:
        if not self.db_path.exists():
            return False
        try:
            with contextlib.closing(sqlite3.connect(self.db_path, timeout=BUSY_TIMEOUT_S)) as conn:
                ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
                conn.execute("SELECT count(*) FROM sessions").fetchone()
                return bool(ok)
        except sqlite3.DatabaseError:
            return False


class _Corrupt(Exception):
    """`PRAGMA quick_check` found damage."""


def _create_schema(conn: sqlite3.Connection) -> None:
    # executescript would commit behind our back; run the statements one by one instead.
    conn.execute("BEGIN IMMEDIATE")
    for statement in _SCHEMA:
        conn.execute(statement)
    if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute("COMMIT")


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """An exclusive lock between processes (POSIX); elsewhere, a no-op."""
    if sys.platform == "win32":
        yield
        return
    import fcntl  # here, after the platform check: POSIX only

    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


file_lock = _lock  # for other files in the data folder (the story bank)
