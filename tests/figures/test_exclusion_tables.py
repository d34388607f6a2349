"""The exclusion tables stay readable: every check has a name unique in its table and a
docstring saying what it sets aside and why."""

from __future__ import annotations

import pytest

from claimstrack.figures.exclusion_checks import (
    ANY_NUMBER_CHECKS,
    DIGIT_RUN_CHECKS,
    FIGURE_CHECKS,
    PAIRED_QUALIFIERS,
    PLAIN_DIGIT_CHECKS,
    PLAIN_RUN,
    SETTLE_CHECKS,
    run_key,
)

TABLES = {
    "DIGIT_RUN_CHECKS": [(name, check) for name, check, _ in DIGIT_RUN_CHECKS.checks],
    "ANY_NUMBER_CHECKS": [(name, check) for name, check, _ in ANY_NUMBER_CHECKS.checks],
    "PLAIN_DIGIT_CHECKS": [(name, check) for name, check, _ in PLAIN_DIGIT_CHECKS.checks],
    "SETTLE_CHECKS": [(name, check) for name, check, _ in SETTLE_CHECKS.checks],
    "FIGURE_CHECKS": [(name, check) for name, check, _ in FIGURE_CHECKS.checks],
    "PAIRED_QUALIFIERS": list(PAIRED_QUALIFIERS.values()),
}


@pytest.mark.parametrize("table", TABLES.values(), ids=TABLES.keys())
def test_check_names_are_unique_in_their_table(table):
    names = [name for name, _ in table]
    assert names
    assert len(names) == len(set(names)), sorted(name for name in names if names.count(name) > 1)


@pytest.mark.parametrize("table", TABLES.values(), ids=TABLES.keys())
def test_every_check_is_documented(table):
    undocumented = [name for name, check in table if not (check.__doc__ or "").strip()]
    assert undocumented == []


def test_no_check_is_listed_twice():
    checks = [check for table in TABLES.values() for _, check in table]
    assert len(checks) == len(set(checks))


def test_a_plain_digit_run_meets_no_check() -> None:
    """The number reader skips DIGIT_RUN_CHECKS for a run keyed plain, which is right only
    while no check of the table names that key."""
    assert PLAIN_RUN not in {key for _, _, keys in DIGIT_RUN_CHECKS.checks for key in keys or ()}
    assert all(keys is not None for _, _, keys in DIGIT_RUN_CHECKS.checks)
    assert run_key("about 42 people", 6, 8, "42") == PLAIN_RUN
    assert run_key("see doi 10.1000/182 now", 8, 19, "10.1000/182") != PLAIN_RUN
