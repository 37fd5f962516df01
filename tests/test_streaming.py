"""Streaming transcription: segments batched in a worker, the rest finished at the end."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np

from mock_interviewer.audio import RATE, AudioChunk
from mock_interviewer.streaming import SegmentTranscriber
from mock_interviewer.transcript import Transcript, Word


class FakeStt:
    """Says one word per piece, named after where the piece starts; records every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[float, float]] = []
        self.called = threading.Event()

    def transcribe(
        self, audio: AudioChunk, offset_s: float = 0.0, prompt_context: str | None = None
    ) -> Transcript:
        self.calls.append((audio.start_s, audio.start_s + audio.seconds))
        self.called.set()
        word = Word(f"w{audio.start_s:.0f}", offset_s, offset_s + 0.5)
        return Transcript.from_words([word], duration=audio.seconds)


def segment(start_s: float, seconds: float) -> AudioChunk:
    samples = np.full(round(seconds * RATE), 1000, dtype=np.int16)
    return AudioChunk(samples, RATE, round(start_s * RATE))


def recording(seconds: float) -> AudioChunk:
    return AudioChunk(np.zeros(round(seconds * RATE), dtype=np.int16), RATE, 0)


def test_segments_are_batched_then_the_rest_finished() -> None:
    stt = FakeStt()
    streamer = SegmentTranscriber(stt)
    streamer.IDLE_S = 60.0  # no idle flush in this test
    length = streamer.BATCH_S / 2 + 0.5  # two segments make a batch, one does not
    streamer.submit(None, segment(0.0, length))
    streamer.submit(None, segment(length + 0.5, length))  # with a gap between them
    batch_end = 2 * length + 0.5
    streamer.submit(None, segment(batch_end + 1.0, 1.0))  # waits: not a batch yet
    transcript = streamer.finish(recording(batch_end + 3.0))
    assert stt.calls[0] == (0.0, batch_end)  # the batch, its gap filled with silence
    assert stt.calls[1][0] == batch_end  # the rest, from where the batch ended
    assert [w.text for w in transcript.words] == ["w0", f"w{batch_end:.0f}"]
    assert transcript.duration == batch_end + 3.0


def test_a_pause_flushes_waiting_segments_before_the_answer_ends() -> None:
    stt = FakeStt()
    streamer = SegmentTranscriber(stt)
    streamer.IDLE_S = 0.05
    streamer.submit(None, segment(1.0, 2.0))
    assert stt.called.wait(timeout=30)  # transcribed without waiting for more speech
    assert stt.calls == [(1.0, 3.0)]
    transcript = streamer.finish(recording(3.0))
    assert len(stt.calls) == 1  # nothing was left for the end
    assert [w.text for w in transcript.words] == ["w1"]


def test_word_times_are_relative_to_the_recording() -> None:
    stt = FakeStt()
    streamer = SegmentTranscriber(stt)
    streamer.IDLE_S = 0.01
    audio = AudioChunk(np.zeros(RATE * 4, dtype=np.int16), RATE, RATE * 2)  # starts at 2 s
    streamer.submit(None, segment(3.0, 1.0))
    assert stt.called.wait(timeout=30)
    transcript = streamer.finish(audio)
    assert transcript.words[0].start == 1.0  # 3 s into the stream is 1 s into the recording


def test_a_failing_model_falls_back_to_the_whole_recording() -> None:
    class Broken(FakeStt):
        def transcribe(self, *args: Any, **kwargs: Any) -> Transcript:
            raise RuntimeError("model crashed")

    streamer = SegmentTranscriber(Broken())
    streamer.IDLE_S = 0.01
    streamer.submit(None, segment(0.0, 9.0))
    assert streamer.finish(recording(10.0)) is None
