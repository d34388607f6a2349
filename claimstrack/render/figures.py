"""What `claimstrack figures` prints: a readable table, or JSON (`--format json`)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence

from claimstrack.json_text import json_array_pieces
from claimstrack.model import Figure, NumberMention, where
from claimstrack.render._common import one_line, plural

#: A listed number: the document's path, the number, and on a PDF its (page, line within the page).
FigureRow = tuple[str, NumberMention] | tuple[str, NumberMention, tuple[int, int] | None]

_HEADER = ("LOCATION", "TEXT", "KIND", "READING", "HEDGE", "UNIT", "SUBJECT")


def render_figures_table(rows: Sequence[FigureRow], *, explain: bool = False) -> str:
    """One row per figure (with `explain`, per number, with why it was taken or not). A row may
    carry the (page, line within the page) of a figure on a PDF."""
    header = (*_HEADER, "REASON") if explain else _HEADER
    table = [header, *(_row(row[0], row[1], explain, row[2] if len(row) > 2 else None) for row in rows)]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in table]
    lines.append("")
    taken = sum(1 for row in rows if row[1].taken)
    lines.append(plural(taken, "figure") + (f" among {len(rows)} numbers" if explain else ""))
    return "\n".join(lines) + "\n"


def render_figures_json(rows: Iterable[FigureRow], *, explain: bool = False) -> str:
    """A JSON array, one object per row: the figure's fields (`Figure.to_json`) or, for a number
    that is not a figure, its position and text; `page` and `page_line` on a PDF; with
    `explain`, whether it was taken and why."""
    return "".join(stream_figures_json(rows, explain=explain))


def stream_figures_json(rows: Iterable[FigureRow], *, explain: bool = False) -> Iterator[str]:
    """`render_figures_json` a row at a time, as `rows` come (`claimstrack figures --format json`
    reads one document at a time, so a whole site's listing is never held)."""
    return json_array_pieces(_figure_json(row[0], row[1], explain, row[2] if len(row) > 2 else None) for row in rows)


def _figure_json(path: str, mention: NumberMention, explain: bool, page: tuple[int, int] | None) -> dict[str, object]:
    if mention.figure is not None:
        item: dict[str, object] = {"path": path, **mention.figure.to_json()}
    else:
        span = mention.span
        item = {"path": path, "line": span.line, "column": span.column, "end_line": span.end_line,
                "end_column": span.end_column, "text": mention.text}
    if page is not None:  # a PDF: `line` counts through all pages; where on the page
        item["page"], item["page_line"] = page
    if explain:
        item["taken"] = mention.taken
        item["reason"] = mention.reason
    return item


def _row(path: str, mention: NumberMention, explain: bool, page: tuple[int, int] | None) -> tuple[str, ...]:
    span = mention.figure.span if mention.figure is not None else mention.span
    location = one_line(where(path, span.line, span.column, *(page or (None, None))))
    figure = mention.figure
    if figure is None:
        cells = (location, one_line(mention.text), "-", "-", "-", "-", "-")
    else:
        cells = (location, one_line(figure.text), figure.kind, reading(figure), figure.hedge,
                 figure.unit or "-", one_line(figure.subject or "-"))
    return (*cells, one_line(mention.reason)) if explain else cells


def reading(figure: Figure) -> str:
    """The normalised value, or the interval the wording implies: `92`, `(92, ...)`, `[10, 20]`."""
    if figure.low is None and figure.high is None:
        return number(figure.value) if figure.value is not None else "-"
    low = "..." if figure.low is None else number(figure.low)
    high = "..." if figure.high is None else number(figure.high)
    opening = "[" if figure.low_inclusive else "("
    closing = "]" if figure.high_inclusive else ")"
    return f"{opening}{low}, {high}{closing}"


def number(value: float) -> str:
    """A number without float noise: 42000000 -> '42,000,000', 33.333333 -> '33.33'."""
    if not math.isfinite(value):
        return str(value)
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")
