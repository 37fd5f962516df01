"""Exports: WebVTT and SRT cues that parse and fit the recording, Markdown, JSON, history JSON."""

from __future__ import annotations

import itertools
import json
import re
import stat
import wave
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from mock_interviewer.cli import main
from mock_interviewer.report.history import signal_trends
from mock_interviewer.scorecard import SIGNALS, Evidence, Finding
from mock_interviewer.sessions import SessionStore
from mock_interviewer.transcript import Transcript
from session_fixtures import (
    STORY,
    pacing_for,
    scorecard_for,
    spoken_session,
    spoken_transcript,
    typed_session,
    write_wav,
)

INJECTION = "<script>window.pwned=1</script> --> <b>bold</b>"


@dataclass
class ParsedCue:
    start: float
    end: float
    lines: list[str]


def parse_timestamp(text: str, sep: str) -> float:
    match = re.fullmatch(rf"(\d{{2}}):(\d{{2}}):(\d{{2}}){re.escape(sep)}(\d{{3}})", text)
    assert match, text
    h, m, s, ms = (int(g) for g in match.groups())
    assert m < 60 and s < 60
    return h * 3600 + m * 60 + s + ms / 1000


def parse_cues(body: str, sep: str) -> list[ParsedCue]:
    """Blocks of: optional id line, `start --> end` timing line, one or more text lines."""
    cues = []
    for block in body.strip("\n").split("\n\n"):
        lines = block.split("\n")
        if "-->" not in lines[0]:
            lines = lines[1:]
        timing = re.fullmatch(r"(\S+) --> (\S+)", lines[0])
        assert timing, block
        text = lines[1:]
        assert text and all(line.strip() for line in text), block
        assert not any("-->" in line for line in text)
        start = parse_timestamp(timing.group(1), sep)
        end = parse_timestamp(timing.group(2), sep)
        cues.append(ParsedCue(start, end, text))
    return cues


def parse_vtt(text: str) -> list[ParsedCue]:
    header, _, body = text.partition("\n\n")
    assert re.fullmatch(r"WEBVTT( - .*)?", header.splitlines()[0]), header
    return parse_cues(body, ".")


def parse_srt(text: str) -> list[ParsedCue]:
    blocks = text.strip("\n").split("\n\n")
    assert [b.split("\n")[0] for b in blocks] == [str(i) for i in range(1, len(blocks) + 1)]
    return parse_cues(text, ",")


def check_sequence(cues: list[ParsedCue], duration: float) -> None:
    assert cues
    for prev, cue in itertools.pairwise(cues):
        assert prev.start <= cue.start
        assert prev.end <= cue.start + 1e-9  # no overlap
    for cue in cues:
        assert 0 <= cue.start < cue.end <= duration + 1e-3


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SessionStore:
    monkeypatch.setenv("MOCK_INTERVIEWER_HOME", str(tmp_path / "home"))
    return SessionStore()


def export(*args: str) -> str:
    result = CliRunner().invoke(main, ["export", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_vtt_parses_and_fits_the_recording(store: SessionStore) -> None:
    info = spoken_session(store)
    text = export(info.id, "--format", "vtt")
    cues = parse_vtt(text)
    check_sequence(cues, wav_seconds(store.audio_path(info)))
    shown = "\n".join(line for cue in cues for line in cue.lines)
    for expected in (
        "time marker: \u201cT+5\u201d",
        "mitigation: \u201crolled back\u201d",
        "fix: \u201ca timeout\u201d",
        "long pause: 3.0 seconds of silence",
        "filler: \u201cum\u201d",
        "target passed: the answer passes the 0:10 target",
        "blame: \u201cThe engineer who pushed it did not run a canary.\u201d",
    ):
        assert expected in shown, expected
    first = cues[0]
    assert first.start == pytest.approx(0.8)
    assert first.lines == ["time marker: \u201cT+0\u201d"]


def test_overlapping_annotations_share_cues(store: SessionStore) -> None:
    info = spoken_session(store)
    cues = parse_vtt(export(info.id, "--format", "vtt"))
    assert any(len(cue.lines) > 1 for cue in cues)  # T+5 and "rolled back" are close together


def test_srt_parses_and_matches_vtt_timing(store: SessionStore) -> None:
    info = spoken_session(store)
    srt = parse_srt(export(info.id, "--format", "srt"))
    vtt = parse_vtt(export(info.id, "--format", "vtt"))
    check_sequence(srt, wav_seconds(store.audio_path(info)))
    assert [(c.start, c.end) for c in srt] == [(c.start, c.end) for c in vtt]


def test_subtitles_escape_answer_text(store: SessionStore) -> None:
    text = f"{STORY} {INJECTION}"
    info = store.begin("interview", "outage", "audio")
    transcript = spoken_transcript(text)
    card = scorecard_for(transcript)
    evidence = card.signals["reflection"].evidence
    start = transcript.text.index("<script>")
    end = len(transcript.text)
    seconds = transcript.seconds(start, end)
    assert seconds is not None
    injected = Evidence(transcript.text[start:end], start, end, "reflection", *seconds)
    card.signals["reflection"] = Finding("reflection", True, (*evidence, injected))
    assert transcript.duration is not None
    write_wav(store.audio_path(info), transcript.duration)
    store.finish(info, transcript, card, pacing_for(transcript))
    vtt = export(info.id, "--format", "vtt")
    assert "<script>" not in vtt and "<b>" not in vtt
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in vtt
    parse_vtt(vtt)  # the "-->" inside the answer did not break the cue structure
    srt = export(info.id, "--format", "srt")
    assert "<script>" not in srt
    parse_srt(srt)


def test_typed_session_has_no_subtitles(store: SessionStore) -> None:
    info = typed_session(store)
    result = CliRunner().invoke(main, ["export", info.id, "--format", "vtt"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"Error: session {info.id} was typed: there is no recording to subtitle; "
        "use --format md or --format json"
    )


def test_markdown_summary(store: SessionStore) -> None:
    info = spoken_session(store)
    md = export(info.id, "--format", "md")
    assert md.startswith(f"# Mock interview {info.id}\n")
    assert "## Grade: B" in md
    assert "| systemic | missed | Reason for systemic. |" in md
    assert "- **blame**: Reason for blame. Advice about blame." in md
    assert "- `0:03.5` **time marker**: \u201cT+5\u201d" in md
    assert "## Your answer" in md and "> At T+0 we got paged" in md
    typed = export(typed_session(store, text=f"{STORY}\n{INJECTION}").id, "--format", "md")
    assert "<script>" not in typed and "&lt;script&gt;" in typed


def test_json_export_is_the_whole_session(store: SessionStore) -> None:
    info = spoken_session(store)
    data = json.loads(export(info.id, "--format", "json"))
    assert set(data) == {
        *("session", "audio", "transcript", "scorecard", "pacing", "annotations"),
        "delivery",  # added with the located delivery feedback (keys are only ever added)
    }
    assert data["session"]["id"] == info.id and data["session"]["status"] == "complete"
    assert Transcript.from_dict(data["transcript"]) == spoken_transcript()
    assert data["scorecard"]["grade"] == "B"
    assert data["pacing"]["pauses"]
    assert data["audio"].endswith("audio.wav")
    times = [a["time_s"] for a in data["annotations"]]
    assert times == sorted(times)
    assert {"time_s", "end_s", "kind", "label", "text", "signal_id"} <= set(data["annotations"][0])


def test_export_to_a_private_file(store: SessionStore, tmp_path: Path) -> None:
    info = spoken_session(store)
    out = tmp_path / "answer.vtt"
    result = CliRunner().invoke(main, ["export", info.id, "--format", "vtt", "-o", str(out)])
    assert result.exit_code == 0
    assert f"Wrote {out}" in result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    parse_vtt(out.read_text())
    missing = tmp_path / "nope" / "a.vtt"
    bad = CliRunner().invoke(main, ["export", info.id, "--format", "vtt", "-o", str(missing)])
    assert bad.exit_code == 2 and "does not exist" in bad.output


def test_history_json_shape(store: SessionStore) -> None:
    first = spoken_session(store)
    second = typed_session(store, grade="A")
    interrupted = store.mark(store.begin("interview", "outage", "audio"), "interrupted")
    result = CliRunner().invoke(main, ["history", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data) == {"sessions", "signals", "target_s", "rounds"}  # rounds: added later
    ids = [s["id"] for s in data["sessions"]]
    assert set(ids) == {first.id, second.id, interrupted.id}
    assert ids[0] == interrupted.id  # newest first
    row = next(s for s in data["sessions"] if s["id"] == first.id)
    assert set(row) == {
        "id",
        "date",
        "created",
        "kind",
        "status",
        "prompt",
        "source",
        "grade",
        "duration_s",
        "wpm",
        "words",
        "story",
        # added with follow-ups and rounds in history (keys are only ever added)
        *("follow_up", "first_grade", "round_id", "round_question", "round_size"),
    }
    assert row["grade"] == "B" and row["prompt"] == "outage" and row["wpm"] > 0
    assert set(data["signals"]) == set(SIGNALS)
    systemic = data["signals"]["systemic"]
    assert systemic == {"hit_rate": 0.0, "sessions": 2, "hits": [False, False], "trend": "unknown"}
    assert data["signals"]["timeline"]["hit_rate"] == 1.0
    limited = json.loads(CliRunner().invoke(main, ["history", "--json", "--limit", "1"]).output)
    assert len(limited["sessions"]) == 1


def test_signal_trend_direction(store: SessionStore) -> None:
    for hit in (False, False, True, True):
        info = typed_session(store)
        session = store.load(info.id)
        card = session.scorecard
        card.signals["systemic"] = Finding("systemic", hit)
        store.finish(info, session.transcript, card, session.pacing)
    trends = {t.signal: t for t in signal_trends(store, store.list())}
    assert trends["systemic"].hits == (False, False, True, True)
    assert trends["systemic"].direction == "up"
    assert trends["timeline"].direction == "flat"


def test_history_table_and_chart(store: SessionStore) -> None:
    info = spoken_session(store)
    result = CliRunner().invoke(main, ["history", "--chart"])
    assert result.exit_code == 0, result.output
    assert info.id in result.output
    assert "Signals met" in result.output and "Progress" in result.output


def test_history_empty(store: SessionStore) -> None:
    result = CliRunner().invoke(main, ["history"])
    assert result.exit_code == 0
    assert result.output.startswith("No sessions yet")


def test_history_reports_a_rebuilt_index(store: SessionStore) -> None:
    info = typed_session(store)
    for name in ("sessions.db-wal", "sessions.db-shm"):
        (store.root / name).unlink(missing_ok=True)
    (store.root / "sessions.db").write_bytes(b"garbage" * 500)
    result = CliRunner().invoke(main, ["history", "--json"])
    assert result.exit_code == 0
    assert "Warning: the session index was damaged" in result.stderr
    assert json.loads(result.stdout)["sessions"][0]["id"] == info.id
