"""The default terminal output, in the shape ruff and flake8 users already read.

    content/page.md:3:12: CT101 [error] message
        content/other.md:7:1: the other side of it
    <blank line>
    Found 1 error, 0 warnings, 0 info (0 suppressed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from claimstrack.model import Finding, Related, Severity
from claimstrack.render._common import (
    ReportLike,
    one_line,
    sorted_findings,
    summary_line,
    with_progress,
)
from claimstrack.render.formats import OutputFormat

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_SEVERITY_COLOUR = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_DIM = "\x1b[2m"


def render_text(report: ReportLike, *, color: bool = False) -> str:
    """Findings one per line, related places indented below, then the summary line."""
    return "".join(stream_text(report, color=color))


def stream_text(
    report: ReportLike, *, color: bool = False, progress: Callable[[int], object] | None = None
) -> Iterator[str]:
    """`render_text` piece by piece: a finding with its related places at a time."""
    # The findings of one disagreement name the same other sides (the same Related objects), a
    # few hundred thousand places on a large site: each one's line is made once, by its id
    # (every finding, and so every related place, lives as long as the report).
    related_lines: dict[int, str] = {}
    for finding in with_progress(sorted_findings(report.findings), progress):
        lines = [format_finding(finding, color=color)]
        for related in finding.related:
            line = related_lines.get(id(related))
            if line is None:
                line = related_lines[id(related)] = _related_line(related, color=color)
            lines.append(line)
        yield "\n".join(lines) + "\n"
    summary = summary_line(report)
    yield "\n" + _paint(summary, _BOLD, color) + "\n" if report.findings else summary + "\n"


def format_finding(finding: Finding, *, color: bool = False) -> str:
    """`path:line:col: CODE [severity] message` on one line."""
    colour = _SEVERITY_COLOUR[finding.severity]
    location = f"{_paint(one_line(finding.path), _BOLD, color)}{finding.where[len(finding.path):]}:"
    code = _paint(finding.code, _BOLD + colour, color)
    severity = _paint(f"[{finding.severity.value}]", colour, color)
    return f"{location} {code} {severity} {one_line(finding.message)}"


def _related_line(related: Related, *, color: bool) -> str:
    return "    " + _paint(f"{one_line(related.where)}:", _DIM, color) + f" {one_line(related.message)}"


def _paint(text: str, style: str, color: bool) -> str:
    return f"{style}{text}{_RESET}" if color else text


FORMAT = OutputFormat("text", (".txt", ".log"),
                      lambda report, options: stream_text(report, color=options.color, progress=options.progress))
