"""Importing this module registers every rule family with the registry."""

from claimstrack.checks import hygiene, meta, support, wording  # noqa: F401
