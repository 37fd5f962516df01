"""The endpointer on silence, steady noise, real speech with thinking pauses, and the hard cap."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import webrtcvad

from audio_fixtures import (
    JFK,
    POSTMORTEM,
    ROLLBACK,
    blocks,
    hum,
    join,
    mix,
    silence,
    speech,
    white_noise,
)
from mock_interviewer.audio import RATE, AudioChunk
from mock_interviewer.endpoint import (
    AnswerEnded,
    Endpointer,
    EndpointSettings,
    Event,
    SegmentClosed,
    SpeechStarted,
    speech_segments,
)


def run(
    audio: AudioChunk, settings: EndpointSettings | None = None, size: int = 480
) -> list[Event]:
    """Feed audio in microphone-sized chunks until the answer ends (or finish at eof)."""
    endpointer = Endpointer(settings)
    events: list[Event] = []
    for chunk in blocks(audio, size):
        events += endpointer.feed(chunk)
        if endpointer.ended is not None:
            return events
    return events + endpointer.finish()


def ended(events: list[Event]) -> AnswerEnded:
    (end,) = [e for e in events if isinstance(e, AnswerEnded)]
    assert events[-1] is end  # nothing comes after the end
    return end


def started(events: list[Event]) -> list[SpeechStarted]:
    return [e for e in events if isinstance(e, SpeechStarted)]


def voiced_end(samples: np.ndarray) -> int:
    """Sample just past the last voiced region of a speech fixture (measured, not assumed)."""
    return round(speech_segments(AudioChunk(samples))[-1][1] * RATE)


def test_silence_only_ends_with_no_speech_at_the_timeout() -> None:
    events = run(join(silence(40)))
    assert events == [AnswerEnded(30 * RATE, "no_speech")]


@pytest.mark.parametrize(
    "noise",
    [white_noise(40, rms=3000), white_noise(40, rms=12000, seed=1), hum(40)],
    ids=["white", "loud-white", "hum"],
)
def test_steady_noise_is_never_taken_for_an_answer(noise: np.ndarray) -> None:
    """Definition: steady noise is not speech; nobody spoke, so the answer ends by no_speech."""
    vad = webrtcvad.Vad(2)
    raw = [vad.is_speech(noise[i : i + 480].tobytes(), RATE) for i in range(0, 30 * RATE, 480)]
    assert np.mean(raw) > 0.9  # the premise: webrtcvad alone calls this noise speech
    events = run(AudioChunk(noise))
    assert events == [AnswerEnded(30 * RATE, "no_speech")]
    assert speech_segments(AudioChunk(noise)) == []


@pytest.mark.shared
def test_speech_in_steady_noise_is_still_heard() -> None:
    jfk = speech(JFK)
    quiet = join(silence(2), jfk, silence(8))
    noisy = AudioChunk(mix(quiet.samples, white_noise(quiet.seconds, rms=300)))
    events = run(noisy)
    assert len(started(events)) == 1
    assert ended(events).reason == "silence"
    assert started(events)[0].sample == pytest.approx(2 * RATE + 0.3 * RATE, abs=0.25 * RATE)


def test_thinking_pauses_do_not_end_the_answer_the_real_end_does() -> None:
    one, two = speech(ROLLBACK), speech(POSTMORTEM)
    parts = [silence(1), one, silence(3.5), two, silence(4.0), one, silence(12)]
    audio = join(*parts)
    last_voiced = sum(len(p) for p in parts[:-2]) + voiced_end(one)
    events = run(audio)
    assert len(started(events)) == 1
    assert started(events)[0].sample == pytest.approx(RATE, abs=0.1 * RATE)
    end = ended(events)
    assert end.reason == "silence"
    settings = EndpointSettings()
    # Ends after end_silence_s of silence past the last voiced frame (to within a frame or two).
    assert end.sample - last_voiced == pytest.approx(settings.end_silence_s * RATE, abs=3 * 480)
    segments = [e for e in events if isinstance(e, SegmentClosed)]
    assert len(segments) == 3  # one per sentence: the pauses closed segments, not the answer
    assert all(a.end_sample < b.start_sample for a, b in itertools.pairwise(segments))


def test_default_end_silence_outlasts_long_thinking_pauses() -> None:
    assert EndpointSettings().end_silence_s >= 5.0
    # Even a short end silence is never tripped by a one-second pause.
    one = speech(ROLLBACK)
    settings = EndpointSettings(end_silence_s=1.5)
    events = run(join(silence(0.5), one, silence(1.0), one, silence(3)), settings)
    end = ended(events)
    assert end.reason == "silence" and end.sample > 0.5 * RATE + 2 * len(one)


@pytest.mark.shared
@pytest.mark.parametrize("size", [480, 1000, 7919])
def test_speech_runs_into_the_cap_at_exactly_the_cap_sample(size: int) -> None:
    jfk = speech(JFK)
    audio = join(silence(1), jfk, jfk, jfk)
    settings = EndpointSettings(max_answer_s=20.0)
    events = run(audio, settings, size)
    (start,) = started(events)
    assert ended(events) == AnswerEnded(start.sample + 20 * RATE, "cap")
    closed = [e for e in events if isinstance(e, SegmentClosed)]
    assert closed[-1].end_sample <= start.sample + 20 * RATE


@pytest.mark.shared
def test_default_cap_is_four_minutes_of_answer() -> None:
    jfk = speech(JFK)
    audio = join(silence(1), *([jfk] * 24))  # 265 s with hardly a pause longer than a second
    events = run(audio)
    (start,) = started(events)
    assert ended(events) == AnswerEnded(start.sample + 240 * RATE, "cap")


def test_events_do_not_depend_on_chunk_size() -> None:
    one = speech(ROLLBACK)
    audio = join(silence(1), one, silence(2), speech(POSTMORTEM), silence(8))
    reference = run(audio, size=480)
    assert run(audio, size=160) == reference
    assert run(audio, size=4096) == reference


def test_sample_positions_follow_the_stream_offset() -> None:
    audio = join(silence(1), speech(ROLLBACK), silence(8))
    shifted = AudioChunk(audio.samples, RATE, offset=123_456)
    plain, moved = run(audio), run(shifted)
    assert len(plain) == len(moved)
    for a, b in zip(plain, moved, strict=True):
        fields_a, fields_b = vars(a), vars(b)
        for name, value in fields_a.items():
            expected = value + 123_456 if isinstance(value, int) else value
            assert fields_b[name] == expected


def test_finish_flushes_the_open_segment_and_names_the_reason() -> None:
    endpointer = Endpointer()
    audio = join(silence(1), speech(ROLLBACK)[: 2 * RATE])
    events: list[Event] = []
    for chunk in blocks(audio):
        events += endpointer.feed(chunk)
    assert len(started(events)) == 1 and endpointer.ended is None
    tail = endpointer.finish("stopped")
    assert isinstance(tail[0], SegmentClosed) and tail[0].end_sample <= len(audio.samples)
    assert tail[-1] == AnswerEnded(len(audio.samples), "stopped")
    assert endpointer.finish() == [] and endpointer.feed(blocks(audio)[0]) == []


def test_eof_before_any_speech() -> None:
    events = run(join(silence(2)))
    assert events == [AnswerEnded(2 * RATE, "eof")]


@pytest.mark.shared
def test_speech_segments_real_speech() -> None:
    regions = speech_segments(AudioChunk(speech(JFK)))
    # "And so, my fellow Americans, | ask not | what your country can do for you, | ask what..."
    assert len(regions) == 4
    assert regions[0][0] < 0.4 and regions[-1][1] == pytest.approx(11.0, abs=0.3)
    assert all(b > a for a, b in regions)
    assert all(n[0] - p[1] >= 0.3 for p, n in itertools.pairwise(regions))


def test_speech_segments_measure_pauses_and_merge_short_gaps() -> None:
    one = speech(ROLLBACK)
    one = one[: voiced_end(one)]
    assert len(speech_segments(join(silence(1), one, silence(0.15), one, silence(1)))) == 1
    regions = speech_segments(join(silence(1), one, silence(3.0), one, silence(1)))
    assert len(regions) == 2
    assert regions[1][0] - regions[0][1] == pytest.approx(3.0, abs=0.2)
    assert speech_segments(join(silence(5))) == []
    assert speech_segments(AudioChunk(np.zeros(0, np.int16))) == []


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="frame_ms"):
        EndpointSettings(frame_ms=25)
    with pytest.raises(ValueError, match="aggressiveness"):
        EndpointSettings(aggressiveness=4)
    with pytest.raises(ValueError):
        Endpointer().feed(AudioChunk(np.zeros(10, np.int16), rate=8000))


@pytest.mark.shared
def test_real_speech_with_a_four_second_pause_is_one_answer() -> None:
    jfk = speech(JFK)
    audio = join(silence(1), jfk, silence(4.0), jfk, silence(10))
    events = run(audio)
    end = ended(events)
    assert len(started(events)) == 1 and end.reason == "silence"
    assert end.sample > (1 + 4) * RATE + 2 * len(jfk)  # only after the second half was heard
