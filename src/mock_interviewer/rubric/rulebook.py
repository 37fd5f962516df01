"""Rules as data: spaCy `Matcher` patterns in TOML files, each with its guards and examples.

A rule file (`rules/<detector>.toml`) holds `[[rule]]` records:

    [[rule]]
    id = "reflection.counterfactual"      # unique, travels with every evidence span
    detects = "own_call"                  # the feature the detector combines
    description = "the speaker says what they would do"
    guards = ["not_negated"]              # names in GUARDS, all must hold
    patterns = [[{LOWER = "i"}, {LOWER = {IN = ["'d", "would"]}}, {POS = "VERB"}]]
    examples = ["If I did it again I'd page at minute two."]
    counter_examples = ["I'd say it went fine."]

The tests run every rule over its own examples (each must fire) and counter-examples (none may),
so a contributor adds a phrasing by adding one example and one pattern.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from . import clauses
from .nlp import pipeline

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found]

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc, Span


@dataclass(frozen=True)
class Rule:
    """One rule: what it detects, its token patterns, its guards and its own examples."""

    id: str
    detects: str
    description: str
    patterns: tuple[tuple[dict[str, Any], ...], ...]
    guards: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    """Where a rule fired: characters `[start, end)` of the text, and the rule's id."""

    rule: str
    detects: str
    start: int
    end: int
    text: str = field(compare=False)


Guard = Callable[["Span"], bool]

GUARDS: dict[str, Guard] = {
    "not_negated": lambda span: not clauses.negated(span.root),
    "not_hypothetical": lambda span: not clauses.hypothetical(span.root),
    "hypothetical": lambda span: clauses.hypothetical(span.root),
    "not_hindsight": lambda span: not clauses.hindsight(span.root),
    "not_past_act": lambda span: not clauses.past_act(span),
    "not_again": lambda span: not clauses.followed_by(span, ("again", "since")),
    "first_person": lambda span: clauses.first_person(span.root),
    "real_condition": lambda span: clauses.real_condition(span[0]),
    "not_lead_in": lambda span: not clauses.lead_in(span.root),
    "speaker_near": clauses.speaker_near,
    "point_in_time": clauses.point_in_time,
    "not_past_relative": clauses.not_past_relative,
    "day_scale": clauses.day_scale,
    "owner_is_party": clauses.owner_is_party,
    "party_did_it": clauses.party_did_it,
    "party_in_sentence": clauses.party_in_sentence,
    "party_acts_after": clauses.party_acts_after,
    "last_is_party": clauses.last_is_party,
}


def _load(name: str) -> tuple[Rule, ...]:
    raw = resources.files(__package__).joinpath("rules").joinpath(f"{name}.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    rules = []
    for record in data.get("rule", []):
        unknown = set(record.get("guards", ())) - set(GUARDS)
        if unknown:
            raise ValueError(f"rules/{name}.toml: rule {record['id']}: unknown guards {unknown}")
        rules.append(
            Rule(
                id=record["id"],
                detects=record["detects"],
                description=record["description"],
                patterns=tuple(tuple(p) for p in record["patterns"]),
                guards=tuple(record.get("guards", ())),
                examples=tuple(record.get("examples", ())),
                counter_examples=tuple(record.get("counter_examples", ())),
            )
        )
    ids = [r.id for r in rules]
    if len(ids) != len(set(ids)):
        raise ValueError(f"rules/{name}.toml: duplicate rule ids")
    return tuple(rules)


class RuleSet:
    """The compiled rules of one file, matched over a parsed answer."""

    def __init__(self, name: str) -> None:
        from spacy.matcher import Matcher

        self.name = name
        self.rules = {rule.id: rule for rule in _load(name)}
        self._matcher: Matcher = Matcher(pipeline().vocab, validate=True)
        for rule in self.rules.values():
            self._matcher.add(rule.id, [list(p) for p in rule.patterns])

    def hits(self, doc: Doc, detects: Iterable[str] | None = None) -> list[Hit]:
        """Every guarded match, longest first where matches of one rule overlap."""
        wanted = set(detects) if detects is not None else None
        found: list[Hit] = []
        spans = self._matcher(doc, as_spans=True)
        for span in sorted(spans, key=lambda s: (s.start, -len(s))):
            rule = self.rules[span.label_]
            if wanted is not None and rule.detects not in wanted:
                continue
            if not all(GUARDS[g](span) for g in rule.guards):
                continue
            if any(h.rule == rule.id and h.start <= span.start_char < h.end for h in found):
                continue
            found.append(Hit(rule.id, rule.detects, span.start_char, span.end_char, span.text))
        return sorted(found, key=lambda h: (h.start, h.end))


@cache
def ruleset(name: str) -> RuleSet:
    """The rule file `rules/<name>.toml`, compiled once per process."""
    return RuleSet(name)


def rule_files() -> list[str]:
    """The names of every rule file shipped with the engine."""
    folder = resources.files(__package__).joinpath("rules")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))
