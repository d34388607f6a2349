"""Selection, per-file ignores and severity overrides, applied by the engine end to end."""

from __future__ import annotations

import pytest

from claimstrack.engine import check

from .conftest import write_project

PAGES = {
    "content/news/a.md": "Over 90% of patients improved. Our cure works.\n",
    "content/legacy/b.md": "Over 80% of patients improved.\n",
}


def run(tmp_path, config: str):
    write_project(tmp_path, {"claimstrack.toml": "today = 2026-11-21\n" + config, **PAGES})
    report = check(root=tmp_path)
    return report, sorted((f.path, f.code, f.severity.value) for f in report.findings)


def test_defaults_report_every_rule_everywhere(tmp_path):
    _, found = run(tmp_path, "")
    assert ("content/legacy/b.md", "CT101", "error") in found
    assert ("content/news/a.md", "CT401", "warning") in found


def test_per_file_ignores_drop_a_code_for_matching_paths_only(tmp_path):
    _, found = run(tmp_path, '[per-file-ignores]\n"content/legacy/**" = ["CT101"]\n')
    assert ("content/legacy/b.md", "CT101", "error") not in found
    assert ("content/news/a.md", "CT101", "error") in found


@pytest.mark.parametrize(
    ("config", "present", "absent"),
    [
        ('select = ["CT4"]\n', "CT401", "CT101"),
        ('ignore = ["CT1"]\n', "CT401", "CT101"),
        ('select = ["CT1"]\nextend-select = ["CT401"]\n', "CT401", "CT210"),
        ('select = ["ALL"]\nignore = ["CT4"]\n', "CT101", "CT401"),
    ],
)
def test_select_and_ignore(tmp_path, config, present, absent):
    _, found = run(tmp_path, config)
    codes = {code for _, code, _ in found}
    assert present in codes and absent not in codes


def test_severity_override_changes_the_gate(tmp_path):
    report, found = run(tmp_path, 'select = ["CT401"]\n[severity]\nCT401 = "error"\n')
    assert found == [("content/news/a.md", "CT401", "error")]
    assert report.exit_code() == 1


def test_fail_on_warning_fails_on_warnings(tmp_path):
    report, _ = run(tmp_path, 'select = ["CT401"]\nfail-on = "warning"\n')
    assert report.exit_code() == 1
    assert report.exit_code("error") == 0
