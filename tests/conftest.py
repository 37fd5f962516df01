"""Shared test set-up: every test gets its own private data folder and no network."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Keep sessions and caches out of the real user's folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MOCK_INTERVIEWER_HOME", str(home))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return home
