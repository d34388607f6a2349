"""`check()`: the pipeline from documents to findings, usable without the CLI."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs

from claimstrack.baseline import Baseline, load_baseline
from claimstrack.bib import Bibliography, load_bibliography
from claimstrack.cache import PageCache, settings_digest
from claimstrack.cache_pruning import cache_in_use
from claimstrack.checks.catalog import all_rules, rules_by_code
from claimstrack.checks.context import CheckContext, InferredGroups, Occurrence, PageResult
from claimstrack.checks.lines import (
    LinedFindings,
    LineStyle,
    PageLines,
    dump_lines,
    load_lines,
    page_lines,
    severity_counts,
)
from claimstrack.checks.page import check_page, scan_document, unreadable_page
from claimstrack.checks.records import dump_page, load_page
from claimstrack.checks.reuse import grouping_kept
from claimstrack.checks.runner import Suppressed, admit_page, page_checks, run_rules
from claimstrack.config import Config, describe_setting, find_config, load_config, setting_location
from claimstrack.documents import (
    Document,
    document_from_bytes,
    left_out_documents,
    read_bytes,
    read_document,
)
from claimstrack.documents.discover import Discovery, search_globs, search_paths
from claimstrack.errors import ConfigError, DocumentError, Problem, UsageError
from claimstrack.figures import scan_numbers
from claimstrack.gc_pause import paused_gc
from claimstrack.globs import search
from claimstrack.library import Library, find_claim_files, load_library
from claimstrack.matching import Matcher
from claimstrack.model import Finding, Location, NumberMention, Severity, in_finding_order
from claimstrack.numbered import ReferenceIndex, resolve_numbered
from claimstrack.parallel import in_worker, worth_forking
from claimstrack.paths import ALLOW_HINT, WRITE_HINT, outside_root, shown_path, why_not_a_file
from claimstrack.progress import Display, progress_display
from claimstrack.rejections import load_rejected
from claimstrack.retractions import Retractions, load_retractions
from claimstrack.sources import SourceCopies

__all__ = ["Report", "Suppressed", "check", "load_project_bibliography", "load_project_library", "scan_document"]

#: The path settings of files a run reads, refused when they lead outside the project root.
_PATH_SETTINGS = ("bibliography", "baseline", "sources", "retractions")


@attrs.frozen
class Report:
    """The result of a check run: findings, what was silenced and why, and the inputs read."""

    #: in finding order; a `checks.lines.LinedFindings` when pages' findings were kept as lines
    findings: Sequence[Finding]
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
    #: the pages read (shown paths, in checking order), whether or not `documents` keeps them
    paths: tuple[str, ...] = ()
    #: how many figures they hold
    figures: int = 0
    #: each page's record from the page stage (inferred-measure readings among them); without
    #: its findings when they were kept as lines (they are in `findings`)
    pages: tuple[PageResult, ...] = attrs.field(default=(), eq=False, repr=False)
    #: the inferred measures of those pages, rejected groups left out (what CT210 compared)
    inferred: InferredGroups = attrs.field(factory=InferredGroups, eq=False, repr=False)

    def count(self, severity: Severity) -> int:
        return severity_counts(self.findings)[severity]

    def exit_code(self, fail_on: str | None = None) -> int:
        """0 when no finding reaches `fail_on` (default: the config's, else error), else 1."""
        threshold = Severity(fail_on) if fail_on else self.config.fail_on
        return 1 if any(count and s.rank >= threshold.rank for s, count in severity_counts(self.findings).items()) else 0


def check(
    paths: Sequence[str | os.PathLike[str]] | None = None,
    *,
    root: str | os.PathLike[str] | None = None,
    config: Config | None = None,
    today: dt.date | None = None,
    baseline: str | os.PathLike[str] | None = None,
    progress: bool | Display = False,
    allow_outside_root: bool = False,
    cache_dir: str | os.PathLike[str] | None = None,
    keep_documents: bool = True,
    lines: LineStyle | None = None,
) -> Report:
    """Check documents against the claims library and bibliography.

    With no `paths`, the documents the configuration names are checked. `root` is where the
    configuration is looked for (walking up); it defaults to the current directory. `baseline`
    is a baseline file whose findings are set aside (the configured one when not given).
    Every file read must lie inside the project root once symlinks are resolved, unless
    `allow_outside_root` (or the config's `allow_outside_root`) says otherwise.

    `progress=True` shows each long stage's progress on stderr when it is a terminal (outside
    CI); a `claimstrack.progress.Display` shows it there whatever stderr is.

    `keep_documents=False` leaves `Report.documents` and `Report.occurrences` empty, so that
    memory holds only what the checks need; only then is `cache_dir` (the per-page cache folder,
    relative to the project root: see `claimstrack.cache`) used, and unchanged pages not read.
    With the cache, `lines` (the output's `LineStyle`) keeps each page's findings as the lines
    it writes them as, and gives them so (`Report.findings` is then a `LinedFindings`, which
    that writer merges with the other findings without making them into objects); not when a
    baseline applies, which sets findings aside by what the whole run found.
    """
    # everything built here lives to the end of the run (see gc_pause); `held` holds the cache
    # folder for the run and prunes it after a run that ends well (see cache_pruning)
    with paused_gc(), contextlib.ExitStack() as held:
        return _check(paths, root=root, config=config, today=today, baseline=baseline, progress=progress,
                      allow_outside_root=allow_outside_root, cache_dir=cache_dir, keep_documents=keep_documents,
                      lines=lines, held=held)


def _check(
    paths: Sequence[str | os.PathLike[str]] | None,
    *,
    root: str | os.PathLike[str] | None,
    config: Config | None,
    today: dt.date | None,
    baseline: str | os.PathLike[str] | None,
    progress: bool | Display,
    allow_outside_root: bool,
    cache_dir: str | os.PathLike[str] | None,
    keep_documents: bool,
    lines: LineStyle | None,
    held: contextlib.ExitStack,
) -> Report:
    if config is None:
        config = load_project_config(root=root)
    if allow_outside_root:
        config = attrs.evolve(config, allow_outside_root=True)
    project = Path(config.root)
    today = config.today_for(today)
    _refuse_settings_outside(config, project)
    library = load_project_library(config)
    bibliography = load_project_bibliography(config)
    retractions = _load_retractions(config, project)
    rejected = load_rejected(project, allow_outside_root=config.allow_outside_root)
    discovery = _document_files(paths, config, project)
    files = discovery.files
    matcher = Matcher(library.claims)
    context = CheckContext(
        root=project,
        config=config,
        today=today,
        documents=(),
        occurrences=(),
        library=library,
        bibliography=bibliography,
        rules=rules_by_code(),
        page_checks=page_checks(config, all_rules()),
        explicit_paths=bool(paths),
        wording_figures=matcher.figures_by_wording(),
        retractions=retractions,
        left_out=() if paths else _left_out(config, project, [*files, *(s.path for s in discovery.skipped)]),
    )
    cache = None
    if cache_dir is not None and not keep_documents:
        folder = _cache_folder(config, project, cache_dir)
        cache = PageCache(folder, settings_digest(config, _inputs_of_pages(config, project, library), folder))
        held.callback(cache.close)  # after pruning, which reads and writes packs too
        held.enter_context(cache_in_use(cache))
    baseline_file = _load_baseline(config, project, baseline)
    kept_lines = _KeptLines(lines, cache) if lines is not None and cache is not None and baseline_file is None else None
    work = _PageWork(project, matcher, ReferenceIndex(bibliography), context, cache, keep_documents,
                     lines if kept_lines is not None else None)
    display = progress if isinstance(progress, Display) else progress_display() if progress else None
    pages, documents, occurrences = _scan(files, project, work, cache, display, states=discovery.states,
                                          lines=kept_lines)
    # The site-wide checks read the pages' records, never documents (which the cache does not keep).
    inferred = InferredGroups(pages, rejected)
    context = attrs.evolve(
        context,
        pages=pages,
        inferred=inferred,
        findings_store=cache,
        used_claims=frozenset(claim for page in pages for claim in page.claims),
        unreadable=[*_skipped_problems(discovery, config, project, bool(paths)),
                    *((page.path, problem) for page in pages for problem in page.problems)],
    )
    # On a large site the inferred-measure grouping runs on the second core beside the other
    # site-wide checks; not when the report keeps documents (it reads the groups afterwards),
    # nor when the cache keeps the grouping (then a fork costs more than the few groups it compares).
    beside = not keep_documents and worth_forking(len(pages)) and not grouping_kept(cache, inferred)
    kept, suppressed = run_rules(context, all_rules(), baseline_file, progress=display, beside=beside,
                                 admitted=kept_lines.admitted if kept_lines is not None else None)
    return Report(
        # the renderers' order: they need not sort again
        findings=kept_lines.findings(pages, kept) if kept_lines is not None else in_finding_order(kept),
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
        paths=tuple(page.path for page in pages if page.read),
        figures=sum(page.figures for page in pages),
        pages=tuple(pages),
        inferred=inferred,
    )


def _inputs_of_pages(config: Config, project: Path, library: Library) -> list[Path]:
    """The files besides a page that its result depends on: the claims files, the
    bibliography, the retraction notices (CT109) and the local source copies (CT108)."""
    sources = config.resolve(config.sources)
    # the project's one walk: not into hidden, tool or cache folders (a cache-dir inside the
    # copies' folder would change every run's key), nor through links to folders
    copies = sorted(p for p in (sources / name for name in search(sources, ["**"])) if p.is_file())
    retractions = [config.resolve(config.retractions)] if config.retractions else []
    return [*(project / name for name in library.files), config.resolve(config.bibliography), *retractions, *copies]


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
    found = find_config(start)
    # the project root is the configuration file's folder, wherever below it the run starts
    return load_config(found, root=None if found is not None else start, known_codes=known_selectors())


def load_documents(
    paths: Sequence[str | os.PathLike[str]] | None = None, *, config_file: str | os.PathLike[str] | None = None,
    allow_outside_root: bool = False,
) -> list[Document]:
    """Read the named documents (or the configured ones); an unreadable one is an error, and
    so is one outside the project root unless `allow_outside_root`."""
    return list(read_documents(paths, config_file=config_file, allow_outside_root=allow_outside_root))


def read_documents(
    paths: Sequence[str | os.PathLike[str]] | None = None, *, config_file: str | os.PathLike[str] | None = None,
    allow_outside_root: bool = False,
) -> Iterator[Document]:
    """`load_documents` one document at a time, each read when it is asked for (so that no more
    than one is held). What the search matched but cannot read, and a path outside the root,
    raise at once; a document that turns out unreadable raises when its turn comes."""
    config = load_project_config(config_file=config_file)
    if allow_outside_root:
        config = attrs.evolve(config, allow_outside_root=True)
    project = Path(config.root)
    discovery = _document_files(paths, config, project)
    problems = [problem for _, problem in _skipped_problems(discovery, config, project, bool(paths))]
    if problems:
        raise DocumentError(f"{len(problems)} matched paths cannot be read", problems)
    return (read_document(file, display_path=shown_path(Path(file), project)) for file in discovery.files)


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


def _refuse_settings_outside(config: Config, project: Path, keys: Sequence[str] = _PATH_SETTINGS) -> None:
    """A ConfigError at each of the path settings `keys` that names a file outside the project
    root."""
    if config.allow_outside_root:
        return
    problems = []
    for key in keys:
        value = getattr(config, key.replace("-", "_"))
        if value is None:
            continue
        real = outside_root(config.resolve(value), project)
        if real is not None:
            where = setting_location(config, key) or Location(value)
            problems.append(Problem(where, f"'{key}' names {value}, which resolves outside the project root "
                                           f"(to {real.as_posix()}); {ALLOW_HINT}"))
    if problems:
        raise ConfigError("a path setting leads outside the project root", problems)


def cache_folder_path(config: Config, cache_dir: str | os.PathLike[str]) -> Path:
    """Where the per-page cache of a run is: `cache_dir` (the `cache-dir` setting, or a folder
    the caller names) taken from the project root; an absolute `cache_dir` stands as it is."""
    return Path(config.root) / cache_dir


def _cache_folder(config: Config, project: Path, cache_dir: str | os.PathLike[str]) -> Path:
    """The per-page cache folder, which is written to and so held to the rule for every path:
    inside the project root once symlinks are resolved, unless outside is allowed. The
    `cache-dir` setting is refused at its line, a folder the caller names as a usage error."""
    folder = cache_folder_path(config, cache_dir)
    if Path(cache_dir) == Path(config.cache_dir):
        _refuse_settings_outside(config, project, ("cache-dir",))
        return folder
    real = None if config.allow_outside_root else outside_root(folder, project)
    if real is not None:
        raise UsageError(f"the cache folder {shown_path(folder, project)} resolves outside the project root "
                         f"(to {real.as_posix()}); {WRITE_HINT}")
    return folder


def load_project_library(config: Config) -> Library:
    """The claims library the configuration names, loaded as `check` loads it: a `claims`
    setting the user wrote must match a file, and every file must lie inside the project root
    (symlinks resolved) unless `config.allow_outside_root`."""
    project = Path(config.root)
    files = find_claim_files(config.claims, project, required=config.is_explicit("claims"),
                             allow_outside_root=config.allow_outside_root)
    return load_library(files, project, allow_outside_root=config.allow_outside_root)


def load_project_bibliography(config: Config, *, required: bool | None = None) -> Bibliography:
    """The bibliography the configuration names, loaded as `check` loads it: the same rule for
    a path outside the project root; a missing file is an error when `required` (default:
    when the user wrote the setting)."""
    _refuse_settings_outside(config, Path(config.root), ("bibliography",))
    return load_bibliography(config.resolve(config.bibliography), Path(config.root),
                             required=config.is_explicit("bibliography") if required is None else required)


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
    files: Sequence[Path], project: Path, work: _PageWork, cache: PageCache | None, progress: Display | None, *,
    states: Sequence[os.stat_result | None] = (), lines: _KeptLines | None = None,
) -> tuple[list[PageResult], list[Document], list[Occurrence]]:
    """Every page's record, from the cache or read and checked (in parallel when it pays).
    `states` are the files' states as the search found them, if it kept them (`Discovery`).
    With `lines`, a page whose findings the cache keeps as lines is restored without them.

    When `work` keeps documents, they and their occurrences are returned too (the review
    report shows them); then every page is read, whatever the cache holds.
    """
    pages: list[PageResult | None] = [None] * len(files)
    documents: list[Document] = []
    occurrences: list[Occurrence] = []
    todo = list(range(len(files)))
    # A cache with no entry for these settings (a first run) would miss every page: the pages'
    # keys are then made where they are read and checked, not read and hashed here first, alone.
    if cache is not None and not work.keep_documents and cache.holds_entries():
        todo = _from_cache(files, project, cache, pages, progress, states=states, lines=lines)
    from claimstrack.parallel import map_documents

    checked = map_documents([files[i] for i in todo], work, progress=progress)
    for index, (_, (page, scanned, known, made)) in zip(todo, checked):
        pages[index] = _restored(page, findings=made is None)
        if made is not None and lines is not None:
            lines.kept[index] = _restored_lines(made)
        if known is not None and cache is not None:
            cache.learn(*known)
            if lines is not None and made is None:  # its lines not made yet
                lines.keys[index] = known[2]
        if scanned is not None:
            documents.append(scanned[0])
            occurrences.extend(scanned[1])
    if cache is not None:
        cache.save_index()
    return [page for page in pages if page is not None], documents, occurrences


def _from_cache(
    files: Sequence[Path], project: Path, cache: PageCache, pages: list[PageResult | None], progress: Display | None,
    *, states: Sequence[os.stat_result | None], lines: _KeptLines | None = None,
) -> list[int]:
    """Fill in the pages the cache holds; the indexes of the others, still to check. On a
    terminal a long lookup shows the same bar as reading pages does."""
    bar = progress.bar(len(files)) if progress is not None else None
    todo = []
    known = len(states) == len(files)
    for index, file in enumerate(files):
        if bar is not None:
            bar.advance()
        shown = shown_path(file, project)
        try:
            key = cache.page_key(file, shown, states[index] if known else None)
        except DocumentError as error:
            pages[index] = unreadable_page(shown, error)
            continue
        kept = lines.cached(key) if lines is not None else None
        cached = cache.get(key) if kept is None else cache.get(key, findings=False)  # its lines stand for them
        if cached is None:
            todo.append(index)
            continue
        pages[index] = cached
        if lines is not None:
            lines.found(index, key, kept)
    cache.end_lookups()
    if bar is not None:
        bar.close()
    return todo


class _KeptLines:
    """The pages' findings kept as lines in one run (`checks.lines`): those the cache gave, those
    the page stage made (`_PageWork`), and those of the other pages, made once the runner has
    admitted them, and kept for the next run."""

    def __init__(self, style: LineStyle, cache: PageCache) -> None:
        self.style = style
        self.cache = cache
        self.kept: dict[int, PageLines] = {}  # by the page's number in the run
        self.keys: dict[int, str] = {}  # the cache key of each page without lines yet
        self._admitted: dict[int, list[Finding]] = {}

    def cached(self, key: str) -> PageLines | None:
        return self.cache.get_lines(key, self.style.name)

    def found(self, index: int, key: str, kept: PageLines | None) -> None:
        """Page `index` came from the cache under `key`, with its lines `kept` if it has them."""
        if kept is not None:
            self.kept[index] = kept
        else:
            self.keys[index] = key

    def admitted(self, index: int, findings: list[Finding], suppressed: int) -> None:
        """The runner admitted `findings` of page `index` and silenced `suppressed` of them: a page
        with one silenced keeps no lines (its suppression comments are then used, which other
        findings' admission reads)."""
        if index in self.keys and not suppressed:
            self._admitted[index] = findings

    def findings(self, pages: Sequence[PageResult], kept: list[Finding]) -> Sequence[Finding]:
        """The run's findings (`kept`: those admitted, the pages' with lines left out): the pages'
        whose lines are kept (now, if the runner admitted them), as lines, and the others in
        finding order."""
        moved: set[int] = set()
        for index, admitted in self._admitted.items():
            page = pages[index]
            if not (admitted or page.findings) or not self.cache.worth_caching(page):
                continue  # nothing to keep (its record holds no findings to decode), or no record kept
            made = page_lines(page.path, admitted, self.style)
            if made is not None:
                self.cache.put_lines(self.keys[index], self.style.name, made)
                self.kept[index] = made
                moved.update(map(id, admitted))
        if not self.kept:
            return in_finding_order(kept)
        rest = [finding for finding in kept if id(finding) not in moved] if moved else kept
        return LinedFindings(in_finding_order(rest), list(self.kept.values()), self.style.name)


#: What a page's key was made from, for the stat index: its shown path, its file's state before
#: it was read, and the key.
_Known = tuple[str, "tuple[int, ...] | None", str]
#: A page's record, its document and occurrences (when kept), what its key was made from (with
#: the cache), and its admitted findings as lines (when the page stage made them: `_PageWork`).
_Checked = tuple["PageResult | bytes", "tuple[Document, list[Occurrence]] | None", "_Known | None",
                 "PageLines | bytes | None"]


def _restored(page: PageResult | bytes, *, findings: bool = True) -> PageResult:
    """A page's record as a worker sent it back: compact bytes (`dump_page`), or the record;
    without its findings unless `findings` (they came as lines)."""
    if not isinstance(page, bytes):
        return page if findings else attrs.evolve(page, findings=())
    restored = load_page(page) if findings else load_page(page, findings=False)
    if restored is None:
        raise RuntimeError("a page's record could not be read back from its worker")
    return restored


def _restored_lines(made: PageLines | bytes) -> PageLines:
    """A page's lines as a worker sent them back: bytes (`dump_lines`), or the lines."""
    if isinstance(made, PageLines):
        return made
    restored = load_lines(made)
    if restored is None:
        raise RuntimeError("a page's lines could not be read back from its worker")
    return restored


@attrs.frozen
class _PageWork:
    """The per-page stage of one run, called for each page in this process and, on a large
    corpus, in the worker processes (forked: not pickled) that share the pages with it
    (`parallel.map_documents`). A worker sends its page's record back as bytes (`dump_page`),
    restored by `_restored`; a page checked here keeps its record.

    With `lines` (the run keeps the pages' findings as lines: `_KeptLines`), the findings of a
    page whose record the cache keeps are admitted and made into lines here, where the page is (`admit_page` needs only
    the configuration and the page), so that the run's own process neither admits nor writes
    them: on a cold run of 10,000 pages that was about half a second of work on one core while
    the other waited."""

    project: Path
    matcher: Matcher
    references: ReferenceIndex
    context: CheckContext
    cache: PageCache | None
    keep_documents: bool
    lines: LineStyle | None = None

    def __call__(self, file: Path) -> _Checked:
        shown = shown_path(file, self.project)
        # the file's state before its bytes are read: an edit made meanwhile changes its state,
        # so the stat index can never give these bytes' key to a state they were not in
        state = self.cache.state(file) if self.cache is not None else None
        try:
            raw = read_bytes(file, shown)
        except DocumentError as error:
            return unreadable_page(shown, error), None, None, None
        known = None if self.cache is None else (shown, state, self.cache.key(shown, raw))
        try:
            document = document_from_bytes(raw, file, shown)
        except DocumentError as error:
            return unreadable_page(shown, error), None, known, None
        document = resolve_numbered(document, self.references)  # numbered marks cite their entries' keys
        page, occurrences = check_page(document, self.matcher, self.context)
        if self.keep_documents:
            return page, (document, occurrences), known, None
        key = None if known is None else known[2]
        record, made = self._handed_on(page, key)
        return record, None, known, made

    def _handed_on(self, page: PageResult, key: str | None) -> tuple[PageResult | bytes, PageLines | bytes | None]:
        """The record as this process hands it on, and cached under `key` (when the cache keeps
        it) as the same bytes: a worker sends compact bytes (`dump_page`), far cheaper to pickle
        and to restore than the record's objects; a page checked here keeps its record. With
        the page's findings admitted as lines (`_lines`, kept under `key` too), those lines
        come with it (as bytes, `dump_lines`, from a worker), and they stand for its findings."""
        sent = in_worker()
        cached = key is not None and self.cache is not None and self.cache.worth_caching(page)
        if not (sent or cached):
            return page, None
        try:
            record = dump_page(page)
        except ValueError:  # a field these bytes cannot hold: the record itself, uncached
            return page, None
        made = None
        if cached and key is not None and self.cache is not None:
            self.cache.put(key, record)
            made = self._lines(page, key, self.cache)
        if not sent:
            return page, made
        return record, None if made is None else dump_lines(made)

    def _lines(self, page: PageResult, key: str, cache: PageCache) -> PageLines | None:
        """The page's admitted findings as the run's lines, kept under `key`; None where the
        run's own process makes them or keeps none (as `_KeptLines.findings` decides): no
        findings, one silenced (the run then reads its suppressions' use), or one naming a
        place on another page (admitting it reads that page too)."""
        if self.lines is None or not page.findings:
            return None
        admitted, silenced = admit_page(self.context, page)
        if silenced or any(place.path != page.path for finding in admitted for place in finding.related):
            return None
        made = page_lines(page.path, admitted, self.lines)
        if made is not None:
            cache.put_lines(key, self.lines.name, made)
        return made
