"""What every renderer shares: the slice of a Report they read, ordering, counts, cleaning."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol, TypeVar

from claimstrack.baseline import CheckedReport
from claimstrack.checks.lines import LinedFindings, severity_counts
from claimstrack.fingerprints import content_fingerprint
from claimstrack.model import Finding, Severity, in_finding_order

__all__ = ["SEVERITY_ORDER", "ReportLike", "checked_paths", "code_span", "content_fingerprint", "json_document",
           "json_items", "json_string", "markdown_text", "one_line", "plural", "require_int_positions", "severity_counts",
           "small_json_document", "sorted_findings", "summary_line", "with_progress"]


class ReportLike(CheckedReport, Protocol):
    """The part of `claimstrack.engine.Report` the renderers read: what the baseline reads, and
    the pages checked."""

    @property
    def paths(self) -> Sequence[str]: ...


#: Worst first: the order severities are listed and grouped in.
SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def sorted_findings(findings: Iterable[Finding]) -> Sequence[Finding]:
    """Findings in a stable order (path, line, column, code, message, then the rest of
    `finding_order`), whatever came in; a run's report has them so already (an `OrderedFindings`
    or a `LinedFindings`: not sorted again)."""
    if isinstance(findings, LinedFindings):
        return findings
    return in_finding_order(findings)


def with_progress(findings: Iterable[Finding], progress: Callable[[int], object] | None) -> Iterator[Finding]:
    """The findings one by one, telling `progress` (if any) of each as the next is asked for."""
    if progress is None:
        yield from findings
        return
    for finding in findings:
        yield finding
        progress(1)


def plural(count: int, word: str) -> str:
    """'1 error', '2 errors'; 'info' has no plural."""
    if count == 1 or word == "info":
        return f"{count} {word}"
    return f"{count} {word}s"


def summary_line(report: ReportLike) -> str:
    """'Found 2 errors, 1 warning, 0 info (3 suppressed).' or 'All checks passed.'"""
    counts = severity_counts(report.findings)
    suppressed = len(report.suppressed)
    if not report.findings:
        return f"All checks passed ({suppressed} suppressed)." if suppressed else "All checks passed."
    parts = ", ".join(
        (
            plural(counts[Severity.ERROR], "error"),
            plural(counts[Severity.WARNING], "warning"),
            plural(counts[Severity.INFO], "info"),
        )
    )
    return f"Found {parts} ({suppressed} suppressed)."


def checked_paths(report: ReportLike) -> list[str]:
    """Every document checked plus every other file a finding points at, sorted."""
    paths = set(report.paths)
    paths.update(f.path for f in report.findings)
    return sorted(paths)


# Control characters would let a message rewrite a terminal or break a line-based format.
_LINE_BREAKS = {ord(c): " " for c in "\r\n\t\v\f\x85\u2028\u2029"}
_CONTROLS = {
    code: "\ufffd"
    for code in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))
    if code not in _LINE_BREAKS
}
_ONE_LINE = {**_CONTROLS, **_LINE_BREAKS}


def one_line(text: str) -> str:
    """Text safe on one terminal line: breaks become spaces, other controls U+FFFD."""
    # Nearly every text has none of them: isprintable() (false for every control character and
    # line break, and for a few harmless ones such as a no-break space) tells so in C, where
    # translate() with a dict costs microseconds a character.
    return text if text.isprintable() else text.translate(_ONE_LINE)


# -- Markdown: the one escaper every Markdown output uses ---------------------------------------

# Inline Markdown that could format, link, or open math or code; `<`, `>`, `&` and `"` become
# HTML entities instead, so a page cannot open an HTML element either.
_MARKDOWN_ESCAPES = {ord(c): "\\" + c for c in "\\`*_[]()!|~$#"}
_MARKDOWN_ESCAPES.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;"})
# What GitHub turns into a notification or a cross-reference: `@user` and `@org/team` mention
# (and notify) people; `#123`, `owner/repo#123` and `GH-123` post a "mentioned this" event on
# that issue. A zero-width space after the sign (as Dependabot and Renovate write it) keeps the
# text readable and links nothing. Matched on the escaped text: `#` is `\#` by then.
_NOTIFYING = re.compile(r"@(?=[A-Za-z0-9])|\\#(?=[0-9])|(?<![A-Za-z0-9])GH(?=-[0-9])", re.IGNORECASE)
ZERO_WIDTH_SPACE = "&#8203;"


def markdown_text(value: object) -> str:
    """Text that renders as itself in GitHub Markdown, inline or in one table cell, and notifies
    no one: markup escaped, `|` cannot open a cell, a line break becomes `<br>` (it cannot end a
    table row), other control characters U+FFFD, mentions and issue references neutralised.
    None is the empty string."""
    text = "" if value is None else str(value)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    escaped = "<br>".join(_MARKDOWN_SPECIAL.sub(_escape_special, one_line(line)) for line in lines)
    if _MAYBE_NOTIFYING.search(escaped) is None:  # most text: no sign the slower pattern needs
        return escaped
    return _NOTIFYING.sub(lambda match: match.group() + ZERO_WIDTH_SPACE, escaped)


# The escapes as a pattern of the characters to escape: the text is scanned in C and only what
# matched is looked up (translate() with a dict looks up every character: most of the Markdown
# output's time). Every match of _NOTIFYING holds "@", "#" or "GH" in its case rules.
_MARKDOWN_SPECIAL = re.compile("[" + re.escape("".join(map(chr, _MARKDOWN_ESCAPES))) + "]")
_MAYBE_NOTIFYING = re.compile(r"[@#]|GH", re.IGNORECASE)


def _escape_special(match: re.Match[str]) -> str:
    return _MARKDOWN_ESCAPES[ord(match.group())]


def code_span(value: object) -> str:
    """An inline code span on one line (mentions inside code never notify). The fence is longer
    than any run of backticks inside; `|` is escaped, since GFM splits table cells even inside code."""
    text = one_line(str(value)).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}" if longest else f"{fence}{text}{fence}"


#: A str as a JSON string with its quotes, as json.dumps writes it with ensure_ascii=False (in C);
#: TypeError for anything else. The writers that write JSON text straight from a finding use it.
json_string = json.encoder.encode_basestring


def require_int_positions(finding: Finding) -> None:
    """TypeError unless a finding's positions, and its related places', are ints, as `Finding`
    declares. The writers that write JSON text straight from a finding (`finding_line`, SARIF's
    `_result_json`) take it for granted (True would come out as `True`, NaN as `nan`) and call
    this first; a finding it refuses goes to the encoder, which writes or refuses it."""
    if not (type(finding.line) is int and type(finding.column) is int and type(finding.end_line) is int
            and type(finding.end_column) is int
            and all(type(r.line) is int and type(r.column) is int for r in finding.related)):
        raise TypeError("a position that is not an int")


def json_document(payload: object) -> str:
    """`payload` as an indented JSON document. A value that is not a finite number is refused
    (ValueError) rather than written as `NaN` or `Infinity`, which no JSON reader accepts."""
    return json.dumps(payload, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


# -- The outline of a findings document: the JSON and SARIF writers -----------------------------
# A small document is built whole and indented for people; a large one is a header, the
# findings' objects written compact one at a time, and a trailer, so it never exists whole.

_Item = TypeVar("_Item")


def small_json_document(payload: object, count: int, progress: Callable[[int], object] | None) -> Iterator[str]:
    """A document small enough to write at once (`json_document`), then `progress` told of its
    `count` findings."""
    yield json_document(payload)
    if progress is not None:
        progress(count)


def json_items(items: Iterable[_Item], write: Callable[[_Item], str], value: Callable[[_Item], object], *,
               encode: Callable[[object], str], separator: str) -> Iterator[str]:
    """Each item's compact JSON text, `separator` before all but the first: written straight by
    `write`, or, where `write` raises TypeError (a field that is not what `Finding` declares), by
    `encode` from the item's `value`, whose verdict stands."""
    before = ""
    for item in items:
        try:
            text = write(item)
        except TypeError:
            text = encode(value(item))
        yield before + text
        before = separator
