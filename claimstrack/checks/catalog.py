"""Every rule of every family: the list `claimstrack rules`, the docs and the engine read.

A family module ends with a `RULES` tuple of its `Rule` objects; this module gathers them. The
tuples are read on every call (a cheap join of two dozen rules), so the list is always the
family modules' own.
"""

from __future__ import annotations

from claimstrack.checks import (
    baseline_rules,
    consistency_rules,
    hygiene,
    meta,
    numbered_rules,
    standing,
    support,
    wording,
)
from claimstrack.checks.registry import Rule

FAMILIES = (support, standing, numbered_rules, consistency_rules, hygiene, wording, meta, baseline_rules)


def all_rules() -> list[Rule]:
    """Every rule, sorted by code; codes and names are unique and never reused."""
    return sorted(rules_by_code().values(), key=lambda rule: rule.code)


def rules_by_code() -> dict[str, Rule]:
    """Code -> rule, checking that no code or name is used twice."""
    by_code: dict[str, Rule] = {}
    names: set[str] = set()
    for family in FAMILIES:
        for rule in family.RULES:
            if rule.code in by_code:
                raise ValueError(f"rule code {rule.code} is defined twice")
            if rule.name in names:
                raise ValueError(f"rule name {rule.name} is defined twice")
            by_code[rule.code] = rule
            names.add(rule.name)
    return by_code


def get_rule(code: str) -> Rule:
    """The rule with this code ("CT101") or name ("unsupported-figure"), case-insensitive;
    KeyError if there is none."""
    by_code = rules_by_code()
    if code.upper() in by_code:
        return by_code[code.upper()]
    wanted = code.strip().lower()
    for rule in by_code.values():
        if rule.name == wanted:
            return rule
    raise KeyError(code)
