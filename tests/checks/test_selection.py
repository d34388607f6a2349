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


@pytest.mark.parametrize("ignores", ["", '[per-file-ignores]\n"content/legacy/**" = ["CT101"]\n'])
def test_selection_is_asked_once_per_code_unless_per_file_ignores_name_paths(tmp_path, monkeypatch, ignores):
    # Without per-file-ignores the answer is the code's wherever the finding is: asked once per
    # code, not once per code and page (41,000 questions at 10,000 pages); with them, per page.
    from claimstrack.config import Config

    asked: list[tuple[str, str | None]] = []
    real = Config.is_selected
    monkeypatch.setattr(Config, "is_selected", lambda self, code, path=None: (asked.append((code, path)),
                                                                              real(self, code, path))[1])
    report, found = run(tmp_path, 'select = ["ALL"]\nignore = ["CT4"]\n' + ignores)
    with_path = [pair for pair in asked if pair[1] is not None]
    codes = {code for code, _ in with_path}
    assert "CT101" in codes  # on both pages
    if ignores:
        assert len(with_path) == len(set(with_path)) > len(codes)
        assert ("content/legacy/b.md", "CT101", "error") not in found
    else:
        assert len(with_path) == len(codes)
    assert ("content/news/a.md", "CT101", "error") in found
    assert not any(code == "CT401" for _, code, _ in found)
    assert [f.code for f in report.findings] == [f.code for f in report.findings if real(report.config, f.code, f.path)]


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


@pytest.mark.parametrize(
    ("extra_files", "code"),
    [
        ({"content/latin1.txt": b"Caf\xe9 prices rose 20%.\n"}, "CT901"),
        ({"content/c.md": '<!-- claimstrack: ignore[CT101] reason="kit" -->\nMigraine is common.\n'}, "CT903"),
    ],
)
def test_severity_override_applies_to_findings_the_engine_raises(tmp_path, extra_files, code):
    write_project(tmp_path, {
        "claimstrack.toml": f'today = 2026-11-21\nselect = ["{code}"]\n[severity]\n{code} = "warning"\n',
        **extra_files,
    })
    report = check(root=tmp_path)
    assert [(f.code, f.severity.value) for f in report.findings] == [(code, "warning")]
    assert report.exit_code() == 0


def test_severity_override_applies_to_stale_baseline_entries(tmp_path):
    from claimstrack.checks.baseline_rules import STALE_BASELINE_ENTRY

    write_project(tmp_path, {**STALE_BASELINE_ENTRY.fires.files, "claimstrack.toml":
                             STALE_BASELINE_ENTRY.fires.files["claimstrack.toml"] + '[severity]\nCT904 = "error"\n'})
    report = check(root=tmp_path)
    assert [(f.code, f.severity.value) for f in report.findings] == [("CT904", "error")]
    assert report.exit_code() == 1


def test_unreadable_document_severity_from_the_cli(tmp_path, monkeypatch, capsys):
    from claimstrack.cli import main

    write_project(tmp_path, {
        "claimstrack.toml": 'today = 2026-11-21\n[severity]\nCT901 = "warning"\n',
        "content/latin1.txt": b"Caf\xe9 prices rose 20%.\n",
    })
    monkeypatch.chdir(tmp_path)
    code = main(["check"])
    out = capsys.readouterr().out
    assert "CT901 [warning]" in out and "[error]" not in out
    assert code == 0


def test_only_the_checks_of_selected_rules_run(tmp_path, monkeypatch):
    import attrs

    from claimstrack.checks import wording

    def must_not_run(context):
        raise AssertionError("the check of a deselected rule ran")

    monkeypatch.setattr(wording, "RULES", (attrs.evolve(wording.ABSOLUTE_WORDING, check=must_not_run),))
    _, found = run(tmp_path, 'ignore = ["CT4"]\n')
    assert ("content/legacy/b.md", "CT101", "error") in found
    with pytest.raises(AssertionError, match="deselected rule ran"):
        run(tmp_path, 'select = ["CT401"]\n')


def test_selection_and_severity_are_asked_once_per_code_and_page(tmp_path, monkeypatch):
    # A page of 300 unsupported figures gives 300 CT101 findings: the finding path asks the
    # configuration once for CT101 on that page, not 300 times.
    from claimstrack.config import Config

    asked = []
    is_selected, severity_for = Config.is_selected, Config.severity_for
    monkeypatch.setattr(Config, "is_selected", lambda self, code, path=None: (
        asked.append((code, path)), is_selected(self, code, path))[1])
    monkeypatch.setattr(Config, "severity_for", lambda self, code, default: (
        asked.append((code, "severity")), severity_for(self, code, default))[1])
    page = "".join(f"Over {n}% of patients improved.\n\n" for n in range(1, 301))
    write_project(tmp_path, {"claimstrack.toml": 'today = 2026-11-21\n[severity]\nCT101 = "warning"\n',
                             "content/a.md": page})
    report = check(root=tmp_path)
    ct101 = [f for f in report.findings if f.code == "CT101"]
    assert len(ct101) == 300 and all(f.severity.value == "warning" for f in ct101)
    assert asked.count(("CT101", "content/a.md")) == 1 and asked.count(("CT101", "severity")) == 1


def test_the_page_checks_are_chosen_once_per_run_and_only_selected_ones_run(tmp_path, monkeypatch):
    import claimstrack.checks.runner as runner
    import claimstrack.engine as engine

    chosen = []
    original = runner.page_checks
    monkeypatch.setattr(engine, "page_checks", lambda *args: (chosen.append(1), original(*args))[1])
    write_project(tmp_path, {"claimstrack.toml": 'today = 2026-11-21\nselect = ["CT4"]\n',
                             **{f"content/p{n}.md": f"Over {90 - n}% of patients improved. Our cure works.\n"
                                for n in range(5)}})
    report = check(root=tmp_path)
    assert chosen == [1]
    assert sorted({f.code for f in report.findings}) == ["CT401"] and len(report.findings) == 5
