"""The audit trail names the project by its folder, shows the git commit and whether the tree
is dirty (without failing outside git), and links PubMed ids (issue 11)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import attrs
import pytest

from claimstrack.bib import Bibliography
from claimstrack.model import Reference
from claimstrack.report import render_report
from claimstrack.report.audit import git_state
from claimstrack.report.building import build_view, pubmed_url

from .conftest import REFERENCES, build_report

WHEN = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.timezone.utc)


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                          capture_output=True, text=True, check=True).stdout


def _commit_all(root: Path) -> str:
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "pages")
    return _git(root, "rev-parse", "HEAD").strip()


def test_audit_trail_shows_no_absolute_path(project: Path) -> None:
    html = render_report(build_report(project), "html", generated_at=WHEN)
    audit = html[html.index('id="audit"'):]
    assert str(project) not in html
    assert project.name in audit and "not in a git repository" in audit


def test_audit_trail_shows_the_commit_and_a_clean_tree(project: Path) -> None:
    commit = _commit_all(project)
    view = build_view(build_report(project), generated_at=WHEN)
    assert view.git is not None and view.git.commit == commit and not view.git.dirty
    audit = render_report(build_report(project), "html", generated_at=WHEN).split('id="audit"', 1)[1]
    assert commit in audit and "clean" in audit and "uncommitted" not in audit


@pytest.mark.parametrize("change", ["edit", "new file"])
def test_audit_trail_says_when_the_tree_differs_from_the_commit(project: Path, change: str) -> None:
    _commit_all(project)
    if change == "edit":
        (project / "content" / "a.md").write_text("changed\n")
    else:
        (project / "content" / "new.md").write_text("new page\n")
    state = git_state(project)
    assert state is not None and state.dirty
    assert "with uncommitted changes" in render_report(build_report(project), "html", generated_at=WHEN)


def test_no_git_installed_is_no_git_state(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _commit_all(project)
    monkeypatch.setenv("PATH", str(project / "nowhere"))
    assert git_state(project) is None


@pytest.mark.parametrize(("pmid", "url"), [
    ("12345678", "https://pubmed.ncbi.nlm.nih.gov/12345678/"),
    (" PMID: 2468 ", "https://pubmed.ncbi.nlm.nih.gov/2468/"),
    ("javascript:alert(1)", None),
    ("", None),
    (None, None),
])
def test_pubmed_url(pmid: str | None, url: str | None) -> None:
    assert pubmed_url(pmid) == url


def test_a_reference_with_a_pmid_links_to_pubmed(project: Path) -> None:
    with_pmid = attrs.evolve(REFERENCES[0], pmid="21816542")
    report = attrs.evolve(build_report(project),
                          bibliography=Bibliography(references=(with_pmid, *REFERENCES[1:]), path="references.bib"))
    html = render_report(report, "html", generated_at=WHEN)
    assert html.count('href="https://pubmed.ncbi.nlm.nih.gov/21816542/"') == 2  # the evidence and the reference
    assert isinstance(with_pmid, Reference)
