"""The `claimstrack figures` table."""

from __future__ import annotations

import pytest

from claimstrack.model import Figure, NumberMention, Span
from claimstrack.render.figures import number, reading, render_figures_table

SPAN = Span(0, 8, 2, 5, 2, 13)


def figure(text: str = "over 92%", value: float | None = 92, low: float | None = 92, high: float | None = None,
           low_inclusive: bool | None = False, high_inclusive: bool | None = None, hedge: str = "over") -> Figure:
    return Figure(text, value, low, high, low_inclusive, high_inclusive, "percent", None, hedge, "patients", SPAN)


@pytest.mark.parametrize(
    ("fig", "shown"),
    [
        (figure(), "(92, ...)"),
        (figure("at least 5", 5, 5, None, True, None, "at least"), "[5, ...)"),
        (figure("up to 36", 36, None, 36, None, True, "up to"), "(..., 36]"),
        (figure("10-20%", None, 10, 20, True, True, "none"), "[10, 20]"),
        (figure("42 million", 42e6, None, None, None, None, "none"), "42,000,000"),
        (figure("a third", 100 / 3, None, None, None, None, "none"), "33.3333"),
    ],
)
def test_reading(fig: Figure, shown: str) -> None:
    assert reading(fig) == shown


@pytest.mark.parametrize(("value", "shown"), [(0, "0"), (1.5, "1.5"), (float("inf"), "inf"), (-2e3, "-2,000")])
def test_number(value: float, shown: str) -> None:
    assert number(value) == shown


def test_table_and_explain_view() -> None:
    rows = [("content/a.md", NumberMention("over 92%", SPAN, figure(), "percent")),
            ("content/a.md", NumberMention("2019", SPAN, None, "year"))]
    table = render_figures_table(rows[:1])
    assert table.splitlines()[0].split() == ["LOCATION", "TEXT", "KIND", "READING", "HEDGE", "UNIT", "SUBJECT"]
    assert "content/a.md:2:5  over 92%  percent  (92, ...)  over   -     patients" in table
    assert table.endswith("\n1 figure\n")
    explained = render_figures_table(rows, explain=True)
    assert "year" in explained and explained.endswith("\n1 figure among 2 numbers\n")
