"""The typed shapes stages hand each other: the speech model and an audio source.

Tests replace both with small fakes, so the orchestrator names what it needs, not a class.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

from mock_interviewer.audio import AudioChunk
from mock_interviewer.transcript import Transcript


class SpeechModel(Protocol):
    """Speech to text, as `stt.Transcriber` does it: loaded once, then asked per recording."""

    def load(self) -> None:
        """Load the model now (idempotent)."""

    def unload(self) -> None:
        """Free the model's memory."""

    def transcribe(
        self,
        audio: AudioChunk,
        *,
        offset_s: float = 0.0,
        prompt_context: str | None = None,
        speech: Sequence[tuple[float, float]] | None = None,
        on_progress: Callable[[float, float], None] | None = None,
    ) -> Transcript:
        """Words with times in seconds from the start of `audio`, plus `offset_s`.

        Options by keyword: `speech`, the voiced regions when already measured; `prompt_context`,
        the words said just before; `on_progress(done_s, total_s)` for long recordings.
        """


class AudioSource(Protocol):
    """The microphone or a file standing in for it: a context manager that yields chunks."""

    def __enter__(self) -> AudioSource:
        """Hold the device (if any) for a recording."""

    def __exit__(self, *exc_info: object) -> None:
        """Release it."""

    def __iter__(self) -> Iterator[AudioChunk]:
        """16 kHz mono chunks with offsets in samples."""
