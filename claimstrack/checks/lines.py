"""A page's findings kept as the lines an output writes them as, so that a warm run neither
restores them as objects nor writes them again.

At 10,000 pages a warm run made, admitted, sorted and wrote 89,000 page findings that were the
same as in the last run: about a fifth of its time. A page's admitted findings (selection and
severities applied: the configuration is in the cache's key) depend on the page's bytes alone,
unless a baseline applies, so the cache (`claimstrack.cache.PageCache.put_lines`) keeps them
for an unchanged page as the lines one output style writes (`LineStyle`: the text format,
coloured or not), with what puts them in the output's order: each finding's `finding_order`
key and where its lines end, read only when another finding falls on the same page. The
findings themselves stay bytes, decoded only for a caller that reads `Report.findings` one by
one (`LinedFindings`): every finding, in the same order as without the lines.
"""

from __future__ import annotations

import bisect
import marshal
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import overload

import attrs

from claimstrack.checks.records import FORMAT, decode_findings, encode_findings
from claimstrack.model import Finding, OrderedFindings, Severity, finding_order, in_finding_order

_MARSHAL_VERSION = 4
#: What a rule's count is kept under: its code, its rule's name and its severity's value.
RuleCount = tuple[str, str, str]


@attrs.frozen
class LineStyle:
    """How an output writes a finding as lines: `name` says everything the lines depend on
    besides the finding (the format and its options), `lines` writes one finding's lines."""

    name: str
    lines: Callable[[Finding], str] = attrs.field(eq=False, repr=False)


class PageLines:
    """One page's admitted findings, in finding order, as the lines a `LineStyle` writes: their
    text, their counts by rule and severity, each one's place and code (its order key within
    the page, short of the message and what follows it) and where its lines end in the text,
    and the findings themselves as bytes, decoded when asked for."""

    __slots__ = ("_encoded", "_findings", "count", "counts", "ends", "path", "places", "text")

    def __init__(self, path: str, text: str, *, counts: tuple[tuple[str, str, str, int], ...],
                 places: tuple[tuple[int, int, str], ...], ends: tuple[int, ...], encoded: bytes) -> None:
        self.path = path
        self.text = text
        #: (code, rule name, severity value, how many) of the page's findings
        self.counts = counts
        self.count = len(places)
        #: each finding's (line, column, code): the start of its `finding_order` key on its page
        self.places = places
        self.ends = ends
        self._encoded = encoded
        self._findings: tuple[Finding, ...] | None = None

    def findings(self) -> tuple[Finding, ...]:
        """The findings the lines are of, in their order."""
        if self._findings is None:
            self._findings = decode_findings(self._encoded)
        return self._findings

    def before(self, finding: Finding, start: int) -> int:
        """How many of the page's findings (from `start` on) come before `finding` in
        `finding_order`, the page's first where they tie (the page stage admits them first)."""
        place = (finding.line, finding.column, finding.code)
        low = bisect.bisect_left(self.places, place, lo=start)
        high = bisect.bisect_right(self.places, place, lo=low)
        if low == high:
            return low
        # the same place and code: the message and what follows decide (rare: decoded only here)
        keys = [finding_order(f) for f in self.findings()[low:high]]
        return low + bisect.bisect_right(keys, finding_order(finding))

    def text_of(self, start: int, end: int) -> str:
        """The lines of the findings `start` to `end` (exclusive)."""
        if start == 0 and end == self.count:
            return self.text
        return self.text[self.ends[start - 1] if start else 0:self.ends[end - 1]]


def page_lines(path: str, findings: Sequence[Finding], style: LineStyle) -> PageLines | None:
    """A page's admitted `findings` (in admission order) as `style` writes them; None when one is
    not on the page itself (then the page's place in the output's order is not its path's)."""
    if any(finding.path != path for finding in findings):
        return None
    ordered = in_finding_order(findings)
    texts = [style.lines(finding) for finding in ordered]
    ends, at = [], 0
    for text in texts:
        at += len(text)
        ends.append(at)
    counts = Counter((f.code, f.name, f.severity.value) for f in ordered)
    return PageLines(path, "".join(texts), counts=tuple((*rule, count) for rule, count in counts.items()),
                     places=tuple((f.line, f.column, f.code) for f in ordered), ends=tuple(ends),
                     encoded=encode_findings(ordered))


def dump_lines(lines: PageLines) -> bytes:
    """A page's lines as bytes (what the cache keeps), read back by `load_lines`."""
    return marshal.dumps((FORMAT, lines.path, lines.text, lines.counts, lines.places, lines.ends, lines._encoded),
                         _MARSHAL_VERSION)


def load_lines(data: bytes | memoryview) -> PageLines | None:
    """The page's lines `dump_lines` wrote, or None when `data` holds none (another layout, damage)."""
    try:
        layout, path, text, counts, places, ends, encoded = marshal.loads(data)
        if layout != FORMAT or type(path) is not str or type(text) is not str or type(encoded) is not bytes:
            return None
        if len(places) != len(ends) or not all(type(rule) is tuple and len(rule) == 4 for rule in counts):
            return None
        return PageLines(path, text, counts=counts, places=places, ends=ends, encoded=encoded)
    except Exception:  # damaged or foreign bytes are no lines, whatever they raise
        return None


#: A piece of the merged order: a finding, or a page's findings `start` to `end` as its lines.
Piece = Finding | tuple[PageLines, int, int]


class LinedFindings(Sequence[Finding]):
    """A run's findings (`Report.findings`) when some pages' are kept as lines: the other
    findings in finding order (`ordered`), and the pages' lines written in `style`. The
    writer of that style merges them (`pieces`); any other reader gets every finding, decoded
    on first use, in the order a run without the lines gives: `finding_order`, a page's
    findings before the site-wide ones they tie with (the page stage admits them first)."""

    def __init__(self, ordered: OrderedFindings, pages: Sequence[PageLines], style: str) -> None:
        self.ordered = ordered
        self.pages = sorted(pages, key=lambda page: page.path)
        self.style = style
        self._all: OrderedFindings | None = None
        self._severities: Counter[Severity] | None = None

    def pieces(self) -> Iterator[Piece]:
        """Every finding in order, those of the kept pages as runs of their lines: a page's
        lines whole, unless findings of the site fall on the same page, which then go between
        them where their order says (after the page's findings they tie with)."""
        ordered, count = self.ordered, len(self.ordered)
        at = 0
        for page in self.pages:
            path = page.path
            while at < count and ordered[at].path < path:
                yield ordered[at]
                at += 1
            start = 0
            while at < count and ordered[at].path == path:
                finding = ordered[at]
                before = page.before(finding, start)
                if before > start:
                    yield page, start, before
                yield finding
                start, at = before, at + 1
            if start < page.count:
                yield page, start, page.count
        yield from ordered[at:]

    def severity_counts(self) -> Counter[Severity]:
        """How many findings of each severity (without decoding the kept pages')."""
        if self._severities is None:
            # by identity, a pass per severity: hashing an enum member runs Python code
            counts = Counter({severity: sum(1 for f in self.ordered if f.severity is severity) for severity in Severity})
            for (_, _, severity), count in self.rule_counts(pages_only=True).items():
                counts[Severity(severity)] += count
            self._severities = counts
        return Counter(self._severities)

    def rule_counts(self, *, pages_only: bool = False) -> Counter[RuleCount]:
        """How many findings of each (code, rule name, severity value)."""
        counts: Counter[RuleCount] = Counter() if pages_only else rule_counts(self.ordered)
        for page in self.pages:
            for code, name, severity, count in page.counts:
                counts[code, name, severity] += count
        return counts

    def _every(self) -> OrderedFindings:
        if self._all is None:
            every: list[Finding] = []
            for piece in self.pieces():
                if isinstance(piece, Finding):
                    every.append(piece)
                else:
                    page, start, end = piece
                    every.extend(page.findings()[start:end])
            self._all = OrderedFindings(every)
        return self._all

    def __len__(self) -> int:
        return len(self.ordered) + sum(page.count for page in self.pages)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self._every())

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Finding]: ...

    def __getitem__(self, index: int | slice) -> Finding | Sequence[Finding]:
        return self._every()[index]

    def __eq__(self, other: object) -> bool:
        return tuple(self) == (tuple(other) if isinstance(other, Sequence) else other)

    def __hash__(self) -> int:
        return hash(tuple(self))


def severity_counts(findings: Iterable[Finding]) -> Counter[Severity]:
    """How many of `findings` are of each severity; of a `LinedFindings` without decoding the
    kept pages' findings."""
    if isinstance(findings, LinedFindings):
        return findings.severity_counts()
    return Counter(f.severity for f in findings)


def rule_counts(findings: Iterable[Finding]) -> Counter[RuleCount]:
    """How many of `findings` are of each (code, rule name, severity value); of a
    `LinedFindings` without decoding the kept pages' findings."""
    if isinstance(findings, LinedFindings):
        return findings.rule_counts()
    return Counter((f.code, f.name, f.severity.value) for f in findings)


def with_code(findings: Sequence[Finding], code: str) -> list[Finding]:
    """The findings of rule `code` among `findings`, in their order; of a `LinedFindings`
    without decoding the kept pages' findings when none of them is of that rule."""
    if isinstance(findings, LinedFindings) and not any(
            counted == code for page in findings.pages for counted, *_ in page.counts):
        return [finding for finding in findings.ordered if finding.code == code]
    return [finding for finding in findings if finding.code == code]
