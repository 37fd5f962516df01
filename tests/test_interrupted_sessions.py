"""An interrupted session is still useful: replay, report and export score its audio on demand.

The session is interrupted for real, through the orchestrator, 15 s into a recorded answer (as
`test_interrupts.py` does); the fake transcriber stands in for Whisper and counts its calls,
so the tests can tell that the second view reuses the saved result.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from fake_stt import FakeTranscriber, install
from mock_interviewer.cli import main
from mock_interviewer.errors import ExitCode
from mock_interviewer.interview import Interview, InterviewSettings
from mock_interviewer.prompts import get_prompt
from mock_interviewer.report.history import history_json
from mock_interviewer.rescore import RESCORED
from mock_interviewer.sessions import SessionInfo, SessionStore
from session_fixtures import spoken_session, write_wav

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audio"
ANSWER = FIXTURES / "blame_answer.flac"
TEXT = (FIXTURES / "blame_answer.txt").read_text()
CUT_AT = 500  # 30 ms blocks: Ctrl-C 15 s into the answer


def interrupted_session(monkeypatch: pytest.MonkeyPatch) -> tuple[SessionInfo, str]:
    """Interview until Ctrl-C 15 s into the answer; the session and what the user was told."""
    from mock_interviewer import capture

    real = capture.FileSource.__iter__

    def stop_midway(self: Any) -> Any:
        for i, chunk in enumerate(real(self)):
            if i == CUT_AT:
                raise KeyboardInterrupt
            yield chunk

    with monkeypatch.context() as patch:
        patch.setattr(capture.FileSource, "__iter__", stop_midway)
        status = io.StringIO()
        settings = InterviewSettings(input_file=ANSWER, speak=False, follow_up=False)
        with pytest.raises(KeyboardInterrupt):
            Interview(get_prompt("outage"), settings, status=status).run()
    (info,) = SessionStore().list()
    assert info.status == "interrupted"
    return info, status.getvalue()


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeTranscriber:
    return install(monkeypatch, [TEXT, TEXT])


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result


def test_ctrl_c_message_names_the_views_that_now_work(
    monkeypatch: pytest.MonkeyPatch, fake: FakeTranscriber
) -> None:
    info, told = interrupted_session(monkeypatch)
    assert f"mock-interviewer replay {info.id}" in told
    assert f"report {info.id}" in told


def test_replay_report_export_of_an_interrupted_session(
    monkeypatch: pytest.MonkeyPatch, fake: FakeTranscriber, tmp_path: Path
) -> None:
    info, _ = interrupted_session(monkeypatch)
    runner = CliRunner()

    replayed = ok(runner.invoke(main, ["replay", info.id, "--no-audio"]))
    assert fake.calls == 1  # transcribed once, on demand
    assert "was interrupted: transcribing and scoring" in replayed.stderr
    head = replayed.stdout.splitlines()[0]
    assert f"Session {info.id}" in head and "interrupted" in head and "grade" in head

    out = tmp_path / "r.html"
    reported = ok(runner.invoke(main, ["report", info.id, "-o", str(out)]))
    assert fake.calls == 1  # the saved result is reused: no second transcription
    assert "transcribing" not in reported.stderr
    assert "interrupted" in out.read_text(encoding="utf-8")

    for fmt in ("md", "vtt", "srt", "json"):
        exported = ok(runner.invoke(main, ["export", info.id, "--format", fmt]))
        assert exported.stdout.strip()
    assert fake.calls == 1
    md = ok(runner.invoke(main, ["export", info.id, "--format", "md"])).stdout
    assert "- Status: interrupted" in md
    vtt = ok(runner.invoke(main, ["export", info.id, "--format", "vtt"])).stdout
    assert vtt.splitlines()[0].endswith("(interrupted: scored from the audio it kept)")
    data = json.loads(ok(runner.invoke(main, ["export", info.id, "--format", "json"])).stdout)
    assert data["session"]["status"] == "interrupted"
    assert data["session"]["extra"][RESCORED] is True
    assert data["session"]["extra"]["recorded_s"] == pytest.approx(15.0, abs=0.05)
    assert data["scorecard"]["grade"] == data["session"]["grade"]


def test_a_rescored_session_stays_out_of_the_statistics(
    monkeypatch: pytest.MonkeyPatch, fake: FakeTranscriber
) -> None:
    info, _ = interrupted_session(monkeypatch)
    ok(CliRunner().invoke(main, ["replay", info.id, "--no-audio"]))
    store = SessionStore()
    assert store.get(info.id).status == "interrupted"
    data = history_json(store)
    assert [s["status"] for s in data["sessions"]] == ["interrupted"]
    assert all(t["sessions"] == 0 for t in data["signals"].values())  # a partial answer
    # `last` is the newest complete session; the interrupted one is named by its id.
    refused = CliRunner().invoke(main, ["replay", "--no-audio"])
    assert refused.exit_code == ExitCode.USAGE and "no complete session" in refused.output


def test_interrupted_before_any_speech_says_so(fake: FakeTranscriber) -> None:
    store = SessionStore()
    silent = store.begin("interview", "outage", "audio")
    write_wav(store.audio_path(silent), 0.0)  # the header, written before a sample arrived
    store.mark(silent, "interrupted")
    for args in (["replay", silent.id, "--no-audio"], ["report", silent.id], ["export", silent.id]):
        args = [*args, "--format", "md"] if args[0] == "export" else args
        result = CliRunner().invoke(main, args)
        assert result.exit_code == ExitCode.NO_ANSWER, result.output
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert lines[-1] == (
            f"Error: session {silent.id} was interrupted before any speech was recorded: "
            "there is nothing to replay or score"
        )
    assert fake.calls == 0


def test_complete_sessions_load_as_before(fake: FakeTranscriber) -> None:
    info = spoken_session(SessionStore())
    ok(CliRunner().invoke(main, ["replay", info.id, "--no-audio"]))
    assert fake.calls == 0
