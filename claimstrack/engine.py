"""`check()`: the pipeline from documents to findings, usable without the CLI."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from claimstrack.bib import Bibliography, load_bibliography
from claimstrack.checks.context import CheckContext, Occurrence
from claimstrack.checks.registry import RULES, all_checkers
from claimstrack.config import Config, find_config, load_config
from claimstrack.documents import (
    Document,
    Suppression,
    discover_documents,
    discover_from_globs,
    read_document,
)
from claimstrack.errors import DocumentError, Problem
from claimstrack.figures import extract_figures
from claimstrack.library import Library, find_claim_files, load_library
from claimstrack.matching import Matcher, pair_figures
from claimstrack.model import Finding, Severity


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
        threshold = Severity(fail_on or self.config.fail_on or "error")
        return 1 if any(f.severity.rank >= threshold.rank for f in self.findings) else 0


def check(
    paths: Sequence[str | os.PathLike[str]] | None = None,
    *,
    root: str | os.PathLike[str] | None = None,
    config: Config | None = None,
    today: dt.date | None = None,
) -> Report:
    """Check documents against the claims library and bibliography.

    With no `paths`, the documents the configuration names are checked. `root` is where the
    configuration is looked for (walking up); it defaults to the current directory.
    """
    start = Path(root) if root is not None else Path.cwd()
    if config is None:
        config = load_config(find_config(start.resolve()), root=start.resolve(), known_codes=RULES.keys() | _families())
    project = Path(config.root)
    today = today or config.today or dt.date.today()
    library = _load_library(config, project)
    bibliography = _load_bibliography(config, project)
    documents, unreadable = _read_documents(paths, config, project)
    matcher = Matcher(library.claims)
    occurrences = [occ for doc in documents for occ in scan_document(doc, matcher)]
    context = CheckContext(
        root=project,
        config=config,
        today=today,
        documents=documents,
        occurrences=occurrences,
        library=library,
        bibliography=bibliography,
        used_claims=frozenset(o.claim.id for o in occurrences if o.claim is not None),
    )
    raw = [*unreadable, *(f for run in all_checkers() for f in run(context))]
    kept, suppressed = _apply_suppressions(raw, documents, config)
    return Report(
        findings=tuple(sorted(kept, key=lambda f: f.sort_key)),
        suppressed=tuple(suppressed),
        documents=tuple(documents),
        occurrences=tuple(occurrences),
        library=library,
        bibliography=bibliography,
        config=config,
        today=today,
        root=project,
    )


def _families() -> set[str]:
    return {"ALL", "CT", *{code[:3] for code in RULES}, *{code[:4] for code in RULES}}


def scan_document(document: Document, matcher: Matcher) -> list[Occurrence]:
    """Every figure of a document, matched to the claim its sentence states."""
    figures = extract_figures(document.text)
    occurrences = []
    by_sentence: dict[tuple[int, int], list] = {}
    for figure in figures:
        by_sentence.setdefault(document.sentence_at(figure.span.start), []).append(figure)
    for (start, end), sentence_figures in by_sentence.items():
        sentence = document.text[start:end]
        local = [attrs.evolve(f, span=_shift(f.span, -start)) for f in sentence_figures]
        match = matcher.match(sentence, local)
        pairs = pair_figures(match.wording.figures, local) if match else {}
        cites = tuple(c.key for c in document.citations if c.start <= start < c.end or start <= c.start < end)
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


def _shift(span, delta: int):  # type: ignore[no-untyped-def]
    return attrs.evolve(span, start=span.start + delta, end=span.end + delta)


def _load_library(config: Config, project: Path) -> Library:
    files = find_claim_files(config.claims, project)
    return load_library(files, project)


def _load_bibliography(config: Config, project: Path) -> Bibliography:
    return load_bibliography(config.resolve(config.bibliography), project)


def _read_documents(
    paths: Sequence[str | os.PathLike[str]] | None, config: Config, project: Path
) -> tuple[list[Document], list[Finding]]:
    if paths:
        files = discover_documents(list(paths))
    else:
        files = discover_from_globs(project, config.documents, config.exclude)
    documents: list[Document] = []
    unreadable: list[Finding] = []
    for file in files:
        display = _display_path(Path(file), project)
        try:
            documents.append(read_document(file, display_path=display))
        except DocumentError as error:
            unreadable.extend(_unreadable_finding(display, problem) for problem in error.problems or
                              [Problem(_location(display), error.message)])
    return documents, unreadable


def _location(path: str):  # type: ignore[no-untyped-def]
    from claimstrack.model import Location

    return Location(path, 1, 1)


def _unreadable_finding(path: str, problem: Problem) -> Finding:
    rule = RULES["CT901"]
    loc = problem.location
    return Finding(rule.code, rule.name, rule.severity, path, loc.line, loc.column, loc.line, loc.column,
                   problem.message, fingerprint_text=problem.message)


def _display_path(path: Path, project: Path) -> str:
    """Paths relative to the project root when inside it, posix style."""
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _apply_suppressions(
    findings: Iterable[Finding], documents: Sequence[Document], config: Config
) -> tuple[list[Finding], list[Suppressed]]:
    by_path = {doc.path: doc for doc in documents}
    kept: list[Finding] = []
    suppressed: list[Suppressed] = []
    for finding in findings:
        if not config.is_selected(finding.code, finding.path):
            continue
        reason = _suppression_reason(finding, by_path.get(finding.path))
        if reason is None:
            kept.append(finding)
        else:
            suppressed.append(Suppressed(finding, reason))
    return kept, suppressed


def _suppression_reason(finding: Finding, document: Document | None) -> str | None:
    if document is None or finding.code.startswith("CT9"):
        return None
    for suppression in document.suppressions:
        if _covers(suppression, finding, document):
            return suppression.reason
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
