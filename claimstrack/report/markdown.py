"""The Markdown report: compact, for a pull-request comment."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from claimstrack.render._common import code_span, markdown_text
from claimstrack.report.templating import template_environment
from claimstrack.report.views import ReportView

if TYPE_CHECKING:
    import jinja2


@cache
def environment() -> jinja2.Environment:
    """The Markdown template environment: no autoescape (Markdown, not HTML: every value goes
    through the `md` filter instead)."""
    return template_environment(autoescape=False, filters={"md": markdown_text, "code": code_span},
                                keep_trailing_newline=True)


#: GitHub refuses comments over 65,536 characters.
COMMENT_LIMIT = 60_000


def render_markdown(view: ReportView, *, limit: int = COMMENT_LIMIT) -> str:
    """The report as GitHub-flavoured Markdown: summary, findings, inconsistencies.

    A report longer than `limit` is cut at a line (the summary comes first, so it always
    survives) and says so, so that it can still be posted as a pull-request comment.
    """
    text = environment().get_template("report.md.j2").render(view=view)
    return fit_comment(text, limit)


def fit_comment(text: str, limit: int) -> str:
    """`text` cut at the last line break that leaves room for a closing note, if too long."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit - 200)
    kept = text[: cut if cut > 0 else limit - 200]
    dropped = text.count("\n", len(kept)) - 1
    return (f"{kept}\n\n_The report is cut here ({dropped} more lines): a comment holds 65,536 "
            "characters. The HTML report (`--format html`) has everything._\n")
