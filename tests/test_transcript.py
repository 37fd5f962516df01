"""The transcript type: text from words, characters to seconds, JSON round trip."""

from __future__ import annotations

from mock_interviewer.transcript import Transcript, Word


def _words() -> list[Word]:
    return [
        Word(" T", 0.0, 0.2),
        Word(" plus", 0.2, 0.5),
        Word(" zero", 0.5, 0.9),
        Word(" was", 1.0, 1.2),
        Word(" 1420.", 1.2, 2.0),
    ]


def test_from_words_joins_and_maps_offsets() -> None:
    t = Transcript.from_words(_words(), duration=2.5)
    assert t.text == "T plus zero was 1420."
    start = t.text.index("1420")
    assert t.seconds(start, start + 4) == (1.2, 2.0)
    assert t.seconds(0, len("T plus zero")) == (0.0, 0.9)
    assert t.word_count() == 5


def test_typed_text_has_no_seconds() -> None:
    t = Transcript.from_text("We rolled back.")
    assert t.seconds(0, 5) is None
    assert not t.timed


def test_round_trip() -> None:
    t = Transcript.from_words(_words(), duration=2.5)
    assert Transcript.from_dict(t.to_dict()) == t
    typed = Transcript.from_text("  exact   spacing kept ")
    assert Transcript.from_dict(typed.to_dict()).text == typed.text
