"""Shared test set-up: every test gets its own private data folder and no network.

Tests marked `shared` read `../shared` beside the checkout; `shared_data.absent_reason()` alone
decides whether they run, and when they cannot they are skipped with its one reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shared_data import absent_reason


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip a `shared` test before any of its fixtures read the folder, when it is absent."""
    if item.get_closest_marker("shared") is None:
        return
    reason = absent_reason()
    if reason is not None:
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def _private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Keep sessions and caches out of the real user's folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MOCK_INTERVIEWER_HOME", str(home))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return home
