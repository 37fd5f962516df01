"""A spoken answer that cannot be graded is asked for again, as an interviewer would.

Too short, not English or not about an incident (`rubric.gate`): the interviewer says why and
what to do and records once more, keeping the unusable attempt as `attempt-1.wav`; a second
ungradable answer ends with `CannotGrade` (exit 3) and no scorecard. Answers from files are
graded as given. The speech model is faked (`fake_stt`): each recording gets the next text.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from fake_stt import install
from mock_interviewer.capture import FileSource
from mock_interviewer.errors import CannotGrade
from mock_interviewer.interview import Interview, InterviewSettings
from mock_interviewer.prompts import get_prompt
from mock_interviewer.sessions import SessionStore

ROOT = Path(__file__).resolve().parents[1]
SPEECH = ROOT / "fixtures" / "audio" / "blame_answer.flac"  # any recording with a voice in it
STORY = (ROOT / "fixtures" / "audio" / "demo_answer.txt").read_text(encoding="utf-8")
SHORT = "It went down and we fixed it in the end."


def _interview(tmp_path: Path, settings: InterviewSettings) -> tuple[Interview, io.StringIO]:
    status = io.StringIO()
    interview = Interview(
        get_prompt("outage"),
        settings,
        store=SessionStore(tmp_path / "data"),
        status=status,
        source_factory=lambda s: FileSource(s.input_file or SPEECH),
    )
    return interview, status


SPOKEN = InterviewSettings(speak=False, streaming=False, follow_up=False)  # the "microphone"


def test_a_short_spoken_answer_is_asked_for_again_and_the_retry_is_graded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = install(monkeypatch, [SHORT, STORY])
    interview, status = _interview(tmp_path, SPOKEN)
    result = interview.run()
    assert fake.calls == 2
    said = status.getvalue()
    assert "I can't grade that yet: too short to grade" in said and "Please answer again" in said
    assert result.transcript.text.startswith(STORY.split()[0])
    assert result.scorecard.grade  # the retry got a scorecard
    assert result.session is not None and result.session.status == "complete"
    folder = interview.session_store().audio_path(result.session).parent
    assert (folder / "attempt-1.wav").stat().st_size > 44  # the unusable attempt is kept
    assert (folder / "audio.wav").exists()


def test_two_ungradable_spoken_answers_end_without_a_scorecard(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    install(monkeypatch, [SHORT, "Das war ein langer Tag und alles ging schief, wirklich alles."])
    interview, status = _interview(tmp_path, SPOKEN)
    with pytest.raises(CannotGrade, match="too short to grade"):
        interview.run()
    (info,) = interview.session_store().list(limit=5)
    assert info.status == "no_answer"
    folder = interview.session_store().audio_path(info).parent
    assert (folder / "attempt-1.wav").exists() and (folder / "audio.wav").exists()
    assert status.getvalue().count("I can't grade that yet") == 1  # asked again once only


def test_an_answer_from_a_file_is_graded_as_given(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = install(monkeypatch, [SHORT])
    settings = InterviewSettings(input_file=SPEECH, speak=False, streaming=False, follow_up=False)
    interview, status = _interview(tmp_path, settings)
    result = interview.run()
    assert fake.calls == 1 and "I can't grade" not in status.getvalue()
    assert result.scorecard.grade
