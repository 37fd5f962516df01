"""Held-out accuracy of the rubric engine on sets written independently of it.

Each file in `tests/data/` holds answers in the corpus schema, written by a separate author who
never saw the engine: new incidents, domains and speakers, built to defeat keyword matching
(blame without stock phrases; blameless causes full of negative words; phases named without
the words mitigation, fix or prevention; one vague verb covering several phases; innocent
"fix", "cheap", "alone", "all night"; spoken and Whisper-style timelines; generic reflections
that sound personal; the principle argued without stock words). Labels follow the definitions
in the corpus README.

Each set was measured once before the engine was tuned on it (see the README's "Measured");
after that it may serve as development data. holdout4 was read while building rubric v2 (its
reflection and blame misses), so it is development data now too. Floors sit at
what the engine reaches, rounded down, and only go up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from label_accuracy import LABELS, load_rows, measure

DATA = Path(__file__).parent / "data"

# file: (answers, per-label floor, mean floor)
SETS = {
    "holdout.jsonl": (36, 1.0, 1.0),
    "holdout2.jsonl": (30, 1.0, 1.0),
    "holdout3.jsonl": (30, 0.90, 0.97),
    # Written after all tuning and measured untouched: the engine's honest unseen figure.
    "holdout4.jsonl": (24, 0.87, 0.95),
    # Written by two sessions that never saw the engine, sealed (sha256) before rubric v2 was
    # built, and measured once at its end before any tuning: v2 0.900 and 0.886, v1 0.890 and
    # 0.892. Development data since (the principle, prevention and chance rules were read off
    # their misses). holdout5: the dev-wild registers; holdout6: built to defeat keywords.
    "holdout5.jsonl": (48, 0.89, 0.94),
    "holdout6.jsonl": (36, 0.86, 0.92),
    # Written by a session that never saw the engine (2026-12-06), sealed (sha256 0806b013...
    # and 10f6a89e...) and measured once after that day's tuning, before any tuning on them:
    # the engine's unseen figures. holdout7: the dev-wild registers (50); holdout7-hard: built
    # to defeat keyword matching (30). Mean 0.914 and 0.820; every verdict right 0.56 and 0.27.
    "holdout7.jsonl": (50, 0.82, 0.91),
    "holdout7-hard.jsonl": (30, 0.63, 0.82),
}


@pytest.mark.parametrize("name", sorted(SETS))
def test_held_out_accuracy(name: str) -> None:
    size, floor, mean_floor = SETS[name]
    rows = load_rows(DATA / name)
    assert len(rows) == size, f"expected {size} answers in {name}, found {len(rows)}"
    assert all({"id", "prompt", "text", "labels", "pitfalls"} <= set(row) for row in rows)
    accuracy = measure(rows)
    table = accuracy.table(f"Held-out rubric accuracy: {name}")
    print("\n" + table)
    below = [label for label in LABELS if accuracy.of(label) < floor]
    assert not below, f"labels below the floor {floor}: {below}\n{table}"
    assert accuracy.mean >= mean_floor, f"mean {accuracy.mean:.3f} below {mean_floor}\n{table}"
