"""Number lines for inconsistent figures: intervals, axis ticks, and the layout of an inline SVG.

Each figure becomes the interval the consistency checks compared (claimstrack.consistency;
docs/consistency.md, "Figures as intervals"): an exact figure widened by half its rounding step, an approximate one by
the `approximate` tolerance, an end the wording leaves open ("over 90%") closed by the `hedge`
tolerance, "up to X" reaching down to zero. The layout is plain data; the SVG markup itself is drawn by a Jinja2 macro
with autoescape on, so no label can inject markup.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import attrs

from claimstrack.model import Figure
from claimstrack.quantities import format_value

#: How an end of an interval is drawn: a bound that belongs to the interval (filled dot), a bound
#: that does not ("over 90%": hollow dot), or no bound in the wording at all (an arrow, drawn to
#: where the hedge tolerance closes it).
CLOSED, OPEN, UNBOUNDED = "closed", "open", "unbounded"



@attrs.frozen
class Interval:
    """The range of values a figure's wording allows, with how each end is drawn."""

    low: float
    high: float
    low_end: str
    high_end: str
    value: float | None


def figure_interval(figure: Figure, tolerance: Any = None) -> Interval:
    """The interval the consistency checks compare for this figure, with how each end is drawn.

    The bounds come from `claimstrack.consistency.figure_interval` so that the picture shows
    exactly what was compared; `tolerance` is `config.tolerance` (or None for the defaults).
    An end the wording leaves open ("over 90%" has no top) is drawn as an arrow.
    """
    from claimstrack.consistency import Tolerance
    from claimstrack.consistency import figure_interval as compared_interval

    reading = compared_interval(figure, Tolerance.from_config(tolerance))
    low, high = reading.low, reading.high
    # "up to" a negative number reaches minus infinity; draw it a hedge's width long instead.
    if not math.isfinite(low):
        low = high - max(abs(high), 1.0) * Tolerance.from_config(tolerance).hedge
    low_end = UNBOUNDED if figure.low is None and figure.high is not None else _end(reading.low_closed)
    high_end = UNBOUNDED if figure.high is None and figure.low is not None else _end(reading.high_closed)
    return Interval(low, high, low_end, high_end, figure.value)


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
    """One figure's interval on the line: its labels and the x positions of its ends."""

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


@attrs.frozen
class Plotted:
    """One labelled interval to place on a number line."""

    title: str
    subtitle: str
    interval: Interval
    colour: str | None = None  # None: the next colour of the palette


# Colour-blind-safe hues (Okabe-Ito), dark enough for text contrast on white.
PALETTE = ("#0b5394", "#a33d00", "#1b6e4b", "#6a2c8f", "#7a5c00", "#005f73")

WIDTH = 760
LABEL_WIDTH = 270
ROW_HEIGHT = 46
TOP = 14
AXIS_SPACE = 40
SIDE_MARGIN = 28


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
    rows = tuple(
        Row(
            y=TOP + ROW_HEIGHT * index + ROW_HEIGHT / 2,
            title=item.title,
            subtitle=item.subtitle,
            x_low=x(item.interval.low),
            x_high=x(item.interval.high),
            x_value=x(item.interval.value) if item.interval.value is not None else None,
            low_end=item.interval.low_end,
            high_end=item.interval.high_end,
            range_label=describe_interval(item.interval, kind, unit),
            colour=item.colour or PALETTE[index % len(PALETTE)],
        )
        for index, item in enumerate(items)
    )
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
        description="; ".join(f"{r.title}: {r.subtitle}, {r.range_label}" for r in rows),
    )


def describe_interval(interval: Interval, kind: str, unit: str | None) -> str:
    """Interval notation with readable numbers, as the consistency messages write it.

    "[46.55M, 49M)" for "almost 49 million": the end the hedge tolerance closed is a closed
    bracket, the exclusive bound an open one.
    """
    step = _label_step(interval)
    opening = "(" if interval.low_end == OPEN else "["
    closing = ")" if interval.high_end == OPEN else "]"
    low = format_value(interval.low, kind, unit, step=step)
    high = format_value(interval.high, kind, unit, step=step)
    return f"{opening}{low}, {high}{closing}"


def _label_step(interval: Interval) -> float:
    # Enough digits to show the width of the interval, but no more than three significant.
    width = interval.high - interval.low
    magnitude = max(abs(interval.low), abs(interval.high))
    floor = magnitude / 1000 if magnitude else 0.0
    return max(width / 100, floor)
