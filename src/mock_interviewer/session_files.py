"""The files of a session folder: private folders, JSON written atomically and read back with
clear errors, and the lock that tells other processes a recording is still live.

`fcntl` is imported where it is used: it exists on POSIX only, and elsewhere the lock is skipped.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from mock_interviewer.errors import SessionError

_T = TypeVar("_T")
_ID_ATTEMPTS = 20  # random suffixes tried before giving up on a clash within one second


def reserve_folder(sessions_dir: Path, now: datetime) -> tuple[str, Path]:
    """A new session id (its time and a random suffix) and its private folder, created."""
    for _ in range(_ID_ATTEMPTS):
        session_id = f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"
        folder = sessions_dir / session_id
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue
        folder.chmod(0o700)
        return session_id, folder
    raise SessionError(f"could not reserve a session folder in {sessions_dir}")


LIVE_LOCK = ".recording.lock"  # held (flock) by the process recording a session
_LIVE: dict[str, int] = {}  # session id -> lock file descriptor held by this process


def hold_live_lock(session_id: str, folder: Path) -> None:
    """Hold a lock while this process works on the session, so others can tell it is alive."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no stale-session detection
        return
    fd = os.open(folder / LIVE_LOCK, os.O_CREAT | os.O_RDWR, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    _LIVE[session_id] = fd


def release_live_lock(session_id: str, folder: Path) -> None:
    """Let go of the session's lock and remove its file."""
    fd = _LIVE.pop(session_id, None)
    if fd is not None:
        os.close(fd)  # closing releases the flock
    with contextlib.suppress(OSError):
        (folder / LIVE_LOCK).unlink()


def abandoned(session_id: str, folder: Path) -> bool:
    """True when no process holds the session's lock any more."""
    if session_id in _LIVE:
        return False
    try:
        import fcntl
    except ImportError:
        return False
    try:
        fd = os.open(folder / LIVE_LOCK, os.O_RDWR)
    except FileNotFoundError:
        return True  # the recording process never got to finish or mark it
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False  # still recording, in another process
    finally:
        os.close(fd)
    return True


def opt_str(value: object) -> str | None:
    """A JSON value as text, None kept."""
    return None if value is None else str(value)


def opt_float(value: object) -> float | None:
    """A JSON value as a number, None kept."""
    return None if value is None else float(str(value))


def private_dir(path: Path) -> None:
    """Make `path` (and its parents) a folder only the user can read."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):
        path.chmod(0o700)


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write a 0600 file atomically: a temporary file beside it, fsync, rename."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), 0o600)
            json.dump(data, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def read_json(path: Path) -> dict[str, Any]:
    """A JSON object from `path`; anything else is a SessionError naming the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise SessionError(f"{path} is missing: the session is incomplete") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SessionError(f"cannot read {path}: {error}") from error
    if not isinstance(data, dict):
        raise SessionError(f"cannot read {path}: not a JSON object")
    return data


def parse_json(path: Path, build: Callable[[dict[str, Any]], _T]) -> _T:
    """Read one result file; a malformed one is a SessionError naming the file."""
    data = read_json(path)
    try:
        return build(data)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise SessionError(f"cannot read {path}: malformed ({error!r})") from error
