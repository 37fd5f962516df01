"""The recorder ends a finished story on a short pause and waits out pauses mid-story."""

from __future__ import annotations

from pathlib import Path

import pytest

from audio_fixtures import POSTMORTEM, ROLLBACK, blocks, join, silence, speech
from mock_interviewer.answer_end import AnswerEndSettings
from mock_interviewer.audio import RATE
from mock_interviewer.recorder import record_answer

STORY = (Path(__file__).resolve().parents[1] / "fixtures" / "audio" / "demo_answer.txt").read_text()
SENTENCES = [s if s.endswith(".") else s + "." for s in STORY.strip().split(". ")]
MIDDLE = " ".join(SENTENCES[:6])  # mitigation told; no fix, prevention or reflection yet


class Listener:
    """The streaming transcript, faked: `texts[n]` is what it holds at the n-th pause."""

    def __init__(self, texts: list[str | None]) -> None:
        self.texts = texts
        self.asked: list[int] = []
        self.pauses = 0

    def hear(self, chunk: object) -> None:
        pass

    def pause(self) -> None:
        self.pauses += 1

    def text_through(self, sample: int, timeout_s: float) -> str | None:
        self.asked.append(sample)
        return self.texts[min(len(self.asked), len(self.texts)) - 1]

    def pace_wpm(self) -> float | None:
        return 150.0


def story_audio(pause_s: float = 5.0) -> tuple[object, float]:
    """Speech, a thinking pause, speech, then 8 s of silence; and where the last word ends."""
    audio = join(silence(1), speech(ROLLBACK), silence(pause_s), speech(POSTMORTEM), silence(8))
    last = 1 + (len(speech(ROLLBACK)) + len(speech(POSTMORTEM))) / RATE + pause_s
    return audio, last


def test_a_finished_story_ends_on_the_short_pause(tmp_path: Path) -> None:
    audio, last = story_audio()
    listener = Listener([MIDDLE, STORY])
    rec = record_answer(blocks(audio), tmp_path / "a.wav", listener=listener)
    assert rec.end_reason == "finished" and rec.end_why
    assert len(listener.asked) == 2  # once per pause: the thinking pause, then the end
    assert listener.pauses == 2  # each pause flushed the transcript before it was read
    short = AnswerEndSettings().short_silence_s
    assert rec.speech_end_s is not None and rec.speech_end_s <= last
    assert rec.seconds == pytest.approx(rec.speech_end_s + short, abs=0.05)
    assert listener.asked[-1] == round(rec.speech_end_s * RATE)


@pytest.mark.parametrize(
    "first_pause",
    [MIDDLE, MIDDLE + " And then at T plus five we", STORY + " And the lesson was that"],
)
def test_a_five_second_thinking_pause_mid_story_never_ends_it(
    tmp_path: Path, first_pause: str
) -> None:
    audio, _ = story_audio(pause_s=5.0)
    listener = Listener([first_pause, STORY])
    rec = record_answer(blocks(audio), tmp_path / "a.wav", listener=listener)
    assert rec.end_reason == "finished"  # at the end, not in the pause
    assert rec.speech_end_s is not None and rec.speech_end_s > 1 + 5.0 + 1.0


def test_an_unfinished_story_waits_for_the_long_silence(tmp_path: Path) -> None:
    audio, _ = story_audio(pause_s=2.0)
    rec = record_answer(blocks(audio), tmp_path / "a.wav", listener=Listener([MIDDLE]))
    assert rec.end_reason == "silence" and rec.end_why == ""
    assert rec.speech_end_s is not None
    assert rec.seconds == pytest.approx(rec.speech_end_s + 6.0, abs=0.05)


def test_a_transcript_not_ready_in_time_leaves_the_long_silence(tmp_path: Path) -> None:
    audio, _ = story_audio(pause_s=2.0)
    rec = record_answer(blocks(audio), tmp_path / "a.wav", listener=Listener([None]))
    assert rec.end_reason == "silence"


def test_the_pace_reaches_the_live_line(tmp_path: Path) -> None:
    audio, _ = story_audio(pause_s=2.0)
    seen: list[float | None] = []
    record_answer(
        blocks(audio),
        tmp_path / "a.wav",
        listener=Listener([MIDDLE]),
        on_progress=lambda p: seen.append(p.pace_wpm),
    )
    assert seen and set(seen) == {150.0}
