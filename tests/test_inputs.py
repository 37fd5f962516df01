"""Typed-answer decoding: UTF-8, BOMs, legacy encodings, and clear refusals."""

from __future__ import annotations

import codecs

import pytest

from mock_interviewer.errors import UsageError
from mock_interviewer.inputs import decode_text, is_audio_path

TEXT = "We drained the bad node at T+5 – café-grade latency returned."


def test_utf8_and_bom() -> None:
    assert decode_text(TEXT.encode(), "a") == TEXT
    assert decode_text(codecs.BOM_UTF8 + TEXT.encode(), "a") == TEXT


def test_utf16_with_bom() -> None:
    assert decode_text(TEXT.encode("utf-16"), "a") == TEXT


def test_windows_1252_is_decoded_sensibly() -> None:
    assert decode_text(TEXT.encode("cp1252"), "a") == TEXT


def test_binary_is_refused() -> None:
    with pytest.raises(UsageError, match="binary"):
        decode_text(bytes(range(256)) * 4, "blob.txt")


def test_audio_suffixes() -> None:
    from pathlib import Path

    assert is_audio_path(Path("a.M4A"))
    assert not is_audio_path(Path("a.md"))
