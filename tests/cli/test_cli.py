"""The command line end to end: contracts, exit codes, clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimstrack.checks import all_rules

REPO = Path(__file__).resolve().parents[2]
FIGURE_FIELDS = {"path", "line", "column", "end_line", "end_column", "text", "value", "low", "high",
                 "low_inclusive", "high_inclusive", "kind", "unit", "hedge", "subject"}
FINDING_FIELDS = {"code", "name", "severity", "path", "line", "column", "end_line", "end_column",
                  "message", "claim", "figure", "related"}


@pytest.fixture
def page_dir(tmp_path):
    (tmp_path / "claimstrack.toml").write_text("today = 2026-11-21\n")
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("# Title\n\nApproximately 42 million Americans have migraine.\n")
    (content / "b.txt").write_text("Almost 49 million people in the United States suffer from migraines.\n")
    return tmp_path


def test_figures_json_contract_and_positions(page_dir, cli):
    code, out, _ = cli(["figures", "content", "--format", "json"], page_dir)
    assert code == 0
    figures = json.loads(out)
    assert [f["path"] for f in figures] == ["content/a.md", "content/b.txt"]
    for figure in figures:
        assert set(figure) == FIGURE_FIELDS
    first = figures[0]
    assert (first["line"], first["column"]) == (3, 1)
    assert first["value"] == 42_000_000 and first["hedge"] == "approximately" and first["kind"] == "count"
    second = figures[1]
    assert second["high"] == 49_000_000 and second["high_inclusive"] is False and second["hedge"] == "almost"


def test_figures_json_is_written_a_document_at_a_time(page_dir, cli, monkeypatch):
    import claimstrack.cli as cli_module
    import claimstrack.engine as engine

    events = []
    reader = engine.read_document
    monkeypatch.setattr(engine, "read_document", lambda file, **kw: (events.append(("read", kw["display_path"])),
                                                                     reader(file, **kw))[1])
    writer = cli_module._write
    monkeypatch.setattr(cli_module, "_write", lambda text, stream=None: (events.append(("write", text)),
                                                                          writer(text, stream))[1])
    code, out, _ = cli(["figures", "content", "--format", "json"], page_dir)
    assert code == 0 and [f["path"] for f in json.loads(out)] == ["content/a.md", "content/b.txt"]
    second = events.index(("read", "content/b.txt"))
    assert any(kind == "write" and "content/a.md" in text for kind, text in events[:second])
    table = cli(["figures", "content"], page_dir)[1]
    assert "content/a.md:3:1" in table and "content/b.txt:1:1" in table and table.endswith("\n2 figures\n")


def test_figures_table_lists_each_figure_with_its_position(page_dir, cli):
    code, out, _ = cli(["figures", "content/b.txt"], page_dir)
    assert code == 0
    assert "content/b.txt:1:1" in out and "almost" in out and "49" in out


def test_figures_all_explains_numbers_that_are_not_figures(tmp_path, cli):
    (tmp_path / "p.txt").write_text("Call 1-800-555-0199 since 2019. Over 90% agree.\n")
    code, out, _ = cli(["figures", "p.txt", "--all", "--format", "json"], tmp_path)
    assert code == 0
    rows = json.loads(out)
    taken = [r for r in rows if r["taken"]]
    rejected = [r for r in rows if not r["taken"]]
    assert [r["text"] for r in taken] and all("90" in r["text"] for r in taken)
    assert rejected and all(r["reason"] for r in rejected)


def test_missing_path_is_a_usage_error(tmp_path, cli):
    code, _, err = cli(["figures", "nope.md"], tmp_path)
    assert code == 2
    assert "nope.md" in err and "Traceback" not in err


def test_unreadable_file_for_figures_names_file_line_and_column(tmp_path, cli):
    (tmp_path / "bad.txt").write_bytes(b"fine\nbad \xff byte\n")
    code, _, err = cli(["figures", "bad.txt"], tmp_path)
    assert code == 2
    assert "bad.txt:2:5" in err


def test_figures_json_stays_valid_when_a_later_document_cannot_be_read(page_dir, cli):
    (page_dir / "content" / "c.txt").write_bytes(b"Over 90% agree.\nbad \xff byte\n")
    code, out, err = cli(["figures", "content", "--format", "json"], page_dir)
    assert code == 2 and "content/c.txt:2:5" in err and "Traceback" not in err
    # the figures of the documents read before it, as a whole JSON array
    assert [f["path"] for f in json.loads(out)] == ["content/a.md", "content/b.txt"]


def test_check_json_contract_reports_both_sides_of_the_inconsistency(page_dir, cli):
    code, out, _ = cli(["check", "--format", "json"], page_dir)
    findings = json.loads(out)
    assert code == 1
    for finding in findings:
        assert set(finding) == FINDING_FIELDS
    unsupported = [f for f in findings if f["code"] == "CT101"]
    assert {f["path"] for f in unsupported} == {"content/a.md", "content/b.txt"}


def test_check_exit_zero_and_select(page_dir, cli):
    assert cli(["check", "--exit-zero"], page_dir)[0] == 0
    code, out, _ = cli(["check", "--select", "CT4", "--format", "json"], page_dir)
    assert code == 0 and json.loads(out) == []


def test_bad_select_code_is_a_usage_error(page_dir, cli):
    code, _, err = cli(["check", "--select", "XX999"], page_dir)
    assert code == 2 and "XX999" in err


def test_malformed_claims_file_exits_2_with_position(page_dir, cli):
    (page_dir / "claims").mkdir()
    (page_dir / "claims" / "c.toml").write_text('schema = 1\n[[claim]]\nid = "x"\ntext = = 3\n')
    code, _, err = cli(["check"], page_dir)
    assert code == 2
    assert "claims/c.toml:4" in err and "Traceback" not in err


def test_rules_and_rule(tmp_path, cli):
    code, out, _ = cli(["rules"], tmp_path)
    assert code == 0 and "CT101" in out and "unsupported-figure" in out
    code, out, _ = cli(["rule", "ct101"], tmp_path)
    assert code == 0 and "unsupported-figure" in out
    code, _, err = cli(["rule", "CT999"], tmp_path)
    assert code == 2 and "CT999" in err


def test_rules_as_json_lists_every_rule(tmp_path, cli):
    code, out, _ = cli(["rules", "--format", "json"], tmp_path)
    payload = json.loads(out)
    assert code == 0 and [r["code"] for r in payload] == [r.code for r in all_rules()]
    assert set(payload[0]) == {"code", "name", "severity", "summary"}


def test_python_dash_m_is_the_same_program():
    result = subprocess.run([sys.executable, "-m", "claimstrack", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("claimstrack ")


def test_the_program_writes_all_its_output_and_exit_code_before_it_ends_at_once(tmp_path):
    # program() ends the process with os._exit: what is still buffered must be flushed first
    (tmp_path / "claimstrack.toml").write_text("today = 2026-11-21\n")
    (tmp_path / "content").mkdir()
    for i in range(40):
        (tmp_path / "content" / f"p{i:02}.md").write_text("Over 92% of patients improved. " * 40 + "\n")
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    result = subprocess.run([sys.executable, "-m", "claimstrack", "check", "--no-cache"], cwd=tmp_path,
                            capture_output=True, text=True, env=buffered)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert sum(" CT101 " in line for line in lines) == 40 * 40 and lines[-1].startswith("Found 1600 errors")
    written = subprocess.run([sys.executable, "-m", "claimstrack", "check", "--no-cache", "--format", "json",
                              "-o", "out.json"], cwd=tmp_path, capture_output=True, text=True)
    assert written.returncode == 1 and len(json.loads((tmp_path / "out.json").read_text())) == 1600


def test_a_command_called_as_a_library_keeps_nothing_until_exit(tmp_path, cli):
    import claimstrack.cli as cli_module

    (tmp_path / "claimstrack.toml").write_text("today = 2026-11-21\n")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("Over 92% of patients improved.\n")
    code, _, _ = cli(["check", "--no-cache"], tmp_path)
    assert code == 1 and cli_module._kept_until_exit == []


def test_no_command_prints_help_and_exits_2(tmp_path, cli):
    code, out, _ = cli([], tmp_path)
    assert code == 2 and "figures" in out


def test_a_check_that_finds_no_documents_says_so(tmp_path, cli):
    (tmp_path / "claimstrack.toml").write_text("today = 2026-11-21\n")
    code, out, err = cli(["check"], tmp_path)
    assert code == 0 and "All checks passed." in out
    assert "warning: no documents found in the configured documents (content/**/*.md" in err


def test_a_run_from_a_subfolder_takes_the_project_root_from_the_configuration(tmp_path, cli):
    # docs/configuration.md: the root is the config file's folder and every path setting is
    # relative to it; the folder a run starts in only tells where to look for that file
    (tmp_path / "claimstrack.toml").write_text('today = 2026-11-21\ncache-dir = "build/cache"\n', encoding="utf-8")
    (tmp_path / "content" / "news").mkdir(parents=True)
    (tmp_path / "content" / "news" / "a.md").write_text("About 12% of adults have asthma.\n", encoding="utf-8")
    code, out, err = cli(["check"], tmp_path / "content" / "news")
    assert code == 1 and out.startswith("content/news/a.md:1:1: CT101"), (out, err)
    assert (tmp_path / "build" / "cache").is_dir() and not (tmp_path / "content" / "news" / "build").exists()
    assert cli(["clean"], tmp_path / "content") == (0, "", "claimstrack: removed build/cache\n")
