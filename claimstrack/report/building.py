"""The report's views built from an engine `Report`, once.

Every finding is placed by what it is about, never by where it is: `Finding.figure_id` names
its figure, `Related.figure_id` the figures on the other side of an inconsistency, and
`Finding.claim` the claim whose sentence it concerns. A finding about no figure (CT401's
phrase, a claims-file finding) is marked on the wording it points at, or listed only.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar, overload

from claimstrack._version import __version__
from claimstrack.bib import format_reference
from claimstrack.checks.catalog import get_rule
from claimstrack.checks.context import Occurrence
from claimstrack.consistency.intervals import Tolerance
from claimstrack.consistency.measures import canonical_interval
from claimstrack.disjoint import DisjointSets
from claimstrack.documents import Document
from claimstrack.engine import Report
from claimstrack.model import Claim, Evidence, FigureId, Finding, Reference, Severity
from claimstrack.paths import shown_path
from claimstrack.report import numberline
from claimstrack.report.audit import collect_inputs, git_state
from claimstrack.report.paragraphs import paragraph_pages, paragraph_segments, text_range
from claimstrack.report.statuses import (
    CONSISTENCY_CODES,
    DECLARED_CONSISTENCY_CODES,
    figure_backing,
    figure_status,
    review_state,
)
from claimstrack.report.views import (
    BY_CLAIM,
    CITED,
    CONFLICTING,
    DUE_SOON,
    EXPIRED,
    SUPPORTED,
    SUPPRESSED,
    UNAPPROVED,
    UNSUPPORTED,
    VERIFIED_IN_SOURCE,
    CitationView,
    ClaimRow,
    DocumentView,
    EvidenceView,
    FigureView,
    FindingView,
    InconsistencyView,
    IntervalRow,
    ReferenceView,
    ReportView,
    RuleGroup,
    Summary,
    WordingView,
)
from claimstrack.sources import CitedSource, SourceCopies
from claimstrack.text import bare_doi

#: The canonical value of a measure is drawn in neutral grey, apart from the documents' colours.
CANONICAL_COLOUR = "#4a5360"

_Key = TypeVar("_Key", bound=Hashable)
#: Where a figure is (`FigureId`'s path, start and end), as the builder keys figures.
_Place = tuple[str, int, int]


def build_view(report: Report, *, title: str | None = None, generated_at: dt.datetime | None = None) -> ReportView:
    """The report's view model from an engine `Report` (statuses: `claimstrack.report.statuses`)."""
    return _Builder(report).build(
        title=title or "Claims compliance review",
        generated_at=generated_at or dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
        version=__version__,
    )


class _Anchors(dict[_Key | None, str]):
    """Stable, markup-safe anchor ids (ids from user files never become ids themselves): a key
    is numbered on first use (`anchors(key)`); `get` is the dict's own, None for a key never
    numbered (and for None, which is never one)."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def __call__(self, key: _Key) -> str:
        return self.number((key,))[0]

    def number(self, keys: Iterable[_Key]) -> list[str]:
        """The anchors of `keys` in turn, numbering the new ones (a site's figures and findings
        are numbered in one pass)."""
        anchors = []
        for key in keys:
            anchor = self.get(key)
            if anchor is None:
                anchor = self[key] = f"{self.prefix}-{len(self) + 1}"
            anchors.append(anchor)
        return anchors


class _Builder:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.sources = _source_copies(report)
        # each figure's place made once, in the run's order
        self.figure_places = [(occ.document.path, occ.figure.span.start, occ.figure.span.end)
                              for occ in report.occurrences]
        self.occurrence_of = dict(zip(self.figure_places, report.occurrences))
        self.claim_anchor: _Anchors[str] = _Anchors("claim")
        self.doc_anchor: _Anchors[str] = _Anchors("doc")
        self.figure_anchor: _Anchors[_Place] = _Anchors("fig")
        self.finding_anchor: _Anchors[int] = _Anchors("finding")
        self.ref_anchor: _Anchors[str] = _Anchors("ref")
        self.wording_anchor: _Anchors[tuple[str, int]] = _Anchors("flag")
        self._number_anchors()
        numbered = self.finding_anchor.number(map(id, report.findings))
        self.active = self._finding_views(report.findings, numbered, itertools.repeat(None))
        numbered = self.finding_anchor.number(id(s.finding) for s in report.suppressed)
        self.silenced = self._finding_views([s.finding for s in report.suppressed], numbered,
                                            [s.reason for s in report.suppressed])
        self.unplaced = self._unplaced_findings()
        # Grouped once, so building stays linear in the number of figures and findings.
        self.active_at = _group_by_figure(self.active)
        self.silenced_at = _group_by_figure(self.silenced)
        self._index_occurrences()
        self._index_findings()
        self._spread_claim_findings()

    def _number_anchors(self) -> None:
        """Anchors in the order the report shows claims, pages, figures and references."""
        report = self.report
        for claim in report.library.claims:
            self.claim_anchor(claim.id)
        for document in report.documents:
            self.doc_anchor(document.path)
        self.occurrence_anchors = self.figure_anchor.number(self.figure_places)
        for ref in report.bibliography.references:
            self.ref_anchor(ref.key)

    def _unplaced_findings(self) -> dict[str, list[tuple[Finding, FindingView, bool]]]:
        """Findings about no figure, per path: marked on the wording they point at (CT401)."""
        unplaced: dict[str, list[tuple[Finding, FindingView, bool]]] = defaultdict(list)
        for finding, view in zip(self.report.findings, self.active):
            if view.figure_anchor is None:
                unplaced[finding.path].append((finding, view, False))
        for entry, view in zip(self.report.suppressed, self.silenced):
            if view.figure_anchor is None:
                unplaced[entry.finding.path].append((entry.finding, view, True))
        return unplaced

    def _index_occurrences(self) -> None:
        """Each page's figures with their anchors; the pages each claim is stated on."""
        self.occurrences_in: dict[str, list[tuple[Occurrence, str]]] = defaultdict(list)
        self.paths_using: dict[str, dict[str, None]] = defaultdict(dict)
        for occ, anchor in zip(self.report.occurrences, self.occurrence_anchors):
            self.occurrences_in[occ.path].append((occ, anchor))
            if occ.claim is not None:
                self.paths_using[occ.claim.id][occ.path] = None

    def _index_findings(self) -> None:
        self.findings_of_claim: dict[str, list[FindingView]] = defaultdict(list)
        self.findings_in: dict[str, int] = defaultdict(int)
        for view in self.active:
            self.findings_in[view.path] += 1
            if view.claim:
                self.findings_of_claim[view.claim].append(view)

    def _spread_claim_findings(self) -> None:
        """A finding about the claim a sentence states (say, CT302 unapproved-claim-used) applies
        to every figure of that sentence that stands for the claim, not only the one it is about."""
        standing: dict[tuple[tuple[str, int], str], list[Occurrence]] = defaultdict(list)
        for occ in self.report.occurrences:
            if occ.claim is not None and occ.claim_figure is not None:
                standing[_sentence_of(occ), occ.claim.id].append(occ)
        for finding, view in zip(self.report.findings, self.active):
            if finding.claim is None or finding.figure_id is None:
                continue
            about = self.occurrence_of.get(_place(finding.figure_id))
            if about is None:
                continue
            for occ in standing.get((_sentence_of(about), finding.claim), ()):
                present = self.active_at[self.figure_anchor(_place(occ.figure_id))]
                if view not in present:
                    present.append(view)

    def build(self, *, title: str, generated_at: dt.datetime, version: str) -> ReportView:
        documents = tuple(self._document_view(doc) for doc in self.report.documents)
        figures = [fig for doc in documents for fig in doc.figures]
        claims = tuple(self._claim_row(claim) for claim in self.report.library.claims)
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

    def _finding_views(self, findings: Iterable[Finding], anchors: Iterable[str],
                       reasons: Iterable[str | None]) -> list[FindingView]:
        """Each finding's view, with its anchor and (when suppressed) the reason. One loop with
        its look-ups bound once: a 1 MB page makes tens of thousands."""
        claim_anchor, figure_anchor = self.claim_anchor.get, self.figure_anchor.get
        views = []
        for finding, anchor, reason in zip(findings, anchors, reasons):
            related: tuple[str, ...] = ()
            if finding.code in CONSISTENCY_CODES:
                # only figures of the run have anchors: `get` is None for any other
                others = (figure_anchor(_place(r.figure_id)) for r in finding.related)
                related = tuple(dict.fromkeys(a for a in others if a))
            about = finding.figure_id
            # the enum's value read as its attribute (`.value` is a descriptor call per finding),
            # the figure's place made inline, the view positional in the order of its fields
            views.append(FindingView(
                anchor, finding.code, finding.name, finding.severity._value_, finding.path, finding.line,
                finding.column, finding.message, finding.claim, claim_anchor(finding.claim), finding.figure,
                None if about is None else figure_anchor((about.path, about.start, about.end)), reason, related,
                finding.page, finding.page_line))
        return views

    # -- documents -----------------------------------------------------------------------------

    def _document_view(self, document: Document) -> DocumentView:
        placed = sorted(self.occurrences_in.get(document.path, ()), key=lambda pair: pair[0].figure.span.start)
        figures = self._figure_views(document, placed)
        spans = [(occ.figure.span.start, occ.figure.span.end) for occ, _ in placed]
        wordings = self._wordings(document, spans)
        marks: list[FigureView | WordingView] = [*figures, *(view for _, view in wordings)]
        return DocumentView(
            anchor=self.doc_anchor(document.path),
            path=document.path,
            format=document.format,
            cut_paragraphs=functools.partial(paragraph_segments, document.text, [*spans, *(span for span, _ in wordings)],
                                             marks),
            figures=tuple(figures),
            wordings=tuple(view for _, view in wordings),
            finding_count=self.findings_in.get(document.path, 0),
            paragraph_pages=paragraph_pages(document),
        )

    def _figure_views(self, document: Document, placed: Iterable[tuple[Occurrence, str]]) -> list[FigureView]:
        """Each figure's view, in one loop with its look-ups bound once: a 1 MB page makes tens
        of thousands (positional, in the order of FigureView's fields)."""
        active_at, silenced_at, claim_anchor = self.active_at.get, self.silenced_at.get, self.claim_anchor.get
        paged = bool(document.pages)
        views = []
        for occ, anchor in placed:
            active = tuple(active_at(anchor, ()))
            silenced = tuple(silenced_at(anchor, ()))
            claim = occ.claim
            citations = self._citations(occ) if occ.cites else ()
            span = occ.source_span
            at = document.page_position(span.line) if paged else None
            views.append(FigureView(
                anchor, occ.figure.text,
                figure_status(occ.supported, active, silenced, claim.status if claim is not None else None),
                occ.path, span.line, span.column,
                claim.id if claim is not None else None, claim_anchor(claim.id) if claim is not None else None,
                occ.measure, active, silenced, citations,
                figure_backing(claim is not None and not occ.altered, citations),
                at[0] if at else None, at[1] if at else None,
            ))
        return views

    def _wordings(self, document: Document, figure_spans: Sequence[tuple[int, int]]) -> list[tuple[tuple[int, int], WordingView]]:
        """Marks for findings that point at wording, not at a figure (CT401's phrase), each with
        its text range; a range that overlaps a figure or an earlier mark is left to that one."""
        by_range: dict[tuple[int, int], tuple[list[FindingView], list[FindingView]]] = {}
        for finding, view, silenced in self.unplaced.get(document.path, ()):
            found = text_range(document, finding)
            if found is not None:
                by_range.setdefault(found, ([], []))[1 if silenced else 0].append(view)
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

    def _citations(self, occ: Occurrence) -> tuple[CitationView, ...]:
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

    # -- claims and references -----------------------------------------------------------------

    def _claim_row(self, claim: Claim) -> ClaimRow:
        state, days = review_state(claim.review_by, self.report.today, self.report.config.review_warning_days)
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
        retractions = self.report.retractions
        if ref is None or retractions is None:
            return ()
        return tuple((n.severity.value, n.label) for n in retractions.notices(ref.doi, ref.pmid))

    def _references(self, claims: Sequence[ClaimRow]) -> Iterable[ReferenceView]:
        for ref in self.report.bibliography.references:
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
        """One view per set of figures the consistency findings link, each finding joining the
        figure it is about to the figures it names as the other sides."""
        groups: DisjointSets[_Place] = DisjointSets()
        findings_of: dict[_Place, list[Finding]] = defaultdict(list)
        for finding in self.report.findings:
            if finding.code not in CONSISTENCY_CODES:
                continue
            linked = [key for key in map(_place, (finding.figure_id, *(r.figure_id for r in finding.related)))
                      if key is not None and key in self.occurrence_of]
            if not linked:
                continue
            groups.add(linked[0])
            for key in linked[1:]:
                groups.union(linked[0], key)
            findings_of[linked[0]].append(finding)
        by_root: dict[_Place, list[Finding]] = defaultdict(list)
        for key, found in findings_of.items():
            by_root[groups.find(key)].extend(found)
        components = groups.components()
        for number, (root, found) in enumerate(by_root.items(), start=1):
            members = [self.occurrence_of[key] for key in components[root]]
            yield self._inconsistency(number, members, found)

    def _inferred_measure_label(self, found: Sequence[Finding]) -> str | None:
        """'inferred group g3fa2b1c9 (count of people, us: migraine): claimstrack measures accept
        g3fa2b1c9 --as KEY' for a CT210 finding's group, so the reviewer can accept it."""
        for finding in found:
            if finding.code != "CT210" or finding.measure is None:
                continue
            described = self.report.inferred.describe(finding.measure)
            if described is not None:
                group = finding.measure
                return f"inferred group {group} ({described}): claimstrack measures accept {group} --as KEY"
        return None

    def _inconsistency(self, number: int, members: list[Occurrence], found: list[Finding]) -> InconsistencyView:
        members.sort(key=lambda o: (o.path, o.source_span.line, o.source_span.column))
        declared = any(f.code in DECLARED_CONSISTENCY_CODES for f in found)
        measure = next((f.measure for f in found if f.measure and f.code in DECLARED_CONSISTENCY_CODES), None)
        if measure is None:
            measure = self._inferred_measure_label(found) or "probably the same quantity: " + (
                next((o.figure.subject for o in members if o.figure.subject), None) or members[0].figure.kind)
        worst = max((f.severity for f in found), key=lambda s: s.rank)
        tolerance = Tolerance.from_config(self.report.config.tolerance)
        table = self.report.library.measure(measure) if declared else None
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
                figure_anchor=self.figure_anchor.get(_place(occ.figure_id)),
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

    def _canonical(self, key: str, tolerance: Tolerance,
                   plotted: Sequence[numberline.Plotted]) -> numberline.Plotted | None:
        """The `[measure.<key>]` table's accepted values as one more row, when it gives them."""
        measure = self.report.library.measure(key)
        if measure is None or not plotted:
            return None
        accepted = canonical_interval(measure, tolerance)
        if accepted is None:
            return None
        lowest = min(p.interval.low for p in plotted)
        highest = max(p.interval.high for p in plotted)
        interval = numberline.accepted_interval(accepted, measure.value, lowest, highest)
        return numberline.Plotted("Claims library", f"canonical value of {key}", interval, CANONICAL_COLOUR,
                                  canonical=True)

    def _library_file(self, key: str) -> str:
        measure = self.report.library.measure(key)
        location = measure.location if measure is not None else None
        return location.path if location is not None else "claims library"

    # -- summary -------------------------------------------------------------------------------

    def _summary(self, figures: Sequence[FigureView], claims: Sequence[ClaimRow]) -> Summary:
        report = self.report
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
            review_warning_days=report.config.review_warning_days,
            errors=report.count(Severity.ERROR),
            warnings=report.count(Severity.WARNING),
            infos=report.count(Severity.INFO),
            suppressed_findings=len(report.suppressed),
            exit_code=report.exit_code(),
            fail_on=report.config.fail_on.value,
        )


def _group_by_figure(views: Iterable[FindingView]) -> dict[str, list[FindingView]]:
    """Findings per figure anchor: about the figure, or naming it as the other side of a conflict."""
    grouped: dict[str, list[FindingView]] = defaultdict(list)
    for view in views:
        if not view.related_figures:  # most findings: about one figure, naming no other
            if view.figure_anchor:
                grouped[view.figure_anchor].append(view)
            continue
        for anchor in dict.fromkeys((view.figure_anchor, *view.related_figures)):
            if anchor:
                grouped[anchor].append(view)
    return grouped


@overload
def _place(figure_id: FigureId) -> _Place: ...


@overload
def _place(figure_id: FigureId | None) -> _Place | None: ...


def _place(figure_id: FigureId | None) -> _Place | None:
    """A figure's id as a plain tuple: the builder's dicts hash and compare one per figure and
    finding (tens of thousands on a 1 MB page), and a tuple does both in C."""
    return None if figure_id is None else (figure_id.path, figure_id.start, figure_id.end)


def _sentence_of(occ: Occurrence) -> tuple[str, int]:
    """The page and the start of the sentence the figure is in."""
    return occ.path, occ.document.sentence_at(occ.figure.span.start)[0]


def _count_backed(figures: Sequence[FigureView], backing: str) -> int:
    return sum(1 for f in figures if f.status == SUPPORTED and f.backing == backing)


def _source_copies(report: Report) -> SourceCopies:
    """The run's source copies (read once, shared with the checks), or a reader of the folder."""
    if report.sources is not None:
        return report.sources
    config = report.config
    return SourceCopies(Path(report.root) / config.sources, Tolerance.from_config(config.tolerance))


def _rule_summary(code: str) -> str:
    try:
        return get_rule(code).summary
    except KeyError:
        return ""


def doi_url(doi: str | None) -> str | None:
    """https://doi.org/<doi> for a bare DOI, a doi: prefix or a doi.org URL; None otherwise."""
    if not doi:
        return None
    bare = bare_doi(doi)
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
