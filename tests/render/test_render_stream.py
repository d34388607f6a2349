"""Outputs written as they are made (issue 10): every format's pieces join to `render`'s text,
and writing a large output holds a piece at a time, not the whole of it."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from render_helpers import FakeDocument, FakeReport, make_finding, mixed_report
from sarif_schema import load_sarif_schema

from claimstrack.atomic import write_atomic
from claimstrack.model import Related, Severity
from claimstrack.render import FORMATS, render, render_stream
from claimstrack.render import json_ as json_module
from claimstrack.render import sarif as sarif_module
from claimstrack.testing import write_peak

STREAMED = ("text", "json", "sarif", "junit", "github")


def large_report(count: int, words: int = 0) -> FakeReport:
    """`count` findings over a hundred pages, with related sides, warnings and info among them;
    each message `words` words longer."""
    findings = tuple(
        make_finding(
            ("CT101", "CT201", "CT306")[number % 3],
            path=f"content/page{number % 100:03d}.md",
            line=number // 100 + 1,
            message=f"finding number {number} about over {number % 97}% of patients" + " and more" * words,
            severity=(Severity.ERROR, Severity.WARNING, Severity.INFO)[number % 3],
            related=tuple(Related(f"content/page{(number + k) % 100:03d}.md", k + 1, 1, f"side {k}")
                          for k in range(number % 4)),
        )
        for number in range(count)
    )
    return FakeReport(findings=findings, documents=tuple(FakeDocument(f"content/page{n:03d}.md") for n in range(120)))


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("report", [mixed_report(), FakeReport(), large_report(1200)], ids=["mixed", "empty", "large"])
def test_the_pieces_join_to_the_rendered_output(format: str, report: FakeReport) -> None:
    pieces = list(render_stream(report, format))
    assert all(isinstance(piece, str) for piece in pieces)
    whole = "".join(pieces)
    # `render` is this very join, so equal to it proves nothing by itself: the joined pieces must
    # also be one whole document of the format (a piece lost or cut at a seam would break it),
    # holding every finding once.
    assert whole == render(report, format)
    assert findings_written(whole, format) == len(report.findings)


def findings_written(output: str, format: str) -> int:
    """How many findings an output holds, read back from the format itself."""
    if format == "json":
        return len(json.loads(output))
    if format == "sarif":
        return len(json.loads(output)["runs"][0]["results"])
    if format == "junit":
        return sum(1 for case in ET.fromstring(output).iter("testcase") if re.match(r"CT\d{3} ", case.get("name", "")))
    if format == "github":
        return sum(1 for line in output.splitlines() if line.startswith("::"))
    if format == "markdown":
        shown = output.split("<details>", maxsplit=1)[0]  # the suppressed findings' table comes last
        left_out = re.search(r"^_([\d,]+) more findings are not shown", shown, flags=re.MULTILINE)
        rows = len(re.findall(r"^\| \S+:\d+:\d+ \| CT\d{3} ", shown, flags=re.MULTILINE))
        return rows + (int(left_out.group(1).replace(",", "")) if left_out else 0)
    return len(re.findall(r"^\S+:\d+:\d+: CT\d{3} \[", output, flags=re.MULTILINE))


@pytest.mark.parametrize("format", STREAMED)
def test_a_large_output_comes_in_many_pieces(format: str) -> None:
    report = large_report(1200)  # past the indentation limit of JSON and SARIF
    assert len(list(render_stream(report, format))) > 100


@pytest.mark.parametrize("format", STREAMED)
def test_writing_a_large_output_holds_a_small_part_of_it(format: str, tmp_path: Path) -> None:
    """The whole output once took memory beyond its own size (SARIF: every result's dict, then
    the text); streamed, the peak is a small fraction of what is written (what remains is a
    list of the findings in order, which does not grow with the output's size)."""
    report = large_report(2000, words=300)
    target = tmp_path / f"out.{format}"
    peak = write_peak(target, render_stream(report, format))  # as benchmarks/output_writing.py measures it
    size = target.stat().st_size
    assert size > 5_000_000
    assert peak < size / 4, f"{format}: peak {peak:,} bytes for {size:,} bytes written"
    assert target.read_text(encoding="utf-8") == render(report, format)


def test_a_large_sarif_log_written_in_pieces_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sarif_module, "PRETTY_LIMIT", 10)  # the compact log, a result at a time
    log = json.loads(render(large_report(200), "sarif"))
    jsonschema.Draft4Validator(load_sarif_schema(), format_checker=jsonschema.FormatChecker()).validate(log)
    results = log["runs"][0]["results"]
    assert len(results) == 200 and results[0]["ruleId"] == "CT101"
    assert log["runs"][0]["results"] == sorted(results, key=lambda r: (
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        r["locations"][0]["physicalLocation"]["region"]["startLine"], r["ruleId"], r["message"]["text"]))


def test_a_large_junit_document_parses_with_every_suite_and_case() -> None:
    root = ET.fromstring(render(large_report(1200), "junit"))
    assert len(root) == 120  # every document, with or without findings
    assert sum(len(suite) for suite in root) == 1200 + 20  # a passing case for each clean page
    assert root.get("tests") == "1220"


@pytest.mark.parametrize("format", STREAMED)
def test_progress_is_told_of_every_finding_written(format: str) -> None:
    for report in (mixed_report(), large_report(1200)):
        told: list[int] = []
        for _ in render_stream(report, format, progress=told.append):
            pass
        assert sum(told) == len(report.findings)


def test_a_large_log_is_told_finding_by_finding_as_it_is_written() -> None:
    told: list[int] = []
    stream = render_stream(large_report(1200), "sarif", progress=told.append)
    next(stream), next(stream), next(stream)  # the log's opening, then two results
    assert 0 < sum(told) < 10


@pytest.mark.parametrize(("module", "format"), [(json_module, "json"), (sarif_module, "sarif")])
def test_indented_and_compact_forms_hold_the_same_content(module, format: str, monkeypatch) -> None:
    report = large_report(50)
    indented = json.loads(render(report, format))
    monkeypatch.setattr(module, "PRETTY_LIMIT", 10)
    compact = render(report, format)
    assert json.loads(compact) == indented and "\n  " not in compact


def test_an_output_whose_renderer_fails_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.sarif"
    target.write_text("previous log\n", encoding="utf-8")
    # The last result cannot be encoded (a figure that is not text): the log fails at its end.
    broken = large_report(1200).findings + (make_finding(path="content/zzz.md", figure=float("nan")),)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not JSON compliant"):
        write_atomic(target, render_stream(FakeReport(findings=broken), "sarif"))
    assert target.read_text(encoding="utf-8") == "previous log\n"
    assert os.listdir(tmp_path) == ["out.sarif"]
