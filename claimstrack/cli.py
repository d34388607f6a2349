"""The `claimstrack` command: parse arguments, call the library, render, pick the exit code.

Exit codes: 0 no error-level findings, 1 error-level findings, 2 bad usage, bad configuration,
an unreadable claims library or bibliography, or an internal error.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import os
import sys
import traceback
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, TypeAlias

import attrs

from claimstrack._version import __version__
from claimstrack.errors import ClaimstrackError, DocumentError, Problem, UsageError
from claimstrack.gc_pause import paused_gc
from claimstrack.model import STATUSES, Location
from claimstrack.render import format_for_path, format_names
from claimstrack.report import EXTENSIONS as REPORT_EXTENSIONS
from claimstrack.report import FORMATS as REPORT_FORMATS

if TYPE_CHECKING:
    from claimstrack.config import Config
    from claimstrack.documents import Document
    from claimstrack.engine import Report
    from claimstrack.library import Library
    from claimstrack.model import Claim
    from claimstrack.progress import Display
    from claimstrack.render.figures import FigureRow

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
#: a run stopped by Ctrl-C (128 + SIGINT, as shells report it; `claimstrack.__main__` too)
EXIT_INTERRUPTED = 130

#: What `add_subparsers` returns, that each command adds its parser to.
_Subcommands: TypeAlias = "argparse._SubParsersAction[Any]"


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors with exit code 2 through our own error path."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message}\n{self.format_usage().strip()}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="claimstrack", description="Track numeric marketing claims and their evidence.")
    parser.add_argument("--version", action="version", version=f"claimstrack {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for add_command in (_add_figures, _add_check, _add_report, _add_rules, _add_init, _add_claims, _add_measures,
                        _add_clean):
        add_command(sub)
    return parser


def _add_figures(sub: _Subcommands) -> None:
    """`claimstrack figures`: the figures read in documents."""
    figures = sub.add_parser("figures", help="list the figures read in documents")
    figures.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: configured documents)")
    figures.add_argument("--format", choices=("table", "json"), default="table")
    figures.add_argument("--all", action="store_true", help="list every number, with why it was or was not taken")
    figures.add_argument("--config", metavar="FILE", help="configuration file (default: found by walking up)")
    _add_outside_root_option(figures)


def _add_check(sub: _Subcommands) -> None:
    """`claimstrack check`: findings in one of the output formats."""
    check = sub.add_parser("check", help="check documents against the claims library and bibliography")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: configured documents)")
    check.add_argument("--format", choices=format_names(),
                       help="output format (default: from the -o file's extension, else text)")
    check.add_argument("-o", "--output-file", metavar="FILE", help="write the output here instead of stdout ('-': stdout)")
    _add_selection_options(check)
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings fail the gate")
    check.add_argument("--fail-on", choices=("error", "warning"), help="lowest severity that fails the run (default: error)")
    check.add_argument("--statistics", action="store_true", help="print the number of findings per rule")
    check.add_argument("--baseline", metavar="FILE", help="ignore findings recorded in this baseline file")
    check.add_argument("--write-baseline", metavar="FILE",
                       help="record the current findings as the baseline and exit 0 ('-': stdout)")
    check.add_argument("--no-color", action="store_true", help="never colour the text output")
    check.add_argument("--cache-dir", metavar="DIR",
                       help="per-page cache folder (default: the cache-dir setting, .claimstrack_cache)")
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the per-page cache")
    _add_progress_options(check)


def _add_report(sub: _Subcommands) -> None:
    """`claimstrack report`: the compliance review report."""
    report = sub.add_parser("report", help="write the compliance review report")
    report.add_argument("paths", nargs="*", metavar="PATH")
    report.add_argument("--format", choices=REPORT_FORMATS,
                        help="report format (default: from the -o file's extension, else html)")
    report.add_argument("-o", "--output-file", metavar="FILE", required=True,
                        help="where to write the report ('-': stdout)")
    report.add_argument("--title", help="report title")
    _add_selection_options(report)
    report.add_argument("--baseline", metavar="FILE", help="treat findings in this baseline as suppressed")
    _add_progress_options(report)


def _add_clean(sub: _Subcommands) -> None:
    """`claimstrack clean`: remove the per-page cache."""
    clean = sub.add_parser("clean", help="remove the per-page cache folder")
    clean.add_argument("--cache-dir", metavar="DIR",
                       help="the cache folder to remove (default: the cache-dir setting, .claimstrack_cache)")
    clean.add_argument("--config", metavar="FILE", help="configuration file (default: found by walking up)")


def _add_rules(sub: _Subcommands) -> None:
    """`claimstrack rules` and `claimstrack rule CODE`."""
    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    rule = sub.add_parser("rule", help="print one rule's documentation")
    rule.add_argument("code", metavar="CODE", help="a rule code (CT101) or name (unsupported-figure)")


def _add_init(sub: _Subcommands) -> None:
    """`claimstrack init`."""
    init = sub.add_parser("init", help="set this repository up: configuration, claims file, bibliography")
    init.add_argument("directory", nargs="?", default=".", help="the repository root (default: .)")


def _add_claims(sub: _Subcommands) -> None:
    """`claimstrack claims ACTION`: list, show and edit the claims library."""
    claims = sub.add_parser("claims", help="list, show and edit the claims library (comments are kept)")
    claims_sub = claims.add_subparsers(dest="claims_command", metavar="ACTION", parser_class=_Parser, required=True)
    listing = claims_sub.add_parser("list", help="list claims, filtered by status, review date or measure")
    listing.add_argument("--status", type=_statuses, help="comma-separated statuses to list")
    listing.add_argument("--due", action="store_true", help="only claims due for review (expired or due within review-warning-days)")
    listing.add_argument("--measure", help="only claims stating this measure")
    listing.add_argument("--today", type=_date, help="the date review-by dates are compared with (default: the configured today, else the real date)")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    show = claims_sub.add_parser("show", help="print one claim with its evidence and history")
    show.add_argument("claim_id", metavar="ID")
    show.add_argument("--format", choices=("text", "json"), default="text")
    _add_claim_edits(claims_sub)
    for action in claims_sub.choices.values():
        action.add_argument("--config", metavar="FILE", help="configuration file (default: found by walking up)")
        _add_outside_root_option(action)


def _add_claim_edits(claims_sub: _Subcommands) -> None:
    """The claims actions that edit a claims file."""
    approve = claims_sub.add_parser("approve", help="mark a claim approved, with approver and dates")
    approve.add_argument("claim_id", metavar="ID")
    approve.add_argument("--by", required=True, help="name of the approver")
    approve.add_argument("--on", type=_date, help="approval date (default: today's date)")
    approve.add_argument("--review-by", type=_date, help="re-review date")
    approve.add_argument("--reason", help="why (recorded in the claim's history; required with --force)")
    approve.add_argument("--force", action="store_true", help="approve a claim without evidence (needs --reason), or edit a read-only file")
    add = claims_sub.add_parser("add", help="add a draft claim (the wording a page uses, say) to a claims file")
    add.add_argument("claim_id", metavar="ID")
    add.add_argument("--text", required=True, help="the claim's wording")
    add.add_argument("--measure", help="the measure key the claim's headline figure states")
    add.add_argument("--file", help="claims file to append to (default: the library's only file, else claims.toml in the claims folder)")
    add.add_argument("--force", action="store_true", help="edit a read-only file")
    status = claims_sub.add_parser("set-status", help="change a claim's review status")
    status.add_argument("claim_id", metavar="ID")
    status.add_argument("status", choices=STATUSES)
    status.add_argument("--by", help="who changes it (default: the login name)")
    status.add_argument("--on", type=_date, help="date of the change (default: today's date)")
    status.add_argument("--reason", help="why (recorded in the claim's history)")
    status.add_argument("--force", action="store_true", help="approve without evidence (needs --reason), or edit a read-only file")
    evidence = claims_sub.add_parser("evidence", help="add evidence to a claim")
    evidence.add_argument("claim_id", metavar="ID")
    evidence.add_argument("--cite", required=True, metavar="KEY", help="citation key in the bibliography")
    evidence.add_argument("--locator", help="where in the source: page, table, section")
    evidence.add_argument("--quote", help="verbatim text from the source")
    evidence.add_argument("--n", type=_positive_int, help="the sample size behind a percentage")
    evidence.add_argument("--force", action="store_true", help="edit a read-only file")
    remove = claims_sub.add_parser("remove", help="remove a claim with its evidence and history")
    remove.add_argument("claim_id", metavar="ID")
    remove.add_argument("--force", action="store_true", help="edit a read-only file")


def _add_measures(sub: _Subcommands) -> None:
    """`claimstrack measures [ACTION]`: inferred measures, accepted or rejected."""
    measures = sub.add_parser("measures", help="list inferred measures; accept one as a declared measure, or reject it")
    measures.add_argument("--format", choices=("table", "json"), default="table")
    measures.add_argument("--config", metavar="FILE", help="configuration file (default: found by walking up)")
    _add_outside_root_option(measures)
    measures_sub = measures.add_subparsers(dest="measures_command", metavar="ACTION", parser_class=_Parser)
    accept = measures_sub.add_parser("accept", help="write [measure.KEY] and draft claims for a group's wordings")
    accept.add_argument("group", metavar="GROUP", help="the group's id, as `claimstrack measures` lists it")
    accept.add_argument("--as", dest="key", required=True, metavar="KEY", help="the measure key to declare")
    accept.add_argument("--file", help="claims file to append to (default: the library's only file, else measures.toml in the claims folder)")
    accept.add_argument("--force", action="store_true", help="edit a read-only file")
    reject = measures_sub.add_parser("reject", help="remember that a group is not one measure (rejected-groups.toml)")
    reject.add_argument("group", metavar="GROUP", help="the group's id, as `claimstrack measures` lists it")
    reject.add_argument("--reason", help="why (recorded with the rejection)")
    reject.add_argument("--by", help="who rejects it (default: the login name)")
    for action in measures_sub.choices.values():
        # SUPPRESS: left out after the action, a --config given before it stays (argparse would
        # otherwise set the action's default, None, over it)
        action.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS,
                            help="configuration file (default: found by walking up)")
        _add_outside_root_option(action, default=argparse.SUPPRESS)


def _add_outside_root_option(parser: argparse.ArgumentParser, default: object = False) -> None:
    parser.add_argument("--allow-outside-root", action="store_true", default=default,
                        help="read files outside the project root (symlinks resolved); refused by default")


def _add_selection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--select", type=_codes, help="comma-separated rule codes or prefixes to enable (replaces the configured set)")
    parser.add_argument("--extend-select", type=_codes, help="rule codes or prefixes to enable in addition")
    parser.add_argument("--ignore", type=_codes, help="rule codes or prefixes to disable")
    parser.add_argument("--today", type=_date, help="the date review-by dates are compared with (YYYY-MM-DD)")
    parser.add_argument("--config", metavar="FILE", help="configuration file (default: found by walking up)")
    _add_outside_root_option(parser)


def _codes(value: str) -> list[str]:
    return [code.strip().upper() for code in value.split(",") if code.strip()]


def _statuses(value: str) -> list[str]:
    statuses = [status.strip() for status in value.split(",") if status.strip()]
    for status in statuses:
        if status not in STATUSES:
            raise argparse.ArgumentTypeError(f"unknown status {status!r}; allowed: {', '.join(STATUSES)}")
    return statuses


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive integer: {value!r}")
    return number


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


#: Set by `program`: the process ends with the command, so what the command made may live to
#: that end (`keep_until_exit`) instead of being freed object by object.
_process_ends_with_command = False
_kept_until_exit: list[object] = []


def keep_until_exit(value: object) -> None:
    """Keep `value` alive until the process ends, when it ends with the command (`program`):
    a large site's report is millions of objects, and freeing them one by one as the command
    returns costs about 0.2 CPU s at 10,000 pages, which ending the process does at once. In
    a caller that goes on (`main` called as a library, the tests) nothing is kept."""
    if _process_ends_with_command:
        _kept_until_exit.append(value)


def program() -> NoReturn:
    """The `claimstrack` executable (console script and `python -m claimstrack`): `run()`, then
    the process ends at once with its exit code, the standard streams flushed; the interpreter's
    teardown (freeing every object the command kept, about 0.1 s more at 10,000 pages) is
    skipped, as nothing of it outlives the process: every file claimstrack writes is written
    whole and closed (atomically) before the command returns, and no worker is left."""
    global _process_ends_with_command
    _process_ends_with_command = True
    code = run()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the reader went away (a closed pipe): nothing to tell it
            pass
    os._exit(code)


def run() -> int:
    """`main()` in a process that ends with it (what `program`, the `claimstrack` executable,
    runs). The cyclic collector stays off to the end (`main` pauses it for the command and
    would turn it back on for a caller that goes on) and the command's objects are frozen:
    re-enabling it would walk them all once more, and so would the interpreter's last
    collection (half a second at 10,000 pages), to free nothing a process exit does not."""
    gc.disable()
    try:
        return main()
    finally:
        gc.freeze()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list
    try:
        args = build_parser().parse_args(args_list)
        if args.command is None:
            build_parser().print_help()
            return EXIT_ERROR
        with paused_gc():  # a command's objects live until it ends (see claimstrack.gc_pause)
            return COMMANDS[args.command](args)
    except ClaimstrackError as error:
        _print_error(error)
        return error.exit_code
    except KeyboardInterrupt:
        print("claimstrack: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # an internal error: say so plainly, traceback only on request
        if debug:
            traceback.print_exc()
        print(f"claimstrack: internal error: {type(error).__name__}: {error}"
              + ("" if debug else " (run with --debug for a traceback)"), file=sys.stderr)
        return EXIT_ERROR


def _print_error(error: ClaimstrackError) -> None:
    if error.problems:
        for problem in error.problems:
            print(f"{problem.location}: error: {problem.message}", file=sys.stderr)
        # A summary ("the claims library has 3 problems") adds to the list; a message that only
        # repeats its one problem does not.
        if error.message and not any(p.message in error.message for p in error.problems):
            print(f"claimstrack: {error.message}", file=sys.stderr)
    else:
        print(f"claimstrack: error: {error.message}", file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# Commands


def cmd_figures(args: argparse.Namespace) -> int:
    from claimstrack.engine import read_documents
    from claimstrack.render.figures import render_figures_table, stream_figures_json

    documents = read_documents(args.paths, config_file=args.config, allow_outside_root=args.allow_outside_root)
    if args.format == "json":  # written as each document is read: one document held at a time
        failed: list[DocumentError] = []
        write_output("-", stream_figures_json(_rows_until_unreadable(documents, args.all, failed), explain=args.all))
        if failed:
            raise failed[0]
    else:  # the table's columns are as wide as their widest cell: every row first
        rows = (row for document in documents for row in _figure_rows(document, every=args.all))
        _write(render_figures_table(list(rows), explain=args.all))
    return EXIT_OK


def _rows_until_unreadable(documents: Iterator[Document], every: bool, failed: list[DocumentError]) -> Iterator[FigureRow]:
    """The documents' rows up to the first that cannot be read, whose error goes to `failed`:
    the JSON array then still closes, so what was written is valid JSON (the run exits 2)."""
    try:
        for document in documents:
            yield from _figure_rows(document, every=every)
    except DocumentError as error:
        failed.append(error)


def _figure_rows(document: Document, *, every: bool) -> Iterator[FigureRow]:
    """The figures of a document (`every`: all its numbers) as the figures listing shows them."""
    from claimstrack.engine import document_mentions

    for mention in document_mentions(document):
        if every or mention.taken:
            yield (document.path, mention, document.page_position(mention.span.line))


def cmd_check(args: argparse.Namespace) -> int:
    from claimstrack.render import render_statistics, render_stream

    output_format = args.format or format_for_path(args.output_file)
    to_stdout = args.output_file in (None, "-")
    color = output_format == "text" and to_stdout and not args.no_color and _wants_color(sys.stdout)
    report = _run_check(args, output_format, color=color)
    keep_until_exit(report)
    _warn_if_nothing_checked(report, args.paths)
    if output_format == "text":
        _notice_left_out(report)
    if args.write_baseline:
        from claimstrack.baseline import build_baseline, stream_baseline, write_baseline

        if args.write_baseline == "-":
            write_output("-", stream_baseline(build_baseline(report, "-")))
        else:
            try:
                write_baseline(report, Path(args.write_baseline))
            except OSError as error:
                raise UsageError(f"cannot write the baseline {args.write_baseline}: {error.strerror or error}") from None
        print(f"claimstrack: wrote {len(report.findings)} findings to the baseline "
              f"{_destination(args.write_baseline)}", file=sys.stderr)
        return EXIT_OK
    # Not while the output itself goes to the same terminal: the bar would cut into it.
    display = None if to_stdout and sys.stdout.isatty() else _progress_display(args)
    bar = None
    if display is not None:
        from claimstrack.progress import MANY_DOCUMENTS

        # As the checks' bar: at once on a large site, else only once writing takes a second.
        bar = display.bar(len(report.findings), "findings written", eager=len(report.paths) > MANY_DOCUMENTS)
    try:
        write_output(args.output_file or "-", render_stream(report, output_format, color=color, fail_on=args.fail_on,
                                                            progress=bar.advance if bar is not None else None))
    finally:
        if bar is not None:
            bar.close()
    if args.statistics:
        _write(render_statistics(report))
    if output_format == "github":
        from claimstrack.render.github import append_step_summary

        append_step_summary(report)
    if args.exit_zero:
        return EXIT_OK
    return report.exit_code(args.fail_on)


def _warn_if_nothing_checked(report: Report, paths: Sequence[str]) -> None:
    """Like ruff's "No Python files found": a gate that checked nothing should say so."""
    if report.paths or any(f.code == "CT901" for f in report.findings):
        return
    where = ", ".join(paths) if paths else "the configured documents (" + ", ".join(report.config.documents) + ")"
    print(f"claimstrack: warning: no documents found in {where}", file=sys.stderr)


def _notice_left_out(report: Report) -> None:
    """The CT905 findings, gathered in one notice a reader of the text output cannot miss."""
    from claimstrack.checks.lines import with_code

    paths = [f.path for f in with_code(report.findings, "CT905")]
    if not paths:
        return
    shown = ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
    documents = "document" if len(paths) == 1 else "documents"
    print(f"claimstrack: warning: {len(paths)} readable {documents} under the configured roots "
          f"{'was' if len(paths) == 1 else 'were'} not checked: {shown} (CT905: add a glob for "
          f"the format to `documents`, or `exclude` the files)", file=sys.stderr)


def _warn_if_no_cache_folder(folder: Path, root: Path) -> None:
    from claimstrack.cache import why_no_cache_folder
    from claimstrack.paths import shown_path

    why = why_no_cache_folder(folder)
    if why is not None:
        print(f"claimstrack: warning: the cache folder {shown_path(folder, root)} {why}: this run is not "
              "cached (set cache-dir or --cache-dir to a folder, or pass --no-cache)", file=sys.stderr)


def _run_check(args: argparse.Namespace, output_format: str, *, color: bool = False) -> Report:
    """Run the check with the command line's selection, baseline and date overrides; with the
    cache, the text output's unchanged pages are kept as the lines it writes (`color`ed or not)."""
    from claimstrack.engine import cache_folder_path, check, known_selectors, load_project_config

    config = load_project_config(config_file=args.config).with_selection(
        select=args.select, extend_select=args.extend_select or (), ignore=args.ignore or (),
        known_codes=known_selectors())
    baseline = getattr(args, "baseline", None) or None
    if getattr(args, "write_baseline", None) and baseline is None and config.baseline:
        # Writing the baseline must work before the configured baseline file exists: record
        # everything, without applying the old baseline.
        config = attrs.evolve(config, baseline=None)
    progress = _progress_display(args) or False
    if output_format == "report":  # the review report shows every page: keep them in memory
        return check(args.paths or None, config=config, today=args.today, baseline=baseline, progress=progress,
                     allow_outside_root=args.allow_outside_root)
    # --cache-dir is relative to where the command runs, the cache-dir setting to the project root
    if args.cache_dir is not None and not args.cache_dir.strip():
        raise UsageError("--cache-dir is empty; it must name a folder (or pass --no-cache)")
    cache_dir = None if args.no_cache else (Path(args.cache_dir).absolute() if args.cache_dir else config.cache_dir)
    if cache_dir is not None:
        _warn_if_no_cache_folder(cache_folder_path(config, cache_dir), Path(config.root))
    lines = None
    if output_format == "text" and not getattr(args, "write_baseline", None):
        from claimstrack.render.text import text_lines

        lines = text_lines(color=color)
    return check(args.paths or None, config=config, today=args.today, baseline=baseline, progress=progress,
                 allow_outside_root=args.allow_outside_root, cache_dir=cache_dir, keep_documents=False, lines=lines)


def _add_progress_options(command: argparse.ArgumentParser) -> None:
    shown = command.add_mutually_exclusive_group()
    shown.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    shown.add_argument("--progress", action="store_true",
                       help="show progress on stderr even when it is not a terminal, or in CI")


def _progress_display(args: argparse.Namespace) -> Display | None:
    """Where progress goes: stderr on a terminal outside CI, anywhere with --progress, nowhere
    with --quiet."""
    from claimstrack.progress import progress_display

    return None if args.quiet else progress_display(asked=args.progress)


def cmd_report(args: argparse.Namespace) -> int:
    from claimstrack.report import stream_report

    output_format = args.format or format_for_path(args.output_file, REPORT_EXTENSIONS, "html")
    report = _run_check(args, "report")
    keep_until_exit(report)
    write_output(args.output_file, stream_report(report, output_format, title=args.title))
    verdict = "fail" if report.exit_code() else "pass"
    print(f"claimstrack: wrote {output_format} report to {_destination(args.output_file)} "
          f"({len(report.findings)} findings; gate: {verdict})", file=sys.stderr)
    return EXIT_OK


def cmd_clean(args: argparse.Namespace) -> int:
    from claimstrack.cache_pruning import clean_cache
    from claimstrack.engine import cache_folder_path, load_project_config
    from claimstrack.paths import shown_path

    config = load_project_config(config_file=args.config)
    if args.cache_dir is not None and not args.cache_dir.strip():
        raise UsageError("--cache-dir is empty; it must name a folder")
    # --cache-dir is relative to where the command runs, the cache-dir setting to the project root
    folder = cache_folder_path(config, Path(args.cache_dir).absolute() if args.cache_dir else config.cache_dir)
    shown = shown_path(folder, Path(config.root))
    try:
        removed = clean_cache(folder, shown=shown)
    except OSError as error:
        raise UsageError(f"cannot remove the cache folder {shown}: {error.strerror or error}") from None
    print(f"claimstrack: {'removed' if removed else 'no cache at'} {shown}", file=sys.stderr)
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from claimstrack.checks import all_rules
    from claimstrack.render.rules_doc import render_rules_json, render_rules_markdown, render_rules_table

    rules = all_rules()
    if args.format == "markdown":
        _write(render_rules_markdown(rules))
    elif args.format == "json":
        _write(render_rules_json(rules))
    else:
        _write(render_rules_table(rules))
    return EXIT_OK


def cmd_rule(args: argparse.Namespace) -> int:
    from claimstrack.checks import get_rule
    from claimstrack.render.rules_doc import render_rule

    try:
        rule = get_rule(args.code)
    except KeyError:
        raise UsageError(f"unknown rule code or name {args.code!r}; `claimstrack rules` lists them") from None
    _write(render_rule(rule))
    return EXIT_OK


def _project_config(args: argparse.Namespace) -> Config:
    """The configuration, with --allow-outside-root applied (the claims and measures commands)."""
    from claimstrack.engine import load_project_config

    config = load_project_config(config_file=args.config)
    return attrs.evolve(config, allow_outside_root=True) if args.allow_outside_root else config


def cmd_claims(args: argparse.Namespace) -> int:
    from claimstrack.engine import load_project_library

    config = _project_config(args)
    root = Path(config.root)
    library = load_project_library(config)
    if args.claims_command == "list":
        return _claims_list(args, config, library)
    if args.claims_command == "add":
        return _claims_add(args, config, library, root)
    claim = library.require_claim(args.claim_id, config.claims)
    assert claim.location is not None  # every claim read from a file knows its place
    path = root / claim.location.path
    if args.claims_command == "show":
        from claimstrack.engine import load_project_bibliography
        from claimstrack.render.claims import render_claim, render_claim_json

        if args.format == "json":
            _write(render_claim_json(claim))
        else:
            _write(render_claim(claim, load_project_bibliography(config)))
        return EXIT_OK
    with _claims_write(path, root, claim.location):
        return CLAIM_EDITS[args.claims_command](args, config, claim, path, root)


def _claims_list(args: argparse.Namespace, config: Config, library: Library) -> int:
    from claimstrack.library import select_claims
    from claimstrack.render.claims import render_claims_json, render_claims_table

    due_by = config.review_due_by(config.today_for(args.today)) if args.due else None
    claims = select_claims(library, statuses=args.status, measure=args.measure, due_by=due_by)
    if args.format == "json":
        _write(render_claims_json(claims))
    else:
        _write(render_claims_table(claims))
    return EXIT_OK


def _claims_add(args: argparse.Namespace, config: Config, library: Library, root: Path) -> int:
    from claimstrack.library_edit import add_draft_claim, claims_file_to_write
    from claimstrack.paths import shown_path

    path = claims_file_to_write(config, library, args.file, default_name="claims.toml")
    with _claims_write(path, root):
        add_draft_claim(library, path, args.claim_id, args.text, measure=args.measure, force=args.force, root=root)
    print(f"claimstrack: added draft claim {args.claim_id} to {shown_path(path, root)}", file=sys.stderr)
    return EXIT_OK


def _claims_approve(args: argparse.Namespace, config: Config, claim: Claim, path: Path, root: Path) -> int:
    from claimstrack.library_edit import approve_claim

    new = approve_claim(path, claim.id, by=args.by, on=args.on, review_by=args.review_by,
                        reason=args.reason, force=args.force, root=root)
    _report_status(claim, new)
    return EXIT_OK


def _claims_set_status(args: argparse.Namespace, config: Config, claim: Claim, path: Path, root: Path) -> int:
    from claimstrack.library_edit import set_claim_status

    new = set_claim_status(path, claim.id, args.status, by=args.by, on=args.on, reason=args.reason,
                           force=args.force, root=root)
    _report_status(claim, new)
    return EXIT_OK


def _report_status(old: Claim, new: Claim) -> None:
    where = new.location.path if new.location else ""
    if new == old:
        print(f"claimstrack: {new.id} is already {new.status}; nothing changed ({where})", file=sys.stderr)
        return
    print(f"claimstrack: {new.id} is now {new.status} ({where})", file=sys.stderr)
    if old.status == "approved" and old.approved_by and (new.status != "approved" or new.approved_by != old.approved_by):
        print(f"claimstrack: it was approved by {old.approved_by}"
              + (f" on {old.approved_on}" if old.approved_on else "") + "; the claim's history keeps that",
              file=sys.stderr)


def _claims_evidence(args: argparse.Namespace, config: Config, claim: Claim, path: Path, root: Path) -> int:
    from claimstrack.engine import load_project_bibliography
    from claimstrack.library_edit import add_evidence
    from claimstrack.model import Evidence

    bibliography = load_project_bibliography(config, required=True)
    evidence = Evidence(cite=args.cite, locator=args.locator, quote=args.quote, n=args.n)
    new = add_evidence(path, claim.id, evidence, bibliography=bibliography, force=args.force, root=root)
    print(f"claimstrack: {new.id} now has {len(new.evidence)} evidence item(s) ({new.location.path if new.location else path})",
          file=sys.stderr)
    return EXIT_OK


def _claims_remove(args: argparse.Namespace, config: Config, claim: Claim, path: Path, root: Path) -> int:
    from claimstrack.library_edit import remove_claim
    from claimstrack.paths import shown_path

    removed = remove_claim(path, claim.id, force=args.force, root=root)
    print(f"claimstrack: removed {removed.status} claim {removed.id} from {shown_path(path, root)}", file=sys.stderr)
    return EXIT_OK


CLAIM_EDITS = {
    "approve": _claims_approve,
    "set-status": _claims_set_status,
    "evidence": _claims_evidence,
    "remove": _claims_remove,
}


@contextlib.contextmanager
def _claims_write(path: Path, root: Path, location: Location | None = None) -> Iterator[None]:
    """A claims file (or its folder) that cannot be written is a usage error at the claim."""
    try:
        yield
    except OSError as error:
        from claimstrack.paths import shown_path

        where = location or Location(shown_path(path, root))
        message = f"cannot write the claims file: {error.strerror or error}"
        raise UsageError(message, [Problem(where, message)]) from None


def cmd_measures(args: argparse.Namespace) -> int:
    from claimstrack.measures import accept_measure, inferred_measures, reject_measure
    from claimstrack.paths import shown_path

    config = _project_config(args)
    root = Path(config.root)
    if args.measures_command == "accept":
        path = Path(args.file) if args.file else None
        with _claims_write(path or root, root):
            accepted = accept_measure(args.group, args.key, config=config, file=path, force=args.force)
        print(f"claimstrack: declared measure {args.key} with {len(accepted.claims)} draft claim"
              f"{'' if len(accepted.claims) == 1 else 's'} in {shown_path(accepted.path, root)}", file=sys.stderr)
        return EXIT_OK
    if args.measures_command == "reject":
        written = reject_measure(args.group, config=config, reason=args.reason, by=args.by)
        print(f"claimstrack: rejected {args.group} (recorded in {shown_path(written, root)})", file=sys.stderr)
        return EXIT_OK
    found = inferred_measures(config=config)
    if args.format == "json":
        from claimstrack.render.measures import render_measures_json

        _write(render_measures_json(found))
    else:
        from claimstrack.render.measures import render_measures_table

        _write(render_measures_table(found))
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    from claimstrack.init import init_project

    done = init_project(Path(args.directory))
    for line in done or ["already set up: nothing to change"]:
        print(f"claimstrack: {line}", file=sys.stderr)
    return EXIT_OK


COMMANDS = {
    "measures": cmd_measures,
    "figures": cmd_figures,
    "check": cmd_check,
    "report": cmd_report,
    "rules": cmd_rules,
    "rule": cmd_rule,
    "claims": cmd_claims,
    "init": cmd_init,
    "clean": cmd_clean,
}


def write_output(path: str, text: str | Iterable[str]) -> None:
    """Write output (a string, or pieces written as they are made) to a file ('-': stdout) with
    `write_atomic`, which writes through devices, FIFOs and symlinks instead of replacing them;
    a path that cannot be written is a usage error."""
    from claimstrack.atomic import write_atomic

    if path == "-":
        for piece in [text] if isinstance(text, str) else text:
            _write(piece)
        return
    try:
        write_atomic(Path(path), text)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from None


def _destination(path: str) -> str:
    return "standard output" if path == "-" else path


def _wants_color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("CI"):
        return bool(os.environ.get("FORCE_COLOR"))
    return bool(os.environ.get("FORCE_COLOR")) or (hasattr(stream, "isatty") and stream.isatty())


def _write(text: str, stream: TextIO | None = None) -> None:
    (stream or sys.stdout).write(text)
