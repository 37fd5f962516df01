"""Timing drills, the fast parts: tones, cue placement, landing, budgets, streaks, where the time
went, sections, and whole drills from files with a stand-in transcriber (no model)."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from audio_fixtures import POSTMORTEM, ROLLBACK, blocks, join, silence, speech
from mock_interviewer.audio import RATE, AudioChunk, read_audio
from mock_interviewer.cli import main
from mock_interviewer.drill.countdown import Countdown, countdown_bar
from mock_interviewer.drill.cues import (
    TONE_HZ,
    CueTrack,
    Tick,
    drill_cues,
    early_cue_s,
    place,
    render_block,
    tone,
)
from mock_interviewer.drill.result import DrillResult, RoundResult
from mock_interviewer.drill.runner import Drill
from mock_interviewer.drill.scoring import (
    PARTS,
    Landing,
    budget_target_s,
    parse_word_budget,
    score_section,
    streaks,
    time_per_part,
    tolerance_for,
    words_off,
)
from mock_interviewer.drill.settings import DrillSettings
from mock_interviewer.endpoint import Endpointer, SpeechStarted, speech_segments
from mock_interviewer.errors import AudioError, ExitCode, UsageError
from mock_interviewer.scorecard import PITFALLS, SIGNALS, Evidence, Finding, Scorecard
from mock_interviewer.sessions import SessionStore
from mock_interviewer.transcript import Transcript, Word
from mock_interviewer.wav import write_wav

# --- tones ------------------------------------------------------------------------------------


def test_tone_is_a_soft_660_hz_sine_with_fades() -> None:
    beep = tone()
    assert beep.dtype == np.int16 and len(beep) == RATE // 4  # 250 ms
    spectrum = np.abs(np.fft.rfft(beep.astype(np.float64)))
    peak_hz = np.argmax(spectrum) * RATE / len(beep)
    assert peak_hz == pytest.approx(TONE_HZ, abs=RATE / len(beep))
    assert 0.25 * 32767 < np.max(np.abs(beep)) <= 0.3 * 32767 + 1  # moderate volume
    assert abs(int(beep[0])) == 0 and abs(int(beep[-1])) < 200  # faded: no click
    first, middle = np.abs(beep[:80]).max(), np.abs(beep[2000:2080]).max()
    assert first < middle / 3


def test_early_cue_is_30_s_before_long_targets_and_at_75_percent_of_short_ones() -> None:
    assert early_cue_s(120) == 90
    assert early_cue_s(60) == 30
    assert early_cue_s(59) == pytest.approx(44.25)
    assert early_cue_s(20) == 15


def test_cues_land_on_exact_samples_whatever_the_block_size() -> None:
    cues = drill_cues(4.0)
    placed = place(cues, speech_start=1000)
    assert [p.sample for p in placed] == [1000 + 3 * RATE, 1000 + 4 * RATE]
    total = 5 * RATE
    whole = render_block(placed, 0, total)
    for size in (480, 1000, 7):
        pieces = [render_block(placed, s, min(size, total - s)) for s in range(0, total, size)]
        assert np.array_equal(np.concatenate(pieces), whole)
    beep = tone()
    assert np.array_equal(whole[placed[0].sample : placed[0].sample + len(beep)], beep)
    assert not whole[: placed[0].sample].any()
    assert not whole[placed[0].sample + len(beep) : placed[1].sample].any()


def test_spoken_time_follows_the_target_tone() -> None:
    word = np.full(800, 1234, np.int16)
    target = drill_cues(20.0, spoken_time=word)[1]
    assert target.name == "target" and target.at_s == 20.0
    assert np.array_equal(target.audio[: len(tone())], tone())
    assert np.array_equal(target.audio[-800:], word)


def test_cue_track_writes_one_block_per_chunk_with_tones_after_the_first_word() -> None:
    audio = join(silence(1.0), speech(ROLLBACK), silence(1.0))
    chunks = blocks(audio)
    written: list[AudioChunk] = []
    fired: list[str] = []
    track = CueTrack(
        chunks, drill_cues(2.0), sink=written.append, on_cue=lambda p: fired.append(p.cue.name)
    )
    assert [len(c.samples) for c in track] == [len(c.samples) for c in chunks]
    assert [len(b.samples) for b in written] == [len(c.samples) for c in chunks]
    endpointer = Endpointer()
    start = next(
        e.sample for c in chunks for e in endpointer.feed(c) if isinstance(e, SpeechStarted)
    )
    assert track.speech_start == start
    played = np.concatenate([b.samples for b in written])
    beep = tone()
    for at_s in (1.5, 2.0):
        at = start + round(at_s * RATE)
        assert np.array_equal(played[at : at + len(beep)], beep)
    assert fired == ["early", "target"]


# --- landing, budgets, streaks ----------------------------------------------------------------


def test_tolerance_is_10_s_or_10_s_per_minute() -> None:
    assert tolerance_for(120) == 10
    assert tolerance_for(60) == 10
    assert tolerance_for(30) == 5
    assert tolerance_for(20) == pytest.approx(10 / 3)


@pytest.mark.parametrize(
    ("duration", "verdict", "landed"),
    [
        (110.0, "landed", True),
        (130.0, "landed", True),
        (131.0, "overshoot", False),
        (100.0, "undershoot", False),
        (120.0, "landed", True),
    ],
)
def test_landing(duration: float, verdict: str, landed: bool) -> None:
    landing = Landing(duration, 120.0, 10.0)
    assert landing.verdict == verdict and landing.landed is landed
    assert landing.delta_s == duration - 120.0


def test_word_budget() -> None:
    assert parse_word_budget("250-350") == (250, 350)
    assert parse_word_budget(" 40 - 60 ") == (40, 60)
    assert budget_target_s(250, 350) == 120.0
    assert words_off(249, 250, 350) == -1
    assert words_off(300, 250, 350) == 0
    assert words_off(351, 250, 350) == 1
    for bad in ("350-250", "abc", "0-10", "250", "-5-10"):
        with pytest.raises(UsageError, match="--words"):
            parse_word_budget(bad)


def test_streaks() -> None:
    assert streaks([]) == (0, 0)
    assert streaks([True, True, False, True]) == (1, 2)
    assert streaks([False, True, True, True]) == (3, 3)
    assert streaks([True, False]) == (0, 1)


# --- where the time went, sections --------------------------------------------------------------


def ev(label: str, start_s: float | None, text: str = "x") -> Evidence:
    return Evidence(text, 0, 1, label, start_s, None if start_s is None else start_s + 0.5)


def card(**findings: tuple[bool, list[Evidence]]) -> Scorecard:
    def finding(key: str) -> Finding:
        hit, evidence = findings.get(key, (False, []))
        return Finding(key, hit, tuple(evidence), reason=f"why {key}")

    signals = {s: finding(s) for s in SIGNALS}
    return Scorecard(None, signals, {p: finding(p) for p in PITFALLS}, "B", ())


def test_time_per_part_follows_the_evidence_in_order() -> None:
    evidence = [
        ev("T+0", 5.0),
        ev("T+5", 12.0),
        ev("mitigation", 14.0),
        ev("principle", 16.0),
        ev("root cause", 40.0),
        ev("fix", 60.0),
        ev("prevention", 70.0),
        ev("prevention", 75.0),
        ev("T+14d", 76.0),
        ev("reflection", 100.0),
    ]
    parts = {p.part: p.seconds for p in time_per_part(evidence, 1.0, 118.0)}
    assert list(parts) == list(PARTS)
    assert parts == {
        "set-up": 4.0,
        "detection to mitigation": 35.0,
        "root cause": 20.0,
        "fix": 10.0,
        "prevention": 30.0,
        "reflection": 18.0,
    }
    assert sum(parts.values()) == pytest.approx(117.0)


def test_time_per_part_missing_and_out_of_order_parts() -> None:
    # No detection marker: the mitigation opens the part; the fix is told before the cause;
    # no prevention, no reflection; a typed span (no seconds) is ignored.
    evidence = [ev("mitigation", 10.0), ev("fix", 20.0), ev("blame", 30.0), ev("fix", None)]
    parts = {p.part: p for p in time_per_part(evidence, 2.0, 50.0)}
    assert parts["set-up"].seconds == 8.0
    assert parts["detection to mitigation"].seconds == 10.0
    assert parts["fix"].seconds == 10.0 and parts["fix"].start_s == 20.0
    assert parts["root cause"].seconds == 20.0
    assert parts["prevention"].start_s is None and parts["prevention"].seconds == 0.0
    assert parts["reflection"].to_dict() == {"part": "reflection", "start_s": None, "seconds": 0.0}


def test_time_per_part_clips_to_the_speech() -> None:
    parts = time_per_part([ev("T+0", 0.2), ev("reflection", 99.0)], 1.0, 50.0)
    got = {p.part: p.seconds for p in parts}
    assert got["set-up"] == 0.0 and got["detection to mitigation"] == 49.0
    assert got["reflection"] == 0.0


def test_section_scores_use_one_signal() -> None:
    timeline = card(timeline=(True, [ev("T+0", 1.0), ev("T+5", 3.0)]))
    score = score_section("timeline", timeline)
    assert score.met and score.reason == "why timeline" and len(score.evidence) == 2
    assert not score_section("prevention", timeline).met


def test_mitigation_section_needs_the_mitigation_and_the_principle() -> None:
    named = [ev("mitigation", 2.0, "rolled back"), ev("fix", 9.0)]
    argued = [ev("principle", 3.0, "cheapest")]
    both = score_section("mitigation", card(separation=(False, named), principle=(True, argued)))
    assert both.met and [e.text for e in both.evidence] == ["rolled back", "cheapest"]
    unargued = score_section("mitigation", card(separation=(False, named)))
    assert not unargued.met and "not argued" in unargued.reason
    unnamed = score_section("mitigation", card(principle=(True, argued)))
    assert not unnamed.met and "no mitigation" in unnamed.reason
    with pytest.raises(UsageError, match="unknown --section 'fix'"):
        score_section("fix", card())


# --- results ----------------------------------------------------------------------------------


def test_round_and_run_json() -> None:
    early = RoundResult(1, "full", 20.0, 10 / 3, True, duration_s=14.0, words=40, wpm=171.4)
    on = RoundResult(2, "full", 20.0, 10 / 3, True, duration_s=21.0, words=58, wpm=165.7)
    late = RoundResult(3, "full", 20.0, 10 / 3, True, duration_s=30.0, words=80, wpm=160.0)
    run = DrillResult((on, early, on, on, late)).to_dict()
    for key in ("duration_s", "target_s", "delta_s", "words", "wpm", "landed", "mode", "parts"):
        assert key in run
    assert run["delta_s"] == 10.0 and run["landed"] is False and run["verdict"] == "overshoot"
    assert [r["error"] for r in run["rounds"]] == [1.0, -6.0, 1.0, 1.0, 10.0]
    assert run["streak"] == 0 and run["best_streak"] == 2 and run["landed_rounds"] == 3
    assert run["mean_abs_error"] == pytest.approx(3.8)


def test_word_mode_lands_inside_the_budget() -> None:
    inside = RoundResult(
        1, "words", 120.0, 10.0, True, duration_s=150.0, words=300, budget=(250, 350)
    )
    over = RoundResult(
        1, "words", 120.0, 10.0, True, duration_s=118.0, words=380, budget=(250, 350)
    )
    assert inside.landed and inside.to_dict()["in_budget"] is True  # words decide, not seconds
    assert not over.landed and over.error == 30 and over.to_dict()["words_delta"] == 30


def test_countdown_bar() -> None:
    assert countdown_bar(0, 120, 10) == "░" * 10
    assert countdown_bar(60, 120, 10) == "█" * 5 + "░" * 5
    assert countdown_bar(130, 120, 10) == "█" * 9 + "!"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_countdown_redraws_once_a_second_and_prints_each_cue() -> None:
    screen = Terminal()
    clock = Countdown(screen, 20.0, audible=True)
    clock.tick(Tick(4800, None))
    for position in range(RATE, 6 * RATE, 480):
        clock.tick(Tick(position, RATE))
    early, target = place(drill_cues(20.0), RATE)
    clock.cue(early)
    clock.tick(Tick(22 * RATE, RATE))
    clock.done()
    text = screen.getvalue()
    assert "0:00 / 0:20  waiting for you to start" in text
    assert text.count("left") == 5 + 1  # one redraw per second of answer, plus the cue
    assert "0:04 / 0:20  [" in text and "0:16 left" in text
    assert "\n  ♪ 0:15: 5 s left: start landing\n" in text
    assert "0:01 over — stop" in text and text.endswith("\n")
    quiet = io.StringIO()
    Countdown(quiet, 20.0).cue(target)
    assert quiet.getvalue() == "  ● 0:20: time: wrap up now\n"  # no tone: a visual cue only


# --- CLI usage errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--words", "350-250"], "--words 350-250"),
        (["--section", "timeline", "--seconds", "0"], "--seconds must be a positive"),
        (["--section", "fix"], "unknown --section 'fix'"),
        (["--section", "timeline", "--words", "1-2"], "either --section or --words"),
        (["--seconds", "30"], "add --section"),
        (["--rounds", "0"], "--rounds must be at least 1"),
        (["--target", "soon"], "not a duration"),
        (["--rounds", "2", "--input", "{a}", "--input", "{a}", "--input", "{a}"], "once per round"),
        (["--input", "{missing}"], "no such file"),
    ],
)
def test_bad_flags_are_one_clear_line(tmp_path: Path, args: list[str], message: str) -> None:
    answer = tmp_path / "a.wav"
    write_wav(answer, join(speech(ROLLBACK)))
    args = [a.format(a=answer, missing=tmp_path / "nope.wav") for a in args]
    result = CliRunner().invoke(main, ["drill", "--no-speak", *args])
    bad_file = message == "no such file"  # a bad input file has its own exit code
    assert result.exit_code == (ExitCode.BAD_INPUT if bad_file else ExitCode.USAGE), result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0] and lines[0].startswith("Error: ")


# --- whole drills from files, with a stand-in transcriber -------------------------------------


class FakeTranscriber:
    """Evenly timed words over the audio's speech: no model, instant."""

    def __init__(self, words: list[int]) -> None:
        self.words = list(words)  # words per call, in order

    def load(self) -> None:
        pass

    def transcribe(self, audio: AudioChunk, **options: Any) -> Transcript:
        count = self.words.pop(0)
        segments = speech_segments(audio)
        start, end = segments[0][0], segments[-1][1]
        step = (end - start) / count
        text = ("We rolled back the deploy at T plus five " * count).split()[:count]
        words = [Word(w, start + i * step, start + (i + 0.8) * step) for i, w in enumerate(text)]
        return Transcript.from_words(words, duration=audio.seconds)


@pytest.fixture
def fake_stt(monkeypatch: pytest.MonkeyPatch) -> Any:
    def install(words: list[int]) -> FakeTranscriber:
        fake = FakeTranscriber(words)
        monkeypatch.setattr("mock_interviewer.pipeline.transcriber", lambda model=None: fake)
        return fake

    return install


def answer_file(tmp_path: Path, name: str, *parts: np.ndarray) -> tuple[Path, float]:
    """A WAV of the parts with 1 s of silence after; and its speech, first to last voiced frame."""
    audio = join(silence(0.5), *parts, silence(1.0))
    path = tmp_path / name
    write_wav(path, audio)
    segments = speech_segments(audio)
    return path, segments[-1][1] - segments[0][0]


def test_rounds_from_files_early_on_time_late(tmp_path: Path, fake_stt: Any) -> None:
    early, early_s = answer_file(tmp_path, "early.wav", speech(ROLLBACK))
    on, on_s = answer_file(tmp_path, "on.wav", speech(ROLLBACK), silence(0.6), speech(POSTMORTEM))
    late, late_s = answer_file(
        tmp_path,
        "late.wav",
        speech(ROLLBACK),
        silence(0.6),
        speech(POSTMORTEM),
        silence(0.6),
        speech(ROLLBACK),
    )
    target = round(on_s)
    fake_stt([12, 25, 40])
    result = CliRunner().invoke(
        main,
        [
            "drill",
            "--no-speak",
            "--json",
            "--rounds",
            "3",
            "--target",
            f"0:{target:02d}",
            "--prompt",
            "outage",
            "--input",
            str(early),
            "--input",
            str(on),
            "--input",
            str(late),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rounds = data["rounds"]
    assert [r["duration_s"] for r in rounds] == [round(s, 2) for s in (early_s, on_s, late_s)]
    assert [r["verdict"] for r in rounds] == ["undershoot", "landed", "overshoot"]
    assert [r["landed"] for r in rounds] == [False, True, False]
    assert [r["words"] for r in rounds] == [12, 25, 40]
    assert rounds[0]["wpm"] == pytest.approx(12 / early_s * 60, abs=0.1)
    assert data["streak"] == 0 and data["best_streak"] == 1
    assert data["delta_s"] == round(late_s - target, 2) and data["target_s"] == target
    assert all(r["tones_played"] is False for r in rounds)  # files never sound tones
    assert [r["end_reason"] for r in rounds] == ["eof"] * 3
    assert "Rounds 3/3" in result.stderr and "streak 0 (best 1)" in result.stderr
    # Every round is a drill session, shown by `history --drills`.
    history = json.loads(CliRunner().invoke(main, ["history", "--drills", "--json"]).output)
    rows = history["drills"]
    assert [r["id"] for r in rows] == [r["session"] for r in reversed(rounds)]
    assert [r["landed"] for r in rows] == [False, True, False]
    assert {r["drill"] for r in rows} == {rounds[0]["session"]}
    assert history["summary"]["rounds"] == 3 and history["summary"]["landed"] == 1
    table = CliRunner().invoke(main, ["history", "--drills"])
    assert table.exit_code == 0 and "Landed 1 of 3" in table.output
    # Drill rounds are listed in the plain history, but never count towards signal trends.
    plain = json.loads(CliRunner().invoke(main, ["history", "--json"]).output)
    assert {s["kind"] for s in plain["sessions"]} == {"drill"}
    assert plain["signals"]["timeline"]["sessions"] == 0


def test_one_file_is_reused_every_round(tmp_path: Path, fake_stt: Any) -> None:
    on, on_s = answer_file(tmp_path, "on.wav", speech(ROLLBACK), silence(0.6), speech(POSTMORTEM))
    fake_stt([25, 25])
    result = CliRunner().invoke(
        main,
        [
            "drill",
            "--no-speak",
            "--json",
            "--rounds",
            "2",
            "--target",
            f"{on_s:.2f}",
            "--input",
            str(on),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["landed"] for r in data["rounds"]] == [True, True] and data["streak"] == 2


def test_word_budget_and_section_drills_from_files(tmp_path: Path, fake_stt: Any) -> None:
    on, _ = answer_file(tmp_path, "on.wav", speech(ROLLBACK), silence(0.6), speech(POSTMORTEM))
    fake_stt([30])
    words = CliRunner().invoke(
        main, ["drill", "--no-speak", "--json", "--words", "20-25", "--input", str(on)]
    )
    assert words.exit_code == 0, words.output
    data = json.loads(words.stdout)
    assert data["mode"] == "words" and data["budget"] == [20, 25]
    assert data["target_s"] == pytest.approx(9.0)  # 22.5 words at 150 wpm
    assert data["words_delta"] == 5 and data["landed"] is False and data["error"] == 5
    assert "5 over" in words.stderr

    fake_stt([20])
    section = CliRunner().invoke(
        main,
        [
            "drill",
            "--no-speak",
            "--json",
            "--section",
            "mitigation",
            "--seconds",
            "9",
            "--input",
            str(on),
        ],
    )
    assert section.exit_code == 0, section.output
    data = json.loads(section.stdout)
    assert data["mode"] == "section" and data["section"] == "mitigation"
    assert data["target_s"] == 9.0 and data["prompt"] is None
    assert data["met"] is False  # "rolled back" named, but never argued as cheap and reversible
    assert "parts" not in data


def test_no_speech_at_all_is_a_clear_error(tmp_path: Path, fake_stt: Any) -> None:
    quiet = tmp_path / "quiet.wav"
    write_wav(quiet, join(silence(2.0)))
    fake_stt([])
    result = CliRunner().invoke(main, ["drill", "--no-speak", "--input", str(quiet)])
    assert result.exit_code == 3
    assert result.stderr.strip().splitlines()[-1].startswith("Error: no answer heard")
    assert "Round 1" not in result.output
    assert SessionStore().list(kind="drill")[0].status == "no_answer"


def test_drill_settings_validate_inputs_per_round() -> None:
    with pytest.raises(UsageError, match="once per round"):
        DrillSettings(rounds=3, inputs=(Path("a"), Path("b")))
    assert DrillSettings(rounds=3, inputs=(Path("a"),)).input_for(2) == Path("a")
    assert (
        Drill(DrillSettings(mode="words", budget=(250, 350)))
        .task_text(None)
        .endswith("Aim for 250 to 350 words.")
    )


# --- the microphone path with fake devices ---------------------------------------------------


class FakeMic:
    """A microphone stand-in: a context manager yielding 30 ms blocks with sample offsets."""

    def __init__(self, audio: AudioChunk) -> None:
        self.chunks = blocks(audio)

    def __enter__(self) -> FakeMic:
        return self

    def __exit__(self, *exc_info: object) -> None:
        pass

    def __iter__(self) -> Any:
        return iter(self.chunks)


class FakeSpeaker:
    """Keeps every block written, as the virtual speaker file would."""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.blocks: list[AudioChunk] = []
        self.closed = False

    def open(self) -> FakeSpeaker:
        if self.fail:
            raise AudioError("cannot play cue tones: device busy")
        return self

    def write(self, block: AudioChunk) -> None:
        self.blocks.append(block)

    def close(self) -> None:
        self.closed = True


def mic_drill(speaker: FakeSpeaker | None, status: io.StringIO) -> tuple[Drill, AudioChunk]:
    audio = join(silence(1.0), speech(ROLLBACK), silence(0.6), speech(POSTMORTEM), silence(7.0))
    settings = DrillSettings(target_s=8.0, speak=False, prompt_id="outage")
    drill = Drill(
        settings,
        source_factory=lambda s, i: FakeMic(audio),
        output_factory=lambda s: speaker,
        status=status,
        out=io.StringIO(),
    )
    return drill, audio


def test_tones_are_written_in_lockstep_with_the_microphone(fake_stt: Any) -> None:
    speaker, status = FakeSpeaker(), io.StringIO()
    fake_stt([20])
    drill, audio = mic_drill(speaker, status)
    result = drill.run().rounds[0]
    assert result.tones_played and speaker.closed
    played = np.concatenate([b.samples for b in speaker.blocks])
    kept = SessionStore().load(result.session or "").audio_path
    assert kept is not None
    recorded = len(read_audio(kept).samples)
    assert 0 <= len(played) - recorded < 480  # one block per microphone block consumed
    endpointer = Endpointer()
    start = next(
        e.sample for c in blocks(audio) for e in endpointer.feed(c) if isinstance(e, SpeechStarted)
    )
    assert dict(result.cues) == {"early": start + 6 * RATE, "target": start + 8 * RATE}
    beep = tone()
    for sample in (start + 6 * RATE, start + 8 * RATE):
        assert np.array_equal(played[sample : sample + len(beep)], beep)
    assert "♪ 0:06: 2 s left: start landing" in status.getvalue()


def test_without_a_speaker_the_cues_are_only_shown(fake_stt: Any) -> None:
    fake_stt([20, 20])
    status = io.StringIO()
    drill, _ = mic_drill(None, status)
    assert not drill.run().rounds[0].tones_played
    assert "● 0:06: 2 s left: start landing" in status.getvalue()
    assert "● 0:08: time: wrap up now" in status.getvalue()

    status = io.StringIO()
    drill, _ = mic_drill(FakeSpeaker(fail=True), status)
    assert not drill.run().rounds[0].tones_played
    assert "(cannot play cue tones: device busy: the cues are shown on screen only)" in (
        status.getvalue()
    )
    assert "● 0:08: time: wrap up now" in status.getvalue()


def test_default_output_only_for_the_microphone_with_a_speaker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mock_interviewer import sound
    from mock_interviewer.drill.runner import default_output
    from mock_interviewer.sound import OutputStream

    monkeypatch.setattr(sound, "has_output_device", lambda: True)
    assert isinstance(default_output(DrillSettings()), OutputStream)
    assert default_output(DrillSettings(tones=False)) is None
    assert default_output(DrillSettings(inputs=(Path("a.wav"),))) is None
    monkeypatch.setattr(sound, "has_output_device", lambda: False)
    assert default_output(DrillSettings()) is None


def test_round_lines_for_a_person() -> None:
    from mock_interviewer.drill.result import round_lines
    from mock_interviewer.drill.scoring import PartTime

    parts = (PartTime("set-up", 0.6, 4.5), PartTime("detection to mitigation", 5.1, 16.9))
    full = RoundResult(1, "full", 20.0, 10 / 3, True, duration_s=21.4, words=68, wpm=190.7)
    lines = round_lines(replace(full, parts=(*parts, PartTime("fix", None, 0.0))))
    assert lines[0] == (
        "Round 1: 0:21 of speech against 0:20 (+1.4 s): landed (±3.3 s); 68 words at 191 wpm"
    )
    assert lines[1] == "  Where the time went: set-up 0:04 · detection to mitigation 0:17"
    assert lines[2] == "  Not found: fix"
    words = RoundResult(
        2, "words", 120.0, 10.0, True, duration_s=90.0, words=200, budget=(250, 350)
    )
    assert round_lines(words)[1] == "  Word budget 250–350: 200 words, 50 under"
    assert round_lines(RoundResult(3, "full", 20.0, 3.0, False)) == ["Round 3: no answer heard."]
