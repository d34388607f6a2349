"""Anything a user can type is a usage error naming the setting, never an internal error
(issue 13, item 7): a table of settings and arguments at the edges of what they accept."""

from __future__ import annotations

import os
import stat

import pytest
from project_files import write_project

PAGE = "Over 90% of patients agree.\n"
CLAIMS = ('schema = 1\n\n[[claim]]\nid = "a"\ntext = "Over 90% of patients agree"\nstatus = "draft"\n'
          "review_by = 2099-01-01\n")

CASES = [
    # (id, claimstrack.toml, arguments, exit code, text stderr must hold)
    ("warning-days-overflow", "review-warning-days = 1000000000\n", ["check"], 2,
     "claimstrack.toml:2:23: error: 'review-warning-days' must be a whole number of days from 0 to 36500"),
    ("warning-days-negative", "review-warning-days = -1\n", ["check"], 2, "claimstrack.toml:2:23"),
    ("absolute-documents-glob", 'documents = ["/etc/passwd"]\n', ["check"], 2,
     "claimstrack.toml:2:14: error: 'documents' patterns are relative to the project root: '/etc/passwd' is absolute"),
    ("parent-documents-glob", 'documents = ["content/*.md", "../*.md"]\n', ["check"], 2,
     "claimstrack.toml:2:30: error: 'documents' patterns are relative to the project root: '../*.md' leaves it"),
    ("absolute-exclude-glob", 'exclude = ["/tmp/*"]\n', ["figures"], 2, "claimstrack.toml:2:12"),
    ("latest-today", "today = 9999-12-31\n", ["check", "--exit-zero"], 0, ""),
    ("latest-today-report", "today = 9999-12-31\n", ["report", "-o", "r.html"], 0, ""),
    ("earliest-today", "today = 0001-01-01\n", ["check", "--exit-zero"], 0, ""),
    ("latest-today-flag", "", ["check", "--exit-zero", "--today", "9999-12-31"], 0, ""),
    ("latest-today-claims-due", "", ["claims", "list", "--due", "--today", "9999-12-31"], 0, ""),
    ("far-review-by", "", ["claims", "approve", "a", "--by", "x", "--review-by", "9999-12-31",
                                  "--force", "--reason", "no evidence yet"], 0, ""),
    ("nan-tolerance", "tolerance = { hedge = nan }\n", ["check"], 2, "claimstrack.toml:2:23"),
    ("huge-tolerance", "tolerance = { hedge = 1e400 }\n", ["check"], 2, "claimstrack.toml:2:23"),
    ("empty-select-flag", "", ["check", "--exit-zero", "--select", ","], 0, ""),
    ("bad-date-flag", "", ["check", "--today", "2026-02-30"], 2, "not a date"),
    ("unknown-status", "", ["claims", "set-status", "a", "maybe"], 2, "invalid choice"),
    ("unknown-claim", "", ["claims", "set-status", "zzz", "draft"], 2, "no claim with id 'zzz'"),
    ("nul-in-title", "", ["report", "-o", "r.md", "--format", "markdown", "--title", "a\x00b"], 0, ""),
    ("output-is-a-folder", "", ["check", "-o", "content"], 2, "cannot write content"),
]


@pytest.mark.parametrize(("settings", "args", "code", "message"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_user_input_is_never_an_internal_error(tmp_path, cli, settings, args, code, message):
    config = settings if settings.startswith("today") else "today = 2026-11-21\n" + settings
    write_project(tmp_path, {"claimstrack.toml": config, "content/p.md": PAGE, "claims/c.toml": CLAIMS})
    exit_code, _, err = cli(args, tmp_path)
    assert "internal error" not in err
    assert exit_code == code, err
    assert message in err


WRITERS = [["claims", "set-status", "a", "in-review"],
                                  ["claims", "approve", "a", "--by", "x", "--force", "--reason", "r"],
                                  ["claims", "add", "b", "--text", "Half of all patients"]]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
@pytest.mark.parametrize("args", WRITERS)
def test_a_read_only_claims_folder_is_a_usage_error_at_the_claim(tmp_path, cli, args):
    write_project(tmp_path, {"claimstrack.toml": "today = 2026-11-21\n", "claims/c.toml": CLAIMS})
    folder = tmp_path / "claims"
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        code, _, err = cli(args, tmp_path)
    finally:
        folder.chmod(stat.S_IRWXU)
    assert "internal error" not in err
    assert code == 2
    assert "claims/c.toml" in err and "cannot write the claims file: Permission denied" in err
    if args[1] != "add":
        assert "claims/c.toml:3:1: error:" in err
    assert (tmp_path / "claims" / "c.toml").read_text() == CLAIMS


@pytest.mark.parametrize("args", WRITERS)
def test_a_refused_temporary_file_is_a_usage_error_at_the_claim(tmp_path, cli, monkeypatch, args):
    # What a read-only folder does for a user who is not root: creating the temporary file fails.
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    write_project(tmp_path, {"claimstrack.toml": "today = 2026-11-21\n", "claims/c.toml": CLAIMS})
    code, _, err = cli(args, tmp_path)
    assert "internal error" not in err
    assert code == 2
    assert "cannot write the claims file: Permission denied" in err
    if args[1] != "add":
        assert "claims/c.toml:3:1: error:" in err
    assert (tmp_path / "claims" / "c.toml").read_text() == CLAIMS
