"""The HTML compliance review report: one self-contained file, Jinja2 with autoescape on."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from markupsafe import Markup

from claimstrack.report.templating import template_environment
from claimstrack.report.views import FLAGGED_WORDING, STATUS_LABELS, ReportView

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
    return template_environment(autoescape=True, filters={"css_string": css_string})


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
