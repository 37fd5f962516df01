"""Second, independent held-out accuracy check of the rubric engine.

`tests/data/holdout2.jsonl` holds 30 labelled answers (five per standard prompt: one strong,
four with deliberate flaws), written independently of the engine, of the development corpora
in `/work/shared/corpus/` and of the first held-out set. The answers use new incidents and
domains and a wide spread of speakers (terse and rambling, non-native and British phrasing,
Whisper-style transcripts, STAR-structured, told out of chronology), and are built to defeat
keyword matching: the mitigation principle argued without stock words versus mitigations
picked because a director asked or "it's what we always do"; blame carried by sarcasm or by
motives and habits attributed to a named person or team versus blameless stories that name
people neutrally; one vague verb ("fixed", "handled", "sorted", "patched") covering several
phases versus "fix" repeated for the one real fix; prevention that sounds busy but is not
structural; lone-hero nights told with pride versus innocent "alone" / "all night".
Labels follow the definitions in `/work/shared/corpus/README.md`.

The test reports per-label accuracy over the 6 signals and 4 pitfalls, plus their mean, and
lists every disagreement. Do not tune the engine against this file.
"""

from __future__ import annotations

import json
from pathlib import Path

HOLDOUT2 = Path(__file__).parent / "data" / "holdout2.jsonl"

SIGNALS = ("timeline", "separation", "principle", "systemic", "prevention", "reflection")
PITFALLS = ("blame", "conflation", "hero", "no_prevention")

# Floors set at what the engine reaches on this set (measured, rounded down).
FLOOR = 1.0
MEAN_FLOOR = 1.0


def _load_rows() -> list[dict]:
    with HOLDOUT2.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _format_table(right: dict[str, int], n: int, mean: float) -> str:
    lines = [f"{'label':<14} {'kind':<8} {'acc':>6} {'right':>6} {'of':>4}"]
    for label in SIGNALS + PITFALLS:
        kind = "signal" if label in SIGNALS else "pitfall"
        lines.append(f"{label:<14} {kind:<8} {right[label] / n:>6.2f} {right[label]:>6} {n:>4}")
    lines.append(f"{'mean':<14} {'':<8} {mean:>6.2f}")
    return "\n".join(lines)


def test_holdout2_accuracy() -> None:
    from mock_interviewer.prompts import get_prompt
    from mock_interviewer.rubric import score_text

    rows = _load_rows()
    assert len(rows) == 30, f"expected 30 held-out answers, found {len(rows)}"

    right = {label: 0 for label in SIGNALS + PITFALLS}
    misses: list[str] = []
    for row in rows:
        card = score_text(row["text"], prompt=get_prompt(row["prompt"]))
        for label in SIGNALS:
            expected = row["labels"][label]
            got = bool(card.signals[label].hit)
            if got == expected:
                right[label] += 1
            else:
                misses.append(f"{row['id']} {label}: expected {expected}, got {got}")
        for label in PITFALLS:
            expected = row["pitfalls"][label]
            got = bool(card.pitfalls[label].hit)
            if got == expected:
                right[label] += 1
            else:
                misses.append(f"{row['id']} {label}: expected {expected}, got {got}")

    n = len(rows)
    acc = {label: right[label] / n for label in right}
    mean = sum(acc.values()) / len(acc)
    table = _format_table(right, n, mean)
    print("\nSecond held-out rubric accuracy\n" + table)
    if misses:
        print(f"\n{len(misses)} disagreements:\n" + "\n".join(misses))

    below = [label for label, value in acc.items() if value < FLOOR]
    assert not below, f"labels below floor {FLOOR}: {below}\n{table}"
    assert mean >= MEAN_FLOOR, f"mean accuracy {mean:.2f} below {MEAN_FLOOR}\n{table}"
