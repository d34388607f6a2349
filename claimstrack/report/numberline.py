"""Number lines for inconsistent figures: intervals, axis ticks, and the layout of an inline SVG.

Each figure becomes the interval the consistency checks compared (claimstrack.consistency;
docs/consistency.md, "Figures as intervals"): an exact figure widened by half its rounding step, an approximate one by
the `approximate` tolerance, an end the wording leaves open ("over 90%") closed by the `hedge`
tolerance, "up to X" reaching down to zero. The layout is plain data; the SVG markup itself is drawn by a Jinja2 macro
with autoescape on, so no label can inject markup.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import attrs

from claimstrack.consistency.intervals import Interval, Tolerance, figure_interval
from claimstrack.model import Figure
from claimstrack.quantities import format_value

#: How an end of an interval is drawn, as interval notation writes it: a bound that belongs to the
#: interval is a bracket ("[", "]"), one that does not ("over 90%" excludes 90) a parenthesis, and
#: an end with no bound at all (a measure table's "low = 40" has no top) an arrow. An end the
#: hedge tolerance closes ("over 90%" is compared up to 94.5%) is a bound of what is compared:
#: a bracket, never an arrow.
CLOSED, OPEN, UNBOUNDED = "closed", "open", "unbounded"


@attrs.frozen
class DrawnInterval:
    """How the number line draws a figure's interval: the bounds of the consistency
    `Interval` it was compared as, how each end is drawn, and the stated value's dot."""

    low: float
    high: float
    low_end: str
    high_end: str
    value: float | None


def drawn_interval(figure: Figure, tolerance: Tolerance | None = None) -> DrawnInterval:
    """The interval the consistency checks compare for this figure, with how each end is drawn.

    The bounds and their ends come from `claimstrack.consistency.figure_interval`, so that the
    picture shows exactly what was compared; `tolerance` is the run's (`config.tolerance`), or
    None for the defaults. Only an infinite end ("up to" a negative number) is an arrow.
    """
    compared = tolerance or Tolerance()
    reading = figure_interval(figure, compared)
    low, high = reading.low, reading.high
    low_end, high_end = _end(reading.low_closed), _end(reading.high_closed)
    # "up to" a negative number reaches minus infinity; draw it a hedge's width long, as an arrow.
    if not math.isfinite(low):
        low, low_end = high - max(abs(high), 1.0) * compared.hedge, UNBOUNDED
    if not math.isfinite(high):
        high, high_end = low + max(abs(low), 1.0) * compared.hedge, UNBOUNDED
    return DrawnInterval(low, high, low_end, high_end, figure.value)


def accepted_interval(accepted: Interval, value: float | None, lowest: float, highest: float) -> DrawnInterval:
    """How the number line draws a measure table's accepted values (`canonical_interval`)
    beside figures spanning [`lowest`, `highest`]: an open-ended table ("low = 40") is drawn to
    the edge of the figures, with an arrow."""
    low, high = accepted.low, accepted.high
    low_end, high_end = _end(accepted.low_closed), _end(accepted.high_closed)
    if low == -math.inf:
        low, low_end = min(lowest, high), UNBOUNDED
    if high == math.inf:
        high, high_end = max(highest, low), UNBOUNDED
    return DrawnInterval(low, high, low_end, high_end, value)


def _end(closed: bool) -> str:
    return CLOSED if closed else OPEN


# ---------------------------------------------------------------------------------------------
# Axis ticks


def nice_ticks(low: float, high: float, target: int = 6) -> list[float]:
    """Round tick values (1, 2 or 5 times a power of ten apart) covering [low, high]."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return []
    if high <= low:
        return [low]
    raw_step = (high - low) / max(target - 1, 1)
    power = 10 ** math.floor(math.log10(raw_step))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw_step)
    first = math.ceil(low / step)
    last = math.floor(high / step)
    # Multiplying an integer index avoids the drift of repeated float additions.
    return [round(i * step, 12) for i in range(first, last + 1)]


def outward_ticks(low: float, high: float, target: int = 6) -> list[float]:
    """Nice ticks whose first and last lie at or beyond `low` and `high` (the axis ends)."""
    inner = nice_ticks(low, high, target)
    step = tick_step(inner)
    if not step:
        return inner
    first = math.floor(round(low / step, 9))
    last = math.ceil(round(high / step, 9))
    return [round(i * step, 12) for i in range(first, last + 1)]


def tick_step(ticks: Sequence[float]) -> float:
    """The distance between adjacent ticks (0 with fewer than two)."""
    return ticks[1] - ticks[0] if len(ticks) > 1 else 0.0


# ---------------------------------------------------------------------------------------------
# Layout


@attrs.frozen
class Tick:
    x: float
    label: str


@attrs.frozen
class Row:
    """One figure's interval on the line: its labels and the x positions of its ends.

    `title` and `subtitle` are shortened to fit the label column; `full_title` keeps the whole
    text for the tooltip. The range label is anchored so that it stays inside the picture.
    """

    y: float
    title: str
    subtitle: str
    x_low: float
    x_high: float
    x_value: float | None
    low_end: str
    high_end: str
    range_label: str
    colour: str
    full_title: str = ""
    label_x: float = 0.0
    label_anchor: str = "middle"
    #: the stated value lies outside the canonical range (what CT203 compares for two-sided wording)
    value_outside: bool = False
    value_label_x: float = 0.0
    value_label_anchor: str = "start"


@attrs.frozen
class NumberLine:
    """Everything the SVG macro needs, in pixels."""

    width: int
    height: int
    plot_left: float
    plot_right: float
    axis_y: float
    ticks: tuple[Tick, ...]
    rows: tuple[Row, ...]
    title: str
    description: str
    #: x positions of the canonical range, drawn as a band behind every row (None: no table)
    band: tuple[float, float] | None = None


@attrs.frozen
class Plotted:
    """One labelled interval to place on a number line."""

    title: str
    subtitle: str
    interval: DrawnInterval
    colour: str | None = None  # None: the next colour of the palette
    value_outside: bool = False  # the stated value lies outside the canonical range
    canonical: bool = False  # the measure table's own range: also drawn as a band behind the rows


# Colour-blind-safe hues (Okabe-Ito), dark enough for text contrast on white.
PALETTE = ("#0b5394", "#a33d00", "#1b6e4b", "#6a2c8f", "#7a5c00", "#005f73")

WIDTH = 760
LABEL_WIDTH = 270
ROW_HEIGHT = 50
TOP = 22
AXIS_SPACE = 40
SIDE_MARGIN = 28
#: Average advance of a character as a share of the font size (sans-serif, mixed text); used to
#: keep labels inside their column and the picture, with some room to spare.
CHARACTER_WIDTH = 0.6
TITLE_SIZE, SUBTITLE_SIZE, RANGE_SIZE, VALUE_SIZE = 12.0, 11.5, 11.0, 10.5
VALUE_OUTSIDE = "stated value outside"


def layout(items: Sequence[Plotted], kind: str, unit: str | None, title: str) -> NumberLine:
    """Place intervals on one shared axis, one row each, the axis underneath."""
    low = min(item.interval.low for item in items)
    high = max(item.interval.high for item in items)
    pad = (high - low) * 0.08 or abs(high) * 0.05 or 1.0
    ticks = outward_ticks(low - pad, high + pad)
    lo = min([low - pad, *ticks])
    hi = max([high + pad, *ticks])
    left, right = float(LABEL_WIDTH + SIDE_MARGIN), float(WIDTH - SIDE_MARGIN)

    def x(value: float) -> float:
        return round(left + (value - lo) / (hi - lo) * (right - left), 2)

    step = tick_step(ticks)
    rows = tuple(_row(index, item, x, kind=kind, unit=unit, left=left, right=right) for index, item in enumerate(items))
    band = next(((x(i.interval.low), x(i.interval.high)) for i in items if i.canonical), None)
    axis_y = TOP + ROW_HEIGHT * len(items) + 6
    return NumberLine(
        width=WIDTH,
        height=int(axis_y + AXIS_SPACE),
        plot_left=left,
        plot_right=right,
        axis_y=axis_y,
        ticks=tuple(Tick(x(t), format_value(t, kind, unit, step=step)) for t in ticks),
        rows=rows,
        title=title,
        description="; ".join(f"{r.full_title}: {r.range_label}" for r in rows),
        band=band,
    )


def _row(index: int, item: Plotted, x: Callable[[float], float], *, kind: str, unit: str | None,
         left: float, right: float) -> Row:
    interval = item.interval
    x_low, x_high = x(interval.low), x(interval.high)
    range_label = describe_interval(interval, kind, unit)
    label_x, anchor = fit_label(range_label, (x_low + x_high) / 2, RANGE_SIZE, left, right)
    x_value = x(interval.value) if interval.value is not None else None
    value_x, value_anchor = beside_tick(x_value if x_value is not None else left, VALUE_OUTSIDE, VALUE_SIZE, float(WIDTH))
    return Row(
        y=TOP + ROW_HEIGHT * index + ROW_HEIGHT / 2,
        title=fit_text(item.title, LABEL_WIDTH - 8, TITLE_SIZE),
        subtitle=fit_text(item.subtitle, LABEL_WIDTH - 8, SUBTITLE_SIZE),
        x_low=x_low,
        x_high=x_high,
        x_value=x_value,
        low_end=interval.low_end,
        high_end=interval.high_end,
        range_label=range_label,
        colour=item.colour or PALETTE[index % len(PALETTE)],
        full_title=f"{item.title}: {item.subtitle}",
        label_x=label_x,
        label_anchor=anchor,
        value_outside=item.value_outside,
        value_label_x=value_x,
        value_label_anchor=value_anchor,
    )


def text_width(text: str, size: float) -> float:
    """An estimate of the width of `text` at font `size`, in pixels."""
    return len(text) * size * CHARACTER_WIDTH


def fit_text(text: str, width: float, size: float) -> str:
    """`text`, shortened with an ellipsis when it would be wider than `width`."""
    limit = max(int(width / (size * CHARACTER_WIDTH)), 2)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def beside_tick(x: float, text: str, size: float, right: float) -> tuple[float, str]:
    """A label just right of a tick at `x`, or just left of it when it would pass `right`."""
    if x + 5 + text_width(text, size) > right:
        return x - 5, "end"
    return x + 5, "start"


def fit_label(text: str, centre: float, size: float, left: float, right: float) -> tuple[float, str]:
    """Where to anchor a label centred on `centre` so that it stays within [left, right]:
    (x, "middle"), or pushed against an edge (x, "start"/"end")."""
    half = text_width(text, size) / 2
    if centre - half < left:
        return left, "start"
    if centre + half > right:
        return right, "end"
    return centre, "middle"


def describe_interval(interval: DrawnInterval, kind: str, unit: str | None) -> str:
    """Interval notation with readable numbers, as the consistency messages write it.

    "[46.55M, 49M)" for "almost 49 million": the end the hedge tolerance closed is a closed
    bracket, the exclusive bound an open one; an end with no bound is infinite ("[40M, ∞)").
    """
    step = _label_step(interval)
    opening = "(" if interval.low_end != CLOSED else "["
    closing = ")" if interval.high_end != CLOSED else "]"
    low = "\u2212\u221e" if interval.low_end == UNBOUNDED else format_value(interval.low, kind, unit, step=step)
    high = "\u221e" if interval.high_end == UNBOUNDED else format_value(interval.high, kind, unit, step=step)
    return f"{opening}{low}, {high}{closing}"


def _label_step(interval: DrawnInterval) -> float:
    # Enough digits to show the width of the interval, but no more than three significant.
    width = interval.high - interval.low
    magnitude = max(abs(interval.low), abs(interval.high))
    floor = magnitude / 1000 if magnitude else 0.0
    return max(width / 100, floor)
