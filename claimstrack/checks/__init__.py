"""The checks: what a rule is (`registry`), every rule (`catalog`), what checks see (`context`),
one module per family of rules, and the one path every finding takes (`runner`)."""

from claimstrack.checks.catalog import all_rules, get_rule
from claimstrack.checks.registry import Category, Example, Rule, Stage

__all__ = ["Category", "Example", "Rule", "Stage", "all_rules", "get_rule"]
