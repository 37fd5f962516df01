"""Ctrl-C at every stage of an interview leaves a consistent session and a working next run."""

from __future__ import annotations

import io
import wave
from pathlib import Path
from typing import Any

import pytest

from fake_stt import install
from mock_interviewer import pipeline, sound
from mock_interviewer.interview import Interview, InterviewSettings, State
from mock_interviewer.prompts import get_prompt
from mock_interviewer.sessions import SessionStore

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audio"
ANSWER = FIXTURES / "blame_answer.flac"
TEXT = (FIXTURES / "blame_answer.txt").read_text()


def interrupt(*args: Any, **kwargs: Any) -> Any:
    raise KeyboardInterrupt


def run(store: SessionStore, speak: bool = False) -> tuple[list[State], io.StringIO]:
    states: list[State] = []
    status = io.StringIO()
    settings = InterviewSettings(input_file=ANSWER, speak=speak, follow_up=False)
    interview = Interview(
        get_prompt("outage"), settings, store=store, status=status, on_state=states.append
    )
    with pytest.raises(KeyboardInterrupt):
        interview.run()
    return states, status


def consistent(store: SessionStore, status: io.StringIO) -> Path:
    """The one session is marked interrupted, on disk and in the index, and said so."""
    (info,) = store.list()
    assert info.status == "interrupted"
    on_disk = (info.folder / "session.json").read_text()
    assert '"interrupted"' in on_disk
    assert f"kept in session {info.id}" in status.getvalue()
    return info.folder


def wav_seconds(path: Path) -> float:
    with wave.open(str(path)) as wav:
        return wav.getnframes() / wav.getframerate()


def next_run_works(monkeypatch: pytest.MonkeyPatch, store: SessionStore) -> None:
    monkeypatch.undo()  # the interruption is over
    install(monkeypatch, [TEXT])
    settings = InterviewSettings(input_file=ANSWER, speak=False, follow_up=False)
    result = Interview(get_prompt("outage"), settings, store=store, status=io.StringIO()).run()
    assert result.session is not None and result.session.status == "complete"
    assert len(store.list()) == 2


def test_ctrl_c_while_the_question_is_spoken(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    install(monkeypatch, [TEXT])
    monkeypatch.setattr(sound, "has_output_device", lambda: True)
    monkeypatch.setattr(sound, "play", interrupt)
    store = SessionStore(tmp_path / "data")
    states, status = run(store, speak=True)
    assert states[-1] == State.INTERRUPTED and State.RECORDING not in states
    consistent(store, status)
    next_run_works(monkeypatch, store)


def test_ctrl_c_while_transcribing_keeps_the_recording(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = install(monkeypatch, [TEXT])
    monkeypatch.setattr(fake, "transcribe", interrupt)
    store = SessionStore(tmp_path / "data")
    states, status = run(store)
    assert State.TRANSCRIBING in states and states[-1] == State.INTERRUPTED
    folder = consistent(store, status)
    assert wav_seconds(folder / "audio.wav") > 50  # the whole answer is kept, playable
    next_run_works(monkeypatch, store)


def test_ctrl_c_while_scoring_keeps_the_recording(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import mock_interviewer.interview as interview_module

    install(monkeypatch, [TEXT])
    monkeypatch.setattr(interview_module, "score_transcript", interrupt)
    store = SessionStore(tmp_path / "data")
    states, status = run(store)
    assert State.SCORING in states and states[-1] == State.INTERRUPTED
    folder = consistent(store, status)
    assert wav_seconds(folder / "audio.wav") > 50
    next_run_works(monkeypatch, store)


def test_ctrl_c_while_recording_keeps_what_was_recorded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    install(monkeypatch, [TEXT])
    from mock_interviewer import capture

    real = capture.FileSource.__iter__

    def stop_midway(self: Any) -> Any:
        for i, chunk in enumerate(real(self)):
            if i == 500:  # 15 s in
                raise KeyboardInterrupt
            yield chunk

    monkeypatch.setattr(capture.FileSource, "__iter__", stop_midway)
    store = SessionStore(tmp_path / "data")
    states, status = run(store)
    assert states[-1] == State.INTERRUPTED
    folder = consistent(store, status)
    assert wav_seconds(folder / "audio.wav") == pytest.approx(15.0, abs=0.05)
    next_run_works(monkeypatch, store)


def test_pipeline_cache_is_restored() -> None:
    # The fakes above are installed with monkeypatch; the real transcriber cache is back.
    assert not any(type(t).__name__ == "FakeTranscriber" for t in pipeline._TRANSCRIBERS.values())
