"""Run the selected rules and send every finding down one path.

The path is the same for every finding, the meta rules' included: selection (`select`,
`ignore`, `per-file-ignores`), then the configured severity, then suppression comments, then the
baseline. `fail-on` is applied to what comes out (`Report.exit_code`). Only the checks of
selected rules run; a check shared by several rules runs once if any of them is selected.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from claimstrack.baseline import BASELINE_REASON, Baseline, BaselineEntry, apply_baseline
from claimstrack.checks.context import CheckContext, PageResult
from claimstrack.checks.records import dump_findings, load_findings
from claimstrack.checks.registry import Category, Check, DividedCheck, Rule, Stage
from claimstrack.documents import Document, Suppression, page_position
from claimstrack.model import Finding, Related, Severity, Span
from claimstrack.parallel import Beside, FromBothEnds
from claimstrack.progress import MANY_DOCUMENTS, Display, ProgressBar

if TYPE_CHECKING:
    from claimstrack.config import Config


@attrs.frozen
class Suppressed:
    """A finding that a suppression comment, a per-file ignore or the baseline silenced."""

    finding: Finding
    reason: str


def page_checks(config: Config, rules: Sequence[Rule]) -> tuple[Check, ...]:
    """The page checks of the rules `config` selects, each once, in rule order: chosen once per
    run (`CheckContext.page_checks`), not on every page."""
    checks: dict[Check, None] = {}
    for rule in rules:
        if rule.page_check is not None and config.is_selected(rule.code):
            checks.setdefault(rule.page_check, None)
    return tuple(checks)


def run_rules(
    context: CheckContext, rules: Sequence[Rule], baseline: Baseline | None = None, *,
    progress: Display | None = None, beside: bool = False, admitted: PageAdmitted | None = None,
) -> tuple[list[Finding], list[Suppressed]]:
    """(findings kept, findings silenced) of the rules the configuration selects: the page
    checks' findings the pages carry (`context.pages`), then the site-wide checks'. A
    `progress` display shows the checks done and the one running, on a large site at once.

    With `beside`, the checks of rules marked `Rule.beside` run in a forked process while
    this one runs the others, and the two share the parts of the `DividedCheck`s (the same
    findings, in the same order); what the forked process leaves in the context (the inferred
    groups, made on first use) is then not kept here.

    `admitted`, if given, is told of each page's findings admitted (before any site-wide
    finding): the page's number in `context.pages`, the findings kept and how many were silenced."""
    selected = [rule for rule in rules if context.config.is_selected(rule.code)]
    bar = None
    if progress is not None:
        count = sum(len(_checks(selected, stage)) for stage in Stage)
        bar = progress.bar(count, "checks", eager=len(context.pages) > MANY_DOCUMENTS)
    path = _FindingPath(context)
    _admit_pages(path, context.pages, admitted)
    path.admit(_run(selected, Stage.INPUTS, context, bar, beside=beside))
    context = attrs.evolve(context, unused_suppressions=path.unused_suppressions())
    path.admit(_run(selected, Stage.AFTER_SUPPRESSIONS, context, bar))
    if baseline is not None:
        stale = path.apply_baseline(baseline)
        context = attrs.evolve(context, stale_baseline=(baseline, stale))
    path.admit(_run(selected, Stage.AFTER_BASELINE, context, bar))
    if bar is not None:
        bar.close()
    return path.kept, path.suppressed


#: Told of a page's admitted findings: its number, the findings kept, how many were silenced.
PageAdmitted = Callable[[int, list[Finding], int], object]


def _admit_pages(path: _FindingPath, pages: Sequence[PageResult], admitted: PageAdmitted | None) -> None:
    """Admit the findings the pages carry, in page order (telling `admitted` of each page's)."""
    if admitted is None:
        path.admit(finding for page in pages for finding in page.findings)
        return
    for number, page in enumerate(pages):
        kept, suppressed = len(path.kept), len(path.suppressed)
        path.admit(page.findings)
        admitted(number, path.kept[kept:], len(path.suppressed) - suppressed)


def admit_page(context: CheckContext, page: PageResult) -> tuple[list[Finding], int]:
    """The findings `page` carries admitted as `run_rules` admits them (selection, severity,
    suppression; no baseline) with only that page known: (those kept, how many silenced).
    The same as in the whole run for findings that name no place on another page (a place on a
    PDF is told by that PDF's page)."""
    path = _FindingPath(context, (page,))
    path.admit(page.findings)
    return path.kept, len(path.suppressed)


def _checks(rules: Sequence[Rule], stage: Stage) -> dict[Check, list[str]]:
    """The site-wide checks of a stage, each once in rule order, with the codes of its rules."""
    checks: dict[Check, list[str]] = {}
    for rule in rules:
        if rule.stage is stage and rule.check is not None:
            checks.setdefault(rule.check, []).append(rule.code)
    return checks


def _run(
    rules: Sequence[Rule], stage: Stage, context: CheckContext, bar: ProgressBar | None, *, beside: bool = False,
) -> Iterator[Finding]:
    checks = _checks(rules, stage)
    second: _SecondCore | None = None
    try:
        # started first, so that it runs while this process runs the checks before their turn
        second = _SecondCore.start(checks, context) if beside else None
        for check, codes in checks.items():
            if bar is not None:
                bar.start(codes[0] if len(codes) == 1 else f"{codes[0]}-{codes[-1]}")
            yield from second.findings(check) if second is not None and second.takes(check) else check(context)
            if bar is not None:
                bar.advance()
    finally:
        if second is not None:
            second.cancel()


#: What the forked copy sends back: the findings of each check it runs whole; for each divided
#: check, the findings of each part it took by the part's index (`dump_findings` bytes, or the
#: findings when a field cannot be written so); the entries of the findings store it used.
_Sent = tuple[list[list[Finding]], list[dict[int, "bytes | list[Finding]"]], set[str]]


class _SecondCore:
    """The site-wide checks of one stage that a forked copy of this process runs beside it
    (`parallel.Beside`): the checks of the rules marked `beside`, whole, then the parts of each
    `DividedCheck` it claims from their end, while this process claims them from their start
    (`parallel.FromBothEnds`) once that check's turn comes. Each check's findings are admitted
    in its turn, a divided check's in the order of its parts: the same findings, in the same
    order, as one process gives. A divided check of one part (or none) runs here whole, on the
    parts worked out when the copy was started (not worked out again)."""

    def __init__(self, whole: list[Check], divided: dict[DividedCheck, tuple[Sequence[object], FromBothEnds]],
                 context: CheckContext, alone: dict[DividedCheck, Sequence[object]]) -> None:
        self.whole = whole
        self.divided = divided
        self.alone = alone
        self.context = context
        self._sent: _Sent | None = None
        self._running = Beside(functools.partial(_beside, whole, list(divided.items()), context))

    @classmethod
    def start(cls, checks: Mapping[Check, list[str]], context: CheckContext) -> _SecondCore | None:
        """The forked copy for `checks`, or None when it would have nothing to do: no rule among
        them marked `beside` and no divided check of two parts or more (CT210 not selected, a
        site that uses one declared measure)."""
        whole = [check for check, codes in checks.items() if any(context.rules[c].beside for c in codes)]
        parted = {check: check.parts(context) for check in checks if isinstance(check, DividedCheck)}
        divided = {check: (parts, FromBothEnds(len(parts))) for check, parts in parted.items() if len(parts) > 1}
        if not whole and not divided:
            return None
        alone = {check: parts for check, parts in parted.items() if check not in divided and check not in whole}
        return cls(whole, divided, context, alone)

    def takes(self, check: Check) -> bool:
        return check in self.whole or check in self.divided or check in self.alone

    def findings(self, check: Check) -> list[Finding]:
        if isinstance(check, DividedCheck) and check in self.divided:
            return self._shared(check)
        if isinstance(check, DividedCheck) and check in self.alone:
            return [finding for part in self.alone[check] for finding in check.part(self.context, part)]
        return self._taken()[0][self.whole.index(check)]

    def _shared(self, check: DividedCheck) -> list[Finding]:
        """A divided check's findings: the parts this process claims, computed here, and the
        forked copy's, in the order of the parts."""
        parts, ends = self.divided[check]
        mine = {}
        while (index := ends.first()) is not None:
            mine[index] = list(check.part(self.context, parts[index]))
        theirs = self._taken()[1][list(self.divided).index(check)] if len(mine) < len(parts) else {}
        findings: list[Finding] = []
        for index in range(len(parts)):
            findings.extend(mine[index] if index in mine else _findings_sent(theirs[index]))
        return findings

    def _taken(self) -> _Sent:
        """What the forked copy sent back (waited for once), the store entries it used recorded
        here (so that pruning the cache keeps them)."""
        if self._sent is None:
            self._sent = self._running.result()
            if self.context.findings_store is not None:
                self.context.findings_store.used.update(self._sent[2])
        return self._sent

    def cancel(self) -> None:
        self._running.cancel()


def _beside(whole: Sequence[Check], divided: Sequence[tuple[DividedCheck, tuple[Sequence[object], FromBothEnds]]],
            context: CheckContext) -> _Sent:
    """In the forked copy: the whole checks' findings, then the parts of the divided checks
    claimed from their end; and the entries of the findings store it used (its own record of
    them ends with it)."""
    store = context.findings_store
    before = set(store.used) if store is not None else set()
    findings = [list(check(context)) for check in whole]
    shares: list[dict[int, bytes | list[Finding]]] = []
    for check, (parts, ends) in divided:
        done: dict[int, bytes | list[Finding]] = {}
        while (index := ends.last()) is not None:
            done[index] = _findings_to_send(list(check.part(context, parts[index])))
        shares.append(done)
    return findings, shares, (store.used - before if store is not None else set())


def _findings_to_send(findings: list[Finding]) -> bytes | list[Finding]:
    """A part's findings as the forked copy sends them: compact bytes (`dump_findings`, about
    half the cost of pickling the objects both ways), or the findings themselves when a field
    cannot be written so."""
    try:
        return dump_findings(findings)
    except ValueError:
        return findings


def _findings_sent(sent: bytes | list[Finding]) -> Sequence[Finding]:
    if not isinstance(sent, bytes):
        return sent
    findings = load_findings(sent)
    if findings is None:
        raise RuntimeError("the findings of a process beside this one could not be read back")
    return findings


class _FindingPath:
    """Selection, severity, suppression and baseline, in that order, for every finding."""

    def __init__(self, context: CheckContext, pages: Sequence[PageResult] | None = None) -> None:
        """The path of the findings on `pages` (the run's, `context.pages`, unless given)."""
        self.context = context
        self.kept: list[Finding] = []
        self.suppressed: list[Suppressed] = []
        pages = context.pages if pages is None else pages
        self._suppressions = {page.path: page.suppressions for page in pages if page.suppressions}
        self._pages = {page.path: page.pages for page in pages if page.pages}  # PDFs' line counts
        self._used: set[int] = set()  # ids of the suppressions that silenced a finding
        # Selection and severity depend on the code (and the path) alone: asked once per pair,
        # not once per finding (a page of 40,000 figures has 40,000 findings of one code); and on
        # the code alone when no per-file-ignores name a path (then once per code, not once per
        # code and page: 41,000 pairs at 10,000 pages).
        self._selected: dict[tuple[str, str] | str, bool] = {}
        self._by_path = bool(context.config.per_file_ignores)
        self._severity: dict[str, Severity] = {}

    def admit(self, findings: Iterable[Finding]) -> None:
        config = self.context.config
        for finding in findings:
            rule = self.context.rules.get(finding.code)
            if rule is None:
                raise ValueError(f"a check raised {finding.code}, which is no rule's code")
            asked = (finding.code, finding.path) if self._by_path else finding.code
            selected = self._selected.get(asked)
            if selected is None:
                selected = self._selected[asked] = config.is_selected(finding.code, finding.path)
            if not selected:
                continue
            severity = self._severity.get(rule.code)
            if severity is None:
                severity = self._severity[rule.code] = config.severity_for(rule.code, rule.severity)
            if severity != finding.severity:
                finding = attrs.evolve(finding, severity=severity)
            if self._pages:  # a PDF in the run (most runs have none: 124,500 findings at 10,000 pages)
                finding = self._on_pages(finding)
            suppression = None
            if rule.category is not Category.META and finding.path in self._suppressions:
                suppression = self._suppression_for(finding)
            if suppression is None:
                self.kept.append(finding)
            else:
                self._used.add(id(suppression))
                self.suppressed.append(Suppressed(finding, suppression.reason or ""))

    def _on_pages(self, finding: Finding) -> Finding:
        """A finding on a PDF, and each related place on one, told with its page and the line
        within it (docs/documents.md, "PDF")."""
        related = tuple(_on_page(r, self._pages.get(r.path)) for r in finding.related)
        pages = self._pages.get(finding.path)
        at = page_position(pages, finding.line) if pages else None
        if at is None:
            return attrs.evolve(finding, related=related) if related != finding.related else finding
        return attrs.evolve(finding, page=at[0], page_line=at[1], related=related)

    def unused_suppressions(self) -> list[tuple[str, Suppression]]:
        """The well-formed suppressions no finding admitted so far has met, with their page."""
        return [
            (path, suppression)
            for path, suppressions in self._suppressions.items()
            for suppression, _ in suppressions
            if suppression.problem is None and id(suppression) not in self._used
        ]

    def apply_baseline(self, baseline: Baseline) -> list[BaselineEntry]:
        """Set aside the findings the baseline records; its entries that matched too few."""
        self.kept, baselined, stale = apply_baseline(self.kept, baseline)
        self.suppressed.extend(Suppressed(finding, BASELINE_REASON) for finding in baselined)
        return stale

    def _suppression_for(self, finding: Finding) -> Suppression | None:
        for suppression, span in self._suppressions.get(finding.path, ()):
            if covers_span(suppression, span, finding):
                return suppression
        return None


def _on_page(related: Related, pages: tuple[int, ...] | None) -> Related:
    at = page_position(pages, related.line) if pages else None
    return related if at is None else attrs.evolve(related, page=at[0], page_line=at[1])


def covers(suppression: Suppression, finding: Finding, document: Document) -> bool:
    """True when a well-formed suppression of `document` silences `finding` (by its code and
    its start in the original file)."""
    return covers_span(suppression, document.source_span(suppression.start, suppression.end), finding)


def covers_span(suppression: Suppression, span: Span, finding: Finding) -> bool:
    """`covers`, with the suppression's range given as its span in the original file (what a
    page's record keeps)."""
    if suppression.problem is not None:
        return False
    if suppression.codes and finding.code not in suppression.codes:
        return False
    if suppression.scope == "file":
        return True
    return (span.line, span.column) <= (finding.line, finding.column) <= (span.end_line, span.end_column)
