"""The CI gate end to end: `python -m claimstrack check` with every format, exit codes, baseline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from sarif_schema import load_sarif_schema

SCHEMA = load_sarif_schema()
CONFIG = "today = 2026-11-21\n"
UNSUPPORTED = "# Results\n\nOver 92% of patients reported less pain.\n\nAbout 42 million Americans have migraine.\n"
CLEAN = "# About migraine\n\nMigraine is a common neurological condition.\n"
WARNING_ONLY = "# Claims\n\nThis is a guaranteed cure.\n"
HOSTILE = ("# <script>alert(1)</script> a | b\n\n"
           "Over 92% of | users ::error::pwned %0A say <b>so</b> & [x](javascript:y).\n")


def project(tmp_path: Path, page: str, name: str = "page.md") -> Path:
    (tmp_path / "content").mkdir(exist_ok=True)
    (tmp_path / "claimstrack.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "content" / name).write_text(page, encoding="utf-8")
    return tmp_path


def claimstrack(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("GITHUB_STEP_SUMMARY", "NO_COLOR", "FORCE_COLOR")}
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "claimstrack", *args], cwd=root, env=environ,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize(
    ("page", "args", "code"),
    [
        (UNSUPPORTED, [], 1),
        (UNSUPPORTED, ["--exit-zero"], 0),
        (CLEAN, [], 0),
        (WARNING_ONLY, [], 0),
        (WARNING_ONLY, ["--fail-on", "warning"], 1),
        (WARNING_ONLY, ["--fail-on", "warning", "--exit-zero"], 0),
        (CLEAN, ["--format", "nonsense"], 2),
    ],
)
def test_exit_codes(tmp_path: Path, page: str, args: list[str], code: int) -> None:
    result = claimstrack(project(tmp_path, page), "check", *args)
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_text_output_and_summary(tmp_path: Path) -> None:
    result = claimstrack(project(tmp_path, UNSUPPORTED), "check")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("content/page.md:3:1: CT101 [error] ")
    assert lines[-1] == "Found 2 errors, 0 warnings, 0 info (0 suppressed)."
    assert "\x1b[" not in result.stdout  # not a terminal: no colour
    assert claimstrack(project(tmp_path, CLEAN), "check").stdout == "All checks passed.\n"


def test_statistics(tmp_path: Path) -> None:
    result = claimstrack(project(tmp_path, UNSUPPORTED), "check", "--statistics")
    assert "2\tCT101\t[error]\tunsupported-figure" in result.stdout.splitlines()


@pytest.mark.parametrize("page", [UNSUPPORTED, HOSTILE, CLEAN], ids=["unsupported", "hostile", "clean"])
def test_machine_formats_parse(tmp_path: Path, page: str) -> None:
    root = project(tmp_path, page)
    findings = json.loads(claimstrack(root, "check", "--format", "json").stdout)
    sarif = json.loads(claimstrack(root, "check", "--format", "sarif").stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(sarif)
    assert len(sarif["runs"][0]["results"]) == len(findings)
    for result in sarif["runs"][0]["results"]:
        assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
            "uri": "content/page.md", "uriBaseId": "%SRCROOT%"}
    junit = ET.fromstring(claimstrack(root, "check", "--format", "junit").stdout.encode("utf-8"))
    assert junit.get("failures") == str(len(findings))
    github = claimstrack(root, "check", "--format", "github").stdout
    assert github.count("\n") == len(findings)
    assert all(line.startswith(("::error file=", "::warning file=", "::notice file=")) for line in github.splitlines())
    markdown = claimstrack(root, "check", "--format", "markdown").stdout
    assert "<script>" not in markdown and "<b>" not in markdown


def test_output_file(tmp_path: Path) -> None:
    root = project(tmp_path, UNSUPPORTED)
    result = claimstrack(root, "check", "--format", "sarif", "--output-file", "out.sarif")
    assert result.returncode == 1 and result.stdout == ""
    jsonschema.Draft4Validator(SCHEMA).validate(json.loads((root / "out.sarif").read_text(encoding="utf-8")))


def test_github_step_summary(tmp_path: Path) -> None:
    root = project(tmp_path, UNSUPPORTED)
    summary = tmp_path / "summary.md"
    claimstrack(root, "check", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## claimstrack\n\nFound 2 errors") and "### Errors (2)" in text


def test_baseline_workflow(tmp_path: Path) -> None:
    root = project(tmp_path, UNSUPPORTED)
    assert claimstrack(root, "check", "--write-baseline", "baseline.json").returncode == 0
    adopted = claimstrack(root, "check", "--baseline", "baseline.json")
    assert adopted.returncode == 0 and adopted.stdout == "All checks passed (2 suppressed).\n"

    # Lines move: the baseline still matches, because it keys on content.
    (root / "content" / "page.md").write_text("# Intro\n\nNew text.\n\n" + UNSUPPORTED, encoding="utf-8")
    assert claimstrack(root, "check", "--baseline", "baseline.json").returncode == 0

    # A figure changes: the new one fails the gate and the old entry is reported as stale.
    (root / "content" / "page.md").write_text(UNSUPPORTED.replace("92%", "95%"), encoding="utf-8")
    changed = claimstrack(root, "check", "--baseline", "baseline.json")
    assert changed.returncode == 1
    assert "Over 95% of patients" in changed.stdout
    assert "baseline.json" in changed.stdout and "CT904 [info]" in changed.stdout

    # Rewriting the baseline drops the stale entry and keeps the one that still matches.
    claimstrack(root, "check", "--baseline", "baseline.json", "--write-baseline", "baseline.json")
    entries = json.loads((root / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert sorted(e["figure"] for e in entries) == ["About 42 million Americans", "Over 95% of patients"]


def test_configured_baseline(tmp_path: Path) -> None:
    root = project(tmp_path, UNSUPPORTED)
    claimstrack(root, "check", "--write-baseline", "ct-baseline.json")
    (root / "claimstrack.toml").write_text(CONFIG + 'baseline = "ct-baseline.json"\n', encoding="utf-8")
    assert claimstrack(root, "check").returncode == 0


@pytest.mark.parametrize(
    ("content", "where"),
    [('{"schema": 1,\n  "entries": [,]}', "baseline.json:2:15"), ("", "baseline.json:1:1")],
)
def test_bad_baseline_is_exit_2_with_a_position(tmp_path: Path, content: str, where: str) -> None:
    root = project(tmp_path, UNSUPPORTED)
    (root / "baseline.json").write_text(content, encoding="utf-8")
    result = claimstrack(root, "check", "--baseline", "baseline.json")
    assert result.returncode == 2
    assert where in result.stderr and "invalid JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_baseline_is_exit_2(tmp_path: Path) -> None:
    result = claimstrack(project(tmp_path, UNSUPPORTED), "check", "--baseline", "nope.json")
    assert result.returncode == 2 and "baseline file not found" in result.stderr


def test_rules_and_rule(tmp_path: Path) -> None:
    table = claimstrack(tmp_path, "rules")
    assert table.returncode == 0 and table.stdout.startswith("CODE ") and "CT101" in table.stdout
    rule = claimstrack(tmp_path, "rule", "ct101")
    assert rule.returncode == 0 and rule.stdout.startswith("# CT101 unsupported-figure")
    assert claimstrack(tmp_path, "rule", "CT000").returncode == 2
