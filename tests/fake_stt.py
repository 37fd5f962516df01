"""A stand-in for the Whisper transcriber: hands out known texts, in order, with even timings.

Streaming pieces are refused (the orchestrator then transcribes the whole recording, its
documented fallback), so each recorded answer costs exactly one call and gets the next text.
Install it with `install(monkeypatch, texts)`: the pipeline's per-model cache is what
`transcriber()` reads in both `pipeline` and `interview`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from mock_interviewer import pipeline
from mock_interviewer.audio import AudioChunk
from mock_interviewer.transcript import Transcript, Word


class FakeTranscriber:
    """Returns `texts` one per whole-recording call, words spread over the voiced time."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = list(texts)
        self.calls = 0

    def load(self) -> None:
        """Nothing to load."""

    def unload(self) -> None:
        """Nothing to free."""

    def transcribe(
        self,
        audio: AudioChunk,
        offset_s: float = 0.0,
        prompt_context: str | None = None,
        speech: Sequence[tuple[float, float]] | None = None,
        on_progress: Callable[[float, float], None] | None = None,
    ) -> Transcript:
        streaming = threading.current_thread().name == "stt-stream"
        if prompt_context is not None or offset_s or streaming:
            raise RuntimeError("streaming pieces are not faked")
        text = self.texts[self.calls]
        self.calls += 1
        start, end = (speech[0][0], speech[-1][1]) if speech else (0.0, audio.seconds)
        tokens = text.split()
        step = (end - start) / max(len(tokens), 1)
        words = [Word(t, start + i * step, start + (i + 0.8) * step) for i, t in enumerate(tokens)]
        return Transcript.from_words(words, duration=audio.seconds, source="audio")


def install(monkeypatch: pytest.MonkeyPatch, texts: Sequence[str]) -> FakeTranscriber:
    """Make `transcriber()` (default model) return a FakeTranscriber over `texts`."""
    fake = FakeTranscriber(texts)
    cache: dict[str | None, Any] = {None: fake}
    monkeypatch.setattr(pipeline, "_TRANSCRIBERS", cache)
    return fake
