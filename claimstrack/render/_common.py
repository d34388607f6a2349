"""What every renderer shares: the slice of a Report they read, ordering, counts, cleaning."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Protocol

from claimstrack.fingerprints import content_fingerprint
from claimstrack.model import Finding, Severity

__all__ = ["SEVERITY_ORDER", "ReportLike", "checked_paths", "content_fingerprint", "one_line", "plural", "severity_counts",
           "sorted_findings", "summary_line"]


class _Document(Protocol):
    @property
    def path(self) -> str: ...


class _Suppressed(Protocol):
    @property
    def finding(self) -> Finding: ...

    @property
    def reason(self) -> str: ...


class ReportLike(Protocol):
    """The part of `claimstrack.engine.Report` the renderers read."""

    @property
    def findings(self) -> Sequence[Finding]: ...

    @property
    def suppressed(self) -> Sequence[_Suppressed]: ...

    @property
    def documents(self) -> Sequence[_Document]: ...


#: Worst first: the order severities are listed and grouped in.
SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in a stable order (path, line, column, code, message), whatever came in."""
    return sorted(findings, key=_full_key)


def _full_key(finding: Finding) -> tuple[object, ...]:
    # sort_key alone can tie (same place, code and message); the rest keeps output stable.
    return (*finding.sort_key, finding.end_line, finding.end_column, finding.claim or "", finding.figure or "")


def severity_counts(findings: Iterable[Finding]) -> Counter[Severity]:
    return Counter(f.severity for f in findings)


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
    paths = {doc.path for doc in report.documents}
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
    return text.translate(_ONE_LINE)
