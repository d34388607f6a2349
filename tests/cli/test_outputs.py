"""Where output goes: `-` is stdout, the format follows the file's extension, and a path that is
not a regular file (FIFO, symlink, device) is written to, never replaced (issues 11 and 13.1)."""

from __future__ import annotations

import json
import os
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fifos import read_fifo_in_background

from claimstrack.documents.discover import discover_documents, discover_from_globs


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "claimstrack.toml").write_text("today = 2026-11-21\n")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("# Title\n\nApproximately 42 million Americans have migraine.\n")
    return tmp_path


def test_report_dash_writes_to_stdout_and_no_file_named_dash(project: Path, cli) -> None:
    code, out, err = cli(["report", "-o", "-"], project)
    assert code == 0, err
    assert out.startswith("<!DOCTYPE html>") and "standard output" in err
    assert not (project / "-").exists()


def test_report_format_follows_the_extension(project: Path, cli) -> None:
    code, _, err = cli(["report", "-o", "review.md"], project)
    assert code == 0, err
    text = (project / "review.md").read_text()
    assert text.startswith("## ") and "<!DOCTYPE" not in text
    assert "wrote markdown report" in err


def test_an_explicit_format_wins_over_the_extension(project: Path, cli) -> None:
    code, _, _ = cli(["report", "-o", "review.md", "--format", "html"], project)
    assert code == 0
    assert (project / "review.md").read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(("name", "check"), [
    ("out.sarif", lambda text: json.loads(text)["version"] == "2.1.0"),
    ("out.sarif.json", lambda text: json.loads(text)["version"] == "2.1.0"),
    ("out.json", lambda text: isinstance(json.loads(text), list)),
    ("out.xml", lambda text: ET.fromstring(text.encode()).tag == "testsuites"),
    ("out.md", lambda text: text.startswith("## claimstrack")),
    ("out.txt", lambda text: "CT101" in text and not text.startswith(("{", "[", "<", "#"))),
])
def test_check_format_follows_the_extension(project: Path, cli, name: str, check) -> None:
    cli(["check", "-o", name], project)
    assert check((project / name).read_text())


def test_check_dash_writes_to_stdout(project: Path, cli) -> None:
    code, out, _ = cli(["check", "-o", "-", "--format", "json"], project)
    assert code == 1 and json.loads(out)[0]["code"] == "CT101"
    assert not (project / "-").exists()


def test_rule_by_name_is_rule_by_code(project: Path, cli) -> None:
    by_code = cli(["rule", "CT101"], project)
    by_name = cli(["rule", "unsupported-figure"], project)
    assert by_code[0] == by_name[0] == 0 and by_code[1] == by_name[1]
    code, _, err = cli(["rule", "no-such-rule"], project)
    assert code == 2 and "no-such-rule" in err


@pytest.mark.parametrize("command", [["check", "--format", "json", "-o"], ["report", "-o"], ["check", "--write-baseline"]])
def test_a_fifo_receives_the_output_and_stays_a_fifo(project: Path, cli, command: list[str]) -> None:
    fifo = project / "out.pipe"
    os.mkfifo(fifo)
    thread, received = read_fifo_in_background(fifo)
    cli([*command, "out.pipe"], project)
    thread.join(10)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received and received[0].strip(), "the output went through the FIFO"
    assert not [name for name in os.listdir(project) if name.endswith(".tmp")]


@pytest.mark.parametrize("command", [["check", "--format", "json", "-o"], ["report", "-o"], ["check", "--write-baseline"]])
def test_a_symlink_is_kept_and_its_target_written(project: Path, cli, command: list[str]) -> None:
    (project / "out").mkdir()
    target = project / "out" / "result"
    target.write_text("old")
    (project / "latest").symlink_to(target)
    cli([*command, "latest"], project)
    assert (project / "latest").is_symlink()
    assert target.read_text() != "old"


@pytest.mark.parametrize("command", [["check", "--format", "json", "-o"], ["report", "-o"], ["check", "--write-baseline"]])
def test_dev_null_is_written_through_and_stays_the_device(
    project: Path, cli, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-o /dev/null` from the command line: run as root in CI, replacing the path replaced the
    system's own /dev/null with a regular file (issue 13.1)."""
    real_replace = os.replace

    def replace_anything_but_the_device(source: str, target: str) -> None:
        if os.path.realpath(target) == os.path.realpath(os.devnull):
            raise AssertionError(f"{command[0]} was about to replace {os.devnull}")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace_anything_but_the_device)
    before = os.stat(os.devnull)
    code, _, err = cli([*command, os.devnull], project)
    after = os.stat(os.devnull)
    assert code in (0, 1), err
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_dev) == (before.st_ino, before.st_dev)
    assert not [name for name in os.listdir(os.path.dirname(os.devnull)) if name.startswith(".claimstrack-")]


def test_write_baseline_dash_prints_the_baseline(project: Path, cli) -> None:
    code, out, _ = cli(["check", "--write-baseline", "-"], project)
    assert code == 0 and json.loads(out)["tool"] == "claimstrack"
    assert not (project / "-").exists()


def test_discovery_never_takes_claimstrack_temporary_files(project: Path) -> None:
    leftover = project / "content" / ".claimstrack-a.md.12345.x1y2z3.tmp"
    leftover.write_text("Over 99% of users agree.\n")
    assert leftover not in discover_documents([project / "content"], include=("*",))
    assert leftover not in discover_from_globs(project, ["content/*"])
    assert project / "content" / "a.md" in discover_from_globs(project, ["content/*"])


def test_junit_from_the_cli_follows_fail_on(project: Path, cli) -> None:
    (project / "content" / "a.md").write_text("# Title\n\nWe guarantee results [@nobody].\n")
    cli(["check", "--select", "CT1,CT4", "-o", "r.xml"], project)
    findings = json.loads(cli(["check", "--select", "CT1,CT4", "--format", "json"], project)[1])
    failing = [f for f in findings if f["severity"] == "error"]
    root = ET.fromstring((project / "r.xml").read_bytes())
    assert root.get("failures") == str(len(failing))
    assert int(root.get("tests", "0")) >= len(findings) > len(failing)
    cli(["check", "--select", "CT1,CT4", "-o", "w.xml", "--fail-on", "warning"], project)
    strict = ET.fromstring((project / "w.xml").read_bytes())
    assert strict.get("failures") == str(sum(f["severity"] in ("error", "warning") for f in findings))
