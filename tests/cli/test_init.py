"""`claimstrack init`: sets a repository up, keeps what is there, changes nothing twice."""

from __future__ import annotations

import pytest

from claimstrack.cli import main
from claimstrack.config import find_config, load_config
from claimstrack.engine import check
from claimstrack.errors import UsageError
from claimstrack.init import init_project

PYPROJECT = """\
# Our site's build settings.
[project]
name = "site"   # the name

[tool.other]
x = 1
"""


def test_init_adds_tool_table_to_pyproject_keeping_comments(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    assert main(["init", str(tmp_path)]) == 0
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith(PYPROJECT)  # every byte of the user's file is kept
    assert "[tool.claimstrack]" in text
    config = load_config(find_config(tmp_path), root=tmp_path)
    assert config.claims == "claims" and config.bibliography == "references.bib"
    assert (tmp_path / "claims" / "claims.toml").is_file() and (tmp_path / "references.bib").is_file()
    assert "added [tool.claimstrack]" in capsys.readouterr().err


def test_init_without_pyproject_writes_claimstrack_toml_and_the_project_checks_clean(tmp_path):
    assert main(["init", str(tmp_path)]) == 0
    assert (tmp_path / "claimstrack.toml").is_file()
    report = check(root=tmp_path)  # the starter claims file and bibliography load cleanly
    assert report.findings == ()


def test_init_twice_changes_nothing(tmp_path, capsys):
    main(["init", str(tmp_path)])
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert main(["init", str(tmp_path)]) == 0
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    assert "nothing to change" in capsys.readouterr().err


def test_init_reports_a_broken_pyproject_and_leaves_it(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text("[project\nname = 1\n")
    assert main(["init", str(tmp_path)]) == 2
    assert "pyproject.toml:1" in capsys.readouterr().err
    assert (tmp_path / "pyproject.toml").read_text() == "[project\nname = 1\n"


def test_init_on_a_missing_directory_is_a_usage_error(tmp_path, capsys):
    assert main(["init", str(tmp_path / "nope")]) == 2


def test_init_refuses_a_root_that_is_not_a_folder(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("x", encoding="utf-8")
    for root in (page, tmp_path / "missing"):
        with pytest.raises(UsageError, match="not a directory"):
            init_project(root)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.md"]
