"""The number line draws what the rules compared: ends as interval notation writes them, the
canonical range behind the rows with stated values outside it marked, a legend saying what is
compared, and labels that fit (issue 11)."""

from __future__ import annotations

import re

import attrs

from claimstrack.library import Library
from claimstrack.model import Location, Measure
from claimstrack.report import render_report
from claimstrack.report.building import build_view
from claimstrack.report.numberline import (
    CLOSED,
    LABEL_WIDTH,
    SUBTITLE_SIZE,
    TITLE_SIZE,
    DrawnInterval,
    Plotted,
    layout,
    text_width,
)

from .conftest import build_report


def _with_measure(report, **measure):
    declared = Measure("us-migraine-prevalence", location=Location("claims/claims.toml", 3, 1), **measure)
    return attrs.evolve(report, library=Library(claims=report.library.claims, measures=(declared,),
                                                files=report.library.files))


def _svg(html: str) -> str:
    return html[html.index("<svg"):html.index("</svg>")]


def test_a_closed_end_is_a_bracket_an_open_end_a_parenthesis_and_no_arrow_for_a_bound(project):
    # "Almost 49 million": [46.55M, 49M): the bottom is a bound (bracket), the top excluded (parenthesis)
    svg = _svg(render_report(build_report(project), "html"))
    assert "[46.55M, 49M)" in svg
    assert svg.count('class="end-closed"') == 3  # two ends of "about 42 million", the bottom of "almost 49"
    assert svg.count('class="end-open"') == 1
    assert 'class="end-unbounded"' not in svg  # every end here has a bound: no arrow


def test_an_end_with_no_bound_is_an_arrow(project):
    svg = _svg(render_report(_with_measure(build_report(project), low=40e6), "html"))
    assert "[40M, \u221e)" in svg and svg.count('class="end-unbounded"') == 1


def test_a_stated_value_outside_the_canonical_range_is_marked_even_where_its_bar_reaches_it(project):
    # canonical 39M +- 5% = [37.05M, 40.95M]; "Approximately 42 million" is [37.8M, 46.2M], which
    # reaches into it, but CT203 compares its stated value, 42M, which lies outside.
    report = _with_measure(build_report(project), value=39e6)
    (inconsistency,) = build_view(report).inconsistencies
    rows = {r.full_title.split(":")[0]: r for r in inconsistency.line.rows}
    approx = rows["a.md"]
    assert approx.x_low < inconsistency.line.band[1]  # the bar reaches the band ...
    assert approx.value_outside  # ... and the tick is marked outside
    assert not rows["Claims library"].value_outside
    svg = _svg(render_report(report, "html"))
    assert 'class="canonical-band"' in svg and 'class="value-outside"' in svg
    assert "stated value" in inconsistency.compared and "[37.05M, 40.95M]" in inconsistency.compared
    assert "CT203" in inconsistency.compared


def test_the_legend_says_what_is_compared_with_the_tolerances(project):
    (inconsistency,) = build_view(build_report(project)).inconsistencies
    assert "CT201" in inconsistency.compared and "10%" in inconsistency.compared and "5%" in inconsistency.compared
    html = render_report(build_report(project), "html")
    assert re.search(r"<figcaption><strong>What is compared.</strong> Each bar is the interval CT201", html)


def test_long_labels_are_fitted_and_kept_whole_in_the_tooltip():
    long_name = "a-very-long-file-name-for-a-landing-page-about-migraine-prevalence-2026.md:12"
    long_figure = "\u201cApproximately 42 million Americans of all ages and both sexes have migraine\u201d"
    rows = [Plotted(long_name, long_figure, DrawnInterval(37.8e6, 46.2e6, CLOSED, CLOSED, 42e6)),
            Plotted("b.md:1", "\u201cover 99 million\u201d", DrawnInterval(99e6, 103.95e6, CLOSED, CLOSED, 99e6))]
    line = layout(rows, "count", None, "t")
    for row in line.rows:
        assert text_width(row.title, TITLE_SIZE) <= LABEL_WIDTH
        assert text_width(row.subtitle, SUBTITLE_SIZE) <= LABEL_WIDTH
        width = text_width(row.range_label, 11)
        left = {"start": row.label_x, "middle": row.label_x - width / 2, "end": row.label_x - width}[row.label_anchor]
        assert line.plot_left <= left and left + width <= line.width
    assert line.rows[0].title.endswith("\u2026") and line.rows[0].full_title == f"{long_name}: {long_figure}"


def test_the_stated_value_note_stays_inside_the_picture():
    rows = [Plotted("a.md:1", "about 49 million", DrawnInterval(44.1e6, 53.9e6, CLOSED, CLOSED, 49e6), value_outside=True),
            Plotted("Claims library", "canonical", DrawnInterval(37e6, 41e6, CLOSED, CLOSED, 39e6), canonical=True)]
    line = layout(rows, "count", None, "t")
    note = line.rows[0]
    width = text_width("stated value outside", 10.5)
    left = note.value_label_x - (width if note.value_label_anchor == "end" else 0)
    assert line.plot_left <= left and left + width <= line.width
