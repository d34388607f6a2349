"""The HTML compliance review report: one self-contained file, Jinja2 with autoescape on."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from claimstrack.memo import BoundedMemo
from claimstrack.model import where
from claimstrack.report.templating import template_environment
from claimstrack.report.views import (
    FLAGGED_WORDING,
    STATUS_LABELS,
    CitationView,
    DocumentView,
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
    filters: dict[str, Callable[..., Any]] = {"css_string": css_string, "copy_html": copy_html, "citation_html": citation_html,
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


def _text(value: str) -> str:
    """A string of the view as HTML text or a double-quoted attribute value, escaped exactly as
    autoescape escapes it (markupsafe's `escape`), each distinct string once while it is in
    `_ESCAPED`: a 1 MB page repeats its figures, statuses, messages and paths tens of thousands
    of times (the 1.8 MB Word story of benchmarks/hostile.py made 0.9 million `escape` calls).
    Never given a `Markup` (which `escape` leaves as it is): only the views' own strings."""
    escaped = _escaped(value)
    if escaped is None:
        escaped = _ESCAPED.put(value, str(escape(value)))
    return escaped


#: Escaped strings by the string, emptied when full so that memory stays bounded on any site.
_ESCAPED: BoundedMemo[str, str] = BoundedMemo(20_000)
_escaped = _ESCAPED.get  # the memo is emptied in place, never replaced


def copy_html(doc: DocumentView) -> Iterator[Markup]:
    """A document's copy: each paragraph on its own line and, on a PDF, a heading where a page
    starts. Built here rather than in a template loop (a 1 MB page has tens of thousands of
    paragraphs and marks), in pieces of _ROWS paragraphs. Anchors (`doc-1`, `fig-2`) are the
    builder's own, markup-safe, and are not escaped."""
    return _in_pieces(_paragraph_html(doc, index, paragraph) for index, paragraph in enumerate(doc.paragraphs))


def _paragraph_html(doc: DocumentView, index: int, paragraph: tuple[Segment, ...]) -> str:
    pages = doc.paragraph_pages
    page = pages[index] if pages else None
    out: list[str] = []
    if page and (index == 0 or pages[index - 1] != page):
        out += ('\n<h4 class="page" id="', doc.anchor, "-p", str(page), '">Page ', str(page), "</h4>")
    out.append("\n<p>")
    _paragraph(out, paragraph)
    out.append("</p>")
    return "".join(out)


def _in_pieces(rows: Iterable[str]) -> Iterator[Markup]:
    """Rows (or paragraphs) joined _ROWS at a time: the report's long tables and copy are
    written a piece at a time and never held whole (the template loops over the pieces)."""
    batch: list[str] = []
    for row in rows:
        batch.append(row)
        if len(batch) == _ROWS:
            piece, batch = Markup("".join(batch)), []  # the rows let go of before the piece is written
            yield piece
    if batch:
        yield Markup("".join(batch))


def _paragraph(out: list[str], paragraph: tuple[Segment, ...]) -> None:
    """The inside of one paragraph of a document's copy: plain runs, marked figures and flagged
    wording with their superscript links."""
    for segment in paragraph:
        if segment.figure is not None:
            _figure_mark(out, segment.text, segment.figure)
        elif segment.wording is not None:
            _wording_mark(out, segment.text, segment.wording)
        else:
            out.append(_text(segment.text))


def _figure_mark(out: list[str], text: str, fig: FigureView) -> None:
    status, symbol, label = _status_parts(fig.status)
    # one f-string, not a dozen appends: a 1 MB page marks tens of thousands of figures
    out.append(f'<mark class="fig {status}" id="{fig.anchor}" title="{_text(fig.tooltip)}"><span class="sym" '
               f'aria-hidden="true">{symbol}</span>{_text(text)}<span class="visually-hidden"> ({label})</span></mark>')
    if not (fig.findings or fig.claim_anchor or fig.suppressed or fig.citations):
        return
    out.append('<sup class="refs">')
    _finding_links(out, fig.findings, fig.suppressed)
    if fig.claim_anchor:
        if fig.findings or fig.suppressed:
            out.append(" ")
        out += ('<a href="#', fig.claim_anchor, '">claim</a>')
    separate = bool(fig.findings or fig.suppressed or fig.claim_anchor)
    for citation in fig.citations:
        if separate:
            out.append(" ")
        out.append(citation_html(citation))
        separate = True
    out.append("</sup>")


def _wording_mark(out: list[str], text: str, wording: WordingView) -> None:
    label, symbol = FLAGGED_WORDING
    out += ('<mark class="flag" id="', wording.anchor, '" title="', _text(wording.tooltip),
            '"><span class="sym" aria-hidden="true">', _text(symbol), "</span>", _text(text),
            '<span class="visually-hidden"> (', _text(label), ')</span></mark>\n<sup class="refs">')
    _finding_links(out, wording.findings, wording.suppressed)
    out.append("</sup>")


def _finding_links(out: list[str], findings: tuple[FindingView, ...], suppressed: tuple[FindingView, ...]) -> None:
    """Links to a mark's open findings, then to its suppressed ones (marked \u2298), spaced."""
    out.append(" ".join([f'<a href="#{f.anchor}">{_text(f.code)}</a>' for f in findings]))
    if suppressed:
        if findings:
            out.append(" ")
        out.append(" ".join([f'<a href="#{f.anchor}">{_text(f.code)}&#x2298;</a>' for f in suppressed]))


def citation_html(citation: CitationView) -> Markup:
    """A citation's mark: `@key`, linked to its reference with \u2713 or \u2717 for whether the
    local copy states the figure, or unlinked when the key is not in the bibliography."""
    key, title = _text(citation.key), _text(f"[@{citation.key}] {citation.verdict}")
    if not citation.reference_anchor:
        return Markup(f'<span class="cite" title="{title}">@{key}</span>')
    mark = "" if citation.contains is None else (" \u2713" if citation.contains else " \u2717")
    return Markup(f'<a class="cite" href="#{citation.reference_anchor}" title="{title}">@{key}{mark}</a>')


def finding_rows_html(findings: tuple[FindingView, ...]) -> Iterator[Markup]:
    """The rows of a rule's findings table, each on its own line (one per finding: tens of
    thousands on a 1 MB page, so built here rather than in a template loop), in pieces."""
    return _in_pieces(map(_finding_row, findings))


def _finding_row(f: FindingView) -> str:
    # one f-string for the row: a 1 MB page has tens of thousands
    if f.figure_anchor:
        figure = f'<a href="#{f.figure_anchor}">{_text(f.figure or "figure")}</a>'
    else:
        figure = _text(f.figure) if f.figure else ""
    if f.claim_anchor:
        claim = f'<a href="#{f.claim_anchor}"><code>{_text(f.claim or "")}</code></a>'
    else:
        claim = f"<code>{_text(f.claim)}</code>" if f.claim else ""
    return (f'\n<tr id="{f.anchor}"><th scope="row" class="mono">{_location(f)}</th><td>{_text(f.message)}</td>\n'
            f"<td>{figure}</td>\n<td>{claim}</td></tr>")


def _location(f: FindingView) -> str:
    """`f.location` escaped: the path escaped (once per path), then the numbers after it."""
    if f.page is None:
        return f"{_text(f.path)}:{f.line}:{f.column}"
    return _text(f.path) + where("", f.line, f.column, f.page, f.page_line)


def figure_rows_html(figures: tuple[FigureView, ...]) -> Iterator[Markup]:
    """The rows of a document's figures table, each starting on its own line (one per figure:
    tens of thousands on a 1 MB page, about twenty values each, so built here rather than in a
    template loop): line, figure, status with suppression reasons, what backs it, findings.
    In pieces, so the table is never held whole."""
    return _in_pieces(map(_figure_row, figures))


def _figure_row(fig: FigureView) -> str:
    out = [f'\n<tr>\n  <td class="num">{fig.position}</td>\n  <th scope="row"><a href="#{fig.anchor}">'
           f"{_text(fig.text)}</a></th>\n  <td>{_status_badge(fig.status)}"]
    if fig.suppressed:  # else no reason to give (most figures)
        for reason in fig.reasons:
            out += ('<div class="small">Reason: ', _text(reason), "</div>")
    out.append("</td>\n  <td>")
    if fig.claim:
        out += ('<div>claim <a href="#', str(fig.claim_anchor), '"><code>', _text(fig.claim), "</code></a></div>")
    for citation in fig.citations:
        out += ("<div>", citation_html(citation), ' <span class="small">', _text(citation.verdict), "</span></div>")
    if not fig.claim and not fig.citations:
        out.append('<span class="empty">none</span>')
    out.append("</td>\n  <td>")
    out += [f'<div><a href="#{f.anchor}">{_text(f.code)}</a> {_text(f.message)}</div>' for f in fig.findings]
    for f in fig.suppressed:
        out += ('<div class="small"><a href="#', f.anchor, '">', _text(f.code), "</a> suppressed</div>")
    out.append("</td>\n</tr>")
    return "".join(out)


#: Rows (or paragraphs) joined into one piece of the report (a few hundred kilobytes).
_ROWS = 500


@cache
def _status_badge(status: str) -> str:
    """The template's status_badge macro for a figure's status, for rows built in Python; a
    handful of statuses, so each badge is made once per process rather than once per figure."""
    status, symbol, label = _status_parts(status)
    return f'<span class="badge {status}"><span aria-hidden="true">{symbol}</span> {label}</span>'


@cache
def _status_parts(status: str) -> tuple[str, str, str]:
    """A figure's status, its symbol and its label (`STATUS_LABELS`), escaped."""
    label, symbol = STATUS_LABELS[status]
    return str(escape(status)), str(escape(symbol)), str(escape(label))


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
    never held whole; a longer stretch (a batch of the copy's paragraphs or a table's rows) is
    a piece of its own, not copied once more."""
    piece: list[str] = []
    size = 0
    for text in _template_output(view, tolerance):
        if len(text) >= _PIECE:  # a long stretch (the copy, a table) goes on as it is, not copied
            if piece:
                joined, piece, size = "".join(piece), [], 0
                yield joined
            yield text
            continue
        piece.append(text)
        size += len(text)
        if size >= _PIECE:
            joined, piece, size = "".join(piece), [], 0  # let go of the parts before the writer runs
            yield joined
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
