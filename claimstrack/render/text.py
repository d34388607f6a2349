"""The default terminal output, in the shape ruff and flake8 users already read.

    content/page.md:3:12: CT101 [error] message
        content/other.md:7:1: the other side of it
    <blank line>
    Found 1 error, 0 warnings, 0 info (0 suppressed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from claimstrack.checks.lines import LinedFindings, LineStyle
from claimstrack.model import Finding, Related, Severity
from claimstrack.render._common import (
    ReportLike,
    one_line,
    sorted_findings,
    summary_line,
    with_progress,
)
from claimstrack.render.formats import OutputFormat

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_SEVERITY_COLOUR = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_DIM = "\x1b[2m"
#: About how many characters of kept lines are given on at once (`_merged`).
_PIECE = 1 << 16


def render_text(report: ReportLike, *, color: bool = False) -> str:
    """Findings one per line, related places indented below, then the summary line."""
    return "".join(stream_text(report, color=color))


def stream_text(
    report: ReportLike, *, color: bool = False, progress: Callable[[int], object] | None = None
) -> Iterator[str]:
    """`render_text` piece by piece: a finding with its related places at a time (the findings of
    a page kept as these lines, `text_lines`, a page at a time)."""
    lines = _FindingLines(color)
    findings = report.findings
    if isinstance(findings, LinedFindings) and findings.style == _style_name(color):
        yield from _merged(findings, lines, progress)
    else:
        for finding in with_progress(sorted_findings(findings), progress):
            yield lines.of(finding)
    summary = summary_line(report)
    yield "\n" + _paint(summary, _BOLD, color) + "\n" if report.findings else summary + "\n"


def text_lines(*, color: bool = False) -> LineStyle:
    """How this format writes a finding as lines (what a run keeps unchanged pages' findings as:
    `claimstrack.engine.check(lines=...)`)."""
    return LineStyle(_style_name(color), _FindingLines(color).of)


def _style_name(color: bool) -> str:
    return "text, coloured" if color else "text"


def _merged(findings: LinedFindings, lines: _FindingLines, progress: Callable[[int], object] | None) -> Iterator[str]:
    """The lines of `findings`: a page's kept lines as they are, the other findings written here;
    given on in pieces of about `_PIECE` characters (a write per page or finding cost more than
    making the lines)."""
    gathered: list[str] = []
    size = written = 0
    for piece in findings.pieces():
        if isinstance(piece, Finding):
            text = lines.of(piece)
            written += 1
        else:
            page, start, end = piece
            text = page.text_of(start, end)
            written += end - start
        gathered.append(text)
        size += len(text)
        if size >= _PIECE:
            yield "".join(gathered)
            if progress is not None:
                progress(written)
            gathered, size, written = [], 0, 0
    yield "".join(gathered)
    if progress is not None and written:
        progress(written)


class _FindingLines:
    """Each finding's lines as `format_finding` and `_related_line` write them, from parts
    that many of the findings of a large site share, each made once: a path as shown, a code
    with its severity, a related place's line, a finding's related places' lines together. The
    findings of one disagreement name the same other sides (the same Related objects: a few
    hundred thousand places at 10,000 pages), so a related place's line is kept by its id, and
    findings reused from the cache that name the same places share one `related` tuple
    (`checks.records.load_findings`: 35,000 findings, 165 tuples), so its lines are kept by the
    tuple's id. Each entry holds the object it was made for, so that the id stays that object's
    however long the findings live (the page stage drops each page's findings once their lines
    are made, and a later object may be given a freed id)."""

    def __init__(self, color: bool) -> None:
        self.color = color
        self._paths: dict[str, str] = {}
        self._codes: dict[tuple[str, Severity], str] = {}
        self._related: dict[int, tuple[Related, str]] = {}
        self._blocks: dict[int, tuple[tuple[Related, ...], str]] = {}  # a `related` tuple's lines, by its id

    def of(self, finding: Finding) -> str:
        """The finding's line and its related places' lines, each ending with a line break."""
        path = finding.path
        shown = self._paths.get(path)
        if shown is None:
            shown = self._paths[path] = _paint(one_line(path), _BOLD, self.color)
        code = self._codes.get((finding.code, finding.severity))
        if code is None:
            code = self._codes[finding.code, finding.severity] = _code_and_severity(finding, self.color)
        # `finding.where` past the path, made here without the path for the common case
        at = f":{finding.line}:{finding.column}" if finding.page is None else finding.where[len(path):]
        line = f"{shown}{at}: {code} {one_line(finding.message)}\n"
        places = finding.related
        if not places:
            return line
        kept = self._blocks.get(id(places))
        if kept is None:
            kept = self._blocks[id(places)] = (places, self._lines_of(places))
        return line + kept[1]

    def _lines_of(self, places: tuple[Related, ...]) -> str:
        """The lines of a finding's related places."""
        lines = []
        for related in places:
            kept = self._related.get(id(related))
            if kept is None:
                kept = self._related[id(related)] = (related, _related_line(related, color=self.color) + "\n")
            lines.append(kept[1])
        return "".join(lines)


def format_finding(finding: Finding, *, color: bool = False) -> str:
    """`path:line:col: CODE [severity] message` on one line."""
    location = f"{_paint(one_line(finding.path), _BOLD, color)}{finding.where[len(finding.path):]}:"
    return f"{location} {_code_and_severity(finding, color)} {one_line(finding.message)}"


def _code_and_severity(finding: Finding, color: bool) -> str:
    colour = _SEVERITY_COLOUR[finding.severity]
    return f"{_paint(finding.code, _BOLD + colour, color)} {_paint(f'[{finding.severity.value}]', colour, color)}"


def _related_line(related: Related, *, color: bool) -> str:
    return "    " + _paint(f"{one_line(related.where)}:", _DIM, color) + f" {one_line(related.message)}"


def _paint(text: str, style: str, color: bool) -> str:
    return f"{style}{text}{_RESET}" if color else text


FORMAT = OutputFormat("text", (".txt", ".log"),
                      lambda report, options: stream_text(report, color=options.color, progress=options.progress))
