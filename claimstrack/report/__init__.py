"""The compliance review report: `render_report(report, "html" | "markdown" | "json")`.

The engine's `Report` becomes a view model (`claimstrack.report.views`, built by
`claimstrack.report.building`), which the HTML renderer (Jinja2, autoescape on,
self-contained), the Markdown renderer (a pull-request comment) or the JSON renderer (for
tools) turns into text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from claimstrack.errors import UsageError

if TYPE_CHECKING:
    from claimstrack.engine import Report
    from claimstrack.report.building import build_view
    from claimstrack.report.views import ReportView

FORMATS = ("html", "markdown", "json")
#: `-o` file extension -> the report format it implies when `--format` is not given.
EXTENSIONS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".json": "json"}

__all__ = ["EXTENSIONS", "FORMATS", "ReportView", "build_view", "render_report", "stream_report"]


def __getattr__(name: str) -> object:
    """`build_view` and `ReportView`, imported on first use. The report's modules (and Jinja2)
    are loaded when a report is made, not when the command line reads this package's FORMATS
    to build its parser: a check never makes a report."""
    if name == "build_view":
        from claimstrack.report.building import build_view

        return build_view
    if name == "ReportView":
        from claimstrack.report.views import ReportView

        return ReportView
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def render_report(
    report: Report,
    format: str,
    *,
    title: str | None = None,
    generated_at: dt.datetime | None = None,
) -> str:
    """The report of a check run as HTML, Markdown or JSON text.

    `report` is what `claimstrack.check()` returns; `generated_at` defaults to now (UTC) and is
    printed in the audit trail. An unknown format raises UsageError (exit code 2).
    """
    return "".join(stream_report(report, format, title=title, generated_at=generated_at))


def stream_report(
    report: Report,
    format: str,
    *,
    title: str | None = None,
    generated_at: dt.datetime | None = None,
) -> Iterator[str]:
    """`render_report` in pieces, for writing as it is made: the HTML a stretch at a time as
    the template produces it (a site's report runs to hundreds of megabytes), the Markdown and
    JSON whole. The format is checked before anything is produced."""
    if format not in FORMATS:
        raise UsageError(f"unknown report format {format!r}: expected one of {', '.join(FORMATS)}")
    from claimstrack.report.building import build_view  # on first use: see __getattr__
    from claimstrack.report.html import stream_html
    from claimstrack.report.json_view import render_json
    from claimstrack.report.markdown import render_markdown

    view = build_view(report, title=title, generated_at=generated_at)
    if format == "markdown":
        return iter([render_markdown(view)])
    if format == "json":
        return iter([render_json(view)])
    tolerance = report.config.tolerance
    return stream_html(view, (tolerance.approximate, tolerance.hedge))
