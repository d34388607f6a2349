"""`--format markdown`: a pull-request comment or job summary.

A summary line, then one table per severity (worst first), then the suppressed findings in a
collapsed section. Every value from a document is escaped for a GFM table cell: HTML is
neutralised, Markdown punctuation backslash-escaped, `|` cannot open a cell and a line break
cannot end the row.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimstrack.model import Finding
from claimstrack.render._common import SEVERITY_ORDER, ReportLike, one_line, sorted_findings, summary_line

TITLE = "## claimstrack"

# Inline Markdown that could format, link, or open math or code in a cell; `<`, `>` and `&`
# are handled as HTML entities instead.
_MARKDOWN_PUNCTUATION = "\\`*_[]()!|~$#"
_ESCAPES = {ord(c): "\\" + c for c in _MARKDOWN_PUNCTUATION}
_ESCAPES.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;"})
_HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Info"}


def markdown_cell(text: str) -> str:
    """Text that renders literally inside one GFM table cell (line breaks become <br>)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(one_line(line).translate(_ESCAPES) for line in lines)


def render_markdown(report: ReportLike) -> str:
    """The report as GitHub-flavoured Markdown."""
    parts = [TITLE, "", summary_line(report)]
    findings = sorted_findings(report.findings)
    for severity in SEVERITY_ORDER:
        group = [f for f in findings if f.severity is severity]
        if group:
            parts += ["", f"### {_HEADINGS[severity.value]} ({len(group)})", "", *_table(group)]
    if report.suppressed:
        parts += ["", *_suppressed_section(report)]
    return "\n".join(parts) + "\n"


def _table(findings: Sequence[Finding]) -> list[str]:
    rows = ["| Location | Rule | Message |", "| --- | --- | --- |"]
    for finding in findings:
        rows.append(f"| {_location(finding)} | {finding.code} {finding.name} | {_message(finding)} |")
    return rows


def _location(finding: Finding) -> str:
    return markdown_cell(f"{finding.path}:{finding.line}:{finding.column}")


def _message(finding: Finding) -> str:
    related = "".join(
        "<br>" + markdown_cell(f"{r.path}:{r.line}:{r.column}: {r.message}") for r in finding.related
    )
    return markdown_cell(finding.message) + related


def _suppressed_section(report: ReportLike) -> list[str]:
    entries = sorted(report.suppressed, key=lambda s: (s.finding.sort_key, s.reason))
    rows = [
        f"<details><summary>{len(entries)} suppressed</summary>",
        "",
        "| Location | Rule | Reason |",
        "| --- | --- | --- |",
    ]
    for entry in entries:
        finding = entry.finding
        rows.append(f"| {_location(finding)} | {finding.code} {finding.name} | {markdown_cell(entry.reason)} |")
    rows += ["", "</details>"]
    return rows
