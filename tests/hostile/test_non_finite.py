"""Numbers that are not finite never reach an output: overflowing figures are not figures,
and a claims file's nan or inf is a located error (issue 13, item 6)."""

from __future__ import annotations

import json

import pytest
from project_files import write_project

from claimstrack.figures import extract_figures, scan_numbers

HUGE_RANGE = "between 2 and " + "9" * 400 + " people"


def _refuse(constant: str) -> None:
    raise AssertionError(f"non-finite number in JSON output: {constant}")


def strict_json(text: str) -> object:
    """json.loads that fails on NaN, Infinity and -Infinity."""
    return json.loads(text, parse_constant=_refuse)


@pytest.mark.parametrize("text", [
    HUGE_RANGE,
    "over " + "9" * 400 + "% of people",
    "9" * 320 + " billion people",
    "up to " + "9" * 400 + " times",
    "$" + "9" * 310 + " million",
])
def test_a_number_past_the_float_range_is_not_a_figure(text):
    for figure in extract_figures(text):
        for bound in (figure.value, figure.low, figure.high):
            assert bound is None or abs(bound) < float("inf"), figure


def test_the_overflowing_range_is_listed_with_its_reason():
    reasons = {m.reason for m in scan_numbers(HUGE_RANGE)}
    assert "too large to be a figure" in reasons


@pytest.mark.parametrize("args", [
    ["figures", "--format", "json"],
    ["figures", "--format", "json", "--all"],
    ["check", "--format", "json", "--exit-zero"],
    ["check", "--format", "sarif", "--exit-zero"],
])
def test_json_outputs_stay_valid_json(tmp_path, cli, args):
    write_project(tmp_path, {"claimstrack.toml": "today = 2026-11-21\n",
                             "content/p.md": f"Our study: {HUGE_RANGE} took part. Over 90% agreed.\n"})
    code, out, err = cli(args, tmp_path)
    assert code == 0, err
    strict_json(out)


@pytest.mark.parametrize(("line", "column", "value"), [
    (5, 9, "nan"), (5, 9, "inf"), (5, 9, "-inf"), (5, 9, "+nan"),
])
def test_a_measure_that_is_not_finite_is_a_located_error(tmp_path, cli, line, column, value):
    claims = ('schema = 1\n\n[measure.m]\nkind = "percent"\n'
              f"value = {value}\n\n"
              '[[claim]]\nid = "a"\ntext = "Over 90% agree"\nmeasure = "m"\nstatus = "draft"\n')
    write_project(tmp_path, {"claimstrack.toml": "today = 2026-11-21\n", "claims/c.toml": claims,
                             "content/p.md": "Over 90% agree.\n"})
    for args in (["check"], ["report", "-o", "r.html"]):
        code, _, err = cli(args, tmp_path)
        assert code == 2
        assert f"claims/c.toml:{line}:{column}: error: 'value' must be a finite number" in err
        assert "internal error" not in err
