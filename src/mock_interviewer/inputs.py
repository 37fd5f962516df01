"""Reading what the user hands us: typed answers and recordings, checked with clear errors."""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from pathlib import Path

from mock_interviewer.audio import check_recording
from mock_interviewer.errors import InputFileError

AUDIO_SUFFIXES = frozenset(
    {".wav", ".flac", ".mp3", ".m4a", ".ogg", ".oga", ".opus", ".webm", ".aac", ".mp4", ".wma"}
)
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
MAX_TEXT_BYTES = 1_000_000  # a typed answer is a few KB; anything this big is not an answer


def is_audio_path(path: Path) -> bool:
    """True when the file name says it is a recording."""
    return path.suffix.lower() in AUDIO_SUFFIXES


def check_file(path: Path) -> None:
    """Raise InputFileError unless `path` is an existing, non-empty regular file."""
    if not path.exists():
        raise InputFileError(f"{path}: no such file; check the path and try again")
    if path.is_dir():
        raise InputFileError(
            f"{path} is a directory; give the answer's file (.txt, .md or a recording)"
        )
    if not path.is_file():
        raise InputFileError(f"{path} is not a regular file; give a .txt, .md or a recording")
    if path.stat().st_size == 0:
        raise InputFileError(f"{path} is empty; write or record your answer first")


def check_recordings(paths: Iterable[Path]) -> None:
    """Raise InputFileError for the first of `paths` that is not a readable recording.

    Commands call this before anything is spoken, so a bad file is refused at once.
    """
    for path in paths:
        check_file(path)
        check_recording(path)


def decode_text(data: bytes, name: str) -> str:
    """Decode a typed answer: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputFileError(
            f"{name} looks like a binary file, not a typed answer; save it as plain text"
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputFileError(f"{name} is not valid UTF-16 text; save it as UTF-8") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    printable = sum(ch.isprintable() or ch.isspace() for ch in text)
    if "\ufffd" in text or printable < 0.95 * len(text):
        raise InputFileError(
            f"{name} is neither UTF-8 nor readable text; save it as UTF-8 plain text"
        )
    return text


def read_answer_text(path: Path) -> str:
    """The text of a typed answer file, validated."""
    check_file(path)
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise InputFileError(f"{path} is over 1 MB; a typed answer should be a few hundred words")
    text = decode_text(path.read_bytes(), str(path))
    if not text.strip():
        raise InputFileError(f"{path} holds only white space; write your answer first")
    if len(text.split()) < 5:
        raise InputFileError(f"{path} has fewer than five words; write out your full answer")
    return text
