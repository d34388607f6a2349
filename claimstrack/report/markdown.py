"""The Markdown report: compact, for a pull-request comment."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING

from claimstrack.render._common import code_span, markdown_text
from claimstrack.report.templating import template_environment
from claimstrack.report.views import ReportView, RuleGroup

if TYPE_CHECKING:
    import jinja2


@cache
def environment() -> jinja2.Environment:
    """The Markdown template environment: no autoescape (Markdown, not HTML: every value goes
    through the `md` filter instead)."""
    return template_environment(autoescape=False, filters={"md": markdown_text, "code": code_span,
                                                           "finding_rows_md": finding_rows_md},
                                keep_trailing_newline=True)


#: GitHub refuses comments over 65,536 characters.
COMMENT_LIMIT = 60_000


class _Cut:
    """Whether the text so far is already past the comment's limit. From then on the comment is
    cut at a line the text so far holds, and what follows counts by its lines alone, so a row
    is counted, not written (`finding_rows_md`): a 1 MB page has tens of thousands of findings,
    and a comment holds about five hundred."""

    past = False


def render_markdown(view: ReportView, *, limit: int = COMMENT_LIMIT) -> str:
    """The report as GitHub-flavoured Markdown: summary, findings, inconsistencies.

    A report longer than `limit` is cut at a line (the summary comes first, so it always
    survives) and says so, so that it can still be posted as a pull-request comment.
    """
    cut = _Cut()
    pieces: list[str] = []
    size, lines_after = 0, 0
    for piece in environment().get_template("report.md.j2").generate(view=view, cut=cut):
        if cut.past:
            lines_after += piece.count("\n")
            continue
        pieces.append(piece)
        size += len(piece)
        cut.past = size > limit
    return fit_comment("".join(pieces), limit, lines_after=lines_after)


def finding_rows_md(groups: Sequence[RuleGroup], cut: _Cut) -> Iterator[str]:
    """The findings table's rows, one line each (`md` and `code` write no line break), rule by
    rule; once the text is past the comment's limit, only their line breaks."""
    for group in groups:
        rule = f"| {code_span(group.code)} {markdown_text(group.name)} | "
        for index, f in enumerate(group.findings):
            if cut.past:
                yield "\n" * (len(group.findings) - index)
                break
            yield f"{rule}{f.severity} | {code_span(f.location)} | {markdown_text(f.message)} |\n"


def fit_comment(text: str, limit: int, *, lines_after: int = 0) -> str:
    """`text` cut at the last line break that leaves room for a closing note, if too long;
    `lines_after` more lines follow `text` (already past `limit`) and are counted as dropped."""
    if len(text) <= limit and not lines_after:
        return text
    cut = text.rfind("\n", 0, limit - 200)
    kept = text[: cut if cut > 0 else limit - 200]
    dropped = text.count("\n", len(kept)) + lines_after - 1
    return (f"{kept}\n\n_The report is cut here ({dropped} more lines): a comment holds 65,536 "
            "characters. The HTML report (`--format html`) has everything._\n")
