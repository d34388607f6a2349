"""The HTML compliance review report: one self-contained file, Jinja2 with autoescape on."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from claimstrack.report.templating import template_environment
from claimstrack.report.views import (
    FLAGGED_WORDING,
    STATUS_LABELS,
    CitationView,
    FigureView,
    FindingView,
    ReportView,
    Segment,
    WordingView,
)

if TYPE_CHECKING:
    import jinja2

#: The functions that sign the report off; one signature row each.
SIGNOFF_ROLES = ("Medical review", "Legal review", "Regulatory review")

SEVERITY_SYMBOLS = {"error": "\u2716", "warning": "\u25b2", "info": "\u2139"}
CLAIM_STATUS_SYMBOLS = {
    "approved": "\u2713",
    "draft": "\u270e",
    "in-review": "\u25f7",
    "rejected": "\u2717",
    "withdrawn": "\u2717",
}


@cache
def environment() -> jinja2.Environment:
    """The HTML template environment: autoescape on for every template, undefined is an error."""
    filters: dict[str, Callable[..., Any]] = {"css_string": css_string, "paragraph_html": paragraph_html, "citation_html": citation_html,
                                                 "finding_rows_html": finding_rows_html, "figure_rows_html": figure_rows_html}
    return template_environment(autoescape=True, filters=filters)


def css_string(value: object) -> Markup:
    """Text for inside a double-quoted CSS string in a <style> element: every character but
    letters, digits, space and `.-_/:` becomes a CSS escape, so none can end the string, the rule
    or the element (HTML entities are not decoded inside <style>, so this is the only escaping)."""
    out = []
    for character in str(value):
        if character.isascii() and (character.isalnum() or character in " .-_/:"):
            out.append(character)
        else:
            out.append(f"\\{ord(character):06x}")
    return Markup("".join(out))


def paragraph_html(paragraph: tuple[Segment, ...]) -> Markup:
    """The inside of one paragraph of a document's copy: plain runs, marked figures and flagged
    wording with their superscript links. Built here rather than in a template loop: a 1 MB
    page has tens of thousands of marks, and the template's per-value work was most of the
    report's time; each value is escaped once, as autoescape would."""
    out: list[str] = []
    for segment in paragraph:
        if segment.figure is not None:
            _figure_mark(out, segment.text, segment.figure)
        elif segment.wording is not None:
            _wording_mark(out, segment.text, segment.wording)
        else:
            out.append(escape(segment.text))
    return Markup("".join(out))


def _figure_mark(out: list[str], text: str, fig: FigureView) -> None:
    out += ('<mark class="fig ', escape(fig.status), '" id="', escape(fig.anchor), '" title="', escape(fig.tooltip),
            '"><span class="sym" aria-hidden="true">', escape(fig.symbol), "</span>", escape(text),
            '<span class="visually-hidden"> (', escape(fig.label), ")</span></mark>")
    if not (fig.findings or fig.claim_anchor or fig.suppressed or fig.citations):
        return
    out.append('<sup class="refs">')
    _finding_links(out, fig.findings, fig.suppressed)
    if fig.claim_anchor:
        if fig.findings or fig.suppressed:
            out.append(" ")
        out += ('<a href="#', escape(fig.claim_anchor), '">claim</a>')
    separate = bool(fig.findings or fig.suppressed or fig.claim_anchor)
    for citation in fig.citations:
        if separate:
            out.append(" ")
        out.append(citation_html(citation))
        separate = True
    out.append("</sup>")


def _wording_mark(out: list[str], text: str, wording: WordingView) -> None:
    label, symbol = FLAGGED_WORDING
    out += ('<mark class="flag" id="', escape(wording.anchor), '" title="', escape(wording.tooltip),
            '"><span class="sym" aria-hidden="true">', escape(symbol), "</span>", escape(text),
            '<span class="visually-hidden"> (', escape(label), ')</span></mark>\n<sup class="refs">')
    _finding_links(out, wording.findings, wording.suppressed)
    out.append("</sup>")


def _finding_links(out: list[str], findings: tuple[FindingView, ...], suppressed: tuple[FindingView, ...]) -> None:
    """Links to a mark's open findings, then to its suppressed ones (marked \u2298), spaced."""
    out.append(" ".join(f'<a href="#{escape(f.anchor)}">{escape(f.code)}</a>' for f in findings))
    if suppressed and findings:
        out.append(" ")
    out.append(" ".join(f'<a href="#{escape(f.anchor)}">{escape(f.code)}&#x2298;</a>' for f in suppressed))


def citation_html(citation: CitationView) -> Markup:
    """A citation's mark: `@key`, linked to its reference with \u2713 or \u2717 for whether the
    local copy states the figure, or unlinked when the key is not in the bibliography."""
    key, title = escape(citation.key), escape(f"[@{citation.key}] {citation.verdict}")
    if not citation.reference_anchor:
        return Markup(f'<span class="cite" title="{title}">@{key}</span>')
    mark = "" if citation.contains is None else (" \u2713" if citation.contains else " \u2717")
    return Markup(f'<a class="cite" href="#{escape(citation.reference_anchor)}" title="{title}">@{key}{mark}</a>')


def finding_rows_html(findings: tuple[FindingView, ...]) -> Markup:
    """The rows of a rule's findings table, each on its own line (one per finding: tens of
    thousands on a 1 MB page, so built here rather than in a template loop)."""
    out: list[str] = []
    for f in findings:
        out += ('\n<tr id="', escape(f.anchor), '"><th scope="row" class="mono">', escape(f.location), "</th><td>",
                escape(f.message), "</td>\n<td>")
        if f.figure_anchor:
            out += ('<a href="#', escape(f.figure_anchor), '">', escape(f.figure or "figure"), "</a>")
        elif f.figure:
            out.append(escape(f.figure))
        out.append("</td>\n<td>")
        if f.claim_anchor:
            out += ('<a href="#', escape(f.claim_anchor), '"><code>', escape(f.claim), "</code></a>")
        elif f.claim:
            out += ("<code>", escape(f.claim), "</code>")
        out.append("</td></tr>")
    return Markup("".join(out))


def figure_rows_html(figures: tuple[FigureView, ...]) -> Iterator[Markup]:
    """The rows of a document's figures table, each starting on its own line (one per figure:
    tens of thousands on a 1 MB page, about twenty values each, so built here rather than in a
    template loop): line, figure, status with suppression reasons, what backs it, findings.
    Yielded _ROWS rows at a time, so the table is never held whole (the template loops over
    the batches)."""
    rows: list[str] = []
    for fig in figures:
        out: list[str] = ['\n<tr>\n  <td class="num">', escape(fig.position), '</td>\n  <th scope="row"><a href="#',
                              escape(fig.anchor), '">', escape(fig.text), "</a></th>\n  <td>"]
        out.append(_status_badge(fig.status, fig.label, fig.symbol))
        for reason in fig.reasons:
            out += ('<div class="small">Reason: ', escape(reason), "</div>")
        out.append("</td>\n  <td>")
        if fig.claim:
            out += ('<div>claim <a href="#', escape(fig.claim_anchor), '"><code>', escape(fig.claim), "</code></a></div>")
        for citation in fig.citations:
            out += ("<div>", citation_html(citation), ' <span class="small">', escape(citation.verdict), "</span></div>")
        if not fig.claim and not fig.citations:
            out.append('<span class="empty">none</span>')
        out.append("</td>\n  <td>")
        for f in fig.findings:
            out += ('<div><a href="#', escape(f.anchor), '">', escape(f.code), "</a> ", escape(f.message), "</div>")
        for f in fig.suppressed:
            out += ('<div class="small"><a href="#', escape(f.anchor), '">', escape(f.code), "</a> suppressed</div>")
        out.append("</td>\n</tr>")
        rows.append("".join(out))
        if len(rows) == _ROWS:
            yield Markup("".join(rows))
            rows = []
    if rows:
        yield Markup("".join(rows))


#: Figures table rows joined into one piece of the report (a few hundred kilobytes).
_ROWS = 500


@cache
def _status_badge(status: str, label: str, symbol: str) -> str:
    """The template's status_badge macro, for rows built in Python; a handful of statuses, so
    each badge is escaped once per process rather than once per figure."""
    return f'<span class="badge {escape(status)}"><span aria-hidden="true">{escape(symbol)}</span> {escape(label)}</span>'


@cache
def stylesheet() -> Markup:
    """The report's CSS, inlined so the file fetches nothing. Package data, never user input."""
    css = resources.files("claimstrack.report").joinpath("static/report.css").read_text(encoding="utf-8")
    # Defensive: a stylesheet cannot close the <style> element it is inlined into.
    return Markup(css.replace("</", "<\\/"))


#: Characters gathered from the template's many small outputs before a piece is handed on.
_PIECE = 1 << 16


def stream_html(view: ReportView, tolerance: tuple[float, float] = (0.10, 0.05)) -> Iterator[str]:
    """The report as one HTML document (inline CSS, no scripts, a CSP that forbids them), in
    pieces of about _PIECE characters as the template produces them, so that the document is
    never held whole."""
    piece: list[str] = []
    size = 0
    for text in _template_output(view, tolerance):
        piece.append(text)
        size += len(text)
        if size >= _PIECE:
            yield "".join(piece)
            piece, size = [], 0
    if piece:
        yield "".join(piece)


def _template_output(view: ReportView, tolerance: tuple[float, float]) -> Iterator[str]:
    approximate, hedge = tolerance
    template = environment().get_template("report.html.j2")
    return template.generate(
        view=view,
        stylesheet=stylesheet(),
        status_labels=STATUS_LABELS,
        flagged_wording=FLAGGED_WORDING,
        severity_symbols=SEVERITY_SYMBOLS,
        status_symbols=CLAIM_STATUS_SYMBOLS,
        signoff_roles=SIGNOFF_ROLES,
        tolerance={"approximate_pct": _percent(approximate), "hedge_pct": _percent(hedge)},
    )


def _percent(fraction: float) -> str:
    return f"{fraction * 100:g}%"
