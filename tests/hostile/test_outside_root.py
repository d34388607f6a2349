"""One rule for every file read: inside the project root once symlinks are resolved, unless the
caller passes --allow-outside-root (issue 13, item 4). A refused path names what named it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from project_files import write_project

from claimstrack.engine import check
from claimstrack.errors import ConfigError, UsageError

CONFIG = "today = 2026-11-21\n"
SECRET = "Over 77% of secrets leak.\n"
BIB = "@misc{k, title={T}, year={2020}}\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project, with files a project must not read by accident."""
    folder = tmp_path / "outside"
    write_project(folder, {"secret.md": SECRET, "refs.bib": BIB, "base.json": '{"schema": 2, "entries": []}',
                           "k.txt": "Secret source text.\n",
                           "claims.toml": 'schema = 1\n[[claim]]\nid = "x"\ntext = "t"\nstatus = "draft"\n'})
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    write_project(root, {"claimstrack.toml": CONFIG, "content/page.md": "Over 90% of patients agree.\n"})
    return root


def test_a_symlinked_page_leading_outside_is_refused_and_not_printed(project, outside, cli):
    (project / "content" / "linked.md").symlink_to(outside / "secret.md")
    code, out, err = cli(["check", "--format", "json"], project)
    findings = json.loads(out)
    [refused] = [f for f in findings if f["path"] == "content/linked.md"]
    assert refused["code"] == "CT901" and code == 1
    assert "links outside the project root" in refused["message"]
    assert "pass --allow-outside-root to read it" in refused["message"]
    assert "matched by the default 'documents'" in refused["message"]
    code, _, err = cli(["report", "-o", "r.html"], project)
    assert "77%" not in (project / "r.html").read_text() and "secrets" not in (project / "r.html").read_text()
    code, out, _ = cli(["check", "--format", "json", "--allow-outside-root"], project)
    assert any(f["figure"] == "Over 77% of secrets" for f in json.loads(out))


def test_the_refusal_names_the_documents_setting_and_its_line(project, outside, cli):
    (project / "claimstrack.toml").write_text(CONFIG + 'documents = ["content/**/*.md"]\n')
    (project / "content" / "linked.md").symlink_to(outside / "secret.md")
    _, out, _ = cli(["check", "--format", "json"], project)
    [refused] = [f for f in json.loads(out) if f["path"] == "content/linked.md"]
    assert "matched by 'documents' (claimstrack.toml:2:13)" in refused["message"]


def test_a_path_named_on_the_command_line_outside_the_root_is_a_usage_error(project, outside, cli):
    for args in (["check", str(outside / "secret.md")], ["figures", str(outside / "secret.md")]):
        code, out, err = cli(args, project)
        assert code == 2 and "outside the project root" in err and "--allow-outside-root" in err
        assert "77%" not in out
    code, out, _ = cli(["figures", "--allow-outside-root", str(outside / "secret.md")], project)
    assert code == 0 and "77%" in out


@pytest.mark.parametrize(("setting", "line_column"), [
    ('bibliography = "../outside/refs.bib"', "2:16"),
    ('baseline = "../outside/base.json"', "2:12"),
    ('sources = "../outside"', "2:11"),
])
def test_a_path_setting_outside_the_root_is_refused_at_its_line(project, outside, cli, setting, line_column):
    (project / "claimstrack.toml").write_text(CONFIG + setting + "\n")
    code, _, err = cli(["check"], project)
    key = setting.split()[0]
    assert code == 2
    assert f"claimstrack.toml:{line_column}: error: '{key}' names ../outside" in err
    assert "resolves outside the project root" in err and "--allow-outside-root" in err
    assert "internal error" not in err
    code, _, err = cli(["check", "--allow-outside-root", "--exit-zero"], project)
    assert code == 0, err



@pytest.mark.parametrize(("key", "name", "column"), [
    ("bibliography", "refs.bib", 16), ("baseline", "base.json", 12), ("sources", "", 11), ("retractions", "rw.csv", 15),
])
def test_an_absolute_path_setting_outside_the_root_is_refused_at_its_line(project, outside, cli, key, name, column):
    """The issue's first form of item 4: an absolute path in a setting, not only '../..'."""
    (outside / "rw.csv").write_text("Record ID,Title\n", encoding="utf-8")
    target = json.dumps(str(outside / name) if name else str(outside))
    (project / "claimstrack.toml").write_text(f"{CONFIG}{key} = {target}\n", encoding="utf-8")
    code, out, err = cli(["check"], project)
    assert code == 2, err
    assert f"claimstrack.toml:2:{column}: error: '{key}'" in err and "outside the project root" in err
    assert "Secret source text" not in out + err


def test_a_symlinked_bibliography_is_refused_like_a_named_one(project, outside):
    (project / "references.bib").symlink_to(outside / "refs.bib")
    with pytest.raises(ConfigError, match="'bibliography' names references.bib"):
        check(root=project)
    assert "k" in check(root=project, allow_outside_root=True).bibliography


def test_a_baseline_flag_outside_the_root_is_a_usage_error(project, outside, cli):
    code, _, err = cli(["check", "--baseline", str(outside / "base.json")], project)
    assert code == 2 and "the baseline" in err and "resolves outside the project root" in err
    with pytest.raises(UsageError):
        check(root=project, baseline=outside / "base.json")


def test_claims_outside_the_root_follow_the_same_rule(project, outside, cli):
    (project / "claims").mkdir()
    (project / "claims" / "linked.toml").symlink_to(outside / "claims.toml")
    code, _, err = cli(["check"], project)
    assert code == 2 and "resolves outside the project root" in err and "--allow-outside-root" in err
    assert "x" in [claim.id for claim in check(root=project, allow_outside_root=True).library.claims]


def test_a_source_copy_linked_outside_is_reported_not_read(project, outside):
    write_project(project, {
        "references.bib": BIB,
        "claims/c.toml": ('schema = 1\n[[claim]]\nid = "a"\ntext = "Over 90% of patients agree"\n'
                          'status = "in-review"\n[[claim.evidence]]\ncite = "k"\nquote = "Secret source text."\n'),
    })
    (project / "sources").mkdir()
    (project / "sources" / "k.txt").symlink_to(outside / "k.txt")
    findings = check(root=project).findings
    [refused] = [f for f in findings if f.path == "sources/k.txt"]
    assert refused.code == "CT901" and "links outside the project root" in refused.message
    allowed = check(root=project, allow_outside_root=True).findings
    assert not [f for f in allowed if f.path == "sources/k.txt"]
    assert "CT107" not in [f.code for f in allowed]  # read: the quote is in the copy


def test_symlinks_inside_the_root_are_read(project):
    (project / "shared.md").write_text("Over 55% of readers agree.\n")
    (project / "content" / "link.md").symlink_to(project / "shared.md")
    assert "Over 55% of readers" in [f.figure for f in check(root=project).findings]
    assert os.path.islink(project / "content" / "link.md")


def test_a_cache_dir_setting_outside_the_root_is_refused_and_not_written(project, outside, cli):
    (project / "claimstrack.toml").write_text(CONFIG + 'cache-dir = "../outside/cache"\n')
    code, _, err = cli(["check"], project)
    assert code == 2 and "claimstrack.toml:2:13: error: 'cache-dir' names ../outside/cache" in err
    assert "resolves outside the project root" in err and "--allow-outside-root" in err
    assert not (outside / "cache").exists()
    code, _, err = cli(["check", "--allow-outside-root", "--exit-zero"], project)
    assert code == 0, err
    assert (outside / "cache" / "CACHEDIR.TAG").is_file()


def test_a_cache_dir_flag_outside_the_root_is_a_usage_error(project, outside, cli):
    code, _, err = cli(["check", "--cache-dir", str(outside / "cache")], project)
    assert code == 2 and "the cache folder" in err and "resolves outside the project root" in err
    assert not (outside / "cache").exists()
    (outside / "cache").mkdir()
    (project / "cache-link").symlink_to(outside / "cache")  # a symlink out is refused too
    code, _, err = cli(["check", "--cache-dir", "cache-link"], project)
    assert code == 2 and "resolves outside the project root" in err
    assert list((outside / "cache").iterdir()) == []
    with pytest.raises(UsageError):
        check(root=project, cache_dir=outside / "cache", keep_documents=False)
    assert cli(["check", "--cache-dir", "inside-cache", "--exit-zero"], project)[0] == 0


def test_a_cache_folder_that_cannot_be_one_is_said_not_silently_turned_off(project, cli):
    # a file (or a broken link) where the cache should be: the run goes on (the cache only saves
    # time), but every run would be a cold one, so it says why
    (project / "claimstrack.toml").write_text(CONFIG + 'cache-dir = "cache.txt"\n')
    (project / "cache.txt").write_text("notes\n")
    code, _, err = cli(["check", "--exit-zero"], project)
    assert code == 0 and "Traceback" not in err
    assert "warning: the cache folder cache.txt is a file, not a folder: this run is not cached" in err
    assert (project / "cache.txt").read_text() == "notes\n"
    assert "cache folder" not in cli(["check", "--no-cache", "--exit-zero"], project)[2]
    code, _, err = cli(["check", "--cache-dir", "cache.txt/below", "--exit-zero"], project)
    assert "the cache folder cache.txt/below lies below" in err and "cache.txt, a file" in err
    (project / "gone").symlink_to(project / "missing")
    code, _, err = cli(["check", "--cache-dir", "gone", "--exit-zero"], project)
    assert "the cache folder gone is a broken symbolic link" in err
    assert "cache folder" not in cli(["check", "--cache-dir", "fine", "--exit-zero"], project)[2]
    code, _, err = cli(["check", "--cache-dir", ""], project)
    assert code == 2 and "--cache-dir is empty" in err


def test_the_claims_commands_load_the_library_as_check_does(project, outside, cli):
    (project / "claims").mkdir()
    (project / "claims" / "linked.toml").symlink_to(outside / "claims.toml")
    for args in (["claims", "list"], ["claims", "show", "x"]):
        code, out, err = cli(args, project)
        assert code == 2 and "resolves outside the project root" in err, (args, err)
    code, out, err = cli(["claims", "list", "--allow-outside-root"], project)
    assert code == 0 and "x" in out, err
    # An explicit claims setting that names nothing is an error for them as for check.
    (project / "claims" / "linked.toml").unlink()
    (project / "claimstrack.toml").write_text(CONFIG + 'claims = "library/*.toml"\n')
    for args in (["check"], ["claims", "list"]):
        code, _, err = cli(args, project)
        assert code == 2 and "no claims file matches 'library/*.toml'" in err, (args, err)


@pytest.mark.parametrize("target", ["other/extra.toml", "claims/notes.txt", "../outside/claims.toml"])
def test_claims_add_refuses_a_file_the_library_does_not_read(project, outside, cli, target):
    write_project(project, {"claims/c.toml": "schema = 1\n"})
    before = (outside / "claims.toml").read_text()
    code, _, err = cli(["claims", "add", "new-claim", "--text", "Over 90% of patients agree", "--file", target],
                       project)
    assert code == 2 and "is not read by the claims library" in err, err
    assert "the default 'claims' takes the .toml files below 'claims/'" in err
    assert not (project / "other").exists() and not (project / "claims" / "notes.txt").exists()
    assert (outside / "claims.toml").read_text() == before
    # A file the setting takes is written, and the library then has the claim.
    code, _, err = cli(["claims", "add", "new-claim", "--text", "Over 90% of patients agree",
                        "--file", "claims/more/extra.toml"], project)
    assert code == 0, err
    assert "new-claim" in [claim.id for claim in check(root=project).library.claims]


def test_measures_accept_refuses_a_file_the_library_does_not_read(project, cli):
    write_project(project, {"claimstrack.toml": CONFIG + 'claims = "library/*.toml"\n',
                            "library/c.toml": "schema = 1\n",
                            "content/a.md": "Approximately 42 million Americans have migraine.\n",
                            "content/b.md": "About 39 million Americans have migraine.\n"})
    from claimstrack.measures import inferred_measures

    [group] = inferred_measures(root=project)
    code, _, err = cli(["measures", "accept", group.id, "--as", "migraine", "--file", "library/deep/m.toml"], project)
    assert code == 2 and "is not read by the claims library" in err
    assert "'claims' (claimstrack.toml:2:10) takes the files matching 'library/*.toml'" in err
    assert not (project / "library" / "deep").exists()
    code, _, err = cli(["measures", "accept", group.id, "--as", "migraine", "--file", "library/m.toml"], project)
    assert code == 0, err
    assert check(root=project).library.measure("migraine") is not None


def test_claims_add_refuses_a_claims_file_linked_outside(project, outside, cli):
    (project / "claims").mkdir()
    (project / "claims" / "linked.toml").symlink_to(outside / "claims.toml")
    before = (outside / "claims.toml").read_text()
    code, _, err = cli(["claims", "add", "new-claim", "--text", "t", "--file", "claims/linked.toml"], project)
    assert code == 2 and "resolves outside the project root" in err and "--allow-outside-root" in err, err
    assert (outside / "claims.toml").read_text() == before
    code, _, err = cli(["claims", "add", "new-claim", "--text", "t", "--file", "claims/linked.toml",
                        "--allow-outside-root"], project)
    assert code == 0, err
    assert 'id = "new-claim"' in (outside / "claims.toml").read_text()


def test_a_rejections_file_linked_outside_is_refused(project, outside, cli):
    (outside / "rejected.toml").write_text('[[rejected]]\ngroup = "g3fa2b1c9"\n')
    (project / "rejected-groups.toml").symlink_to(outside / "rejected.toml")
    code, _, err = cli(["check"], project)
    assert code == 2 and "rejected-groups.toml resolves outside the project root" in err, err
    assert "--allow-outside-root" in err and "Traceback" not in err
    code, _, err = cli(["check", "--allow-outside-root", "--exit-zero"], project)
    assert code == 0, err


def test_a_retractions_setting_outside_the_root_is_refused_at_its_line(project, outside, cli):
    from claimstrack.checks.examples import RETRACTION_WATCH_HEADER

    (outside / "rw.csv").write_text(RETRACTION_WATCH_HEADER + "\n")
    (project / "claimstrack.toml").write_text(CONFIG + 'retractions = "../outside/rw.csv"\n')
    code, _, err = cli(["check"], project)
    assert code == 2, err
    assert "claimstrack.toml:2:15: error: 'retractions' names ../outside/rw.csv" in err
    assert "resolves outside the project root" in err and "internal error" not in err
    code, _, err = cli(["check", "--allow-outside-root", "--exit-zero"], project)
    assert code == 0, err
