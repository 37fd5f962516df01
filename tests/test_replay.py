"""Replay: annotations from a session, the scheduler on a fake clock, the printed replay, errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner, Result

from mock_interviewer.cli import main
from mock_interviewer.errors import ExitCode, UsageError
from mock_interviewer.report import replay as replay_mod
from mock_interviewer.report.annotations import Annotation, annotate, format_clock
from mock_interviewer.report.replay import (
    ReplayScheduler,
    SamplePlayer,
    _handle_key,
    parse_position,
    render_text,
)
from mock_interviewer.sessions import SessionStore
from session_fixtures import STORY, spoken_session, typed_session, write_wav


class FakeClock:
    """A player clock the test moves by hand."""

    def __init__(self) -> None:
        self.at = 0.0

    def position(self) -> float:
        return self.at


def note(t: float, label: str) -> Annotation:
    return Annotation(t, t + 0.5, "timeline", label, label, "timeline")


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SessionStore:
    monkeypatch.setenv("MOCK_INTERVIEWER_HOME", str(tmp_path / "home"))
    return SessionStore()


def labels(notes: list[Annotation]) -> list[str]:
    return [n.label for n in notes]


# -- annotations ------------------------------------------------------------------------------


def test_spoken_annotations_are_time_ordered_and_complete(store: SessionStore) -> None:
    session = store.load(spoken_session(store).id)
    notes = annotate(session)
    times = [n.time_s for n in notes if n.time_s is not None]
    assert len(times) == len(notes)
    assert times == sorted(times)
    kinds = [n.kind for n in notes]
    assert kinds.count("timeline") == 5
    for kind in (
        "mitigation",
        "fix",
        "prevention",
        "principle",
        "blame",
        "reflection",
        "pause",
        "filler",
        "target",
    ):
        assert kind in kinds, kind
    assert [n.label for n in notes if n.kind == "timeline"] == [
        "T+0",
        "T+5",
        "T+30",
        "T+60",
        "T+14d",
    ]
    pacing = session.pacing
    assert pacing is not None
    target = next(n for n in notes if n.kind == "target")
    assert target.time_s == pytest.approx(pacing.speech_start_s + pacing.target_s)
    blame = next(n for n in notes if n.kind == "blame")
    assert blame.signal_id == "blame" and blame.advice == "Advice about blame."
    mitigation = next(n for n in notes if n.kind == "mitigation")
    assert mitigation.text == "rolled back" and mitigation.signal_id == "separation"
    pause = next(n for n in notes if n.kind == "pause")
    assert pause.end_s is not None and pause.time_s is not None
    assert pause.end_s - pause.time_s == pytest.approx(3.0)


def test_typed_annotations_follow_character_order(store: SessionStore) -> None:
    notes = annotate(store.load(typed_session(store).id))
    assert notes
    assert all(n.time_s is None for n in notes)
    starts = [n.start_char for n in notes]
    assert all(s is not None for s in starts)
    assert starts == sorted(s for s in starts if s is not None)


def test_typed_long_answer_marks_where_it_passes_the_target(store: SessionStore) -> None:
    long_text = " ".join([STORY] * 6)  # well over 300 words
    notes = annotate(store.load(typed_session(store, text=long_text).id))
    target = [n for n in notes if n.kind == "target"]
    assert len(target) == 1
    assert target[0].start_char == len(" ".join(long_text.split()[:300])) + 1


# -- the scheduler ------------------------------------------------------------------------------


def test_scheduler_fires_each_annotation_once_in_order() -> None:
    notes = [note(5.0, "c"), note(1.0, "a"), note(2.0, "b1"), note(2.0, "b2"), note(9.0, "d")]
    clock = FakeClock()
    scheduler = ReplayScheduler(notes)
    fired: list[str] = []
    for at in (0.0, 0.5, 1.0, 1.5, 2.0, 2.0, 4.9, 5.0, 8.0, 9.5, 20.0):
        clock.at = at
        fired += labels(scheduler.due(clock.position()))
    assert fired == ["a", "b1", "b2", "c", "d"]


def test_scheduler_seek_forward_skips_and_back_refires() -> None:
    scheduler = ReplayScheduler([note(1.0, "a"), note(3.0, "b"), note(6.0, "c"), note(9.0, "d")])
    clock = FakeClock()
    clock.at = 1.2
    assert labels(scheduler.due(clock.position())) == ["a"]
    clock.at = 7.0
    scheduler.seek(clock.position())
    assert scheduler.due(clock.position()) == []  # b and c were jumped over
    clock.at = 9.0
    assert labels(scheduler.due(clock.position())) == ["d"]
    clock.at = 2.0
    scheduler.seek(clock.position())
    assert scheduler.due(clock.position()) == []
    clock.at = 6.5
    assert labels(scheduler.due(clock.position())) == ["b", "c"]
    scheduler.seek(6.0)  # landing exactly on an annotation shows it
    assert labels(scheduler.due(6.0)) == ["c"]


def test_scheduler_next_and_previous() -> None:
    scheduler = ReplayScheduler([note(1.0, "a"), note(3.0, "b"), note(6.0, "c")])
    assert scheduler.next_time(0.0) == 1.0
    assert scheduler.next_time(3.0) == 6.0
    assert scheduler.next_time(6.0) is None
    assert scheduler.previous_time(6.2) == 3.0
    assert scheduler.previous_time(3.5) == 1.0
    assert scheduler.previous_time(1.2) is None


def test_scheduler_ignores_untimed_annotations() -> None:
    typed = Annotation(None, None, "timeline", "T+0", "T+0", "timeline", 0, 3)
    scheduler = ReplayScheduler([typed, note(1.0, "a")])
    assert labels(scheduler.due(100.0)) == ["a"]


# -- the player's sample clock and keys ------------------------------------------------------


def test_sample_player_counts_samples_pauses_and_seeks(tmp_path: Path) -> None:
    wav = tmp_path / "a.wav"
    write_wav(wav, 2.0)
    player = SamplePlayer(wav)
    assert player.duration == pytest.approx(2.0)
    out = np.ones((800, 1), dtype=np.int16)
    player._fill(out, 800)
    assert player.position() == pytest.approx(0.1)
    assert out[:, 0].tolist() == player.audio.samples[:800].tolist()
    player.toggle()
    player._fill(out, 800)
    assert player.position() == pytest.approx(0.1)
    assert not out.any()
    player.toggle()
    player.seek(1.95)
    player._fill(out, 800)
    assert player.position() == pytest.approx(2.0)
    assert player.finished.is_set()
    assert not out[400:].any()  # past the end: silence


def test_keys_seek_and_jump_between_annotations(tmp_path: Path) -> None:
    wav = tmp_path / "a.wav"
    write_wav(wav, 20.0)
    player = SamplePlayer(wav)
    scheduler = ReplayScheduler([note(1.0, "a"), note(8.0, "b"), note(12.0, "c")])
    player.seek(2.0)
    _handle_key("right", player, scheduler)
    assert player.position() == pytest.approx(7.0)
    _handle_key("n", player, scheduler)
    assert player.position() == pytest.approx(8.0)
    assert labels(scheduler.due(player.position())) == ["b"]
    _handle_key("p", player, scheduler)
    assert player.position() == pytest.approx(1.0)
    assert labels(scheduler.due(player.position())) == ["a"]
    _handle_key("left", player, scheduler)
    assert player.position() == 0.0
    _handle_key("space", player, scheduler)
    assert player.paused


# -- positions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("1:30", 90.0), ("90", 90.0), ("0:05.5", 5.5), ("12.25", 12.25), (" 2:00 ", 120.0)],
)
def test_parse_position(text: str, seconds: float) -> None:
    assert parse_position(text) == seconds


@pytest.mark.parametrize("text", ["abc", "1:75", "-5", "1:", ":30", "", "1:30:00", "1,5"])
def test_parse_position_rejects(text: str) -> None:
    with pytest.raises(UsageError, match="use m:ss"):
        parse_position(text)


def test_format_clock() -> None:
    assert format_clock(12.44) == "0:12.4"
    assert format_clock(72.4) == "1:12.4"
    assert format_clock(59.96) == "1:00.0"


# -- the command ------------------------------------------------------------------------------


def one_line_error(result: Result) -> str:
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    return lines[0]


def test_replay_no_audio_prints_annotated_transcript(store: SessionStore) -> None:
    info = spoken_session(store)
    result = CliRunner().invoke(main, ["replay", info.id, "--no-audio"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"Session {info.id} · interview · prompt outage · grade B"
    assert lines[1] == "[0:00.5] At T+0 we got paged for checkout errors."
    assert lines[2] == "    > [0:00.8] time marker: \u201cT+0\u201d"
    assert "    > [0:04.1] mitigation (separation): \u201crolled back\u201d" in lines
    assert "    > [0:09.4] long pause: 3.0 seconds of silence" in lines
    assert any(line.startswith("    > [0:10.5] target passed: the answer passes") for line in lines)
    blame = "    > [0:17.2] blame: \u201cThe engineer who pushed it did not run a canary.\u201d"
    assert blame + "  -> Advice about blame." in lines
    assert result.output == render_text(store.load(info.id))


def test_replay_last_is_default(store: SessionStore) -> None:
    spoken_session(store)
    newest = typed_session(store)
    result = CliRunner().invoke(main, ["replay", "--no-audio"])
    assert result.exit_code == 0
    assert result.output.startswith(f"Session {newest.id} · score")
    assert "[0:" not in result.output  # typed: no timestamps
    assert "    > time marker: \u201cT+0\u201d" in result.output


def test_replay_from_skips_earlier_feedback(store: SessionStore) -> None:
    info = spoken_session(store)
    result = CliRunner().invoke(main, ["replay", info.id, "--no-audio", "--from", "0:12"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1] == "[0:07.4] At T+30 we found the root cause."  # still playing at 0:12
    assert not any("pause" in line or "target" in line for line in lines)
    assert "    > [0:13.4] fix (separation): \u201ca timeout\u201d" in lines
    assert not any("T+0" in line for line in lines)


def test_replay_from_errors(store: SessionStore) -> None:
    info = spoken_session(store)
    runner = CliRunner()
    line = one_line_error(runner.invoke(main, ["replay", info.id, "--no-audio", "--from", "x1"]))
    assert line == "Error: bad position 'x1': use m:ss (1:30) or seconds (90)"
    line = one_line_error(runner.invoke(main, ["replay", info.id, "--no-audio", "--from", "5:00"]))
    assert "past the end of the recording" in line
    typed = typed_session(store)
    line = one_line_error(runner.invoke(main, ["replay", typed.id, "--from", "0:10"]))
    assert "was typed: --from needs a recording" in line


@pytest.mark.parametrize("bad", ["../x", "/etc/passwd", "a/b", "20200101-000000-abcd"])
def test_replay_unknown_session(store: SessionStore, bad: str) -> None:
    spoken_session(store)
    result = CliRunner().invoke(main, ["replay", bad, "--no-audio"])
    line = one_line_error(result)
    assert line == f"Error: no session {bad!r}: use `mock-interviewer history` to list sessions"
    assert result.exit_code == ExitCode.USAGE


def test_replay_without_output_device_prints(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = spoken_session(store)
    monkeypatch.setattr(replay_mod, "output_available", lambda: False)
    result = CliRunner().invoke(main, ["replay", info.id])
    assert result.exit_code == 0
    assert "No sound output device: printing the annotated transcript." in result.output
    assert "[0:00.5] At T+0" in result.output


def test_replay_plays_when_there_is_a_device(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = spoken_session(store)
    calls: list[tuple[str, float]] = []
    monkeypatch.setattr(replay_mod, "output_available", lambda: True)
    monkeypatch.setattr(replay_mod, "play", lambda s, start: calls.append((s.info.id, start)))
    result = CliRunner().invoke(main, ["replay", info.id, "--from", "1.5"])
    assert result.exit_code == 0, result.output
    assert calls == [(info.id, 1.5)]


def test_replay_of_interrupted_session_without_audio(store: SessionStore) -> None:
    # Interrupted ones with audio are scored on demand (test_interrupted_sessions.py).
    info = store.mark(store.begin("interview", None, "audio"), "interrupted")
    line = one_line_error(CliRunner().invoke(main, ["replay", info.id, "--no-audio"]))
    assert f"session {info.id} was interrupted before any audio was kept" in line


# -- the real player, through PortAudio and ALSA's file plugin (no sound card needed) ---------

ALSA_CONF = """
pcm.!default {{ type asym; playback.pcm "spk"; capture.pcm "mic" }}
pcm.mic {{ type file; slave.pcm "silent"; file "/dev/null"; infile "/dev/zero"; format "raw" }}
pcm.spk {{ type file; slave.pcm "silent"; file "{played}"; format "raw" }}
pcm.silent {{ type null }}
"""


def _find(haystack: np.ndarray, needle: np.ndarray) -> int:
    for offset in np.flatnonzero(haystack == needle[0]):
        end = offset + len(needle)
        if end <= len(haystack) and np.array_equal(haystack[offset:end], needle):
            return int(offset)
    return -1


@pytest.mark.slow
@pytest.mark.parametrize("start", ["0", "0:10"])
def test_player_plays_the_recording_from_the_start_position(
    store: SessionStore, tmp_path: Path, start: str
) -> None:
    import os
    import subprocess
    import sys
    import wave

    info = spoken_session(store)
    with wave.open(str(store.audio_path(info)), "rb") as wav:
        frames = wav.getnframes()
    with wave.open(str(store.audio_path(info)), "wb") as wav:  # noise: no repeating pattern
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(8000)
        noise = np.random.default_rng(7).integers(-3000, 3000, frames, dtype=np.int16)
        wav.writeframes(noise.astype("<i2").tobytes())
    played = tmp_path / "played.raw"
    conf = tmp_path / "asound.conf"
    conf.write_text(ALSA_CONF.format(played=played))
    env = dict(os.environ, ALSA_CONFIG_PATH=f"/usr/share/alsa/alsa.conf:{conf}")
    result = subprocess.run(
        [sys.executable, "-m", "mock_interviewer", "replay", info.id, "--from", start],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "No sound output device" not in result.stderr
    assert "reflection" in result.stdout  # the last annotation was shown
    with wave.open(str(store.audio_path(info)), "rb") as wav:
        rate = wav.getframerate()
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    out = np.fromfile(played, dtype="<i2")
    skip = int(parse_position(start) * rate)
    expected = samples[skip:]
    offset = _find(out, expected[:64])
    assert offset >= 0
    assert np.array_equal(out[offset : offset + len(expected)], expected)  # every sample, in order
    if skip:
        assert _find(out, samples[:64]) == -1  # nothing before the start position was played


# -- with the real rubric engine ---------------------------------------------------------------

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audio"


@pytest.mark.parametrize("name", ["demo_answer", "blame_answer"])
def test_annotations_from_the_rubric_engine(store: SessionStore, name: str) -> None:
    import json

    from mock_interviewer.pacing import PacingReport
    from mock_interviewer.rubric import score
    from session_fixtures import spoken_transcript

    expected = json.loads((FIXTURES / f"{name}.json").read_text())
    text = " ".join((FIXTURES / f"{name}.txt").read_text().split())
    transcript = spoken_transcript(text)
    card = score(transcript)
    assert transcript.duration is not None
    info = store.begin("interview", expected["prompt"], "audio")
    write_wav(store.audio_path(info), transcript.duration)
    pacing = PacingReport(duration_s=transcript.duration, speech_end_s=transcript.duration)
    session = store.load(store.finish(info, transcript, card, pacing).id)
    notes = annotate(session)
    times = [n.time_s for n in notes if n.time_s is not None]
    assert len(times) == len(notes) and times == sorted(times)
    kinds = {n.kind for n in notes}
    if expected["pitfalls"]["blame"]:
        blame = [n for n in notes if n.kind == "blame"]
        assert blame and all(n.signal_id == "blame" for n in blame)
    if expected["signals"]["timeline"]:
        assert sum(n.kind == "timeline" for n in notes) >= 4
    if expected["signals"]["separation"]:
        assert {"mitigation", "fix", "prevention"} <= kinds
    for n in notes:  # every annotation points at words of the answer, said when it says
        if n.start_char is None or n.end_char is None or n.kind in ("pause", "target"):
            continue
        assert transcript.text[n.start_char : n.end_char] == n.text
        seconds = transcript.seconds(n.start_char, n.end_char)
        assert seconds == pytest.approx((n.time_s, n.end_s), abs=0.01)
    printed = render_text(session)
    assert printed.count("\n    > ") == len(notes)


def test_a_follow_up_is_marked_where_its_answer_starts(tmp_path: Path) -> None:
    from mock_interviewer.report.annotations import annotate
    from mock_interviewer.report.subtitles import to_vtt
    from mock_interviewer.sessions import SessionStore
    from session_fixtures import pacing_for, scorecard_for, spoken_transcript, write_wav

    store = SessionStore(tmp_path / "data")
    info = store.begin("interview", "outage", "audio")
    transcript = spoken_transcript()
    assert transcript.duration is not None
    write_wav(store.audio_path(info), transcript.duration)
    half = round(transcript.duration / 2, 3)
    question = "What changed afterwards so this cannot happen again?"
    parts = [
        {"label": "answer", "start_s": 0.0, "end_s": half, "question": "Tell me."},
        {"label": "follow_up", "start_s": half, "end_s": transcript.duration, "question": question},
    ]
    card = scorecard_for(transcript)
    info = store.finish(info, transcript, card, pacing_for(transcript), extra={"parts": parts})
    notes = annotate(store.load(info.id))
    asked = [n for n in notes if n.kind == "follow_up"]
    assert len(asked) == 1 and asked[0].time_s == half and question in asked[0].text
    assert [n.time_s for n in notes] == sorted(n.time_s or 0.0 for n in notes)
    assert question in to_vtt(store.load(info.id))
