"""`check()`: the pipeline from documents to findings, usable without the CLI."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from claimstrack.bib import Bibliography, load_bibliography
from claimstrack.checks.context import CheckContext, Occurrence, location_span
from claimstrack.checks.registry import RULES, all_checkers, all_rules
from claimstrack.config import Config, find_config, load_config
from claimstrack.documents import (
    Document,
    Suppression,
    citations_by_sentence,
    discover_documents,
    discover_from_globs,
    read_document,
)
from claimstrack.errors import DocumentError, Problem
from claimstrack.figures import extract_figures, scan_numbers
from claimstrack.library import Library, find_claim_files, load_library
from claimstrack.matching import Matcher, pair_figures
from claimstrack.model import Figure, Finding, Location, NumberMention, Severity, Span
from claimstrack.paths import shown_path


@attrs.frozen
class Suppressed:
    """A finding that a suppression comment, a per-file ignore or the baseline silenced."""

    finding: Finding
    reason: str


@attrs.frozen
class Report:
    """The result of a check run: findings, what was silenced and why, and the inputs read."""

    findings: tuple[Finding, ...]
    suppressed: tuple[Suppressed, ...]
    documents: tuple[Document, ...]
    occurrences: tuple[Occurrence, ...]
    library: Library
    bibliography: Bibliography
    config: Config
    today: dt.date
    root: Path

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def exit_code(self, fail_on: str | None = None) -> int:
        """0 when no finding reaches `fail_on` (default: the config's, else error), else 1."""
        threshold = Severity(fail_on) if fail_on else self.config.fail_on
        return 1 if any(f.severity.rank >= threshold.rank for f in self.findings) else 0


def check(
    paths: Sequence[str | os.PathLike[str]] | None = None,
    *,
    root: str | os.PathLike[str] | None = None,
    config: Config | None = None,
    today: dt.date | None = None,
    baseline: str | os.PathLike[str] | None = None,
    progress: bool = False,
) -> Report:
    """Check documents against the claims library and bibliography.

    With no `paths`, the documents the configuration names are checked. `root` is where the
    configuration is looked for (walking up); it defaults to the current directory. `baseline`
    is a baseline file whose findings are set aside (the configured one when not given).
    """
    if config is None:
        config = load_project_config(root=root)
    project = Path(config.root)
    today = today or config.today or dt.date.today()
    library = _load_library(config, project)
    bibliography = _load_bibliography(config, project)
    files = _document_files(paths, config, project)
    matcher = Matcher(library.claims)
    documents, unreadable, occurrences = _scan(files, project, matcher, progress)
    context = CheckContext(
        root=project,
        config=config,
        today=today,
        documents=documents,
        occurrences=occurrences,
        library=library,
        bibliography=bibliography,
        used_claims=frozenset(o.claim.id for o in occurrences if o.claim is not None),
        explicit_paths=bool(paths),
        wording_figures=matcher.figures_by_wording(),
    )
    raw = [*unreadable, *(f for run in all_checkers() for f in run(context))]
    kept, suppressed = _apply_suppressions(raw, context)
    kept, suppressed = _apply_baseline(kept, suppressed, context, baseline)
    return Report(
        findings=tuple(sorted(kept, key=lambda f: f.sort_key)),
        suppressed=tuple(sorted(suppressed, key=lambda s: s.finding.sort_key)),
        documents=tuple(documents),
        occurrences=tuple(occurrences),
        library=library,
        bibliography=bibliography,
        config=config,
        today=today,
        root=project,
    )


def load_project_config(
    *, root: str | os.PathLike[str] | None = None, config_file: str | os.PathLike[str] | None = None
) -> Config:
    """The configuration found by walking up from `root` (default: cwd), or the file named."""
    start = Path(root).resolve() if root is not None else Path.cwd()
    if config_file is not None:
        path = Path(config_file)
        if not path.is_file():
            from claimstrack.errors import UsageError

            raise UsageError(f"configuration file not found: {config_file}")
        return load_config(path.resolve(), known_codes=known_selectors())
    return load_config(find_config(start), root=start, known_codes=known_selectors())


def load_documents(
    paths: Sequence[str | os.PathLike[str]] | None = None, *, config_file: str | os.PathLike[str] | None = None
) -> list[Document]:
    """Read the named documents (or the configured ones); an unreadable one is an error."""
    config = load_project_config(config_file=config_file)
    project = Path(config.root)
    documents = []
    for file in _document_files(paths, config, project):
        documents.append(read_document(file, display_path=shown_path(Path(file), project)))
    return documents


def document_mentions(document: Document) -> list[NumberMention]:
    """Every number in a document with its reading, positioned in the original file."""
    return [
        attrs.evolve(
            mention,
            span=document.source_span(mention.span.start, mention.span.end),
            figure=None if mention.figure is None else attrs.evolve(
                mention.figure, span=document.source_span(mention.figure.span.start, mention.figure.span.end)),
        )
        for mention in scan_numbers(document.text)
    ]


def known_selectors() -> set[str]:
    """Codes and prefixes select/ignore accept: ALL, CT, CT1, CT10, CT101, ..."""
    codes = [rule.code for rule in all_rules()]
    return {"ALL", "CT", *(code[:n] for code in codes for n in (3, 4, 5))}


def scan_document(document: Document, matcher: Matcher) -> list[Occurrence]:
    """Every figure of a document, matched to the claim its sentence states."""
    figures = extract_figures(document.text)
    occurrences = []
    by_sentence: dict[tuple[int, int], list[Figure]] = {}
    for figure in figures:
        by_sentence.setdefault(document.sentence_at(figure.span.start), []).append(figure)
    cites_by_sentence = citations_by_sentence(document)
    for (start, end), sentence_figures in by_sentence.items():
        sentence = document.text[start:end]
        local = [attrs.evolve(f, span=_shift(f.span, -start)) for f in sentence_figures]
        match = matcher.match(sentence, local)
        pairs = pair_figures(match.wording.figures, local) if match else {}
        cites = tuple(cites_by_sentence.get(start, ()))
        for index, figure in enumerate(sentence_figures):
            occurrences.append(
                Occurrence(
                    document=document,
                    figure=figure,
                    source_span=document.source_span(figure.span.start, figure.span.end),
                    sentence=sentence,
                    claim=match.claim if match else None,
                    claim_figure=pairs.get(index),
                    altered=bool(match and match.altered),
                    cites=cites,
                )
            )
    return occurrences


def _shift(span: Span, delta: int) -> Span:
    return attrs.evolve(span, start=span.start + delta, end=span.end + delta)


def _apply_baseline(
    kept: list[Finding], suppressed: list[Suppressed], ctx: CheckContext, baseline: str | os.PathLike[str] | None
) -> tuple[list[Finding], list[Suppressed]]:
    """Set aside findings the baseline records; report its entries that match nothing (CT904)."""
    if baseline is None and not ctx.config.baseline:
        return kept, suppressed
    from claimstrack.baseline import (
        BASELINE_REASON,
        apply_baseline,
        load_baseline,
        stale_findings,
    )

    file = Path(baseline) if baseline is not None else ctx.config.resolve(ctx.config.baseline or "")
    shown = shown_path(file, ctx.root)
    loaded = load_baseline(file, shown)
    new, baselined, stale = apply_baseline(kept, loaded)
    suppressed = suppressed + [Suppressed(f, BASELINE_REASON) for f in baselined]
    if ctx.config.is_selected("CT904", shown):
        new = new + stale_findings(stale, loaded, ctx.severity_of("CT904"))
    return new, suppressed


def _load_library(config: Config, project: Path) -> Library:
    files = find_claim_files(config.claims, project, required=config.is_explicit("claims"))
    return load_library(files, project)


def _load_bibliography(config: Config, project: Path) -> Bibliography:
    return load_bibliography(config.resolve(config.bibliography), project,
                             required=config.is_explicit("bibliography"))


def _document_files(
    paths: Sequence[str | os.PathLike[str]] | None, config: Config, project: Path
) -> list[Path]:
    if paths:
        return [Path(p) for p in discover_documents([Path(p) for p in paths])]
    return [Path(p) for p in discover_from_globs(project, config.documents, config.exclude)]


def _scan(
    files: Sequence[Path], project: Path, matcher: Matcher, progress: bool
) -> tuple[list[Document], list[Finding], list[Occurrence]]:
    """Read and scan every document: the per-document stage, in parallel when it pays."""
    documents: list[Document] = []
    unreadable: list[Finding] = []
    occurrences: list[Occurrence] = []
    for file, result in _map_documents(files, project, matcher, progress):
        if isinstance(result, DocumentError):
            display = shown_path(file, project)
            problems = result.problems or (Problem(Location(display), result.message),)
            unreadable.extend(_unreadable_finding(display, problem) for problem in problems)
        else:
            document, found = result
            documents.append(document)
            occurrences.extend(found)
    return documents, unreadable, occurrences


_Scanned = DocumentError | tuple[Document, list[Occurrence]]


def _map_documents(
    files: Sequence[Path], project: Path, matcher: Matcher, progress: bool
) -> Iterator[tuple[Path, _Scanned]]:
    from claimstrack.parallel import map_documents

    return map_documents(files, lambda file: _scan_one(file, project, matcher), progress=progress)


def _scan_one(file: Path, project: Path, matcher: Matcher) -> _Scanned:
    try:
        document = read_document(file, display_path=shown_path(file, project))
    except DocumentError as error:
        return error
    return document, scan_document(document, matcher)


def _unreadable_finding(path: str, problem: Problem) -> Finding:
    rule = RULES["CT901"]
    loc = problem.location
    return Finding(rule.code, rule.name, rule.severity, path, loc.line, loc.column, loc.line, loc.column,
                   problem.message, fingerprint_text=problem.message)




def _apply_suppressions(findings: Iterable[Finding], ctx: CheckContext) -> tuple[list[Finding], list[Suppressed]]:
    """Drop deselected findings, set aside suppressed ones, and report unused suppressions."""
    by_path = {doc.path: doc for doc in ctx.documents}
    used: set[int] = set()
    kept: list[Finding] = []
    suppressed: list[Suppressed] = []
    for finding in findings:
        if not ctx.config.is_selected(finding.code, finding.path):
            continue
        suppression = _suppression_for(finding, by_path.get(finding.path))
        if suppression is None:
            kept.append(finding)
        else:
            used.add(id(suppression))
            suppressed.append(Suppressed(finding, suppression.reason or ""))
    for document in ctx.documents:
        for suppression in document.suppressions:
            if suppression.problem is None and id(suppression) not in used:
                finding = ctx.finding("CT903", document.path, location_span(suppression.location),
                                      f"suppression of {', '.join(suppression.codes) or 'all rules'} silences nothing",
                                      fingerprint=f"{','.join(suppression.codes)}|{suppression.reason}")
                if ctx.config.is_selected("CT903", document.path):
                    kept.append(finding)
    return kept, suppressed


def _suppression_for(finding: Finding, document: Document | None) -> Suppression | None:
    if document is None or finding.code.startswith("CT9"):
        return None
    for suppression in document.suppressions:
        if _covers(suppression, finding, document):
            return suppression
    return None


def _covers(suppression: Suppression, finding: Finding, document: Document) -> bool:
    if suppression.problem is not None:
        return False
    if suppression.codes and finding.code not in suppression.codes:
        return False
    if suppression.scope == "file":
        return True
    span = document.source_span(suppression.start, suppression.end)
    return (span.line, span.column) <= (finding.line, finding.column) <= (span.end_line, span.end_column)
