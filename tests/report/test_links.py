"""The report links a finding to the figure it is about (`Finding.figure_id`), never to
whatever figure sits at its line and column (issue 12, item 2).

Figures can share words and so positions ("Nearly 20 percent of the roughly" and "roughly
242 million adult Americans"), and a finding about a page or a phrase can sit on a figure
without being about it: linking by position put such findings, and the other sides of
inconsistencies, on the wrong figure.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs

from claimstrack.checks.catalog import get_rule
from claimstrack.engine import check
from claimstrack.model import Severity
from claimstrack.report.building import build_view
from claimstrack.report.views import CONFLICTING, UNSUPPORTED

from .conftest import build_report, finding_at

WHEN = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.timezone.utc)
SHARED = "Nearly 20 percent of the roughly 242 million adult Americans carry student loan debt.\n"
OTHER = "About 42 million adult Americans carry student loan debt.\n"


def _project(root: Path, pages: dict[str, str]) -> Path:
    (root / "claimstrack.toml").write_text("today = 2026-11-21\n")
    (root / "claims").mkdir()
    (root / "claims" / "claims.toml").write_text("schema = 1\n")
    for name, text in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def _figures(view):
    return {f.text: f for d in view.documents for f in d.figures}


def test_figures_sharing_words_each_keep_their_own_findings_and_inconsistency(tmp_path: Path) -> None:
    report = check(root=_project(tmp_path, {"content/a.txt": SHARED, "content/b.txt": OTHER}))
    assert [f.code for f in report.findings if f.code == "CT210"] == ["CT210"]
    view = build_view(report, generated_at=WHEN)
    figures = _figures(view)
    percent, count = figures["Nearly 20 percent of the roughly"], figures["roughly 242 million adult Americans"]
    # the count's findings start inside the percent's span, and its CT210 names it by position
    assert (percent.line, percent.column) < (count.line, count.column) and count.line == percent.line
    assert [f.code for f in percent.findings] == ["CT101"] and percent.status == UNSUPPORTED
    assert [f.code for f in count.findings] == ["CT101", "CT210"] and count.status == CONFLICTING
    (inconsistency,) = view.inconsistencies
    assert [row.figure for row in inconsistency.rows] == [
        "roughly 242 million adult Americans", "About 42 million adult Americans"]
    assert [row.figure_anchor for row in inconsistency.rows] == [count.anchor, figures[OTHER[:32]].anchor]


def test_a_finding_about_the_page_is_not_put_on_the_figure_at_its_start(tmp_path: Path) -> None:
    """CT906 (a PDF page with no text) is reported at 1:1, where the first figure starts."""
    root = _project(tmp_path, {})
    for name, content in get_rule("CT906").fires.files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            (root / name).write_bytes(content)
        else:
            (root / name).write_text(content)
    report = check(root=root)
    (page,) = [f for f in report.findings if f.code == "CT906"]
    assert page.figure_id is None and (page.line, page.column) == (1, 1)
    view = build_view(report, generated_at=WHEN)
    at_start = [f for f in _figures(view).values() if (f.line, f.column) == (1, 1)]
    assert at_start, "the example page should open with a figure"
    assert all("CT906" not in [x.code for x in f.findings] for f in at_start)
    assert [g.code for g in view.rule_groups if g.code == "CT906"] == ["CT906"]


def test_links_follow_the_reference_whatever_line_and_column_say(project: Path) -> None:
    """A finding about one figure placed at another's position still lands on its own."""
    report = build_report(project)
    cost, two_thirds = report.occurrences[2], report.occurrences[4]
    misplaced = attrs.evolve(finding_at(cost, "CT101", "unsupported-figure", Severity.ERROR, "about the cost"),
                             path=two_thirds.path, line=two_thirds.source_span.line,
                             column=two_thirds.source_span.column)
    figures = _figures(build_view(attrs.evolve(report, findings=(misplaced,), suppressed=()), generated_at=WHEN))
    assert [f.message for f in figures[cost.figure.text].findings] == ["about the cost"]
    assert figures[two_thirds.figure.text].findings == ()


def test_an_inferred_inconsistency_is_labelled_by_its_group_not_by_its_message(tmp_path: Path) -> None:
    report = check(root=_project(tmp_path, {"content/a.txt": SHARED, "content/b.txt": OTHER}))
    (inferred,) = [f for f in report.findings if f.code == "CT210"]
    (group,) = [g for g in report.inferred.groups() if g.id == inferred.measure]
    expected = (f"inferred group {group.id} ({group.frame.describe()}): "
                f"claimstrack measures accept {group.id} --as KEY")
    (inconsistency,) = build_view(report, generated_at=WHEN).inconsistencies
    assert inconsistency.measure == expected
    # the label is the run's group, whatever the finding's message says
    reworded = attrs.evolve(report, findings=tuple(
        attrs.evolve(f, message="reworded") if f.code == "CT210" else f for f in report.findings))
    (inconsistency,) = build_view(reworded, generated_at=WHEN).inconsistencies
    assert inconsistency.measure == expected


def test_a_rejected_group_is_neither_compared_nor_labelled(tmp_path: Path) -> None:
    root = _project(tmp_path, {"content/a.txt": SHARED, "content/b.txt": OTHER})
    (inferred,) = [f for f in check(root=root).findings if f.code == "CT210"]
    (root / "rejected-groups.toml").write_text(f'[[rejected]]\ngroup = "{inferred.measure}"\n')
    report = check(root=root)
    assert [f.code for f in report.findings if f.code == "CT210"] == []
    assert inferred.measure not in {g.id for g in report.inferred.groups()}
    assert report.inferred.describe(inferred.measure) is None
