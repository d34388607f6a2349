"""Value classes shared by every layer: spans, figures, claims, references, findings.

All classes are frozen attrs classes, so they hash, compare by value and cannot be changed by a
later layer behind an earlier one's back.
"""

from __future__ import annotations

import datetime as _dt
import enum
import operator
from collections.abc import Iterable
from typing import Any, TypeVar

import attrs

# ---------------------------------------------------------------------------------------------
# Vocabulary


class Severity(enum.Enum):
    """How bad a finding is; `error` fails a CI gate by default."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse: info 0, warning 1, error 2."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Word(enum.StrEnum):
    """A word of the vocabulary. It is its string: it compares equal to it, formats, serialises
    to JSON and even reprs as it, so messages and outputs read the same as with plain strings."""

    def __repr__(self) -> str:
        return repr(self.value)


class Kind(Word):
    """What a figure counts (docs/figures.md, "Kinds and conventions")."""

    COUNT = "count"
    PERCENT = "percent"
    MONEY = "money"
    RATIO = "ratio"
    DURATION = "duration"
    AGE = "age"
    RANK = "rank"
    FREQUENCY = "frequency"
    NUMBER = "number"


class Hedge(Word):
    """How a figure's wording bounds its number (docs/figures.md, "Interval semantics")."""

    OVER = "over"
    AT_LEAST = "at least"
    ALMOST = "almost"
    UP_TO = "up to"
    LESS_THAN = "less than"
    APPROXIMATELY = "approximately"
    NONE = "none"


class Status(Word):
    """Where a claim is in its review (docs/claims-file.md)."""

    DRAFT = "draft"
    IN_REVIEW = "in-review"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


KINDS = tuple(Kind)
HEDGES = tuple(Hedge)
STATUSES = tuple(Status)

_W = TypeVar("_W", bound=Word)


def _member(word: type[_W], value: str) -> _W:
    # A dictionary look-up rather than word(value): figures are made by the hundred thousand.
    try:
        return word._value2member_map_[value]  # type: ignore[return-value]
    except KeyError:
        raise ValueError(f"{value!r} is not a {word.__name__.lower()}") from None


def _to_optional_kind(value: str | None) -> Kind | None:
    return None if value is None else _member(Kind, value)


def _to_status(value: str) -> Status:
    return _member(Status, value)


def _to_optional_status(value: str | None) -> Status | None:
    return None if value is None else _member(Status, value)


# ---------------------------------------------------------------------------------------------
# Positions


@attrs.frozen(init=False)
class Span:
    """A stretch of text: character offsets (end exclusive) and 1-based line and column.

    Columns count characters, not bytes; `end_column` is exclusive, like `end`.
    """

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    def __init__(self, start: int, end: int, line: int, column: int, end_line: int, end_column: int) -> None:
        # each slot set by its own descriptor (`_slot_setters`): a page makes two spans a figure,
        # and attrs' frozen __init__, through a bound object.__setattr__ per field, costs 40% more
        set_start, set_end, set_line, set_column, set_end_line, set_end_column = _SPAN_SETTERS
        set_start(self, start)
        set_end(self, end)
        set_line(self, line)
        set_column(self, column)
        set_end_line(self, end_line)
        set_end_column(self, end_column)


def _slot_setters(cls: type) -> tuple[Any, ...]:
    """The `__set__` of each field's slot, in field order: what a frozen class's own `__init__`
    sets its fields with (a frozen class refuses `setattr`)."""
    return tuple(vars(cls)[field.name].__set__ for field in attrs.fields(cls))


_SPAN_SETTERS = _slot_setters(Span)


@attrs.frozen
class Location:
    """Where something was declared in an input file (a claim, a key, a bib entry)."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


# ---------------------------------------------------------------------------------------------
# Figures


@attrs.frozen(init=False)
class Figure:
    """One quantitative statement read from prose.

    `value` is the stated number in natural units (percent in points, money in currency units,
    counts in units); it is None for a two-sided range. `low`/`high` give the interval the
    wording implies (None for an open end) and the `*_inclusive` flags say whether each end
    belongs to it (None when that end is None). `precision` is the rounding step of the stated
    number ("42 million" -> 1e6, "92%" -> 1, "92.0%" -> 0.1), used when comparing figures.
    """

    text: str
    value: float | None
    low: float | None
    high: float | None
    low_inclusive: bool | None
    high_inclusive: bool | None
    kind: Kind
    unit: str | None
    hedge: Hedge
    subject: str | None
    span: Span
    precision: float | None = None

    def __init__(self, text: str, value: float | None, low: float | None, high: float | None,
                 low_inclusive: bool | None, high_inclusive: bool | None, kind: Kind | str, unit: str | None,
                 hedge: Hedge | str, subject: str | None, span: Span, precision: float | None = None) -> None:
        # set slot by slot, as Span's are (a figure is made for every number read); `kind` and
        # `hedge` may be given as their words
        setters = _FIGURE_SETTERS
        setters[0](self, text)
        setters[1](self, value)
        setters[2](self, low)
        setters[3](self, high)
        setters[4](self, low_inclusive)
        setters[5](self, high_inclusive)
        setters[6](self, _member(Kind, kind))
        setters[7](self, unit)
        setters[8](self, _member(Hedge, hedge))
        setters[9](self, subject)
        setters[10](self, span)
        setters[11](self, precision)

    def to_json(self) -> dict[str, Any]:
        """The JSON object of the `figures --format json` contract (without path)."""
        return {
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "text": self.text,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "low_inclusive": self.low_inclusive,
            "high_inclusive": self.high_inclusive,
            "kind": self.kind,
            "unit": self.unit,
            "hedge": self.hedge,
            "subject": self.subject,
        }


_FIGURE_SETTERS = _slot_setters(Figure)

#: Every field of a figure but its span, as one tuple (read at C speed): what a figure says,
#: wherever it stands; answers that depend on that alone are kept by it.
figure_fields = operator.attrgetter(*(field.name for field in attrs.fields(Figure) if field.name != "span"))


@attrs.frozen
class NumberMention:
    """Any number seen in text, and why it was or was not read as a figure (the explain view).

    `figure` is the Figure it became, or None when it was set aside; `reason` says which rule
    took or rejected it ("percent", "year", "phone number", "list numbering", ...).
    """

    text: str
    span: Span
    figure: Figure | None
    reason: str

    @property
    def taken(self) -> bool:
        return self.figure is not None


# ---------------------------------------------------------------------------------------------
# Claims library and bibliography


@attrs.frozen
class Evidence:
    """What backs a claim: a citation key, where in the source, a verbatim quote, sample size."""

    cite: str
    locator: str | None = None
    quote: str | None = None
    n: int | None = None
    location: Location | None = attrs.field(default=None, eq=False)


@attrs.frozen
class StatusChange:
    """One entry of a claim's review history: who moved it to which status, when, and why."""

    date: _dt.date
    by: str
    to_status: Status = attrs.field(converter=_to_status)
    from_status: Status | None = attrs.field(default=None, converter=_to_optional_status)
    reason: str | None = None
    location: Location | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Claim:
    """An approved (or not yet approved) wording of a numeric claim and its evidence."""

    id: str
    text: str
    variants: tuple[str, ...] = ()
    measure: str | None = None
    status: Status = attrs.field(default=Status.DRAFT, converter=_to_status)
    approved_by: str | None = None
    approved_on: _dt.date | None = None
    review_by: _dt.date | None = None
    evidence: tuple[Evidence, ...] = ()
    notes: str | None = None
    location: Location | None = attrs.field(default=None, eq=False)
    #: Status changes made through claimstrack, oldest first (`[[claim.history]]`).
    history: tuple[StatusChange, ...] = ()

    @property
    def wordings(self) -> tuple[str, ...]:
        """The approved wording followed by its variants."""
        return (self.text, *self.variants)

    def to_json(self) -> dict[str, Any]:
        """The JSON object of `claims list|show --format json` (dates as YYYY-MM-DD)."""

        def day(value: _dt.date | None) -> str | None:
            return None if value is None else value.isoformat()

        return {
            "id": self.id,
            "text": self.text,
            "variants": list(self.variants),
            "measure": self.measure,
            "status": self.status,
            "approved_by": self.approved_by,
            "approved_on": day(self.approved_on),
            "review_by": day(self.review_by),
            "notes": self.notes,
            "evidence": [
                {"cite": e.cite, "locator": e.locator, "quote": e.quote, "n": e.n} for e in self.evidence
            ],
            "history": [
                {"date": day(h.date), "by": h.by, "from": h.from_status, "to": h.to_status, "reason": h.reason}
                for h in self.history
            ],
            "path": self.location.path if self.location else None,
            "line": self.location.line if self.location else None,
        }


@attrs.frozen
class Measure:
    """An optional `[measure.<key>]` table: what one quantity is and what value it has."""

    key: str
    description: str | None = None
    kind: Kind | None = attrs.field(default=None, converter=_to_optional_kind)
    unit: str | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    tolerance: float | None = None
    location: Location | None = attrs.field(default=None, eq=False)
    #: the bibliography key of the source the canonical value comes from
    source: str | None = None
    #: the oldest evidence, in years, the claims stating this measure may rest on
    max_source_age: int | None = None


@attrs.frozen
class Reference:
    """What the checks need of one BibTeX entry."""

    key: str
    entry_type: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    year: str | None = None
    journal: str | None = None
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None
    isbn: str | None = None
    fields: tuple[tuple[str, str], ...] = ()
    location: Location | None = attrs.field(default=None, eq=False)

    @property
    def has_locator(self) -> bool:
        """True when a reader can find the source: DOI, PMID, URL or ISBN."""
        return any((self.doi, self.pmid, self.url, self.isbn))


# ---------------------------------------------------------------------------------------------
# Findings


@attrs.frozen
class FigureId:
    """Which figure of which page: the page's path and the figure's range in the page's visible
    text (`Figure.span`). No two figures of a page have the same range, so it names exactly one
    figure, even where figures share words or a line and column ("nearly 20 percent of the
    roughly" and "roughly 242 million adults"); small, so findings stay cheap to pickle into
    the cache and to the worker processes."""

    path: str
    start: int
    end: int


@attrs.frozen
class Related:
    """Another place a finding concerns, such as the other side of an inconsistency."""

    path: str
    line: int
    column: int
    message: str
    #: on a PDF: the page and the line within it (`line` counts the lines of all pages)
    page: int | None = None
    page_line: int | None = None
    #: the figure at that place, when it is one (not part of the JSON contract)
    figure_id: FigureId | None = None

    @property
    def where(self) -> str:
        """`path:line:column`, or `path:pPAGE:LINE:column` on a page of a PDF."""
        return where(self.path, self.line, self.column, self.page, self.page_line)

    def to_json(self) -> dict[str, Any]:
        shown: dict[str, Any] = {"path": self.path, "line": self.line, "column": self.column,
                                 "message": self.message}
        if self.page is not None:
            shown.update(page=self.page, page_line=self.page_line)
        return shown


def where(path: str, line: int, column: int, page: int | None = None, page_line: int | None = None) -> str:
    """How a position is shown: `path:line:column`; on a PDF `path:pPAGE:LINE:column`, the line
    counted within the page (docs/documents.md, "PDF")."""
    if page is None:
        return f"{path}:{line}:{column}"
    return f"{path}:p{page}:{page_line}:{column}"


@attrs.frozen
class Finding:
    """One problem a check found.

    `fingerprint_text` is the content a baseline keys on (normalised figure and sentence), so
    that a finding survives lines moving; it is not part of the JSON contract. Nor are what the
    finding is about, which the report links it by: `figure_id`, the figure (None for a
    finding about no figure), and `measure`, the declared measure's key (CT201-CT203) or the
    inferred measure's group id (CT210). `claim` is the claim's id and `figure` the figure's
    text, as the JSON shows them.
    """

    code: str
    name: str
    severity: Severity
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    claim: str | None = None
    figure: str | None = None
    related: tuple[Related, ...] = ()
    fingerprint_text: str = attrs.field(default="", eq=False)
    #: on a PDF: the page and the line within it (`line` counts the lines of all pages)
    page: int | None = None
    page_line: int | None = None
    figure_id: FigureId | None = None
    measure: str | None = None

    @property
    def where(self) -> str:
        """`path:line:column`, or `path:pPAGE:LINE:column` on a page of a PDF."""
        return where(self.path, self.line, self.column, self.page, self.page_line)

    @property
    def sort_key(self) -> tuple[Any, ...]:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_json(self) -> dict[str, Any]:
        """The JSON object of the `check --format json` contract."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
            "claim": self.claim,
            "figure": self.figure,
            "related": [r.to_json() for r in self.related],
        } | ({"page": self.page, "page_line": self.page_line} if self.page is not None else {})


def finding_order(finding: Finding) -> tuple[Any, ...]:
    """The order findings are reported in: `Finding.sort_key`, then what tells apart findings
    it ties (same place, code and message): the end, the claim, the figure."""
    return (finding.path, finding.line, finding.column, finding.code, finding.message, finding.end_line,
            finding.end_column, finding.claim or "", finding.figure or "")


class OrderedFindings(tuple[Finding, ...]):
    """Findings already in `finding_order` (a run's `Report.findings`, unless some pages'
    findings are kept as lines: then a `checks.lines.LinedFindings`, in the same order): a
    renderer takes them as they are instead of sorting 100,000 of them again."""

    __slots__ = ()


def in_finding_order(findings: Iterable[Finding]) -> OrderedFindings:
    """`findings` sorted by `finding_order` (stable: findings it ties keep their order)."""
    if type(findings) is OrderedFindings:
        return findings
    return OrderedFindings(sorted(findings, key=finding_order))
