"""Word error rate over normalised words."""

from __future__ import annotations

import pytest

from mock_interviewer.wer import edit_distance, normalize, word_error_rate


def test_normalize_drops_case_and_punctuation() -> None:
    assert normalize("And so, my fellow Americans!") == ["and", "so", "my", "fellow", "americans"]


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("T+5", "T plus five"),
        ("at 14:20", "at fourteen twenty"),
        ("1420", "fourteen twenty"),
        ("80%", "eighty percent"),
        ("1,200 ms", "twelve hundred milliseconds"),
        ("p99", "p ninety nine"),
        ("post-mortem", "postmortem"),
        ("roll back", "rollback"),
        ("on-call", "on call"),
        ("3.5", "three point five"),
        ("OK", "okay"),
    ],
)
def test_written_and_spoken_forms_agree(written: str, spoken: str) -> None:
    assert normalize(written) == normalize(spoken)


def test_edit_distance_counts_each_kind_of_error() -> None:
    assert edit_distance(["a", "b", "c"], ["a", "b", "c"]) == 0
    assert edit_distance(["a", "b", "c"], ["a", "x", "c"]) == 1  # substitution
    assert edit_distance(["a", "b", "c"], ["a", "c"]) == 1  # deletion
    assert edit_distance(["a", "b", "c"], ["a", "b", "b", "c"]) == 1  # insertion
    assert edit_distance([], ["a", "b"]) == 2


def test_word_error_rate() -> None:
    assert word_error_rate("ask not what your country", "Ask not what your country.") == 0.0
    assert word_error_rate("ask not what your country", "asked not what your country") == 0.2
    assert word_error_rate("", "") == 0.0
    assert word_error_rate("", "words") == 1.0
