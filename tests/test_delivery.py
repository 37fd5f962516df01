"""Delivery located in time: filler and pause clusters, pauses between sentences or mid-clause,
the fastest and slowest stretch, each named by the part of the story told then."""

from __future__ import annotations

import json
from dataclasses import replace
from io import StringIO

from click.testing import CliRunner
from rich.console import Console

from mock_interviewer import pacing
from mock_interviewer.cli import main
from mock_interviewer.delivery import locate
from mock_interviewer.pipeline import Result
from mock_interviewer.scorecard import Evidence, Finding, Scorecard
from mock_interviewer.sessions import SessionStore
from mock_interviewer.transcript import Transcript, Word
from session_fixtures import scorecard_for_plain, spoken_session


def _story(fillers_at: list[float], pause_after: dict[str, float]) -> Transcript:
    """Two words a second for 120 s; "um," said at `fillers_at`; silences after marked words."""
    words: list[Word] = []
    t = 0.0
    n = 0
    while t < 120.0:
        if fillers_at and t >= fillers_at[0]:
            fillers_at.pop(0)
            token = "um,"
        else:
            n += 1
            token = f"word{n}." if n % 12 == 0 else f"word{n}"
        words.append(Word(token, t, t + 0.4))
        t += 0.5 + pause_after.get(token, 0.0)
    return Transcript.from_words(words, duration=t + 0.5)


def _card(parts: dict[str, float]) -> Scorecard:
    """A scorecard whose evidence opens each story part at the given second."""
    card = scorecard_for_plain(Transcript.from_text("x"))
    labels = {"mitigation": "separation", "root cause": "systemic", "fix": "separation"}
    signals = dict(card.signals)
    for label, at in parts.items():
        sid = labels[label]
        evidence = (*signals[sid].evidence, Evidence("w", 0, 1, label, at, at + 1))
        signals[sid] = Finding(sid, True, evidence)
    return replace(card, signals=signals)


def _speech(transcript: Transcript) -> list[tuple[float, float]]:
    return [(w.start, w.end) for w in transcript.words]


def test_fillers_bunched_in_the_root_cause_make_one_named_cluster() -> None:
    transcript = _story([70.0, 73.0, 76.0, 80.0, 110.0], {})
    report = pacing.analyse(transcript, _speech(transcript))
    card = _card({"mitigation": 20.0, "root cause": 60.0, "fix": 95.0})
    located = locate(transcript, report, card)
    assert located is not None
    (cluster,) = located.clusters  # the lone filler at 1:50 is no cluster
    assert (cluster.fillers, cluster.long_pauses, cluster.part) == (4, 0, "root cause")
    assert cluster.sentence() == "4 fillers between 1:10 and 1:20, while explaining the root cause"
    assert located.notes()[0] == (
        "4 fillers between 1:10 and 1:20, while explaining the root cause."
    )


def test_spread_fillers_make_no_cluster() -> None:
    transcript = _story([10.0, 30.0, 50.0, 70.0, 90.0], {})
    located = locate(transcript, pacing.analyse(transcript, _speech(transcript)), _card({}))
    assert located is not None and located.clusters == ()


def test_pauses_between_sentences_and_mid_clause() -> None:
    transcript = _story([], {"word24.": 3.0, "word50": 3.5})
    report = pacing.analyse(transcript, _speech(transcript))
    assert len(report.pauses) == 2
    located = locate(transcript, report, _card({"root cause": 5.0}))
    assert located is not None
    kinds = [(p.kind, p.after, p.part) for p in located.pauses]
    assert kinds == [
        ("between_sentences", "word24.", "root cause"),
        ("mid_clause", "word50", "root cause"),
    ]
    notes = " ".join(located.notes())
    assert "1 long pause mid-clause, where it costs: 0:" in notes and "after “word50”" in notes
    assert "1 long pause between sentences, where it reads fine." in notes


def test_fastest_and_slowest_stretch_are_named() -> None:
    slow = [Word(f"w{i}", i * 1.0, i * 1.0 + 0.5) for i in range(30)]  # 60 wpm for 30 s
    fast = [Word(f"f{i}", 30 + i * 0.25, 30 + i * 0.25 + 0.2) for i in range(60)]  # 240 wpm
    transcript = Transcript.from_words([*slow, *fast], duration=46.0)
    report = pacing.analyse(transcript, _speech(transcript))
    located = locate(transcript, report, _card({"fix": 30.0}))
    assert located is not None and located.fastest and located.slowest
    assert located.fastest.start == 30.0 and located.fastest.part == "fix"
    assert located.slowest.start < 30.0 and located.slowest.wpm < 100
    fastest = "Fastest stretch 0:30–0:44: 241 words a minute"
    assert any(n.startswith(fastest) for n in located.notes())
    assert any("while describing the fix" in n for n in located.notes())


def test_typed_answers_get_none_and_json_keys_are_added() -> None:
    typed = Transcript.from_text("We rolled back at T plus five and the errors stopped quickly.")
    report = pacing.analyse(typed)
    card = scorecard_for_plain(typed)
    assert locate(typed, report, card) is None
    data = Result(card, typed, report).to_dict()
    assert data["delivery"] is None and "pacing" in data and "progress" in data


def test_terminal_export_and_report_show_it(tmp_path: object) -> None:
    transcript = _story([70.0, 73.0, 76.0, 80.0], {"word24.": 3.0})
    report = pacing.analyse(transcript, _speech(transcript))
    card = _card({"root cause": 60.0})
    out = StringIO()
    Result(card, transcript, report).print(console=Console(file=out, width=100))
    assert "Where the delivery slipped" in out.getvalue()
    assert "4 fillers between 1:10 and 1:20, while explaining the root cause." in out.getvalue()
    info = spoken_session(SessionStore())
    exported = CliRunner().invoke(main, ["export", info.id, "--format", "json"])
    data = json.loads(exported.output)
    assert data["delivery"]["pauses"][0]["kind"] == "between_sentences"  # after "cause."
    assert {"clusters", "pauses", "fastest", "slowest", "notes"} <= set(data["delivery"])
    page = f"{tmp_path}/r.html"
    made = CliRunner().invoke(main, ["report", info.id, "-o", page])
    assert made.exit_code == 0, made.output
    with open(page, encoding="utf-8") as handle:
        assert 'class="delivery"' in handle.read()
