"""Importing this module registers every rule family with the registry."""

from claimstrack.checks import (  # noqa: F401
    baseline_rules,
    consistency_rules,
    hygiene,
    meta,
    support,
    wording,
)
