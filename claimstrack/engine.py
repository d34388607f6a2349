"""`check()`: the pipeline from documents to findings, usable without the CLI."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from claimstrack.bib import Bibliography, load_bibliography
from claimstrack.baseline import Baseline, load_baseline
from claimstrack.checks.catalog import all_rules, rules_by_code
from claimstrack.checks.context import CheckContext, Occurrence
from claimstrack.checks.runner import Suppressed, run_rules
from claimstrack.config import Config, describe_setting, find_config, load_config, setting_location
from claimstrack.documents import (
    Document,
    citations_by_sentence,
    left_out_documents,
    read_document,
)
from claimstrack.documents.discover import Discovery, search_globs, search_paths
from claimstrack.errors import ConfigError, DocumentError, Problem, UsageError
from claimstrack.figures import extract_figures, scan_numbers
from claimstrack.library import Library, find_claim_files, load_library
from claimstrack.matching import Matcher, pair_figures
from claimstrack.model import Figure, Finding, Location, NumberMention, Severity, Span
from claimstrack.paths import ALLOW_HINT, outside_root, shown_path, why_not_a_file
from claimstrack.numbered import ReferenceIndex, resolve_numbered
from claimstrack.retractions import Retractions, load_retractions
from claimstrack.sources import SourceCopies

__all__ = ["Report", "Suppressed", "check"]


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
    #: the local source copies the checks read (the report shows what they say of cited figures)
    sources: SourceCopies | None = attrs.field(default=None, eq=False, repr=False)
    #: the retraction notices of the configured Retraction Watch copy (the report shows them)
    retractions: Retractions | None = attrs.field(default=None, eq=False, repr=False)

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
    allow_outside_root: bool = False,
) -> Report:
    """Check documents against the claims library and bibliography.

    With no `paths`, the documents the configuration names are checked. `root` is where the
    configuration is looked for (walking up); it defaults to the current directory. `baseline`
    is a baseline file whose findings are set aside (the configured one when not given).
    Every file read must lie inside the project root once symlinks are resolved, unless
    `allow_outside_root` (or the config's `allow_outside_root`) says otherwise.
    """
    if config is None:
        config = load_project_config(root=root)
    if allow_outside_root:
        config = attrs.evolve(config, allow_outside_root=True)
    project = Path(config.root)
    today = today or config.today or dt.date.today()
    _refuse_settings_outside(config, project)
    library = _load_library(config, project)
    bibliography = _load_bibliography(config, project)
    retractions = _load_retractions(config, project)
    discovery = _document_files(paths, config, project)
    files = discovery.files
    matcher = Matcher(library.claims)
    documents, unreadable, occurrences = _scan(files, project, matcher, ReferenceIndex(bibliography), progress)
    unreadable = _skipped_problems(discovery, config, project, bool(paths)) + unreadable
    context = CheckContext(
        root=project,
        config=config,
        today=today,
        documents=documents,
        occurrences=occurrences,
        library=library,
        bibliography=bibliography,
        rules=rules_by_code(),
        used_claims=frozenset(o.claim.id for o in occurrences if o.claim is not None),
        explicit_paths=bool(paths),
        wording_figures=matcher.figures_by_wording(),
        unreadable=unreadable,
        retractions=retractions,
        left_out=() if paths else _left_out(config, project, [*files, *(s.path for s in discovery.skipped)]),
    )
    kept, suppressed = run_rules(context, all_rules(), _load_baseline(config, project, baseline))
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
        sources=context.sources,
        retractions=retractions,
    )


def load_project_config(
    *, root: str | os.PathLike[str] | None = None, config_file: str | os.PathLike[str] | None = None
) -> Config:
    """The configuration found by walking up from `root` (default: cwd), or the file named."""
    start = Path(root).resolve() if root is not None else Path.cwd()
    if config_file is not None:
        path = Path(config_file)
        why = why_not_a_file(path)
        if why is not None:
            from claimstrack.errors import UsageError

            raise UsageError(f"configuration file not found: {config_file}" if why == "does not exist"
                             else f"configuration file {config_file} {why}")
        return load_config(path.resolve(), known_codes=known_selectors())
    return load_config(find_config(start), root=start, known_codes=known_selectors())


def load_documents(
    paths: Sequence[str | os.PathLike[str]] | None = None, *, config_file: str | os.PathLike[str] | None = None,
    allow_outside_root: bool = False,
) -> list[Document]:
    """Read the named documents (or the configured ones); an unreadable one is an error, and
    so is one outside the project root unless `allow_outside_root`."""
    config = load_project_config(config_file=config_file)
    if allow_outside_root:
        config = attrs.evolve(config, allow_outside_root=True)
    project = Path(config.root)
    discovery = _document_files(paths, config, project)
    problems = [problem for _, problem in _skipped_problems(discovery, config, project, bool(paths))]
    if problems:
        raise DocumentError(f"{len(problems)} matched paths cannot be read", problems)
    documents = []
    for file in discovery.files:
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


def _load_baseline(config: Config, project: Path, baseline: str | os.PathLike[str] | None) -> Baseline | None:
    """The baseline named by the caller, else the configured one, else None."""
    if baseline is None and not config.baseline:
        return None
    file = Path(baseline) if baseline is not None else config.resolve(config.baseline or "")
    shown = shown_path(file, project)
    real = None if config.allow_outside_root else outside_root(file, project)
    if baseline is not None and real is not None:
        why = f"the baseline {shown} resolves outside the project root (to {real.as_posix()}); {ALLOW_HINT}"
        raise UsageError(why, [Problem(Location(shown), why)])
    return load_baseline(file, shown)


def _refuse_settings_outside(config: Config, project: Path) -> None:
    """A ConfigError at each path setting that names a file outside the project root."""
    if config.allow_outside_root:
        return
    problems = []
    for key, value in (("bibliography", config.bibliography), ("baseline", config.baseline),
                       ("sources", config.sources)):
        if value is None:
            continue
        real = outside_root(config.resolve(value), project)
        if real is not None:
            where = setting_location(config, key) or Location(value)
            problems.append(Problem(where, f"'{key}' names {value}, which resolves outside the project root "
                                           f"(to {real.as_posix()}); {ALLOW_HINT}"))
    if problems:
        raise ConfigError("a path setting leads outside the project root", problems)


def _load_library(config: Config, project: Path) -> Library:
    files = find_claim_files(config.claims, project, required=config.is_explicit("claims"),
                             allow_outside_root=config.allow_outside_root)
    return load_library(files, project, allow_outside_root=config.allow_outside_root)


def _load_bibliography(config: Config, project: Path) -> Bibliography:
    return load_bibliography(config.resolve(config.bibliography), project,
                             required=config.is_explicit("bibliography"))


def _load_retractions(config: Config, project: Path) -> Retractions:
    if config.retractions is None:
        return Retractions()
    path = config.resolve(config.retractions)
    return load_retractions(path, shown_path(path, project))


def _document_files(
    paths: Sequence[str | os.PathLike[str]] | None, config: Config, project: Path
) -> Discovery:
    confine = not config.allow_outside_root
    if paths:
        return search_paths([Path(p) for p in paths], root=project if confine else None)
    return search_globs(project, config.documents, config.exclude, confine=confine)


def _skipped_problems(discovery: Discovery, config: Config, project: Path,
                      named: bool) -> list[tuple[str, Problem]]:
    """What the search matched but cannot read, as CT901 problems naming what matched it."""
    setting = "the paths given" if named else describe_setting(config, "documents")
    problems = []
    for item in discovery.skipped:
        shown = shown_path(item.path, project)
        problems.append((shown, Problem(Location(shown), f"{item.reason} (matched by {setting})")))
    return problems


def _left_out(config: Config, project: Path, taken: Sequence[Path]) -> list[str]:
    """Readable files the configured documents globs do not take (CT905)."""
    return [shown_path(p, project) for p in left_out_documents(project, config.documents, config.exclude, taken)]


def _scan(
    files: Sequence[Path], project: Path, matcher: Matcher, references: ReferenceIndex, progress: bool
) -> tuple[list[Document], list[tuple[str, Problem]], list[Occurrence]]:
    """Read and scan every document: the per-document stage, in parallel when it pays."""
    documents: list[Document] = []
    unreadable: list[tuple[str, Problem]] = []
    occurrences: list[Occurrence] = []
    for file, result in _map_documents(files, project, matcher, references, progress):
        if isinstance(result, DocumentError):
            display = shown_path(file, project)
            problems = result.problems or (Problem(Location(display), result.message),)
            unreadable.extend((display, problem) for problem in problems)
        else:
            document, found = result
            documents.append(document)
            occurrences.extend(found)
    return documents, unreadable, occurrences


_Scanned = DocumentError | tuple[Document, list[Occurrence]]


def _map_documents(
    files: Sequence[Path], project: Path, matcher: Matcher, references: ReferenceIndex, progress: bool
) -> Iterator[tuple[Path, _Scanned]]:
    from claimstrack.parallel import map_documents

    return map_documents(files, lambda file: _scan_one(file, project, matcher, references), progress=progress)


def _scan_one(file: Path, project: Path, matcher: Matcher, references: ReferenceIndex) -> _Scanned:
    try:
        document = read_document(file, display_path=shown_path(file, project))
    except DocumentError as error:
        return error
    document = resolve_numbered(document, references)  # numbered marks cite their entries' keys
    return document, scan_document(document, matcher)
