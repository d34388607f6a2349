"""The rule registry: every rule's code, name, default severity, documentation and examples.

`docs/rules.md`, `claimstrack rules` and `claimstrack rule CODE` are all generated from this one
table, and the examples of every rule are run by the tests (one that must fire, one that must
not), so the documentation cannot drift from the behaviour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from claimstrack.model import Finding, Severity

if TYPE_CHECKING:
    from claimstrack.checks.context import CheckContext


@attrs.frozen
class Example:
    """A tiny project: relative path -> file content (pages, claims, references.bib, config).

    Content is text, or bytes for the examples of unreadable files.
    """

    files: Mapping[str, str | bytes]
    note: str = ""


@attrs.frozen
class Rule:
    """One check's identity and documentation."""

    code: str
    name: str
    severity: Severity
    summary: str
    description: str
    fix: str
    fires: Example
    passes: Example

    @property
    def family(self) -> str:
        """'CT1' for CT101: the family prefix used by select/ignore."""
        return self.code[:3]


RULES: dict[str, Rule] = {}

Checker = Callable[["CheckContext"], Iterable[Finding]]
CHECKERS: list[Checker] = []


def register(rule: Rule) -> Rule:
    """Add a rule to the registry; codes and names are unique and never reused."""
    if rule.code in RULES:
        raise ValueError(f"rule code {rule.code} is registered twice")
    if any(r.name == rule.name for r in RULES.values()):
        raise ValueError(f"rule name {rule.name} is registered twice")
    RULES[rule.code] = rule
    return rule


def checker(function: Checker) -> Checker:
    """Decorator: add a function that yields findings for a CheckContext."""
    CHECKERS.append(function)
    return function


def all_rules() -> list[Rule]:
    """Every registered rule, sorted by code."""
    _load_rule_modules()
    return [RULES[code] for code in sorted(RULES)]


def get_rule(code: str) -> Rule:
    """The rule with this code (case-insensitive); KeyError if there is none."""
    _load_rule_modules()
    return RULES[code.upper()]


def all_checkers() -> list[Checker]:
    _load_rule_modules()
    return list(CHECKERS)


def _load_rule_modules() -> None:
    # Importing a family module registers its rules; done lazily so that the registry module
    # itself stays importable by the modules that define rules.
    from claimstrack.checks import families  # noqa: F401
