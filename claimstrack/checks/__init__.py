"""The checks: a rule registry and one module per family of rules."""

from claimstrack.checks.registry import Example, Rule, all_rules, get_rule

__all__ = ["Example", "Rule", "all_rules", "get_rule"]
