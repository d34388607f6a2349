"""Every finding about a figure says which one (`Finding.figure_id`), set where the check makes
it, and the other sides of a disagreement say theirs (`Related.figure_id`); consistency
findings name their measure (issue 12, item 2)."""

from __future__ import annotations

import attrs

from claimstrack.checks.context import Occurrence, PageFigures
from claimstrack.documents import parse_document
from claimstrack.engine import check
from claimstrack.figures import extract_figures
from claimstrack.model import FigureId

CONFIG = "today = 2026-11-21\n"
SHARED = "Nearly 20 percent of the roughly 242 million adult Americans carry student loan debt.\n"
OTHER = "About 42 million adult Americans carry student loan debt.\n"
MEASURE = """schema = 1

[[claim]]
id = "a"
text = "About 39 million Americans have migraine"
measure = "us-migraine"
status = "draft"

[[claim]]
id = "b"
text = "About 49 million Americans have migraine"
measure = "us-migraine"
status = "draft"
"""


def _run(make_project, pages, claims="schema = 1\n"):
    return check(root=make_project({"claimstrack.toml": CONFIG, "claims/claims.toml": claims, **pages}))


def test_every_finding_about_a_figure_names_a_figure_of_the_run(make_project):
    report = _run(make_project, {"content/a.txt": SHARED, "content/b.txt": OTHER})
    figures = {occ.figure_id: occ for occ in report.occurrences}
    assert len(figures) == len(report.occurrences) == 3  # two of them share "roughly"
    assert [f.code for f in report.findings] == ["CT101", "CT101", "CT101", "CT210"]
    for finding in report.findings:
        occ = figures[finding.figure_id]
        assert occ.figure.text == finding.figure and occ.path == finding.path
        assert all(figures[r.figure_id].source_span.column == r.column for r in finding.related)
    (inferred,) = [f for f in report.findings if f.code == "CT210"]
    (other_side,) = inferred.related
    assert figures[other_side.figure_id].figure.text == "roughly 242 million adult Americans"
    # the group id `claimstrack measures accept` takes
    assert inferred.measure is not None and f"same measure, {inferred.measure}:" in inferred.message


def test_declared_measure_findings_name_their_measure(make_project):
    pages = {"content/a.md": "About 39 million Americans have migraine.\n",
             "content/b.md": "About 49 million Americans have migraine.\n"}
    report = _run(make_project, pages, MEASURE)
    conflicts = [f for f in report.findings if f.code in ("CT201", "CT202")]
    assert conflicts and {f.measure for f in conflicts} == {"us-migraine"}
    assert all(f.figure_id is not None and f.figure_id.path == f.path for f in conflicts)
    assert all(f.measure is None for f in report.findings if f.code == "CT302")


def test_a_phrase_and_a_count_pair_point_at_the_figure_they_hold(make_project):
    page = "Our treatment is 100% effective for everyone.\n\nForty-eight (77%) of the 61 patients improved.\n"
    report = _run(make_project, {"content/a.md": page})
    figures = {occ.figure_id: occ.figure.text for occ in report.occurrences}
    by_code = {f.code: f for f in report.findings}
    assert figures[by_code["CT401"].figure_id].startswith("100%")
    assert figures[by_code["CT221"].figure_id] == "Forty-eight"


def test_findings_about_no_figure_name_none(make_project):
    report = _run(make_project, {"content/a.md": "Our cure is clinically proven.\n"})
    phrases = [f for f in report.findings if f.code == "CT401"]
    assert phrases and all(f.figure_id is None and f.measure is None for f in phrases)


def test_page_figures_finds_the_first_figure_a_range_overlaps():
    document = parse_document(SHARED, "a.txt", "txt")
    occurrences = [Occurrence(document, f, document.source_span(f.span.start, f.span.end), SHARED)
                   for f in extract_figures(document.text)]
    percent, count = occurrences
    assert percent.figure.span.end > count.figure.span.start  # they share "roughly"
    figures = PageFigures(reversed(occurrences))
    shared = SHARED.index("roughly 242")
    assert figures.first_overlapping(shared, shared + 3) is percent  # both hold it: the first
    assert figures.first_overlapping(SHARED.index("million"), SHARED.index("million") + 7) is count
    assert figures.first_overlapping(SHARED.index("student"), len(SHARED)) is None
    assert count.figure_id == FigureId("a.txt", count.figure.span.start, count.figure.span.end)
    assert attrs.evolve(count, sentence="").figure_id == count.figure_id
