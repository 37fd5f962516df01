"""The session store: lifecycle, privacy, id validation, a damaged index, two writers at once."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from mock_interviewer.errors import SessionError
from mock_interviewer.sessions import SessionStore, valid_id
from session_fixtures import (
    concurrent_writer,
    pacing_for,
    scorecard_for,
    spoken_session,
    spoken_transcript,
    typed_session,
    write_wav,
)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MOCK_INTERVIEWER_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


class Ticking:
    """A clock that advances one second per call, so ordering is deterministic."""

    def __init__(self) -> None:
        self.t = datetime(2026, 11, 27, 5, 12, 33, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        self.t += timedelta(seconds=1)
        return self.t


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_default_root_is_data_dir(home: Path) -> None:
    store = SessionStore()
    assert store.root == home / "data"


def test_begin_reserves_private_folder_and_recording_row(home: Path) -> None:
    store = SessionStore()
    info = store.begin("interview", "outage", "audio", story="checkout")
    assert valid_id(info.id)
    assert info.status == "recording"
    assert info.folder == store.root / "sessions" / info.id
    assert mode(info.folder) == 0o700
    assert mode(store.root / "sessions") == 0o700
    assert store.audio_path(info) == info.folder / "audio.wav"
    assert store.get(info.id) == info
    meta = json.loads((info.folder / "session.json").read_text())
    assert meta["status"] == "recording"
    assert meta["story"] == "checkout"


def test_finish_writes_private_files_and_completes(home: Path) -> None:
    store = SessionStore()
    info = spoken_session(store)
    assert info.status == "complete"
    assert info.grade == "B"
    assert info.words == len(spoken_transcript().words)
    assert info.wpm is not None and info.wpm > 0
    assert info.duration_s is not None and info.duration_s > 0
    names = {"audio.wav", "transcript.json", "scorecard.json", "pacing.json", "session.json"}
    assert {p.name for p in info.folder.iterdir()} == names  # no temporary files left
    for name in names:
        assert mode(info.folder / name) == 0o600, name
    assert mode(store.root / "sessions.db") == 0o600
    session = store.load(info.id)
    assert session.info == info
    assert session.transcript == spoken_transcript()
    assert session.scorecard == scorecard_for(session.transcript)
    assert session.pacing is not None
    assert session.pacing.to_dict() == pacing_for(session.transcript).to_dict()
    assert session.audio_path == info.folder / "audio.wav"


def test_typed_session_has_no_audio_and_no_wpm(home: Path) -> None:
    store = SessionStore()
    info = typed_session(store)
    assert info.source == "text"
    assert info.wpm is None and info.duration_s is None
    session = store.load(info.id)
    assert session.audio_path is None
    assert session.pacing is not None and session.pacing.estimated


def test_finish_keeps_extra(home: Path) -> None:
    store = SessionStore()
    info = store.begin("drill", None, "audio")
    transcript = spoken_transcript()
    done = store.finish(
        info, transcript, scorecard_for(transcript), None, extra={"round": 2, "cue": "1:30"}
    )
    assert done.extra == {"round": 2, "cue": "1:30"}
    assert store.get(info.id).extra == {"round": 2, "cue": "1:30"}
    assert store.load(info.id).pacing is None


def test_mark_keeps_audio_and_is_not_last(home: Path) -> None:
    store = SessionStore(now=Ticking())
    done = spoken_session(store)
    info = store.begin("interview", "outage", "audio")
    write_wav(store.audio_path(info), 1.0)
    marked = store.mark(info, "interrupted")
    assert marked.status == "interrupted"
    assert store.audio_path(marked).exists()
    assert mode(store.audio_path(marked)) == 0o600
    assert store.get("last").id == done.id
    assert store.get(marked.id).status == "interrupted"
    with pytest.raises(SessionError, match="interrupted"):
        store.load(marked.id)
    silent = store.mark(store.begin("interview", None, "audio"), "no_answer")
    assert store.get(silent.id).status == "no_answer"


def test_mark_rejects_other_statuses(home: Path) -> None:
    store = SessionStore()
    info = store.begin("interview", None, "audio")
    with pytest.raises(ValueError):
        store.mark(info, "complete")
    with pytest.raises(ValueError):
        store.begin("party", None, "audio")


def test_list_newest_first_with_limit_and_kind(home: Path) -> None:
    store = SessionStore(now=Ticking())
    first = typed_session(store)
    second = spoken_session(store)
    third = typed_session(store)
    assert [i.id for i in store.list()] == [third.id, second.id, first.id]
    assert [i.id for i in store.list(limit=2)] == [third.id, second.id]
    assert [i.id for i in store.list(kind="interview")] == [second.id]
    assert store.get("last").id == third.id
    assert sorted([first.id, second.id, third.id]) == [first.id, second.id, third.id]


def test_last_without_sessions(home: Path) -> None:
    with pytest.raises(SessionError, match="no complete session yet"):
        SessionStore().get("last")


@pytest.mark.parametrize(
    "bad",
    [
        "../x",
        "/etc/passwd",
        "a/b",
        "",
        "..",
        "20261127-051233-3F9A",
        "20261127-051233-3f9a\n",
        "20261127-051233-3f9a/../../x",
        "nope",
    ],
)
def test_path_like_or_malformed_ids_are_unknown(home: Path, bad: str) -> None:
    store = SessionStore()
    with pytest.raises(SessionError) as caught:
        store.get(bad)
    assert str(caught.value) == (
        f"no session {bad!r}: use `mock-interviewer history` to list sessions"
    )
    with pytest.raises(SessionError):
        store.load(bad)


def test_unknown_valid_id(home: Path) -> None:
    with pytest.raises(SessionError, match="no session '20200101-000000-abcd'"):
        SessionStore().get("20200101-000000-abcd")


def test_corrupt_index_is_rebuilt_and_reported(home: Path) -> None:
    store = SessionStore(now=Ticking())
    a = spoken_session(store)
    b = typed_session(store)
    interrupted = store.mark(store.begin("interview", None, "audio"), "interrupted")
    db = store.root / "sessions.db"
    for side in ("sessions.db-wal", "sessions.db-shm"):
        (store.root / side).unlink(missing_ok=True)
    garbage = b"this is not a database at all\x00\xff" * 100
    db.write_bytes(garbage)

    fresh = SessionStore()
    listed = fresh.list()
    assert {i.id for i in listed} == {a.id, b.id, interrupted.id}
    assert fresh.get("last").id == b.id
    assert fresh.get(interrupted.id).status == "interrupted"
    kept = list(store.root.glob("sessions.db.corrupt-*"))
    assert len(kept) == 1
    assert kept[0].read_bytes() == garbage
    assert len(fresh.notices) == 1
    assert "damaged" in fresh.notices[0] and str(kept[0]) in fresh.notices[0]
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert fresh.load(a.id).scorecard.grade == "B"


def test_unreadable_session_folder_is_skipped_in_rebuild(home: Path) -> None:
    store = SessionStore()
    good = typed_session(store)
    broken = typed_session(store)
    (broken.folder / "session.json").write_text("{not json")
    (store.root / "sessions" / "not-a-session").mkdir()
    (store.root / "sessions.db").write_bytes(b"\x00" * 4096)
    for side in ("sessions.db-wal", "sessions.db-shm"):
        (store.root / side).unlink(missing_ok=True)
    fresh = SessionStore()
    assert [i.id for i in fresh.list()] == [good.id]
    assert fresh.notices


def test_two_processes_writing_at_once(home: Path) -> None:
    root = home / "data"
    SessionStore(root).list()  # create the index so both writers share one file
    ctx = multiprocessing.get_context("spawn")
    per_process = 15
    workers = [ctx.Process(target=concurrent_writer, args=(str(root), per_process)) for _ in "ab"]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
        assert worker.exitcode == 0
    store = SessionStore(root)
    infos = store.list()
    assert len(infos) == 2 * per_process
    assert len({i.id for i in infos}) == 2 * per_process
    assert all(i.status == "complete" for i in infos)
    assert not store.notices
    with sqlite3.connect(root / "sessions.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    for info in infos:
        assert store.load(info.id).transcript.text.startswith("answer number")


def test_damaged_result_file_is_a_clear_error(home: Path) -> None:
    store = SessionStore()
    info = spoken_session(store)
    (info.folder / "scorecard.json").write_text('{"grade": "B"}')
    with pytest.raises(SessionError, match=r"cannot read .*scorecard.json: malformed"):
        store.load(info.id)
    (info.folder / "transcript.json").write_text("[1, 2")
    with pytest.raises(SessionError, match=r"cannot read .*transcript.json"):
        store.load(info.id)
    (info.folder / "transcript.json").unlink()
    with pytest.raises(SessionError, match=r"transcript\.json is missing"):
        store.load(info.id)


def test_unusable_index_is_a_clear_error(home: Path) -> None:
    store = SessionStore()
    store.root.mkdir(parents=True, exist_ok=True)
    (store.root / "sessions.db").mkdir()  # not a file at all: report, do not touch
    with pytest.raises(SessionError, match="cannot use the session index"):
        store.list()
    assert (store.root / "sessions.db").is_dir()
    assert not list(store.root.glob("sessions.db.corrupt-*"))


def test_a_session_left_recording_by_a_dead_process_becomes_interrupted(home: Path) -> None:
    import subprocess
    import sys

    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from mock_interviewer.sessions import SessionStore\n"
        "info = SessionStore(Path(sys.argv[1])).begin('interview', 'outage', 'audio')\n"
        "print(info.id, flush=True)\n"
        "os._exit(0)  # dies without finishing or marking, like kill -9\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(home)], capture_output=True, text=True, check=True
    )
    dead_id = done.stdout.strip()
    store = SessionStore(home)
    alive = store.begin("interview", "outage", "audio")  # this process is still recording it
    statuses = {info.id: info.status for info in store.list()}
    assert statuses == {dead_id: "interrupted", alive.id: "recording"}
    assert store.get(dead_id).status == "interrupted"
    assert '"interrupted"' in (home / "sessions" / dead_id / "session.json").read_text()
    store.mark(alive, "interrupted")
    assert not (alive.folder / ".recording.lock").exists()
