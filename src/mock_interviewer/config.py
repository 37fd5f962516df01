"""Where things live: the user's data and cache folders, overridable for tests."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from mock_interviewer.errors import UsageError

HOME_ENV = "MOCK_INTERVIEWER_HOME"  # overrides both folders (tests, portable installs)
APP_NAME = "mock-interviewer"


def data_dir() -> Path:
    """Sessions live here; created private (0700) on first use."""
    return _user_dir("data")


def cache_dir() -> Path:
    """Synthesised prompts and assembled models live here."""
    return _user_dir("cache")


def _user_dir(kind: str) -> Path:
    """`HOME_ENV`/kind when set, else the platform's per-user data or cache folder."""
    override = os.environ.get(HOME_ENV)
    if override:
        path = Path(override).expanduser() / kind
    else:
        import platformdirs  # lazy: only without MOCK_INTERVIEWER_HOME, and at start-up

        find = platformdirs.user_data_dir if kind == "data" else platformdirs.user_cache_dir
        path = Path(find(APP_NAME, appauthor=False))
    return _private_dir(path)


def project_root() -> Path | None:
    """The source checkout when running from one (holds prompts/, voices/, fixtures/)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").exists() and (parent / "prompts").is_dir():
            return parent
    return None


def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):  # a folder we do not own keeps its mode
        path.chmod(0o700)
    return path


def bundled_file(relative: str) -> Path:
    """A file shipped with the project: from the checkout, else from the installed share folder."""
    candidates = []
    root = project_root()
    if root is not None:
        candidates.append(root / relative)
    candidates.append(Path(sys.prefix) / "share" / APP_NAME / relative)
    for candidate in candidates:
        if candidate.exists():
            return candidate
    raise UsageError(f"{relative} is missing from this installation; reinstall mock-interviewer")
