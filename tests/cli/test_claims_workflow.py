"""`claimstrack claims list|show|approve|set-status|evidence|remove`, end to end, bad inputs included."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from lock_holder import held_lock

from claimstrack import locking

CLAIMS = """\
schema = 1

# Prevalence, reviewed with the medical team.
[measure.prevalence]
kind = "count"

[[claim]]
id = "us-prevalence"   # keep this id stable
text = "Approximately 39 million Americans live with migraine"
measure = "prevalence"
status = "approved"
approved_by = "A. Reviewer"
approved_on = 2026-11-01
review_by = 2026-12-01

[[claim.evidence]]
cite = "lipton2007"
locator = "Table 2"

# Response rates.
[measure.responders]
kind = "percent"

[[claim]]
id = "responders"
text = "Over 90% of patients improved"
measure = "responders"
status = "draft"
"""

BIB = """\
@article{lipton2007,
  author = {Lipton, R. B.},
  title = {Migraine prevalence},
  journal = {Neurology},
  year = {2007},
}
@article{hu1999,
  author = {Hu, X. H.},
  title = {Burden of migraine},
  journal = {Arch Intern Med},
  year = {1999},
}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "claimstrack.toml").write_text("today = 2026-11-21\n")
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "c.toml").write_text(CLAIMS)
    (tmp_path / "references.bib").write_text(BIB)
    return tmp_path


def claims_file(project: Path) -> Path:
    return project / "claims" / "c.toml"


# -- list and show ---------------------------------------------------------------------------


def test_list_shows_every_claim_as_a_table(project, cli):
    code, out, err = cli(["claims", "list"], project)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "STATUS", "REVIEW", "BY", "MEASURE", "LOCATION", "TEXT"]
    assert lines[1].split()[:5] == ["us-prevalence", "approved", "2026-12-01", "prevalence", "claims/c.toml:7:1"]
    assert lines[2].split()[:5] == ["responders", "draft", "-", "responders", "claims/c.toml:24:1"]
    assert lines[-1] == "2 claims"


def test_list_filters_by_status_measure_and_review_date(project, cli):
    def ids(*options: str) -> list[str]:
        code, out, err = cli(["claims", "list", "--format", "json", *options], project)
        assert code == 0, err
        return [c["id"] for c in json.loads(out)]

    assert ids("--status", "draft") == ["responders"]
    assert ids("--status", "approved,draft") == ["us-prevalence", "responders"]
    assert ids("--measure", "prevalence") == ["us-prevalence"]
    # Configured today 2026-11-21 and 30 warning days: review_by 2026-12-01 is due.
    assert ids("--due") == ["us-prevalence"]
    assert ids("--due", "--today", "2026-10-01") == []
    assert ids("--due", "--status", "draft") == []


def test_list_json_holds_the_whole_claim(project, cli):
    code, out, _ = cli(["claims", "list", "--format", "json", "--status", "approved"], project)
    (claim,) = json.loads(out)
    assert claim["approved_on"] == "2026-11-01" and claim["path"] == "claims/c.toml" and claim["line"] == 7
    assert claim["evidence"] == [{"cite": "lipton2007", "locator": "Table 2", "quote": None, "n": None}]
    assert claim["history"] == []


def test_list_rejects_an_unknown_status(project, cli):
    code, _, err = cli(["claims", "list", "--status", "aproved"], project)
    assert code == 2 and "unknown status 'aproved'" in err


def test_show_prints_the_claim_its_evidence_and_its_history(project, cli):
    assert cli(["claims", "set-status", "us-prevalence", "in-review", "--by", "B. Editor", "--on", "2026-11-25",
                "--reason", "new survey out"], project)[0] == 0
    code, out, err = cli(["claims", "show", "us-prevalence"], project)
    assert code == 0, err
    assert out.splitlines()[0] == "us-prevalence  (claims/c.toml:7:1)"
    assert "  status: in-review" in out and "approved by" not in out
    assert "    - lipton2007\n      locator: Table 2\n" in out
    assert "    - 2026-11-01 A. Reviewer: approved\n" in out
    assert "    - 2026-11-25 B. Editor: approved -> in-review: new survey out\n" in out
    code, out, _ = cli(["claims", "show", "us-prevalence", "--format", "json"], project)
    assert [h["by"] for h in json.loads(out)["history"]] == ["A. Reviewer", "B. Editor"]


def test_show_marks_evidence_the_bibliography_lacks(project, cli):
    path = claims_file(project)
    path.write_text(path.read_text().replace('cite = "lipton2007"', 'cite = "lipton2008"'))
    code, out, _ = cli(["claims", "show", "us-prevalence"], project)
    assert code == 0 and "    - lipton2008  (not in the bibliography)" in out


def test_an_unknown_id_is_refused_with_a_suggestion(project, cli):
    for command in (["show"], ["approve", "--by", "X"], ["set-status", "--", "draft"], ["remove"],
                    ["evidence", "--cite", "hu1999"]):
        args = ["claims", command[0], "us-prevalance", *command[1:]]
        if command[0] == "set-status":
            args = ["claims", "set-status", "us-prevalance", "draft"]
        code, out, err = cli(args, project)
        assert code == 2, (command, err)
        assert "no claim with id 'us-prevalance'" in err and "did you mean 'us-prevalence'?" in err
        assert "Traceback" not in err
    assert claims_file(project).read_text() == CLAIMS


# -- approve and set-status ------------------------------------------------------------------


def test_approve_uses_the_real_date_not_the_pinned_today(project, cli):
    # a review date after the real one: approving on a day past the claim's review_by is refused
    path = claims_file(project)
    review_by = (dt.date.today() + dt.timedelta(days=365)).isoformat()
    path.write_text(path.read_text().replace("review_by = 2026-12-01", f"review_by = {review_by}"))
    code, _, err = cli(["claims", "approve", "us-prevalence", "--by", "C. Reviewer"], project)
    assert code == 0, err
    text = claims_file(project).read_text()
    assert f"approved_on = {dt.date.today().isoformat()}" in text
    assert "approved_on = 2026-11-21" not in text
    assert "it was approved by A. Reviewer on 2026-11-01; the claim's history keeps that" in err
    code, _, _ = cli(["claims", "approve", "us-prevalence", "--by", "C. Reviewer", "--on", "2026-11-30"], project)
    assert code == 0 and "approved_on = 2026-11-30" in claims_file(project).read_text()


def test_approve_refuses_a_claim_without_evidence_unless_forced_with_a_reason(project, cli):
    code, _, err = cli(["claims", "approve", "responders", "--by", "X"], project)
    assert code == 2 and "claims/c.toml:24:1: error: claim 'responders' has no evidence" in err
    code, _, err = cli(["claims", "approve", "responders", "--by", "X", "--force"], project)
    assert code == 2 and "needs a reason (--reason)" in err
    assert claims_file(project).read_text() == CLAIMS
    code, _, err = cli(["claims", "approve", "responders", "--by", "X", "--force", "--reason", "internal data"],
                       project)
    assert code == 0, err
    assert claims_file(project).read_text().endswith(
        'status = "approved"\napproved_by = "X"\n'
        f"approved_on = {dt.date.today().isoformat()}\n\n[[claim.history]]\n"
        f'date = {dt.date.today().isoformat()}\nby = "X"\nfrom = "draft"\nto = "approved"\n'
        'reason = "internal data"\n'
    )


def test_set_status_draft_clears_the_approval_and_keeps_the_history(project, cli):
    code, _, err = cli(["claims", "set-status", "us-prevalence", "draft", "--by", "E", "--on", "2026-11-22"], project)
    assert code == 0, err
    code, out, _ = cli(["claims", "show", "us-prevalence", "--format", "json"], project)
    claim = json.loads(out)
    assert claim["status"] == "draft" and claim["approved_by"] is None and claim["approved_on"] is None
    assert claim["history"] == [
        {"date": "2026-11-01", "by": "A. Reviewer", "from": None, "to": "approved", "reason": None},
        {"date": "2026-11-22", "by": "E", "from": "approved", "to": "draft", "reason": None},
    ]
    # The check no longer counts the claim as approved.
    assert 'status = "draft"' in claims_file(project).read_text()


def test_set_status_leaves_the_measures_where_they_are(project, cli):
    assert cli(["claims", "set-status", "responders", "in-review", "--by", "E", "--on", "2026-11-22"], project)[0] == 0
    edited = CLAIMS.replace('status = "draft"', 'status = "in-review"')
    assert claims_file(project).read_text() == edited + (
        '\n[[claim.history]]\ndate = 2026-11-22\nby = "E"\nfrom = "draft"\nto = "in-review"\n')


# -- evidence --------------------------------------------------------------------------------


def test_evidence_is_added_from_the_command_line(project, cli):
    code, _, err = cli(["claims", "evidence", "responders", "--cite", "hu1999", "--locator", "p. 4",
                        "--quote", "91% of patients improved", "--n", "120"], project)
    assert code == 0, err
    assert "responders now has 1 evidence item(s)" in err
    assert claims_file(project).read_text() == CLAIMS + (
        '\n[[claim.evidence]]\ncite = "hu1999"\nlocator = "p. 4"\nquote = "91% of patients improved"\nn = 120\n'
    )
    # ... and now it can be approved without forcing.
    assert cli(["claims", "approve", "responders", "--by", "X"], project)[0] == 0


def test_evidence_with_an_unknown_key_is_refused_with_a_suggestion(project, cli):
    code, _, err = cli(["claims", "evidence", "responders", "--cite", "hu1990"], project)
    assert code == 2
    assert "unknown citation key 'hu1990': not in references.bib (did you mean 'hu1999'?)" in err
    assert claims_file(project).read_text() == CLAIMS


def test_evidence_without_a_bibliography_is_refused(project, cli):
    (project / "references.bib").unlink()
    code, _, err = cli(["claims", "evidence", "responders", "--cite", "hu1999"], project)
    assert code == 2 and "references.bib" in err and "Traceback" not in err
    assert claims_file(project).read_text() == CLAIMS


def test_evidence_n_must_be_a_positive_integer(project, cli):
    code, _, err = cli(["claims", "evidence", "responders", "--cite", "hu1999", "--n", "0"], project)
    assert code == 2 and "not a positive integer" in err


# -- remove ----------------------------------------------------------------------------------


def test_remove_takes_out_the_claim_its_evidence_and_one_blank_line(project, cli):
    code, _, err = cli(["claims", "remove", "us-prevalence"], project)
    assert code == 0, err
    assert "removed approved claim us-prevalence from claims/c.toml" in err
    lines = CLAIMS.splitlines(keepends=True)
    assert claims_file(project).read_text() == "".join(lines[:6] + lines[19:])
    code, out, _ = cli(["claims", "list", "--format", "json"], project)
    assert [c["id"] for c in json.loads(out)] == ["responders"]


# -- bad files -------------------------------------------------------------------------------


def test_a_malformed_claims_file_is_reported_with_its_position(project, cli):
    broken = CLAIMS.replace('status = "draft"', 'status = "draft')
    claims_file(project).write_text(broken)
    for args in (["list"], ["show", "responders"], ["remove", "responders"], ["approve", "responders", "--by", "X"]):
        code, _, err = cli(["claims", *args], project)
        assert code == 2 and "claims/c.toml:28:" in err and "Traceback" not in err, (args, err)
    assert claims_file(project).read_text() == broken


def test_a_read_only_claims_file_is_refused_unless_forced(project, cli):
    path = claims_file(project)
    path.chmod(0o444)
    for args in (["set-status", "responders", "withdrawn"], ["remove", "responders"],
                 ["evidence", "responders", "--cite", "hu1999"], ["add", "x", "--text", "t"]):
        code, _, err = cli(["claims", *args], project)
        assert code == 2 and "claims/c.toml is read-only (mode 0444)" in err, (args, err)
    assert path.read_text() == CLAIMS
    code, _, err = cli(["claims", "set-status", "responders", "withdrawn", "--force"], project)
    assert code == 0, err
    assert 'status = "withdrawn"' in path.read_text()


def test_a_locked_claims_file_is_refused_with_a_clear_message(project, cli, monkeypatch):
    monkeypatch.setattr(locking, "LOCK_TIMEOUT", 0.2)
    with held_lock(claims_file(project)):
        code, _, err = cli(["claims", "approve", "us-prevalence", "--by", "X"], project)
    assert code == 2
    assert "claims/c.toml is being edited by another process" in err
    assert claims_file(project).read_text() == CLAIMS


def test_add_messages_show_paths_relative_to_the_project(project, cli):
    code, _, err = cli(["claims", "add", "new-one", "--text", "t"], project)
    assert code == 0 and err.strip() == "claimstrack: added draft claim new-one to claims/c.toml"
    code, _, err = cli(["claims", "add", "Bad Id", "--text", "t"], project)
    assert code == 2 and err.startswith("claims/c.toml:1:1: error:") and str(project) not in err


def test_setting_the_status_a_claim_has_changes_nothing(project, cli):
    code, _, err = cli(["claims", "set-status", "responders", "draft"], project)
    assert code == 0 and "responders is already draft; nothing changed" in err
    assert claims_file(project).read_text() == CLAIMS
    # With a reason it is a recorded event (a review that kept the status).
    code, _, err = cli(["claims", "set-status", "responders", "draft", "--by", "E", "--on", "2026-11-22",
                        "--reason", "reviewed, still a draft"], project)
    assert code == 0 and "responders is now draft" in err
    assert claims_file(project).read_text().endswith('to = "draft"\nreason = "reviewed, still a draft"\n')
