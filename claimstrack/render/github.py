"""`--format github`: GitHub Actions workflow commands that annotate the pull request diff.

    ::error file=content/a.md,line=3,col=12,endLine=3,endColumn=20,title=CT101 unsupported-figure::message

GitHub reads one command per line, so every value is escaped as its runner does: in the
message `%`, CR and LF become `%25`, `%0D`, `%0A`; in properties `:` and `,` are escaped too
(`%3A`, `%2C`), so a path or title cannot end the property list early.
`step_summary()` is the Markdown table appended to $GITHUB_STEP_SUMMARY.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from claimstrack.model import Finding, Severity
from claimstrack.render._common import ReportLike, sorted_findings, with_progress
from claimstrack.render.formats import OutputFormat
from claimstrack.render.markdown import render_markdown

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: ReportLike) -> str:
    """One annotation command per finding, sorted; empty when there is nothing to say."""
    return "".join(stream_github(report))


def stream_github(report: ReportLike, progress: Callable[[int], object] | None = None) -> Iterator[str]:
    """`render_github` a command (one line) at a time."""
    annotate = _Annotations()
    for finding in with_progress(sorted_findings(report.findings), progress):
        yield annotate.of(finding) + "\n"


def annotation(finding: Finding) -> str:
    """The workflow command for one finding."""
    properties = {
        "file": finding.path,
        "line": str(finding.line),
        "col": str(finding.column),
        "endLine": str(finding.end_line),
        "endColumn": str(finding.end_column),
        "title": f"{finding.code} {finding.name}",
    }
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{_COMMAND[finding.severity]} {joined}::{escape_data(finding.message)}"


class _Annotations:
    """`annotation` for many findings, from parts most of them share, each escaped once: the
    command with its file (one per severity and path) and the title (one per rule). Positions
    are ints, whose text needs no escaping; a finding with any other position, or a message with
    a character to escape, goes through `annotation`'s own escaping."""

    def __init__(self) -> None:
        self._starts: dict[tuple[Severity, str], str] = {}
        self._titles: dict[tuple[str, str], str] = {}

    def of(self, finding: Finding) -> str:
        line, column, end_line, end_column = finding.line, finding.column, finding.end_line, finding.end_column
        message = finding.message
        if not (type(line) is int and type(column) is int and type(end_line) is int and type(end_column) is int
                and type(message) is str and "%" not in message and "\r" not in message and "\n" not in message):
            return annotation(finding)
        key = (finding.severity, finding.path)
        start = self._starts.get(key)
        if start is None:
            start = self._starts[key] = f"::{_COMMAND[finding.severity]} file={escape_property(finding.path)},line="
        rule = (finding.code, finding.name)
        title = self._titles.get(rule)
        if title is None:
            title = self._titles[rule] = escape_property(f"{finding.code} {finding.name}")
        return (f"{start}{line},col={column},endLine={end_line},endColumn={end_column},title={title}"
                f"::{message}")


def step_summary(report: ReportLike) -> str:
    """The Markdown a job summary shows: the same summary and tables as `--format markdown`."""
    return render_markdown(report)


def append_step_summary(report: ReportLike, environ: Mapping[str, str] | None = None) -> Path | None:
    """Append the step summary to $GITHUB_STEP_SUMMARY when it is set; return the file used."""
    env = os.environ if environ is None else environ
    target = env.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    path = Path(target)
    with path.open("a", encoding="utf-8") as stream:
        stream.write(step_summary(report))
    return path


FORMAT = OutputFormat("github", (), lambda report, options: stream_github(report, options.progress))
