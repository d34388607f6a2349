from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import attrs
import pytest

from claimstrack.model import Severity
from claimstrack.report.building import build_view, doi_url, safe_url
from claimstrack.report.paragraphs import paragraph_segments
from claimstrack.report.statuses import figure_status, review_state
from claimstrack.report.views import (
    CONFLICTING,
    CURRENT,
    DUE_SOON,
    EXPIRED,
    NO_REVIEW_DATE,
    SUPPORTED,
    SUPPRESSED,
    UNAPPROVED,
    UNSUPPORTED,
    FindingView,
)

from .conftest import (
    TODAY,
    FakeReport,
    build_report,
    finding_at,
    make_figure,
    occurrence,
)


def view_of(code: str, severity: str = "error", reason: str | None = None) -> FindingView:
    return FindingView("finding-1", code, "name", severity, "p", 1, 1, "m", None, None, None, "fig-1", reason)


@pytest.mark.parametrize(
    ("supported", "active", "silenced", "expected"),
    [
        (True, [], [], SUPPORTED),
        (False, [], [], UNSUPPORTED),  # no claim or citation, even when CT101 is not selected
        (True, [view_of("CT201")], [], CONFLICTING),
        (True, [view_of("CT210", "warning")], [], CONFLICTING),
        (False, [view_of("CT101")], [view_of("CT201", reason="x")], UNSUPPORTED),
        (True, [view_of("CT106", "warning")], [], UNSUPPORTED),
        (True, [view_of("CT101"), view_of("CT202")], [], CONFLICTING),  # conflict outranks support
        (False, [], [view_of("CT101", reason="legal ok")], SUPPRESSED),
        (True, [view_of("CT306", "info")], [], SUPPORTED),  # info findings do not change status
        (True, [view_of("CT201", "info")], [], SUPPORTED),  # a consistency rule downgraded to info
    ],
)
def test_figure_status(supported, active, silenced, expected):
    assert figure_status(supported, active, silenced) == expected


@pytest.mark.parametrize(
    ("review_by", "expected"),
    [
        (None, (NO_REVIEW_DATE, None)),
        (dt.date(2026, 11, 20), (EXPIRED, -1)),
        (dt.date(2026, 11, 21), (DUE_SOON, 0)),
        (dt.date(2026, 12, 21), (DUE_SOON, 30)),
        (dt.date(2026, 12, 22), (CURRENT, 31)),
    ],
)
def test_review_state(review_by, expected):
    assert review_state(review_by, TODAY, 30) == expected


@pytest.mark.parametrize(
    ("doi", "expected"),
    [
        ("10.1111/j.1526-4637.2011.01234.x", "https://doi.org/10.1111/j.1526-4637.2011.01234.x"),
        ("doi:10.1/abc", "https://doi.org/10.1/abc"),
        ("https://doi.org/10.1/abc", "https://doi.org/10.1/abc"),
        ("  10.1/abc ", "https://doi.org/10.1/abc"),
        ("javascript:alert(1)", None),
        ("", None),
        (None, None),
    ],
)
def test_doi_url(doi, expected):
    assert doi_url(doi) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://example.org", "HTTP://example.org"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//evil.example", None),
        (None, None),
    ],
)
def test_safe_url(url, expected):
    assert safe_url(url) == expected


def test_paragraphs_split_at_blank_lines_and_cut_out_figures():
    text = "Title\n\nFirst line\nwraps 42 here.\n\n\n  Last 7.\n"
    spans = [(text.index("42"), text.index("42") + 2), (text.index("7."), text.index("7.") + 1)]
    figures = ["F42", "F7"]
    paragraphs = list(paragraph_segments(text, spans, figures))  # type: ignore[arg-type]
    assert [[(s.text, s.figure) for s in p] for p in paragraphs] == [
        [("Title", None)],
        [("First line wraps ", None), ("42", "F42"), (" here.", None)],
        [("Last ", None), ("7", "F7"), (".", None)],
    ]


def test_paragraphs_of_empty_text():
    assert list(paragraph_segments("", [], [])) == []
    assert list(paragraph_segments("\n \n", [], [])) == []


def test_summary_counts(report: FakeReport):
    summary = build_view(report).summary
    assert (summary.documents, summary.figures, summary.claims) == (2, 5, 2)
    assert (summary.supported, summary.unsupported, summary.conflicting, summary.suppressed) == (1, 1, 2, 1)
    assert (summary.expired, summary.due_soon) == (1, 1)
    assert (summary.errors, summary.warnings, summary.infos, summary.suppressed_findings) == (2, 0, 0, 1)
    assert summary.exit_code == 1 and not summary.passed
    assert summary.verdict.startswith("FAIL")


def test_clean_run_passes(project):
    report = build_report(project)
    clean = attrs.evolve(report, findings=(), suppressed=())
    summary = build_view(clean).summary
    assert summary.passed and summary.exit_code == 0 and summary.verdict.startswith("PASS")


def test_both_sides_of_a_conflict_are_conflicting_and_linked(report: FakeReport):
    view = build_view(report)
    figures = {f.text: f for d in view.documents for f in d.figures}
    left, right = figures["Approximately 42 million Americans"], figures["Almost 49 million people"]
    assert left.status == right.status == CONFLICTING
    assert [f.code for f in left.findings] == [f.code for f in right.findings] == ["CT201"]
    assert figures["as high as $36 billion annually"].status == UNSUPPORTED
    assert figures["over 92% of patients"].status == SUPPORTED
    suppressed = figures["Roughly 2/3 of cases"]
    assert suppressed.status == SUPPRESSED and suppressed.reasons == ("family history figure is under legal review",)
    assert figures["over 92% of patients"].claim_anchor == view.claims[0].anchor


def test_inconsistency_groups_both_figures_on_one_number_line(report: FakeReport):
    (inconsistency,) = build_view(report).inconsistencies
    assert inconsistency.measure == "us-migraine-prevalence" and inconsistency.declared
    assert inconsistency.codes == ("CT201",) and inconsistency.severity == "error"
    assert [(r.path, r.interval) for r in inconsistency.rows] == [
        ("content/a.md", "[37.8M, 46.2M]"),
        ("content/b.txt", "[46.55M, 49M)"),
    ]
    assert inconsistency.line is not None and len(inconsistency.line.rows) == 2


def test_inferred_inconsistency_is_named_by_subject(project):
    report = build_report(project)
    occurrences = list(report.occurrences)
    left, right = occurrences[0], occurrences[3]
    occurrences[0] = attrs.evolve(left, claim=None, claim_figure=None)
    inferred = finding_at(right, "CT210", "probable-conflict", Severity.WARNING, "probably the same",
                          related=(left.related("other"),))
    run = attrs.evolve(report, occurrences=tuple(occurrences), findings=(inferred,))
    (inconsistency,) = build_view(run).inconsistencies
    assert not inconsistency.declared and inconsistency.severity == "warning"
    assert inconsistency.measure == "probably the same quantity: Americans"


def test_claims_rows_carry_evidence_and_review_state(report: FakeReport):
    responders, prevalence = build_view(report).claims
    assert responders.review_state == DUE_SOON and responders.review_label == "\u25f7 Due in 10 days"
    assert prevalence.review_state == EXPIRED and prevalence.review_label.startswith("\u26a0 Expired 324 days")
    (evidence,) = responders.evidence
    assert evidence.doi_url == "https://doi.org/10.1111/j.1526-4637.2011.01234.x"
    assert evidence.reference and "Krusz" in evidence.reference
    assert (evidence.locator, evidence.n) == ("abstract", 247)
    assert prevalence.evidence[0].reference is None  # the key is not in references.bib
    assert responders.used_in == (("content/a.md", "doc-1"),)


def test_references_never_link_a_javascript_url(report: FakeReport):
    refs = {r.key: r for r in build_view(report).references}
    assert refs["unused2020"].url is None and refs["unused2020"].cited_by == ()
    assert refs["krusz2011"].cited_by == (("ketamine-responders", "claim-1"),)


def test_inputs_are_hashed(report: FakeReport, project):
    inputs = {i.path: i for i in build_view(report).inputs}
    expected = hashlib.sha256((project / "content" / "a.md").read_bytes()).hexdigest()
    assert inputs["content/a.md"].sha256 == expected and inputs["content/a.md"].role == "document"
    assert inputs["claims/claims.toml"].role == "claims library"
    assert inputs["references.bib"].role == "bibliography"


def test_inputs_fall_back_to_the_checked_text_when_the_file_is_gone(report: FakeReport, project):
    (project / "content" / "b.txt").unlink()
    inputs = {i.path: i for i in build_view(report).inputs}
    text = report.documents[1].source.encode("utf-8")
    assert inputs["content/b.txt"].sha256 == hashlib.sha256(text).hexdigest()


def test_rule_groups_sorted_by_severity_then_code(project):
    report = build_report(project)
    occ = report.occurrences[1]
    info = finding_at(occ, "CT306", "unused-claim", Severity.INFO, "unused")
    warning = finding_at(occ, "CT304", "claim-review-due-soon", Severity.WARNING, "due")
    run = attrs.evolve(report, findings=(info, warning, *report.findings))
    assert [(g.code, g.count) for g in build_view(run).rule_groups] == [
        ("CT101", 1), ("CT201", 1), ("CT304", 1), ("CT306", 1)]


def test_building_counts_every_figure_of_a_large_document(project):
    """20,000 figures and as many findings in a 1 MB page: every one is counted (time: a benchmark)."""
    from claimstrack.documents import parse_document

    sentence = "Over 92% of patients said so. "
    page = sentence * 34_000  # about 1 MB
    document = parse_document(page, "content/big.txt", "txt")
    occurrences, findings = [], []
    for i in range(20_000):
        start = i * len(sentence) + 5
        figure = make_figure("92%", start, 92, kind="percent")
        occ = occurrence(document, "92%", figure)
        occ = attrs.evolve(occ, figure=attrs.evolve(figure, span=attrs.evolve(figure.span, start=start, end=start + 3)),
                           source_span=document.source_span(start, start + 3))
        occurrences.append(occ)
        findings.append(finding_at(occ, "CT101", "unsupported-figure", Severity.ERROR, "no support"))
    run = attrs.evolve(build_report(project), documents=(document,), occurrences=tuple(occurrences),
                       findings=tuple(findings), suppressed=())
    view = build_view(run)
    assert view.summary.unsupported == 20_000


def test_a_finding_about_a_sentences_claim_applies_to_its_figures(project):
    """CT302 is about the sentence's first figure; every figure of the sentence standing for the
    unapproved claim is affected, and no figure of another sentence."""
    report = build_report(project)
    occurrences = list(report.occurrences)
    over_92, cost = occurrences[1], occurrences[2]
    occurrences[1] = attrs.evolve(over_92, claim_figure=over_92.figure)
    # "one study" opens the sentence and states the claim without standing for its figure
    one_study = occurrence(report.documents[0], "one study", claim=over_92.claim)
    occurrences.append(one_study)
    unapproved = finding_at(one_study, "CT302", "unapproved-claim-used", Severity.ERROR, "not approved",
                            claim="ketamine-responders")
    elsewhere = attrs.evolve(finding_at(cost, "CT302", "unapproved-claim-used", Severity.ERROR, "not approved"),
                             claim="ketamine-responders")  # about a figure of a later sentence
    run = attrs.evolve(report, occurrences=tuple(occurrences), findings=(unapproved,))
    figure = next(f for d in build_view(run).documents for f in d.figures if f.text == "over 92% of patients")
    # it states a claim that is not approved: not "unsupported", which is for no claim at all
    assert figure.status == UNAPPROVED and [f.code for f in figure.findings] == ["CT302"]
    run = attrs.evolve(run, findings=(elsewhere,))
    figure = next(f for d in build_view(run).documents for f in d.figures if f.text == "over 92% of patients")
    assert figure.status == SUPPORTED


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ({"value": 39e6}, "[37.05M, 40.95M]"),  # value within the differ tolerance (5%)
        ({"value": 39e6, "tolerance": 0.10}, "[35.1M, 42.9M]"),
        ({"low": 40e6, "high": 44e6}, "[40M, 44M]"),
        ({"low": 40e6}, "[40M, ∞)"),  # open-ended table: drawn to the edge of the figures, with an arrow
        ({"high": 40e6}, "(−∞, 40M]"),
        ({}, None),  # a table that states no value adds no row
    ],
)
def test_canonical_value_of_a_declared_measure_is_drawn(project, measure, expected):
    from claimstrack.library import Library
    from claimstrack.model import Location, Measure

    report = build_report(project)
    declared = Measure("us-migraine-prevalence", location=Location("claims/claims.toml", 3, 1), **measure)
    library = Library(claims=report.library.claims, measures=(declared,), files=report.library.files)
    (inconsistency,) = build_view(attrs.evolve(report, library=library)).inconsistencies
    canonical = [r for r in inconsistency.rows if r.figure.startswith("canonical value")]
    if expected is None:
        assert canonical == [] and len(inconsistency.line.rows) == 2
    else:
        assert [(r.path, r.interval) for r in canonical] == [("claims/claims.toml", expected)]
        assert inconsistency.line.rows[-1].title == "Claims library"


def test_header_names_the_project_folder_and_the_audit_trail_keeps_the_path(report: FakeReport):

    view = build_view(report)
    assert view.project == Path(str(report.root)).name
    assert view.root == str(report.root)
