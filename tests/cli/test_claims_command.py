"""`claimstrack claims approve|set-status`: edits keep the user's comments and other fields."""

from __future__ import annotations

import datetime as dt

CLAIMS = """\
schema = 1

# Reviewed with the medical team on 3 November.
[[claim]]
id = "us-prevalence"   # keep this id stable
text = "Approximately 39 million Americans live with migraine"
status = "draft"
notes = "check the 2025 survey"   # a note

[[claim.evidence]]
cite = "lipton2007"
"""


def project(tmp_path):
    (tmp_path / "claimstrack.toml").write_text("today = 2026-11-21\n")
    (tmp_path / "claims").mkdir()
    path = tmp_path / "claims" / "c.toml"
    path.write_text(CLAIMS)
    return path


def test_approve_sets_status_approver_and_dates_and_keeps_comments(tmp_path, cli):
    path = project(tmp_path)
    review_by = (dt.date.today() + dt.timedelta(days=365)).isoformat()  # after the real date
    code, _, err = cli(["claims", "approve", "us-prevalence", "--by", "A. Reviewer", "--review-by", review_by],
                       tmp_path)
    assert code == 0, err
    text = path.read_text()
    assert 'status = "approved"' in text and 'approved_by = "A. Reviewer"' in text
    # The approval date is the real date, not the `today` pinned for review-date checks.
    assert f"approved_on = {dt.date.today().isoformat()}" in text and f"review_by = {review_by}" in text
    for kept in ("# Reviewed with the medical team on 3 November.", "# keep this id stable",
                 'notes = "check the 2025 survey"   # a note'):
        assert kept in text


def test_set_status_and_unknown_id(tmp_path, cli):
    path = project(tmp_path)
    assert cli(["claims", "set-status", "us-prevalence", "withdrawn"], tmp_path)[0] == 0
    assert 'status = "withdrawn"' in path.read_text()
    code, _, err = cli(["claims", "set-status", "nope", "draft"], tmp_path)
    assert code == 2 and "nope" in err


def test_approve_refuses_a_broken_library_without_touching_it(tmp_path, cli):
    path = project(tmp_path)
    broken = CLAIMS.replace('status = "draft"', 'status = "maybe"')
    path.write_text(broken)
    code, _, err = cli(["claims", "approve", "us-prevalence", "--by", "X"], tmp_path)
    assert code == 2 and "claims/c.toml:7" in err
    assert path.read_text() == broken


def test_add_appends_a_draft_keeping_the_file_and_the_page_then_states_it(tmp_path, cli):
    path = project(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "p.md").write_text("Over 90% of patients improved within a week.\n")
    code, _, err = cli(["claims", "add", "responders", "--text", "Over 90% of patients improved within a week",
                        "--measure", "responder-rate"], tmp_path)
    assert code == 0, err
    text = path.read_text()
    assert text.startswith(CLAIMS)  # the existing claims file is kept byte for byte
    assert 'id = "responders"' in text and 'status = "draft"' in text
    # The page now states a claim that is not approved yet, rather than an unsupported figure.
    code, out, _ = cli(["check", "--select", "CT101,CT302", "--format", "json"], tmp_path)
    assert '"CT302"' in out and '"CT101"' not in out


def test_add_refuses_an_existing_id_and_a_bad_id(tmp_path, cli):
    path = project(tmp_path)
    before = path.read_text()
    assert cli(["claims", "add", "us-prevalence", "--text", "x"], tmp_path)[0] == 2
    code, _, err = cli(["claims", "add", "Bad Id", "--text", "x"], tmp_path)
    assert code == 2 and "must match" in err
    assert path.read_text() == before
