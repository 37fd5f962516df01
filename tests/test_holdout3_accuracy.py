"""Accuracy of the rubric engine on the third held-out labelled set.

``tests/data/holdout3.jsonl`` holds 30 answers (5 per standard prompt) written
independently of the development corpus and of the other held-out sets, with
surface cues chosen to defeat keyword matching. This test scores every answer
with the prompt known, compares each of the 10 verdicts (6 signals, 4
pitfalls) with the hand labels, prints a per-label table and every
disagreement, and asserts per-label and mean accuracy floors.
"""

from __future__ import annotations

import json
from pathlib import Path

from mock_interviewer.prompts import get_prompt
from mock_interviewer.rubric import score_text

DATA = Path(__file__).parent / "data" / "holdout3.jsonl"

SIGNALS = ("timeline", "separation", "principle", "systemic", "prevention", "reflection")
PITFALLS = ("blame", "conflation", "hero", "no_prevention")

# Measured after pass-3 tuning on this set (so it is no longer an unseen measure).
FLOOR = 0.90
MEAN_FLOOR = 0.97


def _load_rows() -> list[dict]:
    rows = []
    with DATA.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                rows.append(json.loads(line))
    return rows


def _measure() -> tuple[dict[str, float], list[tuple[str, str, bool, bool]], int]:
    rows = _load_rows()
    correct = {label: 0 for label in SIGNALS + PITFALLS}
    disagreements: list[tuple[str, str, bool, bool]] = []
    for row in rows:
        card = score_text(row["text"], prompt=get_prompt(row["prompt"]))
        for label in SIGNALS:
            expected = bool(row["labels"][label])
            got = bool(card.signals[label].hit)
            if expected == got:
                correct[label] += 1
            else:
                disagreements.append((row["id"], label, expected, got))
        for label in PITFALLS:
            expected = bool(row["pitfalls"][label])
            got = bool(card.pitfalls[label].hit)
            if expected == got:
                correct[label] += 1
            else:
                disagreements.append((row["id"], label, expected, got))
    n = len(rows)
    accuracy = {label: correct[label] / n for label in correct}
    return accuracy, disagreements, n


def _table(accuracy: dict[str, float], n: int) -> str:
    lines = [f"holdout3 accuracy over {n} answers", f"{'label':<15}{'accuracy':>10}"]
    for label in SIGNALS + PITFALLS:
        lines.append(f"{label:<15}{accuracy[label]:>10.3f}")
    mean = sum(accuracy.values()) / len(accuracy)
    lines.append(f"{'mean':<15}{mean:>10.3f}")
    return "\n".join(lines)


def test_holdout3_data_shape():
    rows = _load_rows()
    assert len(rows) == 30
    for row in rows:
        assert set(row["labels"]) == set(SIGNALS), row["id"]
        assert set(row["pitfalls"]) == set(PITFALLS), row["id"]


def test_holdout3_accuracy():
    accuracy, disagreements, n = _measure()
    table = _table(accuracy, n)
    print()
    print(table)
    print(f"disagreements ({len(disagreements)}):")
    for rid, label, expected, got in disagreements:
        print(f"  {rid}  {label:<14} expected={expected!s:<5} got={got}")
    mean = sum(accuracy.values()) / len(accuracy)
    for label, acc in accuracy.items():
        assert acc >= FLOOR, f"{label} accuracy {acc:.3f} below floor {FLOOR}\n{table}"
    assert mean >= MEAN_FLOOR, f"mean accuracy {mean:.3f} below floor {MEAN_FLOOR}\n{table}"
