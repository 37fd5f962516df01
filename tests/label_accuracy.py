"""Per-label accuracy of the rubric engine on a labelled JSONL set (corpus schema)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mock_interviewer.prompts import get_prompt
from mock_interviewer.rubric import score_text
from mock_interviewer.scorecard import PITFALLS, SIGNALS

LABELS = SIGNALS + PITFALLS


def load_rows(path: Path) -> list[dict[str, Any]]:
    """The labelled answers, one JSON object a line."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@dataclass(frozen=True)
class Accuracy:
    """How many answers each label got right, and every disagreement."""

    right: dict[str, int]
    total: int
    misses: tuple[str, ...]

    def of(self, label: str) -> float:
        return self.right[label] / self.total

    @property
    def mean(self) -> float:
        return sum(self.of(label) for label in LABELS) / len(LABELS)

    @property
    def all_right(self) -> float:
        """Share of answers with every one of the ten verdicts right."""
        wrong = {miss.split()[0] for miss in self.misses}
        return 1 - len(wrong) / self.total

    def table(self, title: str) -> str:
        lines = [title, f"{'label':<14} {'kind':<8} {'acc':>6} {'right':>6} {'of':>4}"]
        for label in LABELS:
            kind = "signal" if label in SIGNALS else "pitfall"
            share, right = self.of(label), self.right[label]
            lines.append(f"{label:<14} {kind:<8} {share:>6.2f} {right:>6} {self.total:>4}")
        lines.append(f"{'mean':<14} {'':<8} {self.mean:>6.2f}")
        lines.append(f"{'all right':<14} {'answers':<8} {self.all_right:>6.2f}")
        if self.misses:
            lines.append(f"{len(self.misses)} disagreements:")
            lines.extend(self.misses)
        return "\n".join(lines)


def measure(rows: list[dict[str, Any]], with_prompt: bool = True) -> Accuracy:
    """Score every answer (with its prompt known) and compare the ten verdicts with the labels."""
    right = dict.fromkeys(LABELS, 0)
    misses: list[str] = []
    for row in rows:
        prompt = get_prompt(row["prompt"]) if with_prompt else None
        card = score_text(row["text"], prompt=prompt)
        for label in LABELS:
            expected = row["labels"][label] if label in SIGNALS else row["pitfalls"][label]
            found = card.signals[label] if label in SIGNALS else card.pitfalls[label]
            if bool(found.hit) == expected:
                right[label] += 1
            else:
                misses.append(f"{row['id']} {label}: expected {expected}, got {found.hit}")
    return Accuracy(right, len(rows), tuple(misses))
