"""Markdown for pull-request comments: grouped tables, everything escaped."""

from __future__ import annotations

import pytest
from render_helpers import FakeReport, hostile_report, make_finding, mixed_report

from claimstrack.render._common import markdown_text
from claimstrack.render.markdown import render_markdown


def test_summary_and_tables_grouped_by_severity_worst_first() -> None:
    lines = render_markdown(mixed_report()).splitlines()
    assert lines[:3] == ["## claimstrack", "", "Found 2 errors, 1 warning, 1 info (1 suppressed)."]
    headings = [line for line in lines if line.startswith("### ")]
    assert headings == ["### Errors (2)", "### Warnings (1)", "### Info (1)"]
    assert "| content/a.md:1:1 | CT101 unsupported-figure | over 92% has no claim or citation behind it |" in lines
    assert ("| content/b.md:7:1 | CT201 conflicting-figures | 42 million differs from 49 million"
            "<br>content/a.md:2:5: almost 49 million here |") in lines
    assert "<details><summary>1 suppressed</summary>" in lines
    assert "| content/a.md:9:12 | CT101 unsupported-figure | quoted from a review |" in lines


def test_clean_report() -> None:
    assert render_markdown(FakeReport()) == "## claimstrack\n\nAll checks passed.\n"


@pytest.mark.parametrize(
    ("raw", "cell"),
    [
        ("a | b", "a \\| b"),
        ("line\nbreak", "line<br>break"),
        ("line\r\nbreak\rthird", "line<br>break<br>third"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"),
        ("&lt;", "&amp;lt;"),
        ("**bold** _it_ `code`", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\`"),
        ("[x](javascript:y)", "\\[x\\]\\(javascript:y\\)"),
        ("$x^2$", "\\$x^2\\$"),
        ("back\\slash|", "back\\\\slash\\|"),
        ("bell\x07", "bell\ufffd"),
    ],
)
def test_markdown_cell_escaping(raw: str, cell: str) -> None:
    assert markdown_text(raw) == cell


def test_hostile_rows_keep_three_cells() -> None:
    rows = [line for line in render_markdown(hostile_report()).splitlines() if line.startswith("| ")]
    for row in rows:
        unescaped_pipes = sum(1 for i, c in enumerate(row) if c == "|" and (i == 0 or row[i - 1] != "\\"))
        assert unescaped_pipes == 4, row
    assert all("<script>" not in row for row in rows)


def test_a_long_report_keeps_the_worst_findings_under_the_comment_limit() -> None:
    from claimstrack.model import Severity
    from claimstrack.render.markdown import render_markdown

    errors = [make_finding(code="CT101", message=f"error {i} " + "x" * 300, line=i + 1) for i in range(300)]
    infos = [make_finding(code="CT306", message=f"info {i}", line=i + 1, severity=Severity.INFO) for i in range(50)]
    output = render_markdown(FakeReport(tuple(errors + infos)))
    assert len(output) <= 60_000
    assert "error 0 " in output and "info 0" not in output
    shown = output.count("| content/")
    assert f"_{350 - shown} more findings are not shown" in output
