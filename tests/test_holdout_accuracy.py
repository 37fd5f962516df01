"""Held-out accuracy of the rubric engine.

`tests/data/holdout.jsonl` holds 36 labelled answers (six per standard prompt) that were
written independently of the engine and of the development corpora in
`/work/shared/corpus/`: new incidents, new domains, new phrasings, built to defeat keyword
matching (blame without stock phrases, blameless causes full of negative words, phases named
without the words mitigation/fix/prevention, vague verbs covering several phases, innocent
"fix"/"cheap"/"alone"/"all night", spoken and Whisper-style timelines, generic reflections
that sound personal). Labels follow the definitions in the corpus README.

This test measures how well the engine generalises: per-label accuracy over the 6 signals
and 4 pitfalls, plus their mean. Do not tune the engine against this file; use the dev
corpora for that and keep this set for measurement.
"""

from __future__ import annotations

import json
from pathlib import Path

HOLDOUT = Path(__file__).parent / "data" / "holdout.jsonl"

SIGNALS = ("timeline", "separation", "principle", "systemic", "prevention", "reflection")
PITFALLS = ("blame", "conflation", "hero", "no_prevention")

# Floors at the accuracy reached on this set (rounded down to two decimals); raise them
# as the engine improves, never lower them.
FLOOR = 1.0
MEAN_FLOOR = 1.0


def _load_rows() -> list[dict]:
    with HOLDOUT.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _format_table(acc: dict[str, float], counts: dict[str, tuple[int, int]], mean: float) -> str:
    lines = [f"{'label':<14} {'kind':<8} {'acc':>6} {'right':>6} {'of':>4}"]
    for label in SIGNALS + PITFALLS:
        kind = "signal" if label in SIGNALS else "pitfall"
        right, total = counts[label]
        lines.append(f"{label:<14} {kind:<8} {acc[label]:>6.2f} {right:>6} {total:>4}")
    lines.append(f"{'mean':<14} {'':<8} {mean:>6.2f}")
    return "\n".join(lines)


def test_holdout_accuracy() -> None:
    from mock_interviewer.prompts import get_prompt
    from mock_interviewer.rubric import score_text

    rows = _load_rows()
    assert len(rows) == 36, f"expected 36 held-out answers, found {len(rows)}"

    right = {label: 0 for label in SIGNALS + PITFALLS}
    misses: list[str] = []
    for row in rows:
        card = score_text(row["text"], prompt=get_prompt(row["prompt"]))
        for label in SIGNALS:
            got = bool(card.signals[label].hit)
            if got == row["labels"][label]:
                right[label] += 1
            else:
                misses.append(f"{row['id']} {label}: expected {row['labels'][label]}, got {got}")
        for label in PITFALLS:
            got = bool(card.pitfalls[label].hit)
            if got == row["pitfalls"][label]:
                right[label] += 1
            else:
                misses.append(f"{row['id']} {label}: expected {row['pitfalls'][label]}, got {got}")

    n = len(rows)
    acc = {label: right[label] / n for label in right}
    counts = {label: (right[label], n) for label in right}
    mean = sum(acc.values()) / len(acc)
    table = _format_table(acc, counts, mean)
    print("\nHeld-out rubric accuracy\n" + table)
    if misses:
        print(f"\n{len(misses)} disagreements:\n" + "\n".join(misses))

    below = [label for label, value in acc.items() if value < FLOOR]
    assert not below, f"labels below floor {FLOOR}: {below}\n{table}"
    assert mean >= MEAN_FLOOR, f"mean accuracy {mean:.2f} below {MEAN_FLOOR}\n{table}"
