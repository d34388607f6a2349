"""Every rule's documented examples: the one that must fire does, the one that must not doesn't."""

from __future__ import annotations

import pytest

from claimstrack.checks import all_rules
from claimstrack.engine import check

RULES = all_rules()


def codes_for(root) -> list[str]:
    report = check(root=root)
    return [f.code for f in report.findings]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_fires_example_fires(rule, make_project):
    root = make_project(rule.fires.files)
    assert rule.code in codes_for(root)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_passes_example_does_not_fire(rule, make_project):
    root = make_project(rule.passes.files)
    assert rule.code not in codes_for(root)


def test_every_rule_is_documented():
    for rule in RULES:
        assert rule.code.startswith("CT") and len(rule.code) == 5
        assert rule.name == rule.name.lower() and " " not in rule.name
        assert rule.summary and rule.description and rule.fix


def test_codes_and_names_are_unique():
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
