"""The end of an answer read from the story: short silence when finished, long when not."""

from __future__ import annotations

from pathlib import Path

import pytest

from mock_interviewer.answer_end import (
    AnswerEndSettings,
    decide,
    ended_line,
    last_sentence_start,
    open_ending,
    read_story,
)

ROOT = Path(__file__).resolve().parents[1]
STORY = (ROOT / "fixtures" / "audio" / "demo_answer.txt").read_text().strip()
SENTENCES = [s if s.endswith(".") else s + "." for s in STORY.split(". ")]
# Cut after the mitigation, the cause and the fix: the middle of the story.
MIDDLE = " ".join(SENTENCES[:10])
SHORT, LONG = AnswerEndSettings().short_silence_s, AnswerEndSettings().long_silence_s


def test_the_defaults_are_a_short_and_a_long_silence() -> None:
    s = AnswerEndSettings()
    assert 1.0 <= s.short_silence_s <= 1.5 and s.long_silence_s == 6.0
    with pytest.raises(ValueError):
        AnswerEndSettings(short_silence_s=7.0)


@pytest.mark.parametrize(
    "tail",
    [
        "",  # ends on the reflection
        " So yeah.",
        " That's it.",
        " That's my answer.",
        " And that's the story.",
        " Yeah, that's all.",
    ],
)
def test_a_finished_story_ends_on_the_short_silence(tail: str) -> None:
    call = decide(SHORT, STORY + tail)
    assert call is not None and call.rule == "finished"


def test_a_clause_split_off_by_a_pause_still_closes_the_reflection() -> None:
    # Whisper wrote the pause before "because" as a full stop.
    text = STORY.replace(", because I spent", ". Because I spent")
    call = decide(SHORT, text)
    assert call is not None and call.rule == "finished"


def test_a_closing_phrase_ends_even_a_thin_story() -> None:
    text = " ".join(SENTENCES[:5]) + " That's my answer."
    assert decide(SHORT, text) is not None


@pytest.mark.parametrize("cut", range(1, 11))
def test_every_pause_before_the_later_parts_waits_for_the_long_silence(cut: int) -> None:
    text = " ".join(SENTENCES[:cut])
    assert decide(SHORT, text) is None
    assert decide(5.0, text) is None  # a thinking pause between sentences
    call = decide(LONG, text)
    assert call is not None and call.rule == "silence"


@pytest.mark.parametrize(
    "open_tail",
    [
        " And then at T plus five we",
        " And then at T plus five we.",
        " Looking back, I would page the",
        " Looking back, I would page the pricing team because",
        " The lesson for me was that...",
        " So the next thing we did was to",
        " And then, um.",
        " We also added an alert and then.",
        " And the real lesson, I think, is—",
        " In hindsight I would have paged them at",
    ],
)
def test_an_unfinished_clause_never_ends_on_a_thinking_pause(open_tail: str) -> None:
    text = STORY + open_tail
    assert decide(SHORT, text) is None
    assert decide(5.0, text) is None  # the 5 s thinking pause mid-sentence
    assert decide(LONG, text) is not None


def test_a_soft_wrap_up_does_not_close_a_half_told_story() -> None:
    assert decide(SHORT, MIDDLE + " So yeah.") is None


def test_no_transcript_yet_means_only_the_long_silence() -> None:
    assert decide(SHORT, None) is None
    assert decide(LONG, None) is not None


def test_silence_below_the_short_threshold_never_ends() -> None:
    assert decide(SHORT - 0.1, STORY + " That's my answer.") is None
    assert decide(0.0, STORY) is None


def test_a_handful_of_words_is_not_an_answer() -> None:
    assert decide(SHORT, "That's it.") is None
    assert not read_story("Um, so, that's my answer.").finished


@pytest.mark.parametrize(
    ("sentence", "open_word"),
    [
        ("I rolled that release back.", None),
        ("A new release went out.", None),
        ("We did all that.", None),
        ("That's it.", None),
        ("The error rate was back to normal.", None),
        ("and then at T plus five we.", "we"),
        ("we checked the.", "the"),
        ("because it was.", "was"),
        ("we rolled back and then.", "and then"),
        ("we rolled back within.", "within"),
        ("and the root cause was", "was"),
        ("the rollback took, uh.", "uh"),
        ("and what we found...", "found..."),
    ],
)
def test_open_endings(sentence: str, open_word: str | None) -> None:
    assert open_ending(sentence) == open_word


def test_the_last_sentence_starts_after_the_last_full_stop() -> None:
    text = "We rolled back. It worked. That's it."
    assert text[last_sentence_start(text) :] == "That's it."
    assert last_sentence_start("No stop at all") == 0


def test_the_reasons_read_as_a_line() -> None:
    assert ended_line("finished", "a closing phrase") == (
        "Answer ended: it sounded finished (a closing phrase), after a short pause."
    )
    assert ended_line("silence") == "Answer ended after a long silence."
    assert ended_line("stopped") == "Answer ended: Enter pressed."


def test_the_reading_is_the_same_every_time() -> None:
    first = [read_story(" ".join(SENTENCES[:n])) for n in range(1, len(SENTENCES) + 1)]
    read_story.cache_clear()
    again = [read_story(" ".join(SENTENCES[:n])) for n in range(1, len(SENTENCES) + 1)]
    assert first == again
