"""A hand-built check run for the report tests: real documents, figures placed by hand.

The figures are made here rather than extracted, so the report's own logic (statuses,
inconsistency groups, escaping) is tested independently of the extraction grammar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest

from claimstrack.bib import Bibliography
from claimstrack.checks.context import Occurrence
from claimstrack.config import Config
from claimstrack.documents import parse_document
from claimstrack.engine import Report, Suppressed
from claimstrack.library import Library
from claimstrack.model import (
    Claim,
    Evidence,
    Figure,
    Finding,
    Reference,
    Related,
    Severity,
    Span,
)

TODAY = dt.date(2026, 11, 21)


# The engine's own Report and Suppressed, built by hand so the tests need no engine run.
FakeReport = Report
FakeSuppressed = Suppressed


def make_figure(text: str, start: int, value: float | None, *, kind: str = "count", hedge: str = "none",
                low: float | None = None, high: float | None = None, low_inclusive: bool | None = None,
                high_inclusive: bool | None = None, precision: float | None = None,
                subject: str | None = None, unit: str | None = None) -> Figure:
    return Figure(text, value, low, high, low_inclusive, high_inclusive, kind, unit, hedge, subject,
                  Span(start, start + len(text), 1, start + 1, 1, start + len(text) + 1), precision)


def occurrence(document: Any, figure_text: str, figure: Figure | None = None, **kwargs: Any) -> Occurrence:
    """An Occurrence of `figure_text` (first occurrence) in the document's visible text."""
    start = document.text.index(figure_text)
    end = start + len(figure_text)
    figure = figure or make_figure(figure_text, start, 1.0)
    figure = attrs.evolve(figure, text=figure_text, span=attrs.evolve(figure.span, start=start, end=end))
    return Occurrence(document=document, figure=figure, source_span=document.source_span(start, end),
                      sentence=document.sentence_text(start), **kwargs)


def finding_at(occ: Occurrence, code: str, name: str, severity: Severity, message: str, *,
               related: Sequence[Related] = (), claim: str | None = None, measure: str | None = None) -> Finding:
    """A finding about the occurrence's figure, as the checks make one (`occurrence_finding`)."""
    span = occ.source_span
    return Finding(code, name, severity, occ.path, span.line, span.column, span.end_line, span.end_column,
                   message, claim=claim, figure=occ.figure.text, related=tuple(related),
                   figure_id=occ.figure_id, measure=measure or occ.measure)


PAGE_A = """Migraine facts

Approximately 42 million Americans have migraine.
In one study, over 92% of patients reported relief [@krusz2011].

Costs are as high as $36 billion annually.
"""

PAGE_B = """Almost 49 million people in the United States suffer from migraines.
Roughly 2/3 of cases run in families. Call 555 today.
"""

CLAIM_92 = Claim(
    id="ketamine-responders",
    text="over 92% of patients reported relief",
    measure="ketamine-responder-rate",
    status="approved",
    approved_by="A. Reviewer",
    approved_on=dt.date(2026, 1, 5),
    review_by=dt.date(2026, 12, 1),  # 10 days after TODAY: due soon
    evidence=(Evidence("krusz2011", locator="abstract", quote="92% of migraine patients", n=247),),
)
CLAIM_PREVALENCE = Claim(
    id="us-prevalence",
    text="Approximately 42 million Americans have migraine",
    measure="us-migraine-prevalence",
    status="approved",
    approved_by="B. Lead",
    approved_on=dt.date(2025, 1, 1),
    review_by=dt.date(2026, 1, 1),  # expired
    evidence=(Evidence("missing-key", locator="table 2"),),
)
REFERENCES = (
    Reference("krusz2011", "article", title="Intravenous ketamine for migraine", authors=("Krusz, John",),
              year="2011", journal="Pain Medicine", doi="10.1111/j.1526-4637.2011.01234.x"),
    Reference("unused2020", "misc", title="A web page", year="2020", url="javascript:alert(1)"),
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text(PAGE_A, encoding="utf-8")
    (tmp_path / "content" / "b.txt").write_text(PAGE_B, encoding="utf-8")
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "claims.toml").write_text("schema = 1\n", encoding="utf-8")
    (tmp_path / "references.bib").write_text("@article{krusz2011, title={x}}\n", encoding="utf-8")
    return tmp_path


def build_report(root: Path, *, page_a: str = PAGE_A, page_b: str = PAGE_B,
                 claims: Sequence[Claim] = (CLAIM_92, CLAIM_PREVALENCE)) -> FakeReport:
    """A run over two pages: one supported, one unsupported, one conflicting pair, one suppressed."""
    doc_a = parse_document(page_a, "content/a.md", "md")
    doc_b = parse_document(page_b, "content/b.txt", "txt")
    by_id = {c.id: c for c in claims}
    approx_42 = occurrence(doc_a, "Approximately 42 million Americans",
                           make_figure("", 0, 42e6, hedge="approximately", subject="Americans"),
                           claim=by_id.get("us-prevalence"))
    approx_42 = attrs.evolve(approx_42, claim_figure=approx_42.figure)
    over_92 = occurrence(doc_a, "over 92% of patients",
                         make_figure("", 0, 92, kind="percent", hedge="over", low=92, low_inclusive=False),
                         claim=by_id.get("ketamine-responders"))
    cost = occurrence(doc_a, "as high as $36 billion annually",
                      make_figure("", 0, 36e9, kind="money", unit="USD", hedge="up to", high=36e9,
                                  high_inclusive=True))
    almost_49 = occurrence(doc_b, "Almost 49 million people",
                           make_figure("", 0, 49e6, hedge="almost", high=49e6, high_inclusive=False))
    two_thirds = occurrence(doc_b, "Roughly 2/3 of cases",
                            make_figure("", 0, 66.67, kind="percent", hedge="approximately"))
    conflict = finding_at(almost_49, "CT201", "measure-conflict", Severity.ERROR,
                          "49 million conflicts with 42 million for us-migraine-prevalence",
                          related=(approx_42.related("the other figure"),), measure="us-migraine-prevalence")
    findings = (
        finding_at(cost, "CT101", "unsupported-figure", Severity.ERROR, "no claim or citation backs this figure"),
        conflict,
    )
    suppressed = (FakeSuppressed(
        finding_at(two_thirds, "CT101", "unsupported-figure", Severity.ERROR, "no claim backs this figure"),
        "family history figure is under legal review"),)
    return FakeReport(
        findings=findings,
        suppressed=suppressed,
        documents=(doc_a, doc_b),
        occurrences=(approx_42, over_92, cost, almost_49, two_thirds),
        library=Library(claims=tuple(claims), files=("claims/claims.toml",)),
        bibliography=Bibliography(references=REFERENCES, path="references.bib"),
        config=Config(root=root),
        today=TODAY,
        root=root,
    )


@pytest.fixture
def report(project: Path) -> FakeReport:
    return build_report(project)
