"""Faithful, repeatable transcripts: greedy decoding, hallucination guards, voiced fillers."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from audio_fixtures import FIXTURES, POSTMORTEM, ROLLBACK, speech
from mock_interviewer import stt, stt_guards
from mock_interviewer.audio import RATE, AudioChunk, read_audio
from mock_interviewer.endpoint import speech_segments
from mock_interviewer.pacing import find_fillers
from mock_interviewer.transcript import Word


def test_decoding_is_greedy_with_no_sampled_fallback() -> None:
    options = stt.Transcriber().decode_options()
    assert options["temperature"] == 0.0  # one temperature: faster-whisper never samples
    assert options["condition_on_previous_text"] is False
    assert options["vad_filter"] is False  # the pieces are voiced regions already
    assert options["compression_ratio_threshold"] == stt_guards.COMPRESSION_RATIO_MAX
    assert options["no_speech_threshold"] == stt_guards.NO_SPEECH_PROBABILITY


@pytest.mark.parametrize(
    ("ratio", "no_speech", "logprob", "text", "seconds", "dropped"),
    [
        (1.4, 0.01, -0.2, "We rolled back the deploy.", 1.5, False),  # ordinary speech
        (3.1, 0.01, -0.2, "the the the the the the", 1.5, True),  # a repetition loop
        (1.2, 0.9, -1.5, "Thank you.", 1.0, True),  # the model thinks it is silence, unsure
        (1.2, 0.9, -0.3, "Thank you.", 1.0, False),  # quiet but confidently decoded: kept
        (0.8, 0.08, -1.2, "And I'm loving it tonight.", 0.8, False),  # misheard, but said
        (0.8, 0.43, -1.45, "And, uh, we're going to do that.", 0.2, True),  # 35 words a second
        (0.8, 0.01, -0.2, "And then we went", 0.3, False),  # fast but confident: kept
    ],
)
def test_invented_segments(
    ratio: float, no_speech: float, logprob: float, text: str, seconds: float, dropped: bool
) -> None:
    segment = SimpleNamespace(
        compression_ratio=ratio,
        no_speech_prob=no_speech,
        avg_logprob=logprob,
        text=text,
        words=None,
        start=10.0,
        end=10.0 + seconds,
    )
    assert stt_guards.invented(segment) is dropped


def test_a_filler_is_kept_only_where_the_audio_has_voice() -> None:
    speech_regions = [(1.0, 3.0), (6.0, 8.0)]
    words = [
        Word("So,", 1.0, 1.2),
        Word("um,", 1.3, 1.6),  # inside speech: said
        Word("uh", 4.0, 4.4),  # in the pause, a second from any voice: invented
        Word("Uh.", 2.9, 3.9),  # mostly after the voice stops, but 0.1 s inside it: kept
        Word("uh,", 3.2, 3.2),  # no length, just after the voice (Whisper's timing): kept
        Word("hmm", 5.0, 5.4),  # in the pause: invented
        Word("we", 6.1, 6.3),
    ]
    kept = [w.text for w in stt_guards.voiced_fillers_only(words, speech_regions)]
    assert kept == ["So,", "um,", "Uh.", "uh,", "we"]
    shifted = [Word(w.text, w.start + 10, w.end + 10) for w in words]
    assert [w.text for w in stt_guards.voiced_fillers_only(shifted, speech_regions, 10.0)] == kept


@pytest.fixture(scope="module")
def transcriber() -> stt.Transcriber:
    t = stt.Transcriber()
    t.load()
    return t


@pytest.mark.slow
@pytest.mark.parametrize("name", ["fillers_answer.flac", "espeak_rollback.flac"])
def test_the_same_recording_gives_the_same_transcript(
    transcriber: stt.Transcriber, name: str
) -> None:
    audio = read_audio(FIXTURES / name)  # Piper speech, then espeak-ng speech
    runs = [transcriber.transcribe(audio) for _ in range(3)]
    assert runs[0].text
    assert all(r.words == runs[0].words for r in runs)  # words, times and probabilities


@pytest.mark.slow
def test_long_silences_inside_speech_invent_nothing(transcriber: stt.Transcriber) -> None:
    gap = np.zeros(5 * RATE, np.int16)
    parts = [speech(ROLLBACK), gap, speech(POSTMORTEM), gap, speech(ROLLBACK)]
    audio = AudioChunk(np.concatenate([np.zeros(RATE // 2, np.int16), *parts, gap]))
    voiced = speech_segments(audio)
    transcript = transcriber.transcribe(audio)
    alone = [transcriber.transcribe(AudioChunk(p)).text.split() for p in parts[::2]]
    assert len(transcript.text.split()) <= sum(len(words) for words in alone)
    for word in transcript.words:  # every word overlaps the voice it came from
        assert any(word.end > a and word.start < b for a, b in voiced), word
    assert not [f for f in find_fillers(transcript) if f.text in ("um", "uh")]
    assert transcriber.transcribe(audio).words == transcript.words
