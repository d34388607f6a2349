"""`--format json`: the stable contract of docs/output-formats.md, a JSON array of `Finding.to_json()` objects."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from claimstrack.render._common import ReportLike, json_document, sorted_findings, with_progress
from claimstrack.render.formats import OutputFormat

#: Up to this many findings the array is indented for reading; larger ones are one finding per
#: line, compact (json's C encoder runs only without indentation: several times faster).
PRETTY_LIMIT = 1000


def render_json(report: ReportLike) -> str:
    """The findings as a JSON array, sorted, UTF-8 kept as is: two-space indented up to
    PRETTY_LIMIT findings, else one compact object per line (the same content either way)."""
    return "".join(stream_json(report))


def stream_json(report: ReportLike, progress: Callable[[int], object] | None = None) -> Iterator[str]:
    """`render_json` in pieces: a large array a finding (one line) at a time, so neither the
    findings' dicts nor the text exist whole; an indented one (small by definition) at once."""
    findings = sorted_findings(report.findings)
    if len(findings) <= PRETTY_LIMIT:
        payload = [finding.to_json() for finding in findings]
        yield json_document(payload)
        if progress is not None:
            progress(len(findings))
        return
    encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
    separator = "[\n"
    for finding in with_progress(findings, progress):
        yield separator + encode(finding.to_json())
        separator = ",\n"
    yield "\n]\n"


FORMAT = OutputFormat("json", (".json",), lambda report, options: stream_json(report, options.progress))
