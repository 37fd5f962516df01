"""Sentence-level truth: the detectors checked against hand-annotated roles.

`tests/data/roles/<set>.jsonl` marks, for every answer of a labelled set, which words carry
which role (detection, mitigation, fix, prevention, root cause, blame, principle, reflection,
hero, time marker, duration), as character offsets with no text, written by annotators who
never saw the engine. The corpora in ../shared are checked when that folder is beside the
checkout; the held-out sets in `tests/data/` always.

Figures measured when the annotations arrived; floors sit just below them and only go up.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mock_interviewer.prompts import get_prompt
from mock_interviewer.rubric import score_text
from mock_interviewer.rubric.structure import analyse_structure
from shared_data import CORPUS

DATA = Path(__file__).parent / "data"
SHARED = CORPUS
SETS = {
    "dev": SHARED / "dev.jsonl",
    "dev-hard": SHARED / "dev-hard.jsonl",
    "dev-wild": SHARED / "dev-wild.jsonl",
    "holdout2": DATA / "holdout2.jsonl",
    "holdout3": DATA / "holdout3.jsonl",
    "holdout4": DATA / "holdout4.jsonl",
}
STORY_ANCHORS = {"detection", "mitigation", "root_cause", "fix", "later"}
# set: (story-marker recall, share of durations counted as markers at most,
#       reflection evidence on a calibrated span, blame evidence on a blame span)
FLOORS = {
    "dev": (0.95, 0.12, 0.90, 0.95),
    "dev-hard": (0.95, 0.07, 0.80, 0.95),
    "dev-wild": (0.93, 0.09, 0.93, 0.90),
    "holdout2": (0.88, 0.09, 0.93, 0.95),
    "holdout3": (0.93, 0.10, 0.95, 0.60),
    "holdout4": (0.90, 0.09, 0.97, 0.70),
}


@dataclass
class Tally:
    """Counts for one set."""

    markers: int = 0
    markers_found: int = 0
    durations: int = 0
    durations_counted: int = 0
    reflection: int = 0
    reflection_right: int = 0
    blame: int = 0
    blame_right: int = 0

    @staticmethod
    def share(part: int, whole: int) -> float:
        return part / whole if whole else 1.0


def _overlaps(a: int, b: int, spans: list[dict[str, Any]]) -> bool:
    return any(a < s["end"] and s["start"] < b for s in spans)


def measure(name: str) -> Tally:
    """Compare the engine's markers and evidence with one set's annotations."""
    rows = {}
    for line in SETS[name].read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rows[row["id"]] = row
    tally = Tally()
    for line in (DATA / "roles" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        note = json.loads(line)
        row = rows[note["id"]]
        text = row["text"]
        assert hashlib.sha1(text.encode()).hexdigest() == note["sha1"], f"{note['id']} changed"
        spans = note["spans"]
        marks = [{"start": m.start, "end": m.end} for m in analyse_structure(text).all_markers]
        for s in spans:
            if s["role"] == "time_marker" and s.get("anchor") in STORY_ANCHORS:
                tally.markers += 1
                tally.markers_found += _overlaps(s["start"], s["end"], marks)
            elif s["role"] == "duration":
                tally.durations += 1
                tally.durations_counted += _overlaps(s["start"], s["end"], marks)
        card = score_text(text, get_prompt(row["prompt"]))
        calibrated = [s for s in spans if s["role"] == "reflection" and s.get("calibrated")]
        if card.signals["reflection"].hit:
            for e in card.signals["reflection"].evidence:
                tally.reflection += 1
                tally.reflection_right += _overlaps(e.start_char, e.end_char, calibrated)
        blamed = [s for s in spans if s["role"] == "blame"]
        if card.pitfalls["blame"].hit:
            for e in card.pitfalls["blame"].evidence:
                tally.blame += 1
                tally.blame_right += _overlaps(e.start_char, e.end_char, blamed)
    return tally


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.shared) if SETS[name].is_relative_to(SHARED) else name
        for name in sorted(SETS)
    ],
)
def test_detectors_against_annotated_roles(name: str) -> None:
    t = measure(name)
    recall = t.share(t.markers_found, t.markers)
    counted = t.share(t.durations_counted, t.durations)
    reflection = t.share(t.reflection_right, t.reflection)
    blame = t.share(t.blame_right, t.blame)
    print(
        f"\n{name}: story markers found {recall:.2f} ({t.markers}), durations counted "
        f"{counted:.2f} ({t.durations}), reflection evidence right {reflection:.2f} "
        f"({t.reflection}), blame evidence right {blame:.2f} ({t.blame})"
    )
    floor = FLOORS[name]
    assert recall >= floor[0], f"story-marker recall {recall:.2f} below {floor[0]}"
    assert counted <= floor[1], (
        f"{counted:.2f} of durations counted as markers (at most {floor[1]})"
    )
    assert reflection >= floor[2], f"reflection evidence right {reflection:.2f} below {floor[2]}"
    assert blame >= floor[3], f"blame evidence right {blame:.2f} below {floor[3]}"
