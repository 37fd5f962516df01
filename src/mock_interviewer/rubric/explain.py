"""`score --explain`: which rules fired on which words, and why each verdict went its way.

Every verdict already carries its reason and its evidence (each span with the id of the rule
that produced it). This adds every data rule's hits over the answer, so a user can see what
the engine read, and a contributor which rule to change.
"""

from __future__ import annotations

from typing import Any

from ..scorecard import Finding, Scorecard
from ..transcript import Transcript
from .nlp import parse
from .rulebook import rule_files, ruleset


def explain(transcript: Transcript, card: Scorecard) -> dict[str, Any]:
    """The JSON `explain` block: per verdict, its reason and evidence; then every rule hit."""
    doc = parse(transcript.text)
    hits = [
        {"rule": h.rule, "detects": h.detects, "text": h.text, "start": h.start, "end": h.end}
        for name in rule_files()
        for h in ruleset(name).hits(doc)
    ]
    return {
        "verdicts": {f.id: _verdict(f) for f in (*card.signals.values(), *card.pitfalls.values())},
        "rule_hits": sorted(hits, key=lambda h: (h["start"], h["rule"])),
    }


def _verdict(finding: Finding) -> dict[str, Any]:
    return {
        "hit": finding.hit,
        "reason": finding.reason,
        "evidence": [
            # Spans without a rule id come from the detectors not yet moved to data rules.
            {"text": e.text, "rule": e.rule or f"{finding.id}.patterns", "label": e.label}
            for e in finding.evidence
        ],
    }


def render(data: dict[str, Any]) -> list[str]:
    """Plain lines for the terminal: one block per verdict, then the rule hits."""
    lines = ["How each verdict was reached:"]
    for vid, v in data["verdicts"].items():
        mark = "yes" if v["hit"] else "no "
        lines.append(f"  {vid:<14} {mark}  {v['reason']}")
        for e in v["evidence"][:4]:
            words = e["text"] if len(e["text"]) <= 90 else e["text"][:87] + "..."
            lines.append(f"      [{e['rule']}] {words}")
    lines.append("Rules that fired on this answer (rules/*.toml):")
    for h in data["rule_hits"]:
        lines.append(f"  {h['rule']:<34} {h['text']}")
    return lines
