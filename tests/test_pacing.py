"""Pacing: length against the target, words per minute, pauses from the VAD, fillers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mock_interviewer.audio import read_audio
from mock_interviewer.endpoint import speech_segments
from mock_interviewer.pacing import (
    LONG_PAUSE_S,
    WINDOW_S,
    PacingReport,
    analyse,
    find_fillers,
)
from mock_interviewer.transcript import Transcript, Word

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audio"


def fillers_in(text: str) -> list[tuple[str, str]]:
    """(kind, matched text) for each filler found in a typed text."""
    return [(f.text, text[f.start_char : f.end_char]) for f in find_fillers(Transcript(text))]


def evenly_timed(text: str, start: float, end: float) -> Transcript:
    """A spoken transcript whose words share [start, end] evenly."""
    tokens = text.split()
    step = (end - start) / len(tokens)
    words = [Word(t, start + i * step, start + (i + 1) * step) for i, t in enumerate(tokens)]
    return Transcript.from_words(words, duration=end + 1.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Um, so, uh, I was on call.", [("um", "Um"), ("uh", "uh")]),
        (
            "Umm, hmm, uhh, erm. Er, yes.",
            [("um", "Umm"), ("hmm", "hmm"), ("uh", "uhh"), ("erm", "erm"), ("erm", "Er")],
        ),
        ("Uh-huh, the umbrella summary.", []),
        (
            "We, you know, rolled back. You know, it worked.",
            [("you know", "you know"), ("you know", "You know")],
        ),
        ("Do you know what happened? You know the runbook? As you know, it paged.", []),
        ("I mean, it was bad. I mean it. What I mean is the cache.", [("i mean", "I mean")]),
        (
            "It was, like, a bad config. Like, the whole thing fell over.",
            [("like", "like"), ("like", "Like")],
        ),
        ("It took like twenty minutes to drain.", [("like", "like")]),
        (
            "I'd like to talk about the time it looked like a cache issue, with something "
            "like a cache in front. We would like to add things like timeouts. I like it.",
            [],
        ),
    ],
)
def test_find_fillers(text: str, expected: list[tuple[str, str]]) -> None:
    assert fillers_in(text) == expected


def test_fillers_carry_their_seconds_when_spoken() -> None:
    words = [Word("So,", 0.0, 0.3), Word("um,", 0.5, 0.9), Word("we", 1.0, 1.2)]
    (filler,) = find_fillers(Transcript.from_words(words))
    assert (filler.text, filler.start, filler.end) == ("um", 0.5, 0.9)


def test_typed_answers_are_estimated_at_150_wpm() -> None:
    report = analyse(Transcript.from_text(" ".join(["word"] * 300) + " um, done"))
    assert report.estimated
    assert report.words == 302
    assert report.duration_s == pytest.approx(302 / 150 * 60)
    assert report.wpm == 150
    assert len(report.fillers) == 1
    assert report.fillers[0].start is None
    assert report.pauses == ()


def test_duration_and_pauses_come_from_the_voiced_regions_not_the_words() -> None:
    # Whisper stretches the word before a pause over it: the words look continuous.
    transcript = evenly_timed(" ".join(["word"] * 40), 0.4, 20.0)
    speech = [(1.0, 8.0), (8.4, 10.0), (13.5, 19.5)]  # a 3.5 s thinking pause at 10 s
    report = analyse(transcript, speech, target_s=120.0)
    assert not report.estimated
    assert (report.speech_start_s, report.speech_end_s) == (1.0, 19.5)
    assert report.duration_s == pytest.approx(18.5)
    assert [(p.start, p.end) for p in report.pauses] == [(10.0, 13.5)]
    assert report.pauses[0].seconds > LONG_PAUSE_S
    assert report.wpm == pytest.approx(40 / 18.5 * 60)
    assert report.delta_s == pytest.approx(18.5 - 120.0)


def test_without_vad_figures_the_words_stand_in() -> None:
    words = [Word("one", 1.0, 1.5), Word("two", 1.6, 2.0), Word("three", 5.0, 5.5)]
    report = analyse(Transcript.from_words(words))
    assert (report.speech_start_s, report.speech_end_s) == (1.0, 5.5)
    assert [(p.start, p.end) for p in report.pauses] == [(2.0, 5.0)]


def test_wpm_over_time_uses_fixed_windows() -> None:
    # 20 words in the first 15 s, then 50 words in the next 15 s.
    first = evenly_timed(" ".join(["a"] * 20), 0.0, 15.0).words
    second = evenly_timed(" ".join(["b"] * 50), 15.0, 30.0).words
    report = analyse(Transcript.from_words(first + second), [(0.0, 30.0)])
    assert [t for t, _ in report.wpm_over_time] == [0.0, WINDOW_S]
    assert [round(w) for _, w in report.wpm_over_time] == [80, 200]
    assert report.wpm == pytest.approx(70 / 0.5)


def test_a_short_last_window_joins_the_one_before() -> None:
    transcript = evenly_timed(" ".join(["a"] * 33), 0.0, 33.0)
    windows = analyse(transcript, [(0.0, 33.0)]).wpm_over_time
    assert [t for t, _ in windows] == [0.0, 15.0]  # 30-33 s is folded into 15-33 s
    assert sum(w * (end - t) / 60 for (t, w), end in zip(windows, [15.0, 33.0], strict=True)) == (
        pytest.approx(33)
    )


def test_thinking_pause_in_a_recording_is_found_from_the_audio() -> None:
    meta = json.loads((FIXTURES / "fillers_answer.json").read_text())
    audio = read_audio(FIXTURES / "fillers_answer.flac")
    speech = speech_segments(audio)
    text = (FIXTURES / "fillers_answer.txt").read_text()
    transcript = evenly_timed(text, speech[0][0], speech[-1][1])
    report = analyse(transcript, speech)
    assert len(report.pauses) == len(meta["pauses_s"]) == 1
    assert report.pauses[0].seconds == pytest.approx(meta["pauses_s"][0], abs=0.5)
    assert report.speech_start_s == pytest.approx(meta["lead_silence_s"], abs=0.2)
    # The file's length less its padding, less the gap after the last sentence and the
    # silence Piper leaves at the end of a sentence.
    assert report.duration_s == pytest.approx(
        audio.seconds - meta["lead_silence_s"] - meta["tail_silence_s"], abs=1.0
    )
    assert len(report.fillers) == meta["fillers"]["count"]


def test_report_round_trips_through_json() -> None:
    words = [Word("Um,", 0.0, 0.4), Word("so", 0.5, 0.8), Word("we", 4.0, 4.2)]
    report = analyse(Transcript.from_words(words), [(0.0, 0.8), (4.0, 4.2)])
    again = PacingReport.from_dict(json.loads(json.dumps(report.to_dict())))
    assert again.to_dict() == report.to_dict()
