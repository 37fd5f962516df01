"""Follow-ups: which weakness is probed, the story merged with offsets, and the loop in-process.

The loop runs through the real orchestrator, file sources and rubric, with a fake transcriber
handing out the fixtures' exact texts (the real audio path is `test_followup_alsa.py`).
"""

from __future__ import annotations

import json
import wave
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from fake_stt import install
from mock_interviewer.cli import main
from mock_interviewer.followup import (
    DEFAULT_QUESTIONS,
    PRIORITY,
    choose_follow_up,
    merge_transcripts,
    outcome,
)
from mock_interviewer.interview import Interview, InterviewSettings, State
from mock_interviewer.prompts import get_prompt
from mock_interviewer.rubric import score_text
from mock_interviewer.scorecard import PITFALLS, SIGNALS, Finding, Scorecard
from mock_interviewer.sessions import SessionStore
from mock_interviewer.transcript import Transcript, Word

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audio"
BLAME = (FIXTURES / "blame_answer.txt").read_text().strip()
FOLLOW = (FIXTURES / "followup_prevention.txt").read_text().strip()
DEMO = (FIXTURES / "demo_answer.txt").read_text().strip()


def card(missed: tuple[str, ...] = (), found: tuple[str, ...] = (), grade: str = "B") -> Scorecard:
    """A hand-made scorecard: every signal met but `missed`, only `found` pitfalls."""
    return Scorecard(
        prompt="outage",
        signals={s: Finding(s, s not in missed) for s in SIGNALS},
        pitfalls={p: Finding(p, p in found) for p in PITFALLS},
        grade=grade,
        grade_reasons=(),
    )


# -- choosing the follow-up -------------------------------------------------------------------


def test_nothing_missing_means_no_follow_up() -> None:
    assert choose_follow_up(card(), get_prompt("outage")) is None


def test_no_prevention_is_asked_first_with_the_prompts_text() -> None:
    prompt = get_prompt("outage")
    weak = card(missed=("prevention", "reflection", "separation"), found=("no_prevention",))
    ask = choose_follow_up(weak, prompt)
    assert ask is not None
    assert (ask.target, ask.kind) == ("no_prevention", "pitfall")
    assert ask.question == prompt.follow_ups["no_prevention"]


def test_missing_signals_by_cost_then_unerasable_pitfalls() -> None:
    prompt = get_prompt("outage")
    ask = choose_follow_up(card(missed=("reflection", "timeline")), prompt)
    assert ask is not None and ask.target == "reflection"
    assert ask.question == prompt.follow_ups["reflection"]
    # A missing phase costs more than any one-notch signal.
    ask = choose_follow_up(card(missed=("timeline", "separation")), prompt)
    assert ask is not None and ask.target == "separation"
    # Blame cannot be unsaid: it is probed only when nothing repairable is missing, and the
    # systemic signal it cancels is not asked about.
    ask = choose_follow_up(card(missed=("systemic", "principle"), found=("blame",)), prompt)
    assert ask is not None and ask.target == "principle"
    ask = choose_follow_up(card(missed=("systemic",), found=("blame",)), prompt)
    assert ask is not None and (ask.target, ask.kind) == ("blame", "pitfall")


def test_priority_covers_every_signal_and_pitfall_once() -> None:
    ids = [key for _, key in PRIORITY]
    assert sorted(ids) == sorted((*SIGNALS, *PITFALLS))
    assert PRIORITY[0] == ("pitfall", "no_prevention")


def test_relaxed_signals_are_not_asked_about() -> None:
    prompt = replace(get_prompt("misdiagnosis"), relaxed=("timeline",))
    assert choose_follow_up(card(missed=("timeline",)), prompt) is None


def test_questions_fall_back_without_prompt_text() -> None:
    prompt = replace(get_prompt("outage"), follow_ups={"prevention": "What changed after?"})
    ask = choose_follow_up(card(missed=("prevention",), found=("no_prevention",)), prompt)
    assert ask is not None and ask.question == "What changed after?"  # the related signal's
    ask = choose_follow_up(card(missed=("reflection",)), None)
    assert ask is not None and ask.question == DEFAULT_QUESTIONS["reflection"]


def test_the_blame_fixture_gets_a_follow_up_and_the_story_gains() -> None:
    prompt = get_prompt("outage")
    first = score_text(BLAME, prompt)
    ask = choose_follow_up(first, prompt)
    assert ask is not None and ask.target in {"no_prevention", "separation", "prevention"}
    whole = score_text(f"{BLAME} {FOLLOW}", prompt)
    result = outcome(ask, first, whole)
    assert {"prevention", "reflection"} <= set(result.gained)
    assert result.first_grade == first.grade and result.whole_grade == whole.grade
    assert "first answer alone" in result.summary()
    assert choose_follow_up(score_text(DEMO, prompt), prompt) is None


# -- merging ------------------------------------------------------------------------------------


def spoken(text: str, start: float = 0.5, duration: float = 10.0) -> Transcript:
    words = [Word(t, start + i, start + i + 0.5) for i, t in enumerate(text.split())]
    return Transcript.from_words(words, duration=duration)


def test_merge_shifts_the_follow_up_by_its_offset() -> None:
    first, second = spoken("We rolled back."), spoken("We added a canary.", start=1.0)
    story = merge_transcripts([(first, 0.0), (second, 12.5)])
    assert story.text == "We rolled back. We added a canary."
    assert [w.start for w in story.words] == [0.5, 1.5, 2.5, 13.5, 14.5, 15.5, 16.5]
    assert story.duration == 22.5
    at = story.text.index("canary")
    assert story.seconds(at, at + 6) == (16.5, 17.0)


def test_merge_typed_parts_joins_text() -> None:
    story = merge_transcripts([(Transcript.from_text("One."), 0.0), (spoken("Two."), 3.0)])
    assert story.text == "One.\n\nTwo." and not story.timed
    assert merge_transcripts([]).text == ""


def test_outcome_when_nothing_was_heard() -> None:
    ask = choose_follow_up(card(missed=("reflection",), grade="A-"), None)
    assert ask is not None
    result = outcome(ask, card(missed=("reflection",), grade="A-"), None, answered=False)
    assert result.to_dict()["answered"] is False
    assert result.whole_grade == "A-" and "No answer was heard" in result.summary()


# -- the loop, in-process ----------------------------------------------------------------------


def test_interview_follow_up_loop(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = install(monkeypatch, [BLAME, FOLLOW])
    store = SessionStore(tmp_path / "data")
    states: list[State] = []
    settings = InterviewSettings(
        input_file=FIXTURES / "blame_answer.flac",
        follow_up_file=FIXTURES / "followup_prevention.flac",
        speak=False,
    )
    status = (tmp_path / "status.txt").open("w")
    result = Interview(
        get_prompt("outage"), settings, store=store, status=status, on_state=states.append
    ).run()
    assert fake.calls == 2
    assert states[:4] == [State.SPEAKING, State.RECORDING, State.TRANSCRIBING, State.SCORING]
    assert states[4:] == [
        State.FOLLOW_UP,
        State.RECORDING,
        State.TRANSCRIBING,
        State.SCORING,
        State.SAVED,
    ]
    extra = result.extra or {}
    follow = extra["follow_up"]
    assert follow["answered"] and {"prevention", "reflection"} <= set(follow["signals_gained"])
    first, second = extra["parts"]
    assert first["start_s"] == 0.0 and second["start_s"] == first["end_s"]
    # One WAV holds both answers; the follow-up's evidence points into its second part.
    assert result.session is not None
    folder = result.session.folder
    assert not (folder / "followup.wav").exists()
    with wave.open(str(folder / "audio.wav")) as wav:
        assert wav.getnframes() / wav.getframerate() == pytest.approx(second["end_s"], abs=1e-3)
    evidence = result.scorecard.signals["prevention"].evidence
    assert evidence and all(
        e.start_s is not None and e.start_s > second["start_s"] for e in evidence
    )
    loaded = store.load(result.session.id)
    assert loaded.scorecard.grade == result.scorecard.grade == follow["whole_story_grade"]
    assert loaded.info.extra["follow_up"]["target"] == follow["target"]
    assert loaded.pacing is not None and loaded.pacing.words == len(BLAME.split())


def test_interview_without_a_file_for_the_follow_up_skips_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    install(monkeypatch, [BLAME])
    result = CliRunner().invoke(
        main,
        [
            "interview",
            "--prompt",
            "outage",
            "--input",
            str(FIXTURES / "blame_answer.flac"),
            "--no-speak",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "follow-up skipped" in result.stderr
    data = json.loads(result.stdout)
    assert "follow_up" not in data and data["progress"] is None


def test_no_follow_up_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = install(monkeypatch, [BLAME, FOLLOW])
    blame, follow = FIXTURES / "blame_answer.flac", FIXTURES / "followup_prevention.flac"
    args = ["interview", "--prompt", "outage", "--no-speak", "--json", "--input", str(blame)]
    result = CliRunner().invoke(main, [*args, "--no-follow-up"])
    assert result.exit_code == 0, result.output
    assert fake.calls == 1 and "follow-up skipped" not in result.stderr
    data = json.loads(result.stdout)
    assert "follow_up" not in data
    # Two files without follow-ups are one too many.
    refused = CliRunner().invoke(main, [*args, "--input", str(follow), "--no-follow-up"])
    assert refused.exit_code == 2 and "2 --input files for 1 question:" in refused.output


class _Terminal:
    """A stdin that is a terminal, handing out lines when the test says so."""

    def __init__(self) -> None:
        import queue

        self.lines: queue.Queue[str] = queue.Queue()

    def isatty(self) -> bool:
        return True

    def readline(self) -> str:
        return self.lines.get(timeout=30)


def test_one_enter_reader_serves_every_recording(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from mock_interviewer.orchestrator import EnterKey as _EnterKey

    terminal = _Terminal()
    monkeypatch.setattr("sys.stdin", terminal)
    key = _EnterKey()
    first, second = threading.Event(), threading.Event()
    key.arm(first)
    key.arm(None)  # the first answer ended on silence; the reader is still waiting
    key.arm(second)
    terminal.lines.put("\n")
    assert second.wait(timeout=10)
    assert not first.is_set()
    terminal.lines.put("")  # end of input stops the reader


def test_terminal_shows_what_the_follow_up_earned(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, [BLAME, FOLLOW])
    args = ["interview", "--prompt", "outage", "--no-speak"]
    for name in ("blame_answer", "followup_prevention"):
        args += ["--input", str(FIXTURES / f"{name}.flac")]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    out = " ".join(done.stdout.split())
    assert "Follow-up question" in out and "Asked:" in out
    first = score_text(BLAME, get_prompt("outage")).grade
    assert f"First answer alone: {first} Whole story:" in out
    assert "Earned by the follow-up:" in out and "Concrete prevention, with when" in out
    assert "would not have needed the question" in out


def test_follow_up_unheard_or_failed_keeps_the_first_answer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import numpy as np

    from mock_interviewer.audio import RATE, AudioChunk
    from mock_interviewer.capture import FileSource
    from mock_interviewer.errors import NoInputDevice
    from mock_interviewer.wav import write_wav

    install(monkeypatch, [BLAME, BLAME])
    silence = write_wav(tmp_path / "silence.wav", AudioChunk(np.zeros(RATE * 3, np.int16)))
    store = SessionStore(tmp_path / "data")
    status = (tmp_path / "status.txt").open("w")
    settings = InterviewSettings(
        input_file=FIXTURES / "blame_answer.flac", follow_up_file=silence, speak=False
    )
    quiet = Interview(get_prompt("outage"), settings, store=store, status=status).run()
    follow = (quiet.extra or {})["follow_up"]
    assert follow["answered"] is False and follow["whole_story_grade"] == quiet.scorecard.grade
    assert quiet.session is not None and quiet.session.status == "complete"
    assert "parts" not in (quiet.extra or {})

    opened: list[InterviewSettings] = []

    def flaky(s: InterviewSettings) -> FileSource:
        opened.append(s)
        if len(opened) == 2:
            raise NoInputDevice("No audio input device found")
        assert s.input_file is not None
        return FileSource(s.input_file)

    failed = Interview(
        get_prompt("outage"), settings, store=store, status=status, source_factory=flaky
    ).run()
    follow = (failed.extra or {})["follow_up"]
    assert follow["answered"] is False and "No audio input device" in follow["error"]
    assert failed.session is not None and failed.session.status == "complete"
    assert failed.progress is not None  # the quiet session before it answered the same prompt


def test_plan_follow_up_notes_unused_and_missing_files() -> None:
    from mock_interviewer.followup import plan_follow_up

    prompt = get_prompt("outage")
    weak, strong = card(missed=("reflection",)), card()
    a, b = Path("a.wav"), Path("b.wav")
    assert plan_follow_up(weak, prompt, wanted=False) == (None, None)
    ask, note = plan_follow_up(weak, prompt)  # the microphone answers it
    assert ask is not None and ask.target == "reflection" and note is None
    ask, note = plan_follow_up(weak, prompt, True, a, None)
    assert ask is None and note is not None and "give one more --input" in note
    ask, note = plan_follow_up(strong, prompt, True, a, b)
    assert ask is None and note == "(nothing to follow up on: b.wav is not used)"
    assert plan_follow_up(weak, prompt, True, a, b)[0] is not None
