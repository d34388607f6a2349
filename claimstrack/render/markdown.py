"""`--format markdown`: a pull-request comment or job summary.

A summary line, then one table per severity (worst first), then the suppressed findings in a
collapsed section. Every value from a document goes through `markdown_text`: HTML is
neutralised, Markdown punctuation backslash-escaped, `|` cannot open a cell, a line break
cannot end the row, and `@mentions` and issue references cannot notify anyone.
"""

from __future__ import annotations

from claimstrack.model import Finding
from claimstrack.render._common import (
    SEVERITY_ORDER,
    ReportLike,
    markdown_text,
    sorted_findings,
    summary_line,
)
from claimstrack.render.formats import OutputFormat

TITLE = "## claimstrack"

_HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Info"}

#: GitHub refuses comments over 65,536 characters; tables stop short of it with a note.
COMMENT_LIMIT = 60_000


def render_markdown(report: ReportLike, *, limit: int = COMMENT_LIMIT) -> str:
    """The report as GitHub-flavoured Markdown, kept under `limit` characters.

    When the findings would not fit, the worst are kept (errors first) and the rest are counted
    in a closing line, so the comment still posts.
    """
    parts = [TITLE, "", summary_line(report)]
    budget = limit - 500  # room for the closing lines
    used = sum(len(p) + 1 for p in parts)
    left_out = 0
    findings = sorted_findings(report.findings)
    for severity in SEVERITY_ORDER:
        group = [f for f in findings if f.severity is severity]
        if not group:
            continue
        heading = ["", f"### {_HEADINGS[severity.value]} ({len(group)})", "", "| Location | Rule | Message |",
                   "| --- | --- | --- |"]
        rows = []
        for finding in group:
            if left_out:  # once a row did not fit, the rest are only counted, not written
                left_out += 1
                continue
            row = _row(finding)
            if used + len(row) + sum(len(h) + 1 for h in heading) > budget:
                left_out += 1
                continue
            rows.append(row)
            used += len(row) + 1
        if rows:
            parts += heading + rows
            used += sum(len(h) + 1 for h in heading)
    if left_out:
        parts += ["", f"_{left_out} more findings are not shown: a comment holds 65,536 characters. "
                      "Run `claimstrack check` for the full list._"]
    if report.suppressed and not left_out:
        section = _suppressed_section(report)
        if used + sum(len(line) + 1 for line in section) <= budget:
            parts += ["", *section]
    return "\n".join(parts) + "\n"


def _row(finding: Finding) -> str:
    return f"| {_location(finding)} | {finding.code} {finding.name} | {_message(finding)} |"


def _location(finding: Finding) -> str:
    return markdown_text(finding.where)


def _message(finding: Finding) -> str:
    related = "".join(
        "<br>" + markdown_text(f"{r.where}: {r.message}") for r in finding.related
    )
    return markdown_text(finding.message) + related


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
        rows.append(f"| {_location(finding)} | {finding.code} {finding.name} | {markdown_text(entry.reason)} |")
    rows += ["", "</details>"]
    return rows


FORMAT = OutputFormat("markdown", (".md", ".markdown"), lambda report, options: render_markdown(report))
