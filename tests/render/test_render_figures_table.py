"""What `claimstrack figures` prints: the table and the JSON."""

from __future__ import annotations

import json

import pytest

from claimstrack.model import Figure, NumberMention, Span
from claimstrack.render._common import json_document
from claimstrack.render.figures import (
    number,
    reading,
    render_figures_json,
    render_figures_table,
    stream_figures_json,
)

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


def test_json_lists_figures_and_with_explain_every_number() -> None:
    rows = [("content/a.md", NumberMention("over 92%", SPAN, figure(), "percent")),
            ("report.pdf", NumberMention("2019", SPAN, None, "year"), (3, 7))]
    listed = json.loads(render_figures_json(rows[:1]))
    assert listed == [{"path": "content/a.md", **figure().to_json()}]
    explained = json.loads(render_figures_json(rows, explain=True))
    assert explained[0]["taken"] is True and explained[0]["reason"] == "percent"
    assert explained[1] == {"path": "report.pdf", "line": 2, "column": 5, "end_line": 2, "end_column": 13,
                            "text": "2019", "page": 3, "page_line": 7, "taken": False, "reason": "year"}


@pytest.mark.parametrize("count", [0, 1, 3])
def test_streamed_json_is_the_indented_document_a_row_at_a_time(count: int) -> None:
    hostile = 'say "92%" \\ \n\t\u2028 é 𝟗 </script>'
    rows = [(f"content/{i}.md", NumberMention(hostile, SPAN, figure(hostile), "percent")) for i in range(count)]
    pieces = list(stream_figures_json(iter(rows), explain=True))
    assert len(pieces) == count + 1  # each row, then the end
    assert "".join(pieces) == json_document(json.loads("".join(pieces))) == render_figures_json(rows, explain=True)
    assert [item["text"] for item in json.loads("".join(pieces))] == [hostile] * count


def test_json_refuses_a_non_finite_number_rather_than_write_invalid_json() -> None:
    with pytest.raises(ValueError, match="JSON"):
        render_figures_json([("a.md", NumberMention("x", SPAN, figure(value=float("inf")), "number"))])
