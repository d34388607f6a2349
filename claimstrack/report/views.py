"""What the report's templates read: frozen view classes, and the words and symbols of each
status. Nothing here decides anything (`statuses` does, `building` fills the views in), so the
HTML, Markdown and JSON renderers show one set of decisions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

import attrs

from claimstrack.model import StatusChange, where
from claimstrack.report import numberline

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
#: How a mark on wording (not a figure) is labelled in the page view's legend.
FLAGGED_WORDING = ("Flagged wording", "\u26a0")

#: A claim's review date: passed, within the warning window, later, or not set.
EXPIRED, DUE_SOON, CURRENT, NO_REVIEW_DATE = "expired", "due-soon", "current", "none"

#: What backs a figure: a claim, a citation its source copy confirms, a citation alone, nothing.
BY_CLAIM, VERIFIED_IN_SOURCE, CITED, NOT_BACKED = "claim", "verified-in-source", "cited", "none"
BACKING_LABELS = {
    BY_CLAIM: "claim",
    VERIFIED_IN_SOURCE: "verified in source",
    CITED: "cited, not verified",
    NOT_BACKED: "nothing",
}


class FindingView(NamedTuple):
    """One finding as the report shows it, with the anchors it links to. A named tuple, as
    `FigureView` is: as immutable as a frozen attrs class, and made four times as fast (a
    frozen class sets each of its 16 fields by a call of its own, and a 1 MB page makes tens
    of thousands of views: 0.1 to 0.2 CPU s of the report's own part)."""

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


class FigureView(NamedTuple):
    """One figure highlighted in a document's copy (a named tuple: see `FindingView`)."""

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
        if self.page is None:  # asked of every figure of the report's tables
            return f"{self.line}:{self.column}"
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
        if not (self.suppressed or self.claim or self.citations):  # most figures: one list, no appends
            return " \u2014 ".join([STATUS_LABELS[self.status][0], *[f"{f.code} {f.message}" for f in self.findings]])
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


class Segment(NamedTuple):
    """A run of a paragraph: plain text, one highlighted figure, or one flagged wording (a
    named tuple: see `FindingView`)."""

    text: str
    figure: FigureView | None = None
    wording: WordingView | None = None


@attrs.frozen
class DocumentView:
    """One page: its text as paragraphs of marks, its figures and flagged wording."""

    anchor: str
    path: str
    format: str
    #: cuts the page's text into paragraphs (`paragraphs`) when they are read: the HTML copy
    #: reads them once, the Markdown and JSON reports never, and a site's would be millions of
    #: segments held at once
    cut_paragraphs: Callable[[], Iterable[tuple[Segment, ...]]] = attrs.field(eq=False, repr=False)
    figures: tuple[FigureView, ...]
    finding_count: int
    #: on a PDF, the page each paragraph starts on (the report heads each page's text)
    paragraph_pages: tuple[int | None, ...] = ()
    wordings: tuple[WordingView, ...] = ()

    @property
    def paragraphs(self) -> Iterable[tuple[Segment, ...]]:
        """The page's text as paragraphs of plain runs and marks, cut anew at each reading."""
        return self.cut_paragraphs()

    def count(self, status: str) -> int:
        return sum(1 for f in self.figures if f.status == status)


@attrs.frozen
class EvidenceView:
    """One piece of a claim's evidence, with the reference it cites."""

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
    """One claim of the library: its review state, evidence, pages and findings."""

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
    """Figures that disagree about one measure, on one number line."""

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
    """The findings of one rule, for the findings-by-rule section."""

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
    """One bibliography entry and the claims citing it."""

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
    """A file the run read, for the audit trail (None: it could not be hashed)."""

    role: str
    path: str
    sha256: str | None
    size: int | None


@attrs.frozen
class Summary:
    """The counts of the report's header and its pass/fail verdict."""

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
class GitState:
    """The commit checked out and whether any tracked or untracked file differs from it."""

    commit: str
    dirty: bool

    @property
    def short(self) -> str:
        return self.commit[:12]


@attrs.frozen
class ReportView:
    """Everything a report template reads."""

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
