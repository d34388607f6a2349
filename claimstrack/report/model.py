"""The view model of the compliance review report, built once from an engine `Report`.

Templates only read these frozen classes; every decision (a figure's status, a claim's review
state, which figures disagree) is made here, so the HTML and Markdown renderers agree and the
rules can be tested without rendering anything.

A figure's status comes from the findings at its position: those on the same path whose
line/column span overlaps the figure's `Occurrence.source_span`. What backs it is told apart
as well: a claim the sentence states, a citation whose local source copy states the figure
(verified in source), or a citation alone (cited).

- conflicting: an error or warning from a consistency rule (CT201, CT202, CT203, CT210);
- unapproved: it states a claim that is not approved (draft, in review, rejected, withdrawn):
  CT302 is its only error or warning, or it has none and its claim is not approved;
- unsupported: any other error or warning at it, or no claim or citation backs it;
- suppressed: only silenced findings at it (the suppression's reason is shown);
- supported: backed by a claim or citation and no error or warning at it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from claimstrack._version import __version__
from claimstrack.checks.catalog import all_rules, get_rule
from claimstrack.checks.registry import Category
from claimstrack.consistency.intervals import Tolerance
from claimstrack.consistency.measures import canonical_interval
from claimstrack.model import Claim, Evidence, Finding, Reference, Severity, StatusChange, where
from claimstrack.paths import shown_path
from claimstrack.report import numberline
from claimstrack.report.provenance import GitState, git_state
from claimstrack.sources import CitedSource, SourceCopies

#: Rules whose findings mean figures for one measure disagree across documents (by category).
DECLARED_CONSISTENCY_CODES = frozenset(r.code for r in all_rules() if r.category is Category.CONSISTENCY)
CONSISTENCY_CODES = frozenset(r.code for r in all_rules() if r.category.compares_figures)

SUPPORTED, UNSUPPORTED, CONFLICTING, SUPPRESSED = "supported", "unsupported", "conflicting", "suppressed"
UNAPPROVED = "unapproved"
#: Status -> (label, symbol): status is never told by colour alone.
STATUS_LABELS = {
    SUPPORTED: ("Supported", "\u2713"),
    UNAPPROVED: ("Claim not approved", "\u270e"),
    UNSUPPORTED: ("Unsupported", "\u2717"),
    CONFLICTING: ("Conflicting", "\u2260"),
    SUPPRESSED: ("Suppressed", "\u2298"),
}
#: The rule that says a page states a claim that is not approved: a figure it alone flags
#: is backed by a claim still under review (or rejected), not unsupported.
UNAPPROVED_CODES = frozenset({get_rule("unapproved-claim-used").code})
#: How a mark on wording (not a figure) is labelled in the page view's legend.
FLAGGED_WORDING = ("Flagged wording", "\u26a0")

#: The canonical value of a measure is drawn in neutral grey, apart from the documents' colours.
CANONICAL_COLOUR = "#4a5360"

EXPIRED, DUE_SOON, CURRENT, NO_REVIEW_DATE = "expired", "due-soon", "current", "none"

#: What backs a figure: a claim, a citation its source copy confirms, a citation alone, nothing.
BY_CLAIM, VERIFIED_IN_SOURCE, CITED, NOT_BACKED = "claim", "verified-in-source", "cited", "none"
BACKING_LABELS = {
    BY_CLAIM: "claim",
    VERIFIED_IN_SOURCE: "verified in source",
    CITED: "cited, not verified",
    NOT_BACKED: "nothing",
}

# ---------------------------------------------------------------------------------------------
# View classes


@attrs.frozen
class FindingView:
    """One finding as the report shows it, with the anchors it links to."""

    anchor: str
    code: str
    name: str
    severity: str
    path: str
    line: int
    column: int
    message: str
    claim: str | None
    claim_anchor: str | None
    figure: str | None
    figure_anchor: str | None
    suppressed_reason: str | None = None
    #: the figures on the other side of an inconsistency (consistency rules only)
    related_figures: tuple[str, ...] = ()
    #: on a PDF: the page and the line within it
    page: int | None = None
    page_line: int | None = None

    @property
    def location(self) -> str:
        return where(self.path, self.line, self.column, self.page, self.page_line)


@attrs.frozen
class CitationView:
    """A citation at a figure and what the local copy of its source says of the figure."""

    key: str
    reference_anchor: str | None  # None: the key is not in the bibliography
    copy: str | None  # the local copy, relative to the project; None when none is kept
    contains: bool | None  # None: no copy to look in

    @property
    def verdict(self) -> str:
        """'verified in sources/x.txt', 'not in sources/x.txt' or 'no local copy'."""
        if self.reference_anchor is None:
            return "not in the bibliography"
        if self.contains is None:
            return "no local copy"
        return f"{'verified' if self.contains else 'not'} in {self.copy}"


@attrs.frozen
class FigureView:
    """One figure highlighted in a document's copy."""

    anchor: str
    text: str
    status: str
    path: str
    line: int
    column: int
    claim: str | None
    claim_anchor: str | None
    measure: str | None
    findings: tuple[FindingView, ...]
    suppressed: tuple[FindingView, ...]
    citations: tuple[CitationView, ...] = ()
    backing: str = NOT_BACKED
    #: on a PDF: the page and the line within it
    page: int | None = None
    page_line: int | None = None

    @property
    def position(self) -> str:
        """`line:column`, or `pPAGE:LINE:column` on a PDF."""
        return where("", self.line, self.column, self.page, self.page_line)[1:]

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status][0]

    @property
    def backing_label(self) -> str:
        return BACKING_LABELS[self.backing]

    @property
    def symbol(self) -> str:
        return STATUS_LABELS[self.status][1]

    @property
    def reasons(self) -> tuple[str, ...]:
        """The distinct suppression reasons of the silenced findings at this figure."""
        return tuple(dict.fromkeys(f.suppressed_reason or "" for f in self.suppressed))

    @property
    def tooltip(self) -> str:
        parts = [f"{self.label}"]
        parts += [f"{f.code} {f.message}" for f in self.findings]
        parts += [f"suppressed {f.code}: {f.suppressed_reason}" for f in self.suppressed]
        if self.claim:
            parts.append(f"claim {self.claim}")
        parts += [f"[@{c.key}] {c.verdict}" for c in self.citations]
        return " \u2014 ".join(parts)


@attrs.frozen
class WordingView:
    """Text a finding points at that is not a figure (CT401's risky phrase), marked in the page."""

    anchor: str
    text: str
    findings: tuple[FindingView, ...]
    suppressed: tuple[FindingView, ...]

    @property
    def tooltip(self) -> str:
        parts = [f"{f.code} {f.message}" for f in self.findings]
        parts += [f"suppressed {f.code}: {f.suppressed_reason}" for f in self.suppressed]
        return " \u2014 ".join(parts)


@attrs.frozen
class Segment:
    """A run of a paragraph: plain text, one highlighted figure, or one flagged wording."""

    text: str
    figure: FigureView | None = None
    wording: WordingView | None = None


@attrs.frozen
class DocumentView:
    anchor: str
    path: str
    format: str
    paragraphs: tuple[tuple[Segment, ...], ...]
    figures: tuple[FigureView, ...]
    finding_count: int
    #: on a PDF, the page each paragraph starts on (the report heads each page's text)
    paragraph_pages: tuple[int | None, ...] = ()
    wordings: tuple[WordingView, ...] = ()

    def count(self, status: str) -> int:
        return sum(1 for f in self.figures if f.status == status)


@attrs.frozen
class EvidenceView:
    cite: str
    reference: str | None
    reference_anchor: str | None
    doi_url: str | None
    url: str | None
    locator: str | None
    quote: str | None
    n: int | None
    #: retraction notices about the cited paper ("Retraction of 2020-05-14 (...)"), worst first
    notices: tuple[tuple[str, str], ...] = ()  # (severity, label)
    pubmed_url: str | None = None


@attrs.frozen
class ClaimRow:
    anchor: str
    id: str
    text: str
    variants: tuple[str, ...]
    measure: str | None
    status: str
    approved_by: str | None
    approved_on: dt.date | None
    review_by: dt.date | None
    review_state: str
    days_to_review: int | None
    evidence: tuple[EvidenceView, ...]
    used_in: tuple[tuple[str, str], ...]  # (path, document anchor)
    findings: tuple[FindingView, ...]
    history: tuple[StatusChange, ...] = ()  # the audit trail lists it

    @property
    def review_label(self) -> str:
        if self.review_state == EXPIRED:
            return f"\u26a0 Expired {-(self.days_to_review or 0)} days ago"
        if self.review_state == DUE_SOON:
            return f"\u25f7 Due in {self.days_to_review} days"
        return ""


@attrs.frozen
class IntervalRow:
    """One figure of an inconsistency, as listed under its number line."""

    path: str
    line: int
    figure: str
    figure_anchor: str | None
    interval: str


@attrs.frozen
class InconsistencyView:
    anchor: str
    measure: str
    declared: bool
    severity: str
    codes: tuple[str, ...]
    messages: tuple[str, ...]
    rows: tuple[IntervalRow, ...]
    line: numberline.NumberLine | None
    #: what the rules compared, in words: the legend of the number line
    compared: str = ""


@attrs.frozen
class RuleGroup:
    code: str
    name: str
    severity: str
    summary: str
    findings: tuple[FindingView, ...]

    @property
    def count(self) -> int:
        return len(self.findings)


@attrs.frozen
class ReferenceView:
    anchor: str
    key: str
    text: str
    doi_url: str | None
    url: str | None
    cited_by: tuple[tuple[str, str], ...]  # (claim id, claim anchor)
    #: retraction notices about the paper (severity, label), worst first
    notices: tuple[tuple[str, str], ...] = ()
    pubmed_url: str | None = None


@attrs.frozen
class InputFile:
    role: str
    path: str
    sha256: str | None
    size: int | None


@attrs.frozen
class Summary:
    documents: int
    figures: int
    claims: int
    supported: int
    #: supported figures by what backs them (they add up to `supported`)
    supported_by_claim: int
    verified_in_source: int
    cited_only: int
    unsupported: int
    conflicting: int
    suppressed: int
    expired: int
    due_soon: int
    review_warning_days: int
    errors: int
    warnings: int
    infos: int
    suppressed_findings: int
    exit_code: int
    fail_on: str
    #: figures that state a claim not approved (draft, in review, rejected, withdrawn)
    unapproved: int = 0

    @property
    def passed(self) -> bool:
        return self.exit_code == 0

    @property
    def verdict(self) -> str:
        if self.passed:
            return f"PASS \u2014 no finding at or above {self.fail_on} (exit code 0)"
        return f"FAIL \u2014 findings at or above {self.fail_on} (exit code {self.exit_code})"


@attrs.frozen
class ReportView:
    title: str
    generated_at: dt.datetime
    today: dt.date
    tool_version: str
    root: str
    summary: Summary
    documents: tuple[DocumentView, ...]
    claims: tuple[ClaimRow, ...]
    inconsistencies: tuple[InconsistencyView, ...]
    rule_groups: tuple[RuleGroup, ...]
    suppressed: tuple[FindingView, ...]
    references: tuple[ReferenceView, ...]
    inputs: tuple[InputFile, ...]
    #: the commit the project is at and whether its files differ from it (None outside git)
    git: GitState | None = None

    @property
    def cited_figures(self) -> tuple[FigureView, ...]:
        """Figures a citation backs with no claim of the library: the ones whose source matters."""
        return tuple(f for d in self.documents for f in d.figures if f.citations and f.backing != BY_CLAIM)

    @property
    def project(self) -> str:
        """The project's folder name, for the header (the audit trail keeps the full path)."""
        return Path(self.root).name or self.root


# ---------------------------------------------------------------------------------------------
# Positions: which findings sit at which figure


Position = tuple[int, int]


def _finding_range(finding: Finding) -> tuple[Position, Position]:
    return (finding.line, finding.column), (finding.end_line, finding.end_column)


class FigureIndex:
    """Finds the occurrences a finding's span overlaps, per path, in O(log n) each.

    Figures of one document do not overlap each other, so sorted by start they are also sorted
    by end, and the ones a span overlaps form one contiguous run found by two bisections.
    """

    def __init__(self, occurrences: Iterable[Any]) -> None:
        by_path: dict[str, list[Any]] = defaultdict(list)
        for occ in occurrences:
            by_path[occ.path].append(occ)
        self._occurrences: dict[str, list[Any]] = {}
        self._starts: dict[str, list[Position]] = {}
        self._ends: dict[str, list[Position]] = {}
        for path, items in by_path.items():
            items.sort(key=lambda o: (o.source_span.line, o.source_span.column))
            self._occurrences[path] = items
            self._starts[path] = [(o.source_span.line, o.source_span.column) for o in items]
            self._ends[path] = [_max_end(o, items, i) for i, o in enumerate(items)]

    def overlapping(self, path: str, start: Position, end: Position) -> list[Any]:
        """Occurrences on `path` overlapping [start, end); an empty span counts as a point."""
        items = self._occurrences.get(path)
        if not items:
            return []
        starts, ends = self._starts[path], self._ends[path]
        first = bisect.bisect_right(ends, start)
        last = bisect.bisect_left(starts, end) if end > start else bisect.bisect_right(starts, start)
        return items[first:last]

    def at(self, path: str, line: int, column: int) -> list[Any]:
        """Occurrences containing the position (line, column)."""
        return self.overlapping(path, (line, column), (line, column))


def _max_end(occ: Any, items: Sequence[Any], index: int) -> Position:
    # A running maximum keeps the end list sorted even if two figures ever overlap.
    end = (occ.source_span.end_line, occ.source_span.end_column)
    if index:
        previous = items[index - 1].source_span
        end = max(end, (previous.end_line, previous.end_column))
    return end


# ---------------------------------------------------------------------------------------------
# Building


class _Anchors:
    """Stable, markup-safe anchor ids (ids from user files never become ids themselves)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self._ids: dict[Any, str] = {}

    def __call__(self, key: Any) -> str:
        if key not in self._ids:
            self._ids[key] = f"{self.prefix}-{len(self._ids) + 1}"
        return self._ids[key]

    def get(self, key: Any) -> str | None:
        return self._ids.get(key)


def build_view(report: Any, *, title: str | None = None, generated_at: dt.datetime | None = None) -> ReportView:
    """The report's view model from an engine `Report` (see the module docstring)."""
    return _Builder(report).build(
        title=title or "Claims compliance review",
        generated_at=generated_at or dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
        version=__version__,
    )


class _Builder:
    def __init__(self, report: Any) -> None:
        self.report = report
        self.sources = _source_copies(report)
        self.index = FigureIndex(report.occurrences)
        self.claim_anchor = _Anchors("claim")
        self.doc_anchor = _Anchors("doc")
        self.figure_anchor = _Anchors("fig")
        self.finding_anchor = _Anchors("finding")
        self.ref_anchor = _Anchors("ref")
        for claim in _claims(report.library):
            self.claim_anchor(claim.id)
        for document in report.documents:
            self.doc_anchor(document.path)
        for occ in report.occurrences:
            self.figure_anchor(_occ_key(occ))
        for ref in _references(report.bibliography):
            self.ref_anchor(ref.key)
        self.wording_anchor = _Anchors("flag")
        self.active = [self._finding_view(f) for f in report.findings]
        self.silenced = [self._finding_view(s.finding, s.reason) for s in report.suppressed]
        # Findings at no figure, per path: marked on the wording they point at (CT401).
        self.unplaced: dict[str, list[tuple[Finding, FindingView, bool]]] = defaultdict(list)
        for finding, view in zip(report.findings, self.active):
            if view.figure_anchor is None:
                self.unplaced[finding.path].append((finding, view, False))
        for entry, view in zip(report.suppressed, self.silenced):
            if view.figure_anchor is None:
                self.unplaced[entry.finding.path].append((entry.finding, view, True))
        # Grouped once, so building stays linear in the number of figures and findings.
        self.active_at = self._group_by_figure(self.active)
        self.silenced_at = self._group_by_figure(self.silenced)
        self.occurrences_in: dict[str, list[Any]] = defaultdict(list)
        self.paths_using: dict[str, dict[str, None]] = defaultdict(dict)
        for occ in report.occurrences:
            self.occurrences_in[occ.path].append(occ)
            if occ.claim is not None:
                self.paths_using[occ.claim.id][occ.path] = None
        self.findings_of_claim: dict[str, list[FindingView]] = defaultdict(list)
        self.findings_in: dict[str, int] = defaultdict(int)
        for view in self.active:
            self.findings_in[view.path] += 1
            if view.claim:
                self.findings_of_claim[view.claim].append(view)
        self._spread_claim_findings(report.occurrences)

    def _spread_claim_findings(self, occurrences: Iterable[Any]) -> None:
        """A finding about the claim a sentence states (say, CT302 unapproved-claim-used) applies
        to every figure of that sentence that stands for the claim, not only the one it points at."""
        for occ in occurrences:
            if occ.claim is None or occ.claim_figure is None:
                continue
            anchor = self.figure_anchor(_occ_key(occ))
            start, end = _sentence_span(occ)
            present = self.active_at.get(anchor, [])
            for view in self.findings_of_claim.get(occ.claim.id, ()):
                if view.path == occ.path and start <= (view.line, view.column) < end and view not in present:
                    present.append(view)
            if present:
                self.active_at[anchor] = present

    def build(self, *, title: str, generated_at: dt.datetime, version: str) -> ReportView:
        documents = tuple(self._document_view(doc) for doc in self.report.documents)
        figures = [fig for doc in documents for fig in doc.figures]
        claims = tuple(self._claim_row(claim) for claim in _claims(self.report.library))
        return ReportView(
            title=title,
            generated_at=generated_at,
            today=self.report.today,
            tool_version=version,
            root=str(self.report.root),
            summary=self._summary(figures, claims),
            documents=documents,
            claims=claims,
            inconsistencies=tuple(self._inconsistencies()),
            rule_groups=tuple(self._rule_groups()),
            suppressed=tuple(self.silenced),
            references=tuple(self._references(claims)),
            inputs=tuple(collect_inputs(self.report)),
            git=git_state(self.report.root),
        )

    # -- findings ------------------------------------------------------------------------------

    def _finding_view(self, finding: Finding, reason: str | None = None) -> FindingView:
        at = self.index.overlapping(finding.path, *_finding_range(finding))
        figure_anchor = self.figure_anchor.get(_occ_key(at[0])) if at else None
        related: tuple[str, ...] = ()
        if finding.code in CONSISTENCY_CODES:
            others = (o for r in finding.related for o in self.index.at(r.path, r.line, r.column))
            related = tuple(dict.fromkeys(a for o in others if (a := self.figure_anchor.get(_occ_key(o)))))
        return FindingView(
            anchor=self.finding_anchor(id(finding)),
            code=finding.code,
            name=finding.name,
            severity=finding.severity.value,
            path=finding.path,
            line=finding.line,
            column=finding.column,
            message=finding.message,
            claim=finding.claim,
            claim_anchor=self.claim_anchor.get(finding.claim) if finding.claim else None,
            figure=finding.figure,
            figure_anchor=figure_anchor,
            suppressed_reason=reason,
            related_figures=related,
            page=finding.page,
            page_line=finding.page_line,
        )

    # -- documents -----------------------------------------------------------------------------

    def _document_view(self, document: Any) -> DocumentView:
        occurrences = sorted(self.occurrences_in.get(document.path, ()), key=lambda o: o.figure.span.start)
        figures = []
        for occ in occurrences:
            anchor = self.figure_anchor(_occ_key(occ))
            active = tuple(self.active_at.get(anchor, ()))
            silenced = tuple(self.silenced_at.get(anchor, ()))
            claim = occ.claim.id if occ.claim is not None else None
            citations = self._citations(occ)
            figures.append(
                FigureView(
                    anchor=anchor,
                    text=occ.figure.text,
                    status=figure_status(occ.supported, active, silenced,
                                         occ.claim.status if occ.claim is not None else None),
                    path=occ.path,
                    line=occ.source_span.line,
                    column=occ.source_span.column,
                    claim=claim,
                    claim_anchor=self.claim_anchor.get(claim) if claim else None,
                    measure=occ.measure,
                    findings=active,
                    suppressed=silenced,
                    citations=citations,
                    backing=figure_backing(occ.claim is not None and not occ.altered, citations),
                    **_page_fields(document, occ.source_span.line),
                )
            )
        spans = [(o.figure.span.start, o.figure.span.end) for o in occurrences]
        wordings = self._wordings(document, spans)
        marks: list[FigureView | WordingView] = [*figures, *(view for _, view in wordings)]
        return DocumentView(
            anchor=self.doc_anchor(document.path),
            path=document.path,
            format=str(getattr(document, "format", "") or ""),
            paragraphs=tuple(paragraph_segments(document.text, [*spans, *(span for span, _ in wordings)], marks)),
            figures=tuple(figures),
            wordings=tuple(view for _, view in wordings),
            finding_count=self.findings_in.get(document.path, 0),
            paragraph_pages=_paragraph_pages(document),
        )

    def _wordings(self, document: Any, figure_spans: Sequence[tuple[int, int]]) -> list[tuple[tuple[int, int], WordingView]]:
        """Marks for findings that point at wording, not at a figure (CT401's phrase), each with
        its text range; a range that overlaps a figure or an earlier mark is left to that one."""
        by_range: dict[tuple[int, int], tuple[list[FindingView], list[FindingView]]] = {}
        for finding, view, silenced in self.unplaced.get(document.path, ()):
            text_range = _text_range(document, finding)
            if text_range is not None:
                by_range.setdefault(text_range, ([], []))[1 if silenced else 0].append(view)
        figures = sorted(figure_spans)
        marks: list[tuple[tuple[int, int], WordingView]] = []
        next_figure, free_from = 0, 0
        for (start, end), (active, suppressed) in sorted(by_range.items()):
            # one sweep: figures ending before this range can no longer overlap a later one
            while next_figure < len(figures) and figures[next_figure][1] <= start:
                next_figure += 1
            if start < free_from or (next_figure < len(figures) and figures[next_figure][0] < end):
                continue
            free_from = end
            wording = WordingView(self.wording_anchor((document.path, start)), document.text[start:end],
                                  tuple(active), tuple(suppressed))
            marks.append(((start, end), wording))
        return marks

    def _citations(self, occ: Any) -> tuple[CitationView, ...]:
        if not occ.cites:
            return ()
        known = [key for key in occ.cites if key in self.report.bibliography]
        cited = {c.key: c for c in self.sources.cited(known, occ.figure)}
        return tuple(self._citation_view(key, cited.get(key)) for key in occ.cites)

    def _citation_view(self, key: str, cited: CitedSource | None) -> CitationView:
        copy = cited.copy if cited is not None else None
        return CitationView(
            key=key,
            reference_anchor=self.ref_anchor.get(key),
            copy=shown_path(copy, Path(self.report.root)) if copy is not None else None,
            contains=cited.contains if cited is not None else None,
        )

    @staticmethod
    def _group_by_figure(views: Iterable[FindingView]) -> dict[str, list[FindingView]]:
        """Findings per figure anchor: at the figure, or naming it as the other side of a conflict."""
        grouped: dict[str, list[FindingView]] = defaultdict(list)
        for view in views:
            for anchor in dict.fromkeys((view.figure_anchor, *view.related_figures)):
                if anchor:
                    grouped[anchor].append(view)
        return grouped

    # -- claims and references -----------------------------------------------------------------

    def _claim_row(self, claim: Claim) -> ClaimRow:
        state, days = review_state(claim.review_by, self.report.today, _warning_days(self.report.config))
        used = self.paths_using.get(claim.id, {})
        return ClaimRow(
            anchor=self.claim_anchor(claim.id),
            id=claim.id,
            text=claim.text,
            variants=tuple(claim.variants),
            measure=claim.measure,
            status=claim.status,
            approved_by=claim.approved_by,
            approved_on=claim.approved_on,
            review_by=claim.review_by,
            review_state=state,
            days_to_review=days,
            evidence=tuple(self._evidence_view(e) for e in claim.evidence),
            used_in=tuple((path, self.doc_anchor.get(path) or "") for path in used),
            findings=tuple(self.findings_of_claim.get(claim.id, ())),
            history=claim.history,
        )

    def _evidence_view(self, evidence: Evidence) -> EvidenceView:
        ref = self.report.bibliography.get(evidence.cite)
        return EvidenceView(
            cite=evidence.cite,
            reference=format_reference(ref) if ref is not None else None,
            reference_anchor=self.ref_anchor.get(evidence.cite),
            doi_url=doi_url(ref.doi) if ref is not None else None,
            url=safe_url(ref.url) if ref is not None else None,
            locator=evidence.locator,
            quote=evidence.quote,
            n=evidence.n,
            notices=self._notices(ref),
            pubmed_url=pubmed_url(ref.pmid) if ref is not None else None,
        )

    def _notices(self, ref: Reference | None) -> tuple[tuple[str, str], ...]:
        """The retraction notices about a reference's paper, from the run's retractions file."""
        retractions = getattr(self.report, "retractions", None)
        if ref is None or retractions is None:
            return ()
        return tuple((n.severity.value, n.label) for n in retractions.notices(ref.doi, ref.pmid))

    def _references(self, claims: Sequence[ClaimRow]) -> Iterable[ReferenceView]:
        for ref in _references(self.report.bibliography):
            cited_by = tuple((c.id, c.anchor) for c in claims if any(e.cite == ref.key for e in c.evidence))
            yield ReferenceView(
                anchor=self.ref_anchor(ref.key),
                key=ref.key,
                text=format_reference(ref),
                doi_url=doi_url(ref.doi),
                url=safe_url(ref.url),
                cited_by=cited_by,
                notices=self._notices(ref),
                pubmed_url=pubmed_url(ref.pmid),
            )

    # -- rules ---------------------------------------------------------------------------------

    def _rule_groups(self) -> Iterable[RuleGroup]:
        grouped: dict[str, list[FindingView]] = defaultdict(list)
        for view in self.active:
            grouped[view.code].append(view)
        order = sorted(grouped, key=lambda code: (-Severity(grouped[code][0].severity).rank, code))
        for code in order:
            views = grouped[code]
            yield RuleGroup(code, views[0].name, views[0].severity, _rule_summary(code), tuple(views))

    # -- inconsistencies -----------------------------------------------------------------------

    def _inconsistencies(self) -> Iterable[InconsistencyView]:
        groups = _DisjointSets()
        findings_of: dict[int, list[Finding]] = defaultdict(list)
        for finding in self.report.findings:
            if finding.code not in CONSISTENCY_CODES:
                continue
            members = list(self.index.overlapping(finding.path, *_finding_range(finding)))
            for related in finding.related:
                members += self.index.at(related.path, related.line, related.column)
            if not members:
                continue
            groups.add(members[0])
            for occ in members[1:]:
                groups.union(members[0], occ)
            findings_of[id(members[0])].append(finding)
        by_root: dict[int, list[Finding]] = defaultdict(list)
        for key, found in findings_of.items():
            by_root[id(groups.find_by_id(key))].extend(found)
        for number, (root_id, found) in enumerate(by_root.items(), start=1):
            members = groups.members(root_id)
            yield self._inconsistency(number, members, found)

    def _inconsistency(self, number: int, members: list[Any], found: list[Finding]) -> InconsistencyView:
        members.sort(key=lambda o: (o.path, o.source_span.line, o.source_span.column))
        declared = any(f.code in DECLARED_CONSISTENCY_CODES for f in found)
        measure = next((o.measure for o in members if o.measure), None)
        if measure is None:
            measure = _inferred_measure_label(found) or "probably the same quantity: " + (
                next((o.figure.subject for o in members if o.figure.subject), None) or members[0].figure.kind)
        worst = max((f.severity for f in found), key=lambda s: s.rank)
        tolerance = Tolerance.from_config(getattr(self.report.config, "tolerance", None))
        table = self._measure_table(measure) if declared else None
        accepted = canonical_interval(table, tolerance) if table is not None else None
        plotted, rows = [], []
        for occ in members:
            interval = numberline.drawn_interval(occ.figure, tolerance)
            where = f"{occ.path.rpartition('/')[2]}:{occ.source_span.line}"
            value = occ.figure.value
            outside = accepted is not None and value is not None and not accepted.contains(value)
            plotted.append(numberline.Plotted(where, f"\u201c{occ.figure.text}\u201d", interval,
                                              value_outside=outside))
            rows.append(IntervalRow(
                path=occ.path,
                line=occ.source_span.line,
                figure=occ.figure.text,
                figure_anchor=self.figure_anchor.get(_occ_key(occ)),
                interval=numberline.describe_interval(interval, occ.figure.kind, occ.figure.unit),
            ))
        kind, unit = members[0].figure.kind, members[0].figure.unit
        canonical = self._canonical(measure, tolerance, plotted) if declared else None
        if canonical is not None:
            plotted.append(canonical)
            rows.append(IntervalRow(self._library_file(measure), 0, f"canonical value of {measure}", None,
                                    numberline.describe_interval(canonical.interval, kind, unit)))
        line = numberline.layout(plotted, kind, unit, f"Figures for {measure}") if plotted else None
        compared = compared_legend(declared, tolerance, measure,
                                   rows[-1].interval if canonical is not None else None)
        return InconsistencyView(
            anchor=f"inconsistency-{number}",
            measure=measure,
            declared=declared,
            severity=worst.value,
            codes=tuple(sorted({f.code for f in found})),
            messages=tuple(dict.fromkeys(f.message for f in found)),
            rows=tuple(rows),
            line=line,
            compared=compared,
        )

    def _measure_table(self, key: str) -> Any:
        library = self.report.library
        return library.measure(key) if hasattr(library, "measure") else None

    def _canonical(self, key: str, tolerance: Any, plotted: Sequence[numberline.Plotted]) -> numberline.Plotted | None:
        """The `[measure.<key>]` table's accepted values as one more row, when it gives them."""
        measure = self._measure_table(key)
        if measure is None or not plotted:
            return None
        accepted = canonical_interval(measure, Tolerance.from_config(tolerance))
        if accepted is None:
            return None
        # An open-ended table ("low = 40") is drawn to the edge of the figures, with an arrow.
        lowest = min(p.interval.low for p in plotted)
        highest = max(p.interval.high for p in plotted)
        low_end = numberline.CLOSED if accepted.low_closed else numberline.OPEN
        high_end = numberline.CLOSED if accepted.high_closed else numberline.OPEN
        low, high = accepted.low, accepted.high
        if low == float("-inf"):
            low, low_end = min(lowest, high), numberline.UNBOUNDED
        if high == float("inf"):
            high, high_end = max(highest, low), numberline.UNBOUNDED
        interval = numberline.DrawnInterval(low, high, low_end, high_end, measure.value)
        return numberline.Plotted("Claims library", f"canonical value of {key}", interval, CANONICAL_COLOUR,
                                  canonical=True)

    def _library_file(self, key: str) -> str:
        measure = self.report.library.measure(key)
        location = getattr(measure, "location", None)
        return location.path if location is not None else "claims library"

    # -- summary -------------------------------------------------------------------------------

    def _summary(self, figures: Sequence[FigureView], claims: Sequence[ClaimRow]) -> Summary:
        report = self.report
        fail_on = getattr(report.config, "fail_on", None) or Severity.ERROR
        return Summary(
            documents=len(report.documents),
            figures=len(figures),
            claims=len(claims),
            supported=sum(1 for f in figures if f.status == SUPPORTED),
            supported_by_claim=_count_backed(figures, BY_CLAIM),
            verified_in_source=_count_backed(figures, VERIFIED_IN_SOURCE),
            cited_only=_count_backed(figures, CITED),
            unsupported=sum(1 for f in figures if f.status == UNSUPPORTED),
            unapproved=sum(1 for f in figures if f.status == UNAPPROVED),
            conflicting=sum(1 for f in figures if f.status == CONFLICTING),
            suppressed=sum(1 for f in figures if f.status == SUPPRESSED),
            expired=sum(1 for c in claims if c.review_state == EXPIRED),
            due_soon=sum(1 for c in claims if c.review_state == DUE_SOON),
            review_warning_days=_warning_days(report.config),
            errors=report.count(Severity.ERROR),
            warnings=report.count(Severity.WARNING),
            infos=report.count(Severity.INFO),
            suppressed_findings=len(report.suppressed),
            exit_code=report.exit_code(),
            fail_on=fail_on.value if isinstance(fail_on, Severity) else str(fail_on),
        )


class _DisjointSets:
    """Union-find over objects by identity, to gather figures linked by consistency findings."""

    def __init__(self) -> None:
        self._parent: dict[int, int] = {}
        self._items: dict[int, Any] = {}

    def add(self, item: Any) -> int:
        key = id(item)
        if key not in self._parent:
            self._parent[key] = key
            self._items[key] = item
        return key

    def _find(self, key: int) -> int:
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self._find(self.add(a)), self._find(self.add(b))
        if ra != rb:
            self._parent[rb] = ra

    def find_by_id(self, key: int) -> Any:
        if key not in self._parent:
            return self._items.get(key)
        return self._items[self._find(key)]

    def members(self, root_id: int) -> list[Any]:
        if root_id not in self._parent:
            return []
        return [self._items[k] for k in self._parent if self._find(k) == root_id]


# ---------------------------------------------------------------------------------------------
# Small rules, public so they can be tested on their own


def figure_status(supported: bool, active: Sequence[FindingView], silenced: Sequence[FindingView],
                  claim_status: str | None = None) -> str:
    """A figure's status from its support, the findings at it and the status of the claim it
    states, if any (module docstring)."""
    serious = [f for f in active if f.severity in ("error", "warning")]
    if any(f.code in CONSISTENCY_CODES for f in serious):
        return CONFLICTING
    if serious:
        return UNAPPROVED if all(f.code in UNAPPROVED_CODES for f in serious) else UNSUPPORTED
    if silenced:
        return SUPPRESSED
    if claim_status is not None and claim_status != "approved":
        return UNAPPROVED
    return SUPPORTED if supported else UNSUPPORTED


def figure_backing(by_claim: bool, citations: Sequence[CitationView]) -> str:
    """What backs a figure: a claim first, else a citation its source copy confirms, else a
    citation that resolves, else nothing."""
    if by_claim:
        return BY_CLAIM
    known = [c for c in citations if c.reference_anchor is not None]
    if any(c.contains for c in known):
        return VERIFIED_IN_SOURCE
    return CITED if known else NOT_BACKED


def _count_backed(figures: Sequence[FigureView], backing: str) -> int:
    return sum(1 for f in figures if f.status == SUPPORTED and f.backing == backing)


def _source_copies(report: Any) -> SourceCopies:
    """The run's source copies (read once, shared with the checks), or a reader of the folder."""
    copies: SourceCopies | None = getattr(report, "sources", None)
    if copies is not None:
        return copies
    config = report.config
    return SourceCopies(Path(report.root) / config.sources, Tolerance.from_config(config.tolerance))


def review_state(review_by: dt.date | None, today: dt.date, warning_days: int) -> tuple[str, int | None]:
    """(state, days until review-by): expired, due-soon within `warning_days`, current, none."""
    if review_by is None:
        return NO_REVIEW_DATE, None
    days = (review_by - today).days
    if days < 0:
        return EXPIRED, days
    if days <= warning_days:
        return DUE_SOON, days
    return CURRENT, days


def doi_url(doi: str | None) -> str | None:
    """https://doi.org/<doi> for a bare DOI, a doi: prefix or a doi.org URL; None otherwise."""
    if not doi:
        return None
    bare = doi.strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"):
        if bare.lower().startswith(prefix):
            bare = bare[len(prefix):]
            break
    if not bare.startswith("10."):
        return None
    return "https://doi.org/" + bare


def pubmed_url(pmid: str | None) -> str | None:
    """https://pubmed.ncbi.nlm.nih.gov/<id>/ for a PubMed id ("12345678", "PMID: 12345678")."""
    if not pmid:
        return None
    digits = pmid.strip().upper().removeprefix("PMID").lstrip(": ").strip()
    return f"https://pubmed.ncbi.nlm.nih.gov/{digits}/" if digits.isdigit() and digits.isascii() else None


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s); anything else (javascript:, data:) is never made a link."""
    if not url:
        return None
    stripped = url.strip()
    return stripped if stripped.lower().startswith(("https://", "http://")) else None


def format_reference(ref: Reference) -> str:
    """The reference formatted by claimstrack.bib (one line, citation style)."""
    from claimstrack.bib import format_reference as bib_format

    return bib_format(ref)


def paragraph_segments(
    text: str, spans: Sequence[tuple[int, int]], figures: Sequence[FigureView | WordingView]
) -> Iterable[tuple[Segment, ...]]:
    """Split visible text into paragraphs at blank lines, cutting out each mark's span (a
    figure, or wording a finding points at); marks do not overlap.

    Single newlines inside a paragraph become spaces. Linear in the length of the text.
    """
    order = sorted(range(len(spans)), key=lambda i: spans[i])
    cursor = 0
    for start, end in _paragraph_ranges(text):
        segments: list[Segment] = []
        position = start
        while cursor < len(order) and spans[order[cursor]][0] < end:
            fig_start, fig_end = spans[order[cursor]]
            fig_start, fig_end = max(fig_start, position), min(fig_end, end)
            if fig_start > position:
                segments.append(Segment(_flow(text[position:fig_start])))
            if fig_end > fig_start:
                segments.append(_mark_segment(_flow(text[fig_start:fig_end]), figures[order[cursor]]))
                position = fig_end
            if spans[order[cursor]][1] > end:
                break  # the figure continues into the next paragraph (rare): shown there too
            cursor += 1
        if position < end:
            segments.append(Segment(_flow(text[position:end])))
        yield tuple(segments)


def _mark_segment(text: str, mark: FigureView | WordingView) -> Segment:
    if isinstance(mark, WordingView):
        return Segment(text, wording=mark)
    return Segment(text, mark)


def _text_range(document: Any, finding: Finding) -> tuple[int, int] | None:
    """The range of the document's visible text a finding's source span covers, if any."""
    offsets = getattr(document, "offsets", None)
    if not offsets or (finding.end_line, finding.end_column) <= (finding.line, finding.column):
        return None
    try:
        index = document.line_index
        source_start = index.offset(finding.line, finding.column)
        source_end = index.offset(finding.end_line, finding.end_column)
    except (AttributeError, IndexError):
        return None
    start = bisect.bisect_left(offsets, source_start)
    end = bisect.bisect_left(offsets, source_end)
    return (start, end) if start < end else None


def _page_fields(document: Any, line: int) -> dict[str, int]:
    at = document.page_position(line) if getattr(document, "pages", ()) else None
    return {} if at is None else {"page": at[0], "page_line": at[1]}


def _paragraph_pages(document: Any) -> tuple[int | None, ...]:
    """The page each paragraph of a PDF starts on (empty for other documents)."""
    if not getattr(document, "pages", ()):
        return ()
    pages: list[int | None] = []
    for start, _ in _paragraph_ranges(document.text):
        at = document.page_position(document.source_span(start, start).line)
        pages.append(at[0] if at else None)
    return tuple(pages)


def _paragraph_ranges(text: str) -> Iterable[tuple[int, int]]:
    start: int | None = None
    position = 0
    for line in text.splitlines(keepends=True):
        blank = not line.strip()
        if blank and start is not None:
            yield start, _rstrip_end(text, start, position)
            start = None
        elif not blank and start is None:
            start = position + (len(line) - len(line.lstrip()))
        position += len(line)
    if start is not None:
        yield start, _rstrip_end(text, start, position)


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _flow(text: str) -> str:
    return text.replace("\r\n", " ").replace("\n", " ")


_INFERRED_GROUP = re.compile(r"probably the same measure, (g[0-9a-f]{8}): ([^)]*)\)")


def _inferred_measure_label(found: Sequence[Finding]) -> str | None:
    """'inferred group g3fa2b1c9 (count of people, us: migraine)' from a CT210 message, so the
    reviewer can accept it (`claimstrack measures accept g3fa2b1c9 --as KEY`)."""
    for finding in found:
        match = _INFERRED_GROUP.search(finding.message)
        if match:
            return f"inferred group {match.group(1)} ({match.group(2)}): claimstrack measures accept {match.group(1)} --as KEY"
    return None


def compared_legend(declared: bool, tolerance: Tolerance, measure: str, canonical: str | None) -> str:
    """What the consistency rules compared, in words, for the legend under a number line."""
    widening = (f"its stated value widened by its rounding, by {tolerance.approximate:.0%} when approximate, "
                f"and an open end (\u201cover\u201d, \u201calmost\u201d) closed {tolerance.hedge:.0%} "
                "beyond the stated number")
    if not declared:
        return (f"Each bar is the interval CT210 compares: {widening}. Bars that share no value "
                "disagree.")
    text = (f"Each bar is the interval CT201 and CT202 compare: {widening}. Bars that share no value "
            "conflict (CT201).")
    if canonical is not None:
        text += (f" The shaded band is the canonical value of {measure}, {canonical}: CT203 flags a bar "
                 "outside it, and a figure stating one value (exact or approximate, not "
                 "\u201cover\u201d or \u201cup to\u201d) whose stated value, the tick, lies outside it "
                 "even where its bar reaches the band.")
    return text


def _sentence_span(occ: Any) -> tuple[Position, Position]:
    """Where the occurrence's sentence lies in the source file (falls back to the figure)."""
    document = occ.document
    try:
        start, end = document.sentence_at(occ.figure.span.start)
        span = document.source_span(start, end)
    except (AttributeError, ValueError):
        span = occ.source_span
    return (span.line, span.column), (span.end_line, span.end_column)


def _occ_key(occ: Any) -> tuple[str, int, int]:
    return (occ.path, occ.source_span.line, occ.source_span.column)


def _claims(library: Any) -> tuple[Claim, ...]:
    return tuple(getattr(library, "claims", ()) or ())


def _references(bibliography: Any) -> tuple[Reference, ...]:
    references = getattr(bibliography, "references", ()) or ()
    if isinstance(references, Mapping):
        return tuple(references.values())
    return tuple(references)


def _warning_days(config: Any) -> int:
    return int(getattr(config, "review_warning_days", 30))


def _rule_summary(code: str) -> str:
    try:
        return get_rule(code).summary
    except KeyError:
        return ""


# ---------------------------------------------------------------------------------------------
# Inputs for the audit trail


def collect_inputs(report: Any) -> list[InputFile]:
    """Every file the run read, with its SHA-256, in a stable order."""
    root = Path(report.root)
    listed: list[tuple[str, str]] = []
    config_path = getattr(report.config, "path", None)
    if config_path:
        listed.append(("configuration", shown_path(Path(config_path), root)))
    listed += [("claims library", str(p)) for p in getattr(report.library, "files", ()) or ()]
    bib_path = getattr(report.bibliography, "path", None)
    if bib_path:
        listed.append(("bibliography", shown_path(Path(bib_path), root)))
    listed += [("document", d.path) for d in report.documents]
    sources = {d.path: getattr(d, "source", None) for d in report.documents}
    return [_input(role, path, root, sources.get(path)) for role, path in dict.fromkeys(listed)]


def _input(role: str, path: str, root: Path, source: str | None) -> InputFile:
    file = Path(path) if Path(path).is_absolute() else root / path
    try:
        data = file.read_bytes()
    except OSError:
        # A document given as text rather than read from disk: hash what was checked.
        if source is None:
            return InputFile(role, path, None, None)
        data = source.encode("utf-8")
    return InputFile(role, path, hashlib.sha256(data).hexdigest(), len(data))


