"""Recording an answer from fake sources: the end, Enter, Ctrl-C and a failing device."""

from __future__ import annotations

import threading
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from audio_fixtures import JFK, POSTMORTEM, ROLLBACK, blocks, join, silence, speech
from mock_interviewer.audio import RATE, AudioChunk, read_audio
from mock_interviewer.capture import FileSource
from mock_interviewer.endpoint import EndpointSettings, SegmentClosed
from mock_interviewer.errors import AudioError
from mock_interviewer.recorder import Progress, Recording, record_answer
from mock_interviewer.wav import write_wav


def wav_samples(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, RATE)
        return np.frombuffer(wav.readframes(wav.getnframes()), "<i2")


def answer() -> AudioChunk:
    return join(silence(1), speech(ROLLBACK), silence(3), speech(POSTMORTEM), silence(10))


def test_records_until_the_silence_after_the_answer(tmp_path: Path) -> None:
    audio = answer()
    path = tmp_path / "answer.wav"
    progress: list[Progress] = []
    segments: list[tuple[SegmentClosed, AudioChunk]] = []
    rec = record_answer(
        blocks(audio),
        path,
        EndpointSettings(),
        on_progress=progress.append,
        on_segment=lambda event, chunk: segments.append((event, chunk)),
    )
    assert isinstance(rec, Recording) and rec.path == path
    assert rec.end_reason == "silence" and rec.heard_speech and rec.device_failed is None
    # Everything up to the end decision is kept: the speech and the silence that ended it.
    assert np.array_equal(rec.audio.samples, audio.samples[: len(rec.audio.samples)])
    assert np.array_equal(wav_samples(path), rec.audio.samples)
    assert rec.speech_start_s == pytest.approx(1.0, abs=0.1)
    speech_end = 1 + 3 + len(speech(ROLLBACK)) / RATE + len(speech(POSTMORTEM)) / RATE
    assert rec.speech_end_s is not None and rec.speech_end_s < speech_end
    assert rec.seconds == pytest.approx(rec.speech_end_s + 6.0, abs=0.1)
    assert len(rec.segments) == 2 and rec.segments[0][0] == pytest.approx(1.0, abs=0.1)
    # Streaming transcription gets each sentence's audio as soon as its pause closes it.
    assert len(segments) == 2
    for event, chunk in segments:
        assert chunk.offset == event.start_sample
        expected = audio.samples[event.start_sample : event.end_sample]
        assert np.array_equal(chunk.samples, expected)
    # Progress counts samples, once per chunk.
    assert [p.elapsed_s for p in progress[:3]] == pytest.approx([0.03, 0.06, 0.09])
    assert not progress[0].speech_started and progress[-1].speech_started
    assert progress[-1].silence_s > 5.0 and 0.0 <= progress[-1].level <= 1.0


def test_enter_stops_the_recording(tmp_path: Path) -> None:
    stop = threading.Event()
    chunks = blocks(answer())
    closed = []

    def source() -> Iterator[AudioChunk]:
        try:
            for i, chunk in enumerate(chunks):
                if i == 100:
                    stop.set()  # the user presses Enter while chunk 100 is being captured
                yield chunk
        finally:
            closed.append(True)

    rec = record_answer(source(), tmp_path / "a.wav", stop=stop)
    assert rec.end_reason == "stopped" and rec.heard_speech
    assert len(rec.audio.samples) == 100 * 480
    kept = join(*[c.samples for c in chunks[:100]]).samples
    assert np.array_equal(wav_samples(tmp_path / "a.wav"), kept)
    assert closed == [True]  # the source was closed (a microphone stream would be stopped)


def test_ctrl_c_keeps_a_valid_wav_and_reraises(tmp_path: Path) -> None:
    chunks = blocks(answer())

    def source() -> Iterator[AudioChunk]:
        yield from chunks[:150]
        raise KeyboardInterrupt

    path = tmp_path / "a.wav"
    with pytest.raises(KeyboardInterrupt):
        record_answer(source(), path)
    kept = join(*[c.samples for c in chunks[:150]]).samples
    assert np.array_equal(wav_samples(path), kept)
    assert np.array_equal(read_audio(path).samples, kept)


class FailingDevice:
    """A microphone that delivers some audio, then dies (as MicrophoneSource reports it)."""

    def __init__(self, chunks: list[AudioChunk], fail_after: int) -> None:
        self.chunks = chunks
        self.fail_after = fail_after
        self.failed_reason: str | None = None

    def __iter__(self) -> Iterator[AudioChunk]:
        yield from self.chunks[: self.fail_after]
        self.failed_reason = "no audio from the input device for 2 s"


def test_device_failure_midway_keeps_what_was_recorded(tmp_path: Path) -> None:
    chunks = blocks(answer())
    device = FailingDevice(chunks, 120)
    rec = record_answer(device, tmp_path / "a.wav")
    assert rec.device_failed == "no audio from the input device for 2 s"
    assert rec.end_reason == "eof" and rec.heard_speech
    kept = join(*[c.samples for c in chunks[:120]]).samples
    assert np.array_equal(rec.audio.samples, kept)
    assert np.array_equal(wav_samples(tmp_path / "a.wav"), kept)


@pytest.mark.shared
def test_cap_cuts_the_recording_at_the_cap_sample(tmp_path: Path) -> None:
    jfk = speech(JFK)
    audio = join(silence(1), jfk, jfk)
    rec = record_answer(blocks(audio, 1000), tmp_path / "a.wav", EndpointSettings(max_answer_s=15))
    assert rec.end_reason == "cap" and rec.speech_start_s is not None
    start = round(rec.speech_start_s * RATE)
    assert len(rec.audio.samples) == start + 15 * RATE
    assert len(wav_samples(tmp_path / "a.wav")) == start + 15 * RATE


def test_nobody_speaks(tmp_path: Path) -> None:
    rec = record_answer(blocks(join(silence(40))), tmp_path / "a.wav")
    assert rec.end_reason == "no_speech" and not rec.heard_speech
    assert rec.speech_start_s is None and rec.speech_end_s is None and rec.segments == ()
    assert len(rec.audio.samples) == 30 * RATE


def test_an_empty_source_still_leaves_a_valid_wav(tmp_path: Path) -> None:
    rec = record_answer([], tmp_path / "a.wav")
    assert rec.end_reason == "eof" and not rec.heard_speech and rec.seconds == 0
    assert wav_samples(tmp_path / "a.wav").size == 0


def test_recording_from_a_file_source(tmp_path: Path) -> None:
    source_path = write_wav(tmp_path / "given.wav", answer())
    with FileSource(source_path) as source:  # a context manager, like the microphone
        rec = record_answer(source, tmp_path / "a.wav")
    direct = record_answer(blocks(answer()), tmp_path / "b.wav")
    assert rec.end_reason == direct.end_reason == "silence"
    assert np.array_equal(rec.audio.samples, direct.audio.samples)
    assert rec.segments == direct.segments


def test_file_source_paces_like_a_microphone(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "given.wav", join(silence(1.0)))
    now = [100.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    source = FileSource(path, realtime=True, clock=lambda: now[0], sleep=sleep)
    seen = []
    for chunk in source:
        seen.append(chunk)
        # Each chunk is handed over once its last sample would have been captured.
        assert now[0] - 100.0 == pytest.approx(chunk.end / RATE)
    assert len(seen) == -(-RATE // 480) and sum(sleeps) == pytest.approx(1.0)
    unpaced = FileSource(path, clock=lambda: now[0], sleep=sleep)
    assert [c.offset for c in unpaced] == [c.offset for c in seen]
    assert len(sleeps) == len(seen)  # the unpaced source never slept


def test_a_bad_input_file_fails_before_any_wav_is_made(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match="no such file"):
        record_answer(FileSource(tmp_path / "missing.flac"), tmp_path / "a.wav")
    assert not (tmp_path / "a.wav").exists()
