"""What every check sees: the scanned documents, their figures, the library and the settings."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from claimstrack.checks.registry import Check, Rule
from claimstrack.consistency.inferred import group_readings
from claimstrack.errors import Problem
from claimstrack.figures import extract_figures
from claimstrack.model import Claim, Figure, FigureId, Finding, Location, Related, Severity, Span
from claimstrack.retractions import Retraction, Retractions
from claimstrack.sources import SourceCopies

if TYPE_CHECKING:
    from claimstrack.baseline import Baseline, BaselineEntry
    from claimstrack.bib import Bibliography
    from claimstrack.checks.reuse import FindingStore
    from claimstrack.config import Config
    from claimstrack.consistency.inferred import Group, Reading
    from claimstrack.documents import Document, Suppression
    from claimstrack.library import Library


@attrs.frozen
class Occurrence:
    """One figure in one document, with what the pipeline learned about it.

    `figure.span` is in `document.text` coordinates; `source_span` is the same range in the
    original file, which is what findings report. `claim` is the claim whose wording the
    sentence states (exactly, or nearly with a changed figure when `altered` is true) and
    `claim_figure` the figure of the claim's wording this one stands for. `cites` are the
    citation keys that back the figure's sentence in the document itself.
    """

    document: Document = attrs.field(eq=False, repr=False)
    figure: Figure
    source_span: Span
    sentence: str
    claim: Claim | None = None
    claim_figure: Figure | None = None
    altered: bool = False
    cites: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        return self.document.path

    @property
    def claim_id(self) -> str | None:
        return self.claim.id if self.claim is not None else None

    @property
    def figure_id(self) -> FigureId:
        """What a finding about this figure points at."""
        return FigureId(self.document.path, self.figure.span.start, self.figure.span.end)

    @functools.cached_property
    def fingerprint(self) -> str:
        """What a finding at this figure is fingerprinted by: the figure and its sentence (or
        the part of a long sentence around the figure: see `fingerprint_window`). Made once:
        the figure's finding and its inferred-measure reading (`Site`) both take it."""
        text, sentence = self.figure.text, self.sentence
        if len(sentence) <= FINGERPRINT_SENTENCE:  # kept whole: no need to find the figure in it
            return figure_fingerprint(text, sentence)
        start, _ = self.document.sentence_at(self.figure.span.start)
        at = self.figure.span.start - start
        return figure_fingerprint(text, fingerprint_window(sentence, at, at + len(text)))

    @property
    def measure(self) -> str | None:
        """The declared measure this figure states, when it stands for a claim's figure."""
        if self.claim is None or self.claim_figure is None:
            return None
        return self.claim.measure

    @property
    def supported(self) -> bool:
        """Backed by a claim the sentence states or by a citation in the document."""
        return (self.claim is not None and not self.altered) or bool(self.cites)

    def related(self, message: str) -> Related:
        """This occurrence as the other side of a finding."""
        return Related(self.path, self.source_span.line, self.source_span.column, message,
                       figure_id=self.figure_id)


@attrs.frozen
class Site:
    """Where a figure stands, as site-wide checks see it: small and picklable (no Document).

    Page records carry Sites instead of Occurrences, so that findings and related places can be
    made on the figures of pages that are no longer in memory (or were read from the cache).
    """

    path: str
    source_span: Span
    figure: Figure
    sentence: str
    fingerprint: str
    claim_id: str | None = None

    @classmethod
    def of(cls, occ: Occurrence) -> Site:
        return cls(occ.path, occ.source_span, occ.figure, occ.sentence, occ.fingerprint, occ.claim_id)

    @property
    def figure_id(self) -> FigureId:
        """What a finding about this figure points at (the same as its Occurrence's)."""
        return FigureId(self.path, self.figure.span.start, self.figure.span.end)

    def related(self, message: str) -> Related:
        """This figure as the other side of a finding."""
        return Related(self.path, self.source_span.line, self.source_span.column, message,
                       figure_id=self.figure_id)


class PageFigures:
    """A page's figures by their range in its visible text: which one a range of text overlaps
    (for a finding made on text, such as a phrase, that holds a figure)."""

    def __init__(self, occurrences: Iterable[Occurrence]) -> None:
        self._occurrences = sorted(occurrences, key=lambda o: (o.figure.span.start, o.figure.span.end))
        # The furthest end so far: sorted even where two figures share words ("nearly 20 percent
        # of the roughly" and "roughly 242 million adults").
        self._ends = list(itertools.accumulate((o.figure.span.end for o in self._occurrences), max))

    def first_overlapping(self, start: int, end: int) -> Occurrence | None:
        """The first figure (by start) sharing a character with text[start:end], if any."""
        index = bisect.bisect_right(self._ends, start)
        if index < len(self._occurrences) and self._occurrences[index].figure.span.start < end:
            return self._occurrences[index]
        return None


class MeasureUses:
    """A page's figures that state a declared measure (its share of CT201-CT203), by measure
    key: each key's readings in page order, the keys in the order the page first uses them.

    A page restored from bytes (the cache, a worker: `claimstrack.checks.records`) keeps each
    key's readings as the bytes they came in until a check asks for them (`readings`), and
    the digest kept with those bytes names them (`digest`): a site-wide stage whose inputs are
    all unchanged reuses its findings without restoring or hashing a reading
    (`claimstrack.checks.reuse`).
    """

    __slots__ = ("_decode", "_digests", "_encoded", "_keys", "_readings")

    def __init__(self, readings: Mapping[str, tuple[Reading, ...]] | None = None, *,
                 encoded: Mapping[str, bytes] | None = None,
                 decode: Callable[[bytes], tuple[Reading, ...]] | None = None,
                 digests: Mapping[str, bytes] | None = None) -> None:
        self._readings: dict[str, tuple[Reading, ...]] = dict(readings or {})
        self._encoded: dict[str, bytes] = dict(encoded or {})
        self._digests: dict[str, bytes] = dict(digests or {})
        self._keys = list(encoded or self._readings)
        self._decode = decode
        assert not self._encoded or decode is not None, "encoded readings need their decoder"

    @classmethod
    def of(cls, uses: Iterable[tuple[str, Reading]] | MeasureUses) -> MeasureUses:
        """From (measure key, reading) pairs in page order (what the page stage finds)."""
        if isinstance(uses, MeasureUses):
            return uses
        by_key: dict[str, list[Reading]] = {}
        for key, reading in uses:
            by_key.setdefault(key, []).append(reading)
        return cls({key: tuple(readings) for key, readings in by_key.items()})

    def measures(self) -> list[str]:
        """The keys of the measures the page uses, in the order it first uses them."""
        return self._keys

    def readings(self, key: str) -> tuple[Reading, ...]:
        """The page's readings of measure `key`, in page order (decoded on the first ask)."""
        found = self._readings.get(key)
        if found is None:
            data = self._encoded.get(key)
            if data is None or self._decode is None:
                return ()
            found = self._readings[key] = self._decode(data)
        return found

    def encoded(self, key: str) -> bytes | None:
        """The bytes the readings of `key` were restored from or written as, or None."""
        return self._encoded.get(key)

    def keep_encoded(self, key: str, data: bytes, digest: bytes) -> None:
        """Remember the bytes the readings of `key` were written as (written once a run), and
        a digest of them."""
        self._encoded[key] = data
        self._digests[key] = digest

    def digest(self, key: str) -> bytes | None:
        """The digest kept with the bytes of `key` (`encoded`), made with them (in the worker
        that wrote them) to name them for reuse without hashing them again; None when they were
        never written as bytes (a page the cache does not keep)."""
        return self._digests.get(key)

    def __iter__(self) -> Iterator[tuple[str, Reading]]:
        return ((key, reading) for key in self.measures() for reading in self.readings(key))

    def __len__(self) -> int:
        return sum(len(self.readings(key)) for key in self.measures())

    def __bool__(self) -> bool:
        return bool(self._keys)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MeasureUses):
            return NotImplemented
        return self.measures() == other.measures() and all(self.readings(k) == other.readings(k) for k in self.measures())

    def __hash__(self) -> int:
        return hash(tuple(self.measures()))

    def __repr__(self) -> str:
        return f"MeasureUses({ {key: self.readings(key) for key in self.measures()}!r})"


def _measure_uses(uses: Iterable[tuple[str, Reading]] | MeasureUses) -> MeasureUses:
    return MeasureUses.of(uses)


class PageReadings(Sequence["Reading"]):
    """A page's readings for inferred measures, in page order. Restored from bytes (the cache, a
    worker: `claimstrack.checks.records`), they stay the bytes they came in until they are first
    read, and those bytes name them (`encoded`), as do their `digests`: CT210 takes the findings
    of a group none of whose pages changed from the last run without restoring a reading
    (`claimstrack.checks.reuse`)."""

    __slots__ = ("_decode", "_digests", "_encoded", "_ones", "_readings", "_split")

    def __init__(self, readings: Iterable[Reading] = (), *, encoded: bytes | None = None,
                 decode: Callable[[bytes], tuple[Reading, ...]] | None = None,
                 digests: tuple[bytes, bytes] | None = None,
                 one_by_one: tuple[Callable[[bytes], Sequence[Any]], Callable[[Any], Reading]] | None = None) -> None:
        assert encoded is None or decode is not None, "encoded readings need their decoder"
        self._readings: tuple[Reading, ...] | None = tuple(readings) if encoded is None else None
        self._encoded = encoded
        self._decode = decode
        self._digests = digests
        #: how to read the bytes as each reading's fields, and one reading from its fields
        self._split = one_by_one
        self._ones: tuple[Sequence[Any], list[Reading | None]] | None = None  # those decoded one by one

    def _all(self) -> tuple[Reading, ...]:
        if self._readings is None:
            assert self._encoded is not None and self._decode is not None
            if self._ones is None:
                self._readings = self._decode(self._encoded)
            else:  # those decoded one by one are kept: a reading is one object for the whole run
                fields, ones = self._ones
                assert self._split is not None
                decode_one = self._split[1]
                self._readings = tuple([one if one is not None else decode_one(field)
                                        for one, field in zip(ones, fields, strict=True)])
                self._ones = None
        return self._readings

    def _one(self, index: int) -> Reading:
        """Reading `index` alone, the others left as bytes: a kept inferred group names its members
        by their places (`checks.records.load_group`), one or two readings of each of thousands
        of pages."""
        assert self._encoded is not None and self._split is not None
        if self._ones is None:
            fields = self._split[0](self._encoded)
            self._ones = (fields, [None] * len(fields))
        fields, ones = self._ones
        found = ones[index]
        if found is None:
            found = ones[index] = self._split[1](fields[index])
        return found

    def encoded(self) -> bytes | None:
        """The bytes the readings were restored from or written as, or None."""
        return self._encoded

    def keep_encoded(self, data: bytes, digests: tuple[bytes, bytes] | None = None) -> None:
        """Remember the bytes the readings were written as (written once a run), and their
        `digests`."""
        self._encoded = data
        self._digests = digests

    def digests(self) -> tuple[bytes, bytes] | None:
        """Two digests kept with the bytes (`claimstrack.checks.records.readings_digests`): of
        the readings whole, and of what grouping reads of them (their places left out); None
        when they were not kept."""
        return self._digests

    def __getitem__(self, index: Any) -> Any:
        if self._readings is None and self._split is not None and type(index) is int:
            return self._one(index)
        return self._all()[index]

    def __iter__(self) -> Iterator[Reading]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __eq__(self, other: object) -> bool:
        return self._all() == other._all() if isinstance(other, PageReadings) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return f"PageReadings({self._all()!r})"


def _page_readings(readings: Iterable[Reading]) -> PageReadings:
    return readings if isinstance(readings, PageReadings) else PageReadings(readings)


@attrs.frozen
class PageResult:
    """What one page contributes to a check run: small, and cached per page (and sent back by
    a worker) as compact bytes (`claimstrack.checks.records`).

    `findings` are those of the rules' page checks (default severities: the runner applies
    selection, severity, suppressions and the baseline); `suppressions` are the page's
    suppression comments with their source spans; `uses` its figures that state a declared
    measure, by measure key (`MeasureUses`, made from (measure key, reading) pairs);
    `readings` its figures for inferred measures, facets read (`PageReadings`); `claims` and `citations` what it
    states and cites. A page that could not be read has only its `problems`.
    """

    path: str
    findings: tuple[Finding, ...] = ()
    suppressions: tuple[tuple[Suppression, Span], ...] = ()
    uses: MeasureUses = attrs.field(factory=MeasureUses, converter=_measure_uses)
    readings: PageReadings = attrs.field(factory=PageReadings, converter=_page_readings)
    claims: frozenset[str] = frozenset()
    citations: frozenset[str] = frozenset()
    figures: int = 0
    problems: tuple[Problem, ...] = ()
    #: lines per page of a paged document (a PDF): findings there are told by page
    pages: tuple[int, ...] = ()

    @property
    def read(self) -> bool:
        return not self.problems


class InferredGroups:
    """The run's inferred measures, grouped once on first use from the pages' readings, the
    rejected groups left out (`claimstrack measures reject`), most confident first.

    CT210, the review report and `claimstrack measures` read the same groups; a run whose
    selection leaves CT210 out and that nobody asks about never groups.
    """

    def __init__(self, pages: Sequence[PageResult] = (), rejected: frozenset[str] = frozenset()) -> None:
        self._pages = pages
        self._rejected = rejected
        self._groups: list[Group] | None = None
        self._by_id: dict[str, Group] | None = None

    @property
    def pages(self) -> Sequence[PageResult]:
        """The pages whose readings are grouped."""
        return self._pages

    @property
    def rejected(self) -> frozenset[str]:
        """The ids of the groups a reviewer rejected, left out."""
        return self._rejected

    def groups(self) -> list[Group]:
        """The groups, most confident first (grouped on the first call, the same list after)."""
        if self._groups is None:
            readings = (reading for page in self._pages for reading in page.readings)
            self._groups = [g for g in group_readings(readings) if g.id not in self._rejected]
        return self._groups

    def describe(self, group_id: str) -> str | None:
        """What the group measures, in words ("count of people, us: migraine"), or None."""
        if self._by_id is None:  # the report asks once per inconsistency: not a scan of every group each time
            self._by_id = {}
            for group in self.groups():
                self._by_id.setdefault(group.id, group)
        found = self._by_id.get(group_id)
        return None if found is None else found.frame.describe()


@attrs.frozen
class CheckContext:
    """Everything the checks read. Built once by the engine; checks never mutate it.

    The last three fields are what the run itself produced, for the meta rules: the problems of
    documents that could not be read, and (filled in for the checks of the later stages, see
    `Stage`) the suppressions that silenced nothing and the baseline's stale entries.
    """

    root: Any  # pathlib.Path of the project root
    config: Config
    today: dt.date
    documents: Sequence[Document]
    occurrences: Sequence[Occurrence]
    library: Library
    bibliography: Bibliography
    #: every rule by code: what a finding's code is documented as
    rules: Mapping[str, Rule] = attrs.field(eq=False, repr=False)
    used_claims: frozenset[str] = frozenset()
    explicit_paths: bool = False  # documents named on the command line, not the whole corpus
    #: what every page contributed (the site-wide checks read these, not documents)
    pages: Sequence[PageResult] = ()
    #: the inferred measures of those pages (CT210 compares within each)
    inferred: InferredGroups = attrs.field(factory=InferredGroups, eq=False, repr=False)
    #: the figures of every claim wording, read once by the matcher
    wording_figures: Mapping[str, tuple[Figure, ...]] = attrs.field(factory=dict, eq=False, repr=False)
    #: each claim's headline figures by claim id (the figure of each wording that states its
    #: measure: `consistency_rules.headline_figure`), worked out on the first page that states
    #: the claim and kept for the run's other pages (each process of the page stage its own)
    headlines: dict[str, set[Figure]] = attrs.field(factory=dict, eq=False, repr=False)
    #: (shown path, problem) for each problem of a document that could not be read
    unreadable: Sequence[tuple[str, Problem]] = ()
    #: readable files under the documents globs' roots that no glob takes (shown paths)
    left_out: Sequence[str] = ()
    #: (page path, suppression) for each well-formed suppression that silenced nothing
    unused_suppressions: Sequence[tuple[str, Suppression]] = ()
    #: the baseline applied and its entries that matched fewer findings than they record
    stale_baseline: tuple[Baseline, Sequence[BaselineEntry]] | None = None
    #: the retraction notices of the configured Retraction Watch copy (empty without one)
    retractions: Retractions = attrs.field(factory=Retractions, eq=False, repr=False)
    #: the notices about each reference of the bibliography that has any (CT109, CT110): looked
    #: up once per run here, not on every page by the page checks
    reference_notices: Mapping[str, tuple[Retraction, ...]] = attrs.field(
        default=attrs.Factory(lambda self: self.retractions.by_reference(self.bibliography), takes_self=True),
        eq=False, repr=False)
    #: the page checks of the selected rules, in rule order, chosen once per run by the engine
    #: (`runner.page_checks`); None: chosen on each page from the whole catalog
    page_checks: tuple[Check, ...] | None = attrs.field(default=None, eq=False, repr=False)
    #: the local copies of cited sources, each read once per run (quote and figure checks)
    sources: SourceCopies = attrs.field(
        default=attrs.Factory(lambda self: _source_copies(self.root, self.config), takes_self=True),
        eq=False, repr=False)
    #: where site-wide findings are kept for reuse by a later run with the same inputs (the
    #: cache, for the settings this run has: `claimstrack.checks.reuse`); None: always made
    findings_store: FindingStore | None = attrs.field(default=None, eq=False, repr=False)

    def figures_of(self, text: str) -> tuple[Figure, ...]:
        """The figures of a claim wording (read once per run), or of any other text."""
        figures = self.wording_figures.get(text)
        return figures if figures is not None else tuple(extract_figures(text))

    def finding(
        self,
        code: str,
        path: str,
        span: Span | None,
        message: str,
        *,
        claim: str | None = None,
        figure: str | None = None,
        related: Iterable[Related] = (),
        fingerprint: str = "",
        figure_id: FigureId | None = None,
        measure: str | None = None,
    ) -> Finding:
        """A finding of rule `code` at a span (None: the start of the file), about the figure
        `figure_id` (its text is `figure`), the claim `claim` and the measure `measure` if any.

        It has the rule's default severity: the configuration's is applied, with selection,
        suppressions and the baseline, on the one path every finding takes (`runner`).
        """
        rule = self.rules[code]
        if span is None:
            line, column, end_line, end_column = 1, 1, 1, 1
        else:
            line, column, end_line, end_column = span.line, span.column, span.end_line, span.end_column
        # positional: a page of tens of thousands of figures makes as many findings, and the
        # keyword call of the 17 fields costs half as much again (page, page_line: None)
        return Finding(rule.code, rule.name, rule.severity, path, line, column, end_line, end_column, message,
                       claim, figure, tuple(related), fingerprint or " ".join((figure or "", message)), None, None,
                       figure_id, measure)

    def severity_of(self, code: str) -> Severity:
        """The rule's severity after the configuration's overrides."""
        return self.config.severity_for(code, self.rules[code].severity)

    def occurrence_finding(
        self,
        code: str,
        occ: Occurrence | Site,
        message: str,
        *,
        related: Iterable[Related] = (),
        measure: str | None = None,
    ) -> Finding:
        """A finding about a figure, at it, fingerprinted by the figure and its sentence (or the
        part of a long sentence around the figure: see `fingerprint_window`)."""
        # `finding`'s fields made here directly: CT101 makes one per unbacked figure, and a page
        # can hold tens of thousands (the keyword call through `finding` cost a fifth of CT101)
        rule = self.rules[code]
        span = occ.source_span
        return Finding(rule.code, rule.name, rule.severity, occ.path, span.line, span.column, span.end_line,
                       span.end_column, message, occ.claim_id, occ.figure.text, tuple(related), occ.fingerprint,
                       None, None, occ.figure_id, measure)


def _source_copies(root: Any, config: Config) -> SourceCopies:
    return SourceCopies(Path(root) / config.sources, config.tolerance,
                        root=None if config.allow_outside_root else Path(root))


#: A sentence up to this long fingerprints a finding whole (as baselines of schema 1 did).
FINGERPRINT_SENTENCE = 300
#: Characters either side of the finding kept from a longer sentence.
FINGERPRINT_REACH = 120


def figure_fingerprint(text: str, window: str) -> str:
    """The fingerprint of a finding about a figure: the figure's text and the part of its
    sentence it is fingerprinted by (`fingerprint_window`)."""
    return f"{text}|{window}"


def fingerprint_window(sentence: str, start: int, end: int) -> str:
    """The part of `sentence` a finding at sentence[start:end] is fingerprinted by.

    A sentence of up to FINGERPRINT_SENTENCE characters is kept whole; from a longer one, the
    whole words within FINGERPRINT_REACH characters of the finding. The fingerprint then stays
    short (a table row or an export with no full stops is one long "sentence", and a copy of
    it per finding made memory quadratic) and still changes when the words around it do.
    """
    if len(sentence) <= FINGERPRINT_SENTENCE:
        return sentence
    start = min(max(start, 0), len(sentence))
    end = min(max(end, start), len(sentence))
    low, high = max(0, start - FINGERPRINT_REACH), min(len(sentence), end + FINGERPRINT_REACH)
    if low > 0:  # drop the partial word the window starts in
        space = sentence.find(" ", low, start)
        low = space + 1 if space != -1 else low
    if high < len(sentence):
        space = sentence.rfind(" ", end, high)
        high = space if space != -1 else high
    return sentence[low:high]


def location_span(location: Location | None) -> Span | None:
    """A zero-width Span at a declared location (a claim, a bib entry), for findings."""
    if location is None:
        return None
    return Span(0, 0, location.line, location.column, location.line, location.column)
