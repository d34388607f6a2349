"""`init` covers every format claimstrack reads, and `check` names the readable files under the
configured roots that its `documents` globs leave out (CT905), instead of passing in silence."""

from __future__ import annotations

import json

import pytest
from documents.test_docx import docx
from project_files import write_project

from claimstrack.config import find_config, load_config
from claimstrack.documents import EXTENSIONS
from claimstrack.documents.discover import left_out_documents
from claimstrack.engine import check
from claimstrack.globs import glob_root

PAGE = "Migraine is common.\n"


def test_init_globs_take_every_readable_format(tmp_path, cli):
    assert cli(["init"], tmp_path)[0] == 0
    config = load_config(find_config(tmp_path), root=tmp_path)
    for suffix in EXTENSIONS:
        assert f"content/**/*{suffix}" in config.documents, suffix


def test_a_page_in_each_format_is_checked_after_init(tmp_path, cli):
    cli(["init"], tmp_path)
    write_project(tmp_path, {"content/a.md": "Over 90% of patients improve.\n",
                             "content/b.txt": "Over 80% of users agree.\n",
                             "content/c.html": "<p>Over 70% of clients return.</p>\n",
                             "content/d.docx": docx("Over 60% of buyers stay.")})
    code, out, err = cli(["check", "--format", "json"], tmp_path)
    paths = {f["path"] for f in json.loads(out) if f["code"] == "CT101"}
    assert paths == {"content/a.md", "content/b.txt", "content/c.html", "content/d.docx"}


def test_check_names_a_docx_its_globs_leave_out(tmp_path, cli):
    write_project(tmp_path, {
        "claimstrack.toml": 'documents = ["content/**/*.md"]\n',
        "content/page.md": PAGE,
        "content/deck.docx": docx("Over 60% of buyers stay."),
        "content/notes.csv": "not a format claimstrack reads\n",
    })
    code, out, err = cli(["check"], tmp_path)
    assert "All checks passed" not in out
    assert "content/deck.docx:1:1: CT905 [warning]" in out
    assert "notes.csv" not in out + err
    assert "1 readable document under the configured roots was not checked: content/deck.docx" in err
    code, out, err = cli(["check", "--format", "json"], tmp_path)
    [finding] = [f for f in json.loads(out) if f["code"] == "CT905"]
    assert (finding["path"], finding["severity"], finding["name"]) == ("content/deck.docx", "warning", "document-left-out")
    assert "content/**/*.docx" in finding["message"]
    assert err == ""  # machine formats keep stderr quiet: the finding is the machine-readable notice


def test_excluded_files_and_named_paths_are_not_left_out(tmp_path, cli):
    write_project(tmp_path, {
        "claimstrack.toml": 'documents = ["content/**/*.md"]\nexclude = ["content/drafts/**"]\n',
        "content/page.md": PAGE,
        "content/drafts/deck.docx": docx("Over 60% of buyers stay."),
    })
    assert not [f for f in check(root=tmp_path).findings if f.code == "CT905"]
    # files named on the command line are all read, whatever the globs say
    write_project(tmp_path, {"content/other.txt": PAGE})
    assert not [f for f in check([tmp_path / "content"], root=tmp_path).findings if f.code == "CT905"]


@pytest.mark.parametrize(
    ("pattern", "root"),
    [("content/**/*.md", "content"), ("content/blog/*.md", "content/blog"), ("content/page.md", "content"),
     ("**/*.md", ""), ("*.md", ""), ("./site/[ab]*/x.md", "site")],
)
def test_glob_root(pattern, root):
    assert glob_root(pattern) == root


def test_a_glob_rooted_at_the_project_looks_only_beside_what_it_took(tmp_path):
    # "**/*.md" roots at the project: a .txt beside a taken page is left out, a LICENSE.txt
    # elsewhere in the repository is not the documents' business
    write_project(tmp_path, {"site/a.md": PAGE, "site/b.txt": PAGE, "tools/LICENSE.txt": "MIT\n"})
    taken = [tmp_path / "site" / "a.md"]
    assert left_out_documents(tmp_path, ["**/*.md"], [], taken) == [tmp_path / "site" / "b.txt"]


def test_the_worked_example_leaves_nothing_out():
    from pathlib import Path

    report = check(root=Path(__file__).resolve().parents[2])
    assert not [f for f in report.findings if f.code == "CT905"]
