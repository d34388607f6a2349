"""The Markdown report: compact, for a pull-request comment."""

from __future__ import annotations

from functools import cache

import jinja2

from claimstrack.report.model import ReportView

# Characters that start Markdown formatting, links or HTML; escaped so copy stays plain text.
_MARKDOWN_ESCAPES = str.maketrans({
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "|": "\\|",
    "#": "\\#",
    "~": "\\~",
    "<": "&lt;",
    ">": "&gt;",
    "&": "&amp;",
    "\r": " ",
    "\n": " ",
})


def escape_markdown(value: object) -> str:
    """Plain text that renders as itself in a GitHub Markdown table cell."""
    return str(value if value is not None else "").translate(_MARKDOWN_ESCAPES)


def code_span(value: object) -> str:
    """An inline code span; pipes are escaped (GFM splits table cells even inside code)."""
    text = str(value).replace("\r", " ").replace("\n", " ").replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if "`" in text else f"{fence}{text}{fence}"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("claimstrack.report", "templates"),
        autoescape=False,  # Markdown, not HTML: every value goes through the `md` filter instead
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["md"] = escape_markdown
    env.filters["code"] = code_span
    return env


def render_markdown(view: ReportView) -> str:
    """The report as GitHub-flavoured Markdown: summary, findings, inconsistencies."""
    return environment().get_template("report.md.j2").render(view=view)
