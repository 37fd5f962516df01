"""Every data rule fires on its own examples and stays silent on its counter-examples.

The cases are generated from the rule files (`src/mock_interviewer/rubric/rules/*.toml`), so a
contributor who adds a phrasing adds an example next to the pattern, and this test checks it.
"""

from __future__ import annotations

import pytest

from mock_interviewer.rubric.nlp import parse
from mock_interviewer.rubric.rulebook import GUARDS, rule_files, ruleset

CASES = [
    (name, rule.id, text, kind)
    for name in rule_files()
    for rule in ruleset(name).rules.values()
    for kind, texts in (("example", rule.examples), ("counter", rule.counter_examples))
    for text in texts
]


def test_every_rule_has_an_example_and_a_description() -> None:
    for name in rule_files():
        for rule in ruleset(name).rules.values():
            assert rule.examples, f"{rule.id} has no example"
            assert rule.description.strip(), f"{rule.id} has no description"
            assert rule.id.startswith(f"{name}."), f"{rule.id} is not named after {name}.toml"
            assert set(rule.guards) <= set(GUARDS)


@pytest.mark.parametrize(("name", "rule_id", "text", "kind"), CASES)
def test_rule_on_its_examples(name: str, rule_id: str, text: str, kind: str) -> None:
    fired = [h for h in ruleset(name).hits(parse(text)) if h.rule == rule_id]
    if kind == "example":
        assert fired, f"{rule_id} did not fire on its example: {text!r}"
    else:
        assert not fired, f"{rule_id} fired on its counter-example {text!r}: {fired}"
