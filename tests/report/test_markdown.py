from __future__ import annotations

import attrs
import pytest

from claimstrack.model import Severity
from claimstrack.render._common import code_span, markdown_text
from claimstrack.report import render_report

from .conftest import build_report, finding_at


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", "a \\| b"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"),
        ("**bold** _it_ `code` [link](x)", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\[link\\]\\(x\\)"),
        ("line\nbreak", "line<br>break"),
        ("AT&T", "AT&amp;T"),
        ("back\\slash", "back\\\\slash"),
        (None, ""),
    ],
)
def test_markdown_text(text, expected):
    assert markdown_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("content/a.md:3:1", "`content/a.md:3:1`"),
        ("a|b", "`a\\|b`"),
        ("a`b", "`` a`b ``"),
    ],
)
def test_code_span(text, expected):
    assert code_span(text) == expected


def table_rows(markdown: str, header: str) -> list[list[str]]:
    """The cells of the table under `header`, split on unescaped pipes."""
    lines = markdown[markdown.index(header):].splitlines()[2:]
    rows = []
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in _split_cells(line)[1:-1]]
        rows.append(cells)
    return rows


def _split_cells(line: str) -> list[str]:
    cells, current, escaped = [], [], False
    for char in line:
        if char == "|" and not escaped:
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        escaped = char == "\\" and not escaped
    cells.append("".join(current))
    return cells


def test_markdown_report_sections(report):
    markdown = render_report(report, "markdown")
    assert markdown.startswith("## Claims compliance review\n")
    assert "FAIL" in markdown and "exit code 1" in markdown
    findings = table_rows(markdown, "### Findings")
    assert [row[0] for row in findings] == ["`CT101` unsupported-figure", "`CT201` measure-conflict"]
    inconsistencies = table_rows(markdown, "### Inconsistencies")
    assert [row[1:] for row in inconsistencies] == [
        ["`content/a.md:3`", "Approximately 42 million Americans", "`[37.8M, 46.2M]`"],
        ["`content/b.txt:1`", "Almost 49 million people", "`[46.55M, 49M)`"],
    ]
    assert "family history figure is under legal review" in markdown


def test_markdown_escapes_pipes_and_html_in_messages(project):
    report = build_report(project)
    occ = report.occurrences[2]
    hostile = finding_at(occ, "CT101", "unsupported-figure", Severity.ERROR, "a | b <img src=x onerror=alert(1)>")
    markdown = render_report(attrs.evolve(report, findings=(hostile,)), "markdown")
    (row,) = table_rows(markdown, "### Findings")
    assert len(row) == 4  # the pipe in the message did not split the row
    assert row[3] == "a \\| b &lt;img src=x onerror=alert\\(1\\)&gt;"
    assert "<img" not in markdown


def test_markdown_for_a_clean_run(project):
    clean = attrs.evolve(build_report(project), findings=(), suppressed=())
    markdown = render_report(clean, "markdown")
    assert "PASS" in markdown and "No open findings." in markdown
    assert "### Inconsistencies" not in markdown and "<details>" not in markdown


def test_a_long_report_is_cut_where_its_whole_text_would_be(report):
    """Rows past the comment's limit are only counted: the comment is still the whole text cut."""
    from claimstrack.report import build_view
    from claimstrack.report.markdown import fit_comment, render_markdown

    view = build_view(attrs.evolve(report, findings=report.findings * 300))
    whole = render_markdown(view, limit=10**9)
    assert len(whole) > 40_000 and "### Inconsistencies" in whole and "suppressed finding" in whole
    for limit in [*range(500, len(whole) + 3_000, 2_999), len(whole), len(whole) + 1]:
        assert render_markdown(view, limit=limit) == fit_comment(whole, limit)


def test_fit_comment_cuts_a_long_report_at_a_line_and_says_so():
    from claimstrack.report.markdown import fit_comment

    text = "".join(f"| row {i} | {'x' * 50} |\n" for i in range(2000))
    fitted = fit_comment(text, 10_000)
    assert len(fitted) <= 10_000
    kept_rows = fitted.count("| row ")
    assert fitted.splitlines()[kept_rows - 1].endswith("|")  # no row is cut in half
    assert f"({2000 - kept_rows} more lines)" in fitted
    assert fit_comment("short\n", 10_000) == "short\n"
