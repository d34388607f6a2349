"""Renderers of a check report: one per output format, all deterministic.

`render_stream(report, format)` is what the CLI writes, piece by piece as it is made, and
`render(report, format)` the same output as one string; `render_statistics` backs
`--statistics`; the `rules_doc` functions back `claimstrack rules` and `claimstrack rule CODE`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from claimstrack.checks.lines import rule_counts
from claimstrack.errors import UsageError
from claimstrack.model import Severity
from claimstrack.render._common import ReportLike, summary_line
from claimstrack.render.formats import (
    DEFAULT_FORMAT,
    OutputFormat,
    RenderOptions,
    format_extensions,
    format_for_path,
    format_names,
    output_formats,
)
from claimstrack.render.github import append_step_summary, render_github
from claimstrack.render.json_ import render_json
from claimstrack.render.junit import render_junit
from claimstrack.render.markdown import render_markdown
from claimstrack.render.rules_doc import (
    render_rule,
    render_rules_json,
    render_rules_markdown,
    render_rules_table,
)
from claimstrack.render.sarif import render_sarif
from claimstrack.render.text import render_text

#: Every value `--format` accepts for `claimstrack check`; text is the default.
FORMATS = format_names()


def render(report: ReportLike, format: str, *, color: bool = False,
           fail_on: Severity | str | None = None) -> str:
    """The report in one output format; `color` only affects `text`, and `fail_on` (default:
    the report's configured fail-on, else error) only `junit`, where it splits failures from
    passed cases."""
    return "".join(render_stream(report, format, color=color, fail_on=fail_on))


def render_stream(report: ReportLike, format: str, *, color: bool = False, fail_on: Severity | str | None = None,
                  progress: Callable[[int], object] | None = None) -> Iterator[str]:
    """`render`'s output in pieces, each made when the previous one has been taken, so that
    writing them as they come (`claimstrack.atomic.write_atomic(path, pieces)`) never holds the
    whole output. `progress`, if given, is told how many findings each piece wrote."""
    chosen = {f.name: f for f in output_formats()}.get(format)
    if chosen is None:
        names = ", ".join(format_names())
        raise UsageError(f"unknown output format {format!r}; choose one of {names}")
    gate = Severity(fail_on) if fail_on else _configured_fail_on(report)
    return chosen.stream(report, RenderOptions(color=color, fail_on=gate, progress=progress))


def _configured_fail_on(report: ReportLike) -> Severity:
    fail_on = getattr(getattr(report, "config", None), "fail_on", None)
    return fail_on if isinstance(fail_on, Severity) else Severity.ERROR


def render_statistics(report: ReportLike) -> str:
    """Findings counted per rule, most frequent first, like `ruff --statistics`."""
    counts = rule_counts(report.findings)
    if not counts:
        return summary_line(report) + "\n"
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    width = len(str(rows[0][1]))
    lines = [f"{count:>{width}}\t{code}\t[{severity}]\t{name}" for (code, name, severity), count in rows]
    return "\n".join(lines) + "\n"


__all__ = [
    "DEFAULT_FORMAT",
    "FORMATS",
    "OutputFormat",
    "RenderOptions",
    "format_extensions",
    "format_for_path",
    "format_names",
    "output_formats",
    "append_step_summary",
    "render",
    "render_stream",
    "render_github",
    "render_json",
    "render_junit",
    "render_markdown",
    "render_rule",
    "render_rules_json",
    "render_rules_markdown",
    "render_rules_table",
    "render_sarif",
    "render_statistics",
    "render_text",
]
