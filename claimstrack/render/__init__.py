"""Renderers of a check report: one per output format, all deterministic.

`render(report, format)` is what the CLI calls; `render_statistics` backs `--statistics`; the
`rules_doc` functions back `claimstrack rules` and `claimstrack rule CODE`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from claimstrack.errors import UsageError
from claimstrack.model import Severity
from claimstrack.render._common import ReportLike, summary_line
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

_RENDERERS: dict[str, Callable[[ReportLike], str]] = {
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
    "junit": render_junit,
    "markdown": render_markdown,
}

#: Every value `--format` accepts for `claimstrack check`; text is the default.
FORMATS = ("text", *_RENDERERS)


def render(report: ReportLike, format: str, *, color: bool = False,
           fail_on: Severity | str | None = None) -> str:
    """The report in one output format; `color` only affects `text`, and `fail_on` (default:
    the report's configured fail-on, else error) only `junit`, where it splits failures from
    passed cases."""
    if format == "text":
        return render_text(report, color=color)
    if format == "junit":
        return render_junit(report, fail_on=fail_on or _configured_fail_on(report))
    try:
        renderer = _RENDERERS[format]
    except KeyError:
        raise UsageError(f"unknown output format {format!r}; choose one of {', '.join(FORMATS)}") from None
    return renderer(report)


def _configured_fail_on(report: ReportLike) -> Severity:
    fail_on = getattr(getattr(report, "config", None), "fail_on", None)
    return fail_on if isinstance(fail_on, Severity) else Severity.ERROR


def render_statistics(report: ReportLike) -> str:
    """Findings counted per rule, most frequent first, like `ruff --statistics`."""
    counts = Counter((f.code, f.name, f.severity.value) for f in report.findings)
    if not counts:
        return summary_line(report) + "\n"
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    width = len(str(rows[0][1]))
    lines = [f"{count:>{width}}\t{code}\t[{severity}]\t{name}" for (code, name, severity), count in rows]
    return "\n".join(lines) + "\n"


__all__ = [
    "FORMATS",
    "append_step_summary",
    "render",
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
