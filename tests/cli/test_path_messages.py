"""Messages about input paths say what is wrong with them (issue 13, item 10).

On the old code a bibliography that is a folder was "not found", a symlink loop was "no such
file" or an internal RuntimeError, an unreadable claims folder was "no claims file matches",
and a broken pyproject.toml was shown by its absolute path.
"""

from __future__ import annotations

import os
import stat

import pytest
from lock_holder import held_lock
from project_files import write_project

from claimstrack import locking

CLAIMS = 'schema = 1\n\n[[claim]]\nid = "a"\ntext = "Over 90% of patients agree"\nstatus = "draft"\n'
PAGE = "Over 90% of patients agree.\n"


def project(tmp_path, settings: str = "") -> None:
    write_project(tmp_path, {"claimstrack.toml": 'claims = "claims"\n' + settings,
                             "claims/c.toml": CLAIMS, "content/p.md": PAGE})


def test_a_bibliography_that_is_a_folder_is_named_as_a_folder(tmp_path, cli):
    project(tmp_path, 'bibliography = "refs.bib"\n')
    (tmp_path / "refs.bib").mkdir()
    code, _, err = cli(["check"], tmp_path)
    assert code == 2 and "refs.bib:1:1: error: the bibliography is a folder, not a file" in err


def test_a_bibliography_symlink_loop_is_named_as_a_loop(tmp_path, cli):
    project(tmp_path, 'bibliography = "refs.bib"\n')
    (tmp_path / "refs.bib").symlink_to("refs.bib")
    code, _, err = cli(["check"], tmp_path)
    assert code == 2 and "refs.bib:1:1: error: the bibliography is a symlink loop" in err


def test_a_missing_bibliography_is_still_not_found(tmp_path, cli):
    project(tmp_path, 'bibliography = "refs.bib"\n')
    code, _, err = cli(["check"], tmp_path)
    assert code == 2 and "refs.bib:1:1: error: bibliography file not found" in err


def test_a_claims_path_that_loops_is_an_error_not_an_internal_error(tmp_path, cli):
    write_project(tmp_path, {"claimstrack.toml": 'claims = "lp.toml"\n', "content/p.md": PAGE})
    (tmp_path / "lp.toml").symlink_to("lp.toml")
    code, _, err = cli(["check"], tmp_path)
    assert code == 2 and "internal error" not in err
    assert "lp.toml:1:1: error: claims path 'lp.toml' is a symlink loop" in err


def test_a_looping_claims_file_in_the_folder_is_reported_not_skipped(tmp_path, cli):
    project(tmp_path)
    (tmp_path / "claims" / "loop.toml").symlink_to("loop.toml")
    (tmp_path / "claims" / "gone.toml").symlink_to("missing.toml")
    code, _, err = cli(["claims", "list"], tmp_path)
    assert code == 2
    assert "claims/gone.toml:1:1: error: claims file is a broken symlink (to 'missing.toml', which does not exist)" in err
    assert "claims/loop.toml:1:1: error: claims file is a symlink loop" in err


def test_an_unreadable_claims_folder_says_so(tmp_path, cli, folder_listings):
    project(tmp_path)
    (tmp_path / "claims" / "more").mkdir()
    folder_listings.refuse("more")
    code, _, err = cli(["check"], tmp_path)
    assert code == 2
    assert "claims/more:1:1: error: cannot read the claims folder 'claims/more': Permission denied" in err
    assert "no claims file matches" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders without read permission")
def test_an_unreadable_claims_folder_says_so_for_real(tmp_path, cli):
    project(tmp_path)
    folder = tmp_path / "claims"
    folder.chmod(0)
    try:
        code, _, err = cli(["check"], tmp_path)
    finally:
        folder.chmod(stat.S_IRWXU)
    assert code == 2 and "cannot read the claims folder 'claims': Permission denied" in err


def test_a_broken_pyproject_is_shown_relative_to_the_project(tmp_path, cli):
    write_project(tmp_path, {"pyproject.toml": "[tool.claimstrack\n", "content/p.md": PAGE})
    code, _, err = cli(["check"], tmp_path)
    assert code == 2
    assert err.startswith("pyproject.toml:1:18: error: invalid TOML") and str(tmp_path) not in err
    (tmp_path / "sub").mkdir()
    code, _, err = cli(["check"], tmp_path / "sub")
    assert err.startswith("../pyproject.toml:1:18: error:") and str(tmp_path) not in err


def test_a_config_file_or_baseline_that_loops_or_is_a_folder_is_named_so(tmp_path, cli):
    project(tmp_path)
    (tmp_path / "loop.json").symlink_to("loop.json")
    code, _, err = cli(["check", "--baseline", "loop.json"], tmp_path)
    assert code == 2 and "internal error" not in err
    assert "loop.json:1:1: error: cannot read the baseline file: it is a symlink loop" in err
    code, _, err = cli(["check", "--config", "claims"], tmp_path)
    assert code == 2 and "configuration file claims is a folder, not a file" in err
    code, _, err = cli(["check", "--config", "loop.json"], tmp_path)
    assert code == 2 and "configuration file loop.json is a symlink loop" in err


def test_writing_a_baseline_waits_for_the_lock_and_then_refuses(tmp_path, cli, monkeypatch):
    project(tmp_path)
    monkeypatch.setattr(locking, "LOCK_TIMEOUT", 0.2)
    with held_lock(tmp_path / "baseline.json"):
        code, _, err = cli(["check", "--write-baseline", "baseline.json"], tmp_path)
    assert code == 2 and "internal error" not in err
    assert "cannot write the baseline baseline.json: another claimstrack process is writing there" in err
    assert not (tmp_path / "baseline.json").exists()
    assert cli(["check", "--write-baseline", "baseline.json"], tmp_path)[0] == 0
    assert (tmp_path / "baseline.json").exists()


def test_a_document_path_that_loops_or_dangles_says_so(tmp_path, cli):
    project(tmp_path)
    (tmp_path / "content" / "loop.md").symlink_to("loop.md")
    (tmp_path / "content" / "gone.md").symlink_to("nowhere.md")
    code, _, err = cli(["check", "content/loop.md"], tmp_path)
    assert code == 2 and "content/loop.md:1:1: error: a symlink loop" in err
    code, _, err = cli(["check", "content/gone.md"], tmp_path)
    assert code == 2 and "content/gone.md:1:1: error: a broken symlink (to 'nowhere.md', which does not exist)" in err
    code, _, err = cli(["check", "content/none.md"], tmp_path)
    assert code == 2 and "content/none.md:1:1: error: no such file or directory" in err


def test_an_unreadable_pyproject_is_a_configuration_error(tmp_path, cli, monkeypatch):
    write_project(tmp_path, {"pyproject.toml": "[tool.claimstrack]\n", "content/p.md": PAGE})
    real_read_bytes = type(tmp_path).read_bytes

    def read_bytes(path):
        if path.name == "pyproject.toml":
            raise PermissionError(13, "Permission denied", str(path))
        return real_read_bytes(path)

    monkeypatch.setattr(type(tmp_path), "read_bytes", read_bytes)
    code, _, err = cli(["check"], tmp_path)
    assert code == 2 and "internal error" not in err
    assert "pyproject.toml:1:1: error: cannot read file: Permission denied" in err and str(tmp_path) not in err
