"""Stale evidence (CT111) and measures valued from older sources than a claim's (CT112)."""

from __future__ import annotations

import pytest
from project_files import write_project

from claimstrack.checks.examples import REFERENCE, claim_toml
from claimstrack.cli import main
from claimstrack.engine import check
from claimstrack.errors import ConfigError, LibraryError

PAGE = "Approximately 39 million Americans live with migraine.\n"
WORDING = "Approximately 39 million Americans live with migraine"
NEWER = REFERENCE.replace("lipton2007", "burch2021").replace("2007", "2021")


def _run(tmp_path, *, config="", claims=None, bib=REFERENCE + "\n" + NEWER, extra_files=None):
    files = {
        "claimstrack.toml": "today = 2026-11-21\n" + config,
        "content/page.md": PAGE,
        "claims/claims.toml": claims if claims is not None else claim_toml(WORDING),
        "references.bib": bib,
        **(extra_files or {}),
    }
    return check(root=write_project(tmp_path, files)).findings


def _codes(findings, code):
    return [(f.path, f.claim, f.message) for f in findings if f.code == code]


def test_no_limit_no_finding(tmp_path):
    assert _codes(_run(tmp_path), "CT111") == []


def test_a_claim_resting_only_on_old_evidence_is_a_warning_naming_the_year(tmp_path):
    findings = _run(tmp_path, config="max-source-age = 10\n")
    (finding,) = [f for f in findings if f.code == "CT111"]
    assert (finding.severity.value, finding.path, finding.claim) == ("warning", "claims/claims.toml", "us-prevalence")
    assert "evidence from 2007 at the newest (lipton2007), 19 years old; max-source-age allows 10" in finding.message


def test_one_recent_reference_is_enough(tmp_path):
    claims = claim_toml(WORDING) + '\n[[claim.evidence]]\ncite = "burch2021"\n'
    assert _codes(_run(tmp_path, config="max-source-age = 10\n", claims=claims), "CT111") == []


def test_the_claims_file_overrides_the_configuration_and_the_measure_overrides_both(tmp_path):
    by_file = "schema = 1\nmax_source_age = 30\n" + claim_toml(WORDING).removeprefix("schema = 1\n")
    assert _codes(_run(tmp_path / "a", config="max-source-age = 10\n", claims=by_file), "CT111") == []
    measure = ('schema = 1\nmax_source_age = 30\n\n[measure.us-prevalence]\nkind = "count"\nvalue = 39000000\n'
               "max_source_age = 5\n\n")
    by_measure = measure + claim_toml(WORDING, extra='measure = "us-prevalence"\n').removeprefix("schema = 1\n")
    (message,) = [m for _, _, m in _codes(_run(tmp_path / "b", config="max-source-age = 100\n", claims=by_measure),
                                          "CT111")]
    assert "the max_source_age of measure 'us-prevalence' allows 5" in message


def test_rejected_claims_and_undated_references_are_not_judged(tmp_path):
    rejected = claim_toml(WORDING, status="rejected")
    assert _codes(_run(tmp_path / "a", config="max-source-age = 10\n", claims=rejected), "CT111") == []
    undated = REFERENCE.replace("  year = {2007},\n", "")
    assert "year" not in undated
    assert _codes(_run(tmp_path / "b", config="max-source-age = 10\n", bib=undated), "CT111") == []


def test_a_measure_valued_from_an_older_source_than_the_claim_is_reported_on_the_figure(tmp_path):
    measure = 'schema = 1\n\n[measure.us-prevalence]\nkind = "count"\nvalue = 39000000\nsource = "lipton2007"\n\n'
    claims = measure + claim_toml(WORDING, evidence='cite = "burch2021"\n',
                                  extra='measure = "us-prevalence"\n').removeprefix("schema = 1\n")
    (found,) = _codes(_run(tmp_path / "a", claims=claims), "CT112")
    assert found[0] == "content/page.md"
    assert "takes its value from lipton2007 (2007), older than burch2021 (2021)" in found[2]
    same = claims.replace('cite = "burch2021"', 'cite = "lipton2007"')
    assert _codes(_run(tmp_path / "b", claims=same), "CT112") == []


@pytest.mark.parametrize("value", ["0", '"ten"', "1000", "true"])
def test_a_bad_max_source_age_is_an_error_with_its_position(tmp_path, value):
    with pytest.raises(ConfigError) as caught:
        _run(tmp_path / "a", config=f"max-source-age = {value}\n")
    assert "'max-source-age' must be a whole number of years from 1 to 200" in str(caught.value)
    claims = f"schema = 1\nmax_source_age = {value}\n" + claim_toml(WORDING).removeprefix("schema = 1\n")
    with pytest.raises(LibraryError) as caught:
        _run(tmp_path / "b", claims=claims)
    assert "claims/claims.toml:2:" in str(caught.value) and "'max_source_age' must be a whole number" in str(caught.value)


def test_the_cli_reports_stale_evidence(tmp_path, capsys, monkeypatch):
    root = write_project(tmp_path, {
        "claimstrack.toml": "today = 2026-11-21\nmax-source-age = 10\n",
        "content/page.md": PAGE, "claims/claims.toml": claim_toml(WORDING), "references.bib": REFERENCE})
    monkeypatch.chdir(root)
    assert main(["check", "--fail-on", "warning"]) == 1
    assert "CT111 [warning] claim 'us-prevalence' rests on evidence from 2007" in capsys.readouterr().out
