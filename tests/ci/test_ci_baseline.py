"""The baseline: content fingerprints with counts, atomic writes, clear errors, stale entries."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from project_files import write_project

from claimstrack.baseline import (
    BASELINE_REASON,
    Baseline,
    apply_baseline,
    baseline_from_findings,
    dumps_baseline,
    load_baseline,
    parse_baseline,
    stream_baseline,
    write_baseline,
)
from claimstrack.engine import Suppressed, check
from claimstrack.errors import ConfigError
from claimstrack.model import Finding, Severity


def finding(text: str = "over 92%|Over 92% of patients improve.", *, code: str = "CT101", path: str = "content/a.md",
            line: int = 3) -> Finding:
    return Finding(code, "unsupported-figure", Severity.ERROR, path, line, 1, line, 9,
                   "over 92% has no claim or citation behind it", figure="over 92%", fingerprint_text=text)


@attrs.frozen
class Report:
    """What write_baseline reads of the engine's Report."""

    findings: tuple[Finding, ...] = ()
    suppressed: tuple[Suppressed, ...] = ()
    documents: tuple[object, ...] = ()


def test_a_baselined_finding_survives_lines_moving_and_reflowing() -> None:
    baseline = baseline_from_findings([finding(line=3)])
    moved = finding("over 92%|over 92%   of PATIENTS improve.", line=40)
    assert apply_baseline([moved], baseline) == ([], [moved], [])


@pytest.mark.parametrize(
    "changed",
    [finding("over 93%|Over 93% of patients improve."), finding(code="CT106"), finding(path="content/b.md")],
    ids=["content", "rule", "path"],
)
def test_a_different_finding_is_kept_and_the_entry_goes_stale(changed: Finding) -> None:
    kept, baselined, stale = apply_baseline([changed], baseline_from_findings([finding()]))
    assert kept == [changed] and baselined == [] and [e.count for e in stale] == [1]


def test_counts_two_identical_findings_need_two_entries() -> None:
    one = baseline_from_findings([finding()])
    two = [finding(line=3), finding(line=8)]
    kept, baselined, stale = apply_baseline(two, one)
    assert kept == [finding(line=8)] and baselined == [finding(line=3)] and stale == []
    assert apply_baseline(two, baseline_from_findings(two))[0] == []


def engine_finding(tmp_path: Path) -> Finding:
    """The project's one finding (CT101 in content/a.md), as the engine reports it."""
    write_project(tmp_path, {"claimstrack.toml": 'today = 2026-11-21\nselect = ["CT1", "CT9"]\n',
                             "content/a.md": "Over 92% of patients improve.\n"})
    [found] = check(root=tmp_path).findings
    return found


def test_partly_stale_entry_reports_how_many_are_gone(tmp_path: Path) -> None:
    found = engine_finding(tmp_path)
    baseline = tmp_path / "baseline.json"
    baseline.write_text(dumps_baseline(baseline_from_findings([found, attrs.evolve(found, line=9)] * 3)))
    report = check(root=tmp_path, baseline=baseline)
    [ct904] = report.findings
    assert ct904.code == "CT904" and ct904.severity is Severity.INFO and "5 findings" in ct904.message
    assert [s.finding for s in report.suppressed] == [found]


def test_stale_finding_points_at_the_entry_in_the_file(tmp_path: Path) -> None:
    found = engine_finding(tmp_path)
    path = tmp_path / "baseline.json"
    path.write_text(dumps_baseline(baseline_from_findings([found, finding("x|y", path="content/b.md")])))
    report = check(root=tmp_path, baseline=path)
    assert [s.finding for s in report.suppressed] == [found]
    [ct904] = report.findings
    assert (ct904.path, ct904.line, ct904.column) == ("baseline.json", 13, 5)
    assert "CT101 in content/b.md" in ct904.message


def test_write_is_sorted_and_keeps_what_the_baseline_already_absorbed(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    report = Report(
        findings=(finding(path="content/z.md"), finding(path="content/a.md"), finding(code="CT904")),
        suppressed=(Suppressed(finding(path="content/m.md"), BASELINE_REASON),
                    Suppressed(finding(path="content/n.md"), "inline comment")),
    )
    write_baseline(report, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == 2  # schema 2: long sentences fingerprinted by a window
    assert [e["path"] for e in data["entries"]] == ["content/a.md", "content/m.md", "content/z.md"]
    assert data["entries"][0]["figure"] == "over 92%" and data["entries"][0]["count"] == 1
    assert list(tmp_path.iterdir()) == [path]  # no temp file left behind
    assert load_baseline(path).entries == baseline_from_findings(
        [finding(path="content/a.md"), finding(path="content/m.md"), finding(path="content/z.md")]).entries


def test_write_is_deterministic(tmp_path: Path) -> None:
    findings = (finding(path="b.md"), finding(path="a.md"), finding("q|r"))
    write_baseline(Report(findings), tmp_path / "one.json")
    write_baseline(Report(tuple(reversed(findings))), tmp_path / "two.json")
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


@pytest.mark.parametrize("count", [0, 1, 3])
def test_the_streamed_baseline_is_the_indented_document_an_entry_at_a_time(count: int) -> None:
    hostile = 'say "92%" \\ \n\t\u2028 é 𝟗 </script>'
    findings = [attrs.evolve(finding(f"{hostile}|{i}", path=f"content/{i}.md"), message=hostile, figure=None)
                for i in range(count)]
    baseline = baseline_from_findings(findings)
    pieces = list(stream_baseline(baseline))
    payload = {"schema": 2, "tool": "claimstrack", "entries": [e.to_json() for e in baseline.entries]}
    assert "".join(pieces) == json.dumps(payload, indent=2, ensure_ascii=False) + "\n" == dumps_baseline(baseline)
    assert len(pieces) == (count + 2 if count else 1)  # the head, each entry, the end
    assert json.loads("".join(pieces))["entries"][-1:] == [e.to_json() for e in baseline.entries][-1:]


def test_duplicate_entries_add_up() -> None:
    entry = json.loads(dumps_baseline(baseline_from_findings([finding()])))["entries"][0]
    text = json.dumps({"schema": 1, "entries": [entry, entry]})
    baseline = parse_baseline(text, "b.json")
    assert apply_baseline([finding(line=1), finding(line=2)], baseline)[0] == []


GOOD_ENTRY = '{"code": "CT101", "path": "a.md", "fingerprint": "' + "a" * 64 + '", "count": 1}'


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("", 1, 1, "invalid JSON"),
        ('{"schema": 1,\n "entries": [\n  {"code": "CT101",}\n ]}', 3, 20, "invalid JSON"),
        ("[]", 1, 1, "must be a JSON object"),
        ('{"schema": 3, "entries": []}', 1, 1, "'schema' must be 2 (or 1 from an older claimstrack), found 3"),
        ('{"schema": 1}', 1, 1, "'entries' must be a list"),
        ('{"schema": 1, "entries": [], "extra": 1}', 1, 1, "unknown key 'extra'"),
        ('{"schema": 1, "entries": [\n  ' + GOOD_ENTRY + ',\n  3\n]}', 1, 1, "entries[1] must be an object"),
        ('{"schema": 1, "entries": [\n  ' + GOOD_ENTRY + ',\n  {"code": "CT101", "path": "a.md", "fingerprint": "xyz"}\n]}',
         3, 3, "entries[1]: 'fingerprint' must be 64 lowercase hex digits"),
        ('{"schema": 1, "entries": [\n    ' + GOOD_ENTRY.replace('"count": 1', '"count": 0') + "\n]}",
         2, 5, "entries[0]: 'count' must be a positive integer"),
        ('{"schema": 1, "entries": [' + GOOD_ENTRY.replace('"count": 1', '"count": true') + "]}",
         1, 27, "'count' must be a positive integer"),
        ('{"schema": 1, "entries": [' + GOOD_ENTRY.replace('"a.md"', '""') + "]}", 1, 27, "'path' must be a non-empty string"),
        ('{"schema": 1, "entries": [' + GOOD_ENTRY.replace('"count": 1', '"cuont": 1') + "]}", 1, 27, "unknown key 'cuont'"),
        ('{"schema": 1, "entries": [' + GOOD_ENTRY.replace('"count": 1', '"figure": 5') + "]}", 1, 27, "'figure' must be a string"),
        ('{"schema": 1, "entries": [{"path": "x{[\\"]}", "code": 5, "fingerprint": "' + "a" * 64 + '"}]}',
         1, 27, "'code' must be a non-empty string"),
        ("[" * 100000, 1, 1, "nested too deeply"),
    ],
)
def test_bad_baselines_are_config_errors_with_positions(text: str, line: int, column: int, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_baseline(text, "baseline.json")
    problems = [(p.location.path, p.location.line, p.location.column) for p in caught.value.problems]
    assert ("baseline.json", line, column) in problems
    assert any(message in p.message for p in caught.value.problems), caught.value.problems


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: None, "baseline file not found"),
        (lambda p: p.write_bytes(b"\xff\xfe{"), "cannot read the baseline file"),
        (lambda p: p.mkdir(), "cannot read the baseline file"),
    ],
    ids=["missing", "not-utf8", "directory"],
)
def test_unreadable_baseline_files(tmp_path: Path, setup, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "baseline.json"
    setup(path)
    with pytest.raises(ConfigError, match=message):
        load_baseline(path, display_path="baseline.json")


def test_empty_baseline_changes_nothing() -> None:
    findings = [finding()]
    assert apply_baseline(findings, Baseline("b.json")) == (findings, [], [])


def test_hostile_1mb_baseline_parses_linearly() -> None:
    entry = '{"code": "CT101", "path": "' + '\\"{[' * 20 + '", "fingerprint": "' + "b" * 64 + '", "count": 1}'
    text = '{"schema": 1, "entries": [' + ",".join([entry] * 6000) + "]}"
    assert len(text) > 1_000_000
    assert len(parse_baseline(text, "b.json").entries) == 6000
