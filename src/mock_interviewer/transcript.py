"""The one transcript type: text plus optional word timings, mapping characters to seconds."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Word:
    """One spoken word with its timing in seconds from the start of the answer."""

    text: str
    start: float  # seconds
    end: float  # seconds
    probability: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        """JSON shape used in `--json` output and session files."""
        return {
            "word": self.text,
            "start": round(self.start, 3),
            "end": round(self.end, 3),
            "probability": round(self.probability, 3),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Word:
        """Inverse of `to_dict`."""
        return cls(
            text=str(data["word"]),
            start=float(data["start"]),
            end=float(data["end"]),
            probability=float(data.get("probability", 1.0)),
        )


@dataclass(frozen=True)
class Transcript:
    """An answer's text; for spoken answers also its words and where each sits in `text`.

    `word_offsets[i]` is the `(start_char, end_char)` of `words[i]` inside `text`.
    Typed answers have no words and map no characters to seconds.
    """

    text: str
    words: tuple[Word, ...] = ()
    word_offsets: tuple[tuple[int, int], ...] = ()
    duration: float | None = None  # seconds of audio, when spoken
    source: str = "text"  # "text" or "audio"
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.words) != len(self.word_offsets):
            raise ValueError("words and word_offsets must have the same length")
        object.__setattr__(self, "_starts", tuple(s for s, _ in self.word_offsets))

    @classmethod
    def from_text(cls, text: str) -> Transcript:
        """A typed answer: text only, no timings."""
        return cls(text=text)

    @classmethod
    def from_words(
        cls, words: Iterable[Word], duration: float | None = None, source: str = "audio"
    ) -> Transcript:
        """Join words (Whisper style, with or without leading spaces) into text with offsets."""
        kept: list[Word] = []
        offsets: list[tuple[int, int]] = []
        parts: list[str] = []
        pos = 0
        for word in words:
            token = word.text.strip()
            if not token:
                continue
            if parts:
                parts.append(" ")
                pos += 1
            offsets.append((pos, pos + len(token)))
            parts.append(token)
            pos += len(token)
            kept.append(Word(token, word.start, word.end, word.probability))
        return cls(
            text="".join(parts),
            words=tuple(kept),
            word_offsets=tuple(offsets),
            duration=duration,
            source=source,
        )

    @property
    def timed(self) -> bool:
        """True when characters can be mapped to seconds."""
        return bool(self.words)

    def word_count(self) -> int:
        """Number of words, counted the same way for typed and spoken answers."""
        return len(self.words) if self.words else len(self.text.split())

    def words_in(self, start_char: int, end_char: int) -> list[Word]:
        """The words overlapping the character span `[start_char, end_char)`."""
        if not self.words:
            return []
        first = max(bisect.bisect_right(self._starts, start_char) - 1, 0)
        found = []
        for i in range(first, len(self.words)):
            ws, we = self.word_offsets[i]
            if ws >= end_char:
                break
            if we > start_char:
                found.append(self.words[i])
        return found

    def seconds(self, start_char: int, end_char: int) -> tuple[float, float] | None:
        """Seconds covered by a character span, or None for typed answers."""
        inside = self.words_in(start_char, end_char)
        if not inside:
            return None
        return inside[0].start, inside[-1].end

    def to_dict(self) -> dict[str, Any]:
        """JSON shape: `{"text", "words": [{"word", "start", "end"}], "duration", "source"}`."""
        return {
            "text": self.text,
            "words": [w.to_dict() for w in self.words],
            "duration": self.duration,
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Transcript:
        """Inverse of `to_dict`; typed answers keep their exact text."""
        words = [Word.from_dict(w) for w in data.get("words") or []]
        duration = data.get("duration")
        source = str(data.get("source", "audio" if words else "text"))
        if words:
            return cls.from_words(words, duration=duration, source=source)
        return cls(text=str(data.get("text", "")), duration=duration, source=source)
