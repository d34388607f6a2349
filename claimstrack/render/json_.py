"""`--format json`: the stable contract of docs/output-formats.md, a JSON array of `Finding.to_json()` objects."""

from __future__ import annotations

import json

from claimstrack.render._common import ReportLike, sorted_findings
from claimstrack.render.formats import OutputFormat


#: Up to this many findings the array is indented for reading; larger ones are one finding per
#: line, compact (json's C encoder runs only without indentation: several times faster).
PRETTY_LIMIT = 1000


def render_json(report: ReportLike) -> str:
    """The findings as a JSON array, sorted, UTF-8 kept as is: two-space indented up to
    PRETTY_LIMIT findings, else one compact object per line (the same content either way)."""
    findings = sorted_findings(report.findings)
    if len(findings) <= PRETTY_LIMIT:
        payload = [finding.to_json() for finding in findings]
        return json.dumps(payload, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    # One object at a time: the dicts of every finding never exist at once.
    encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
    return "[\n" + ",\n".join(encode(finding.to_json()) for finding in findings) + "\n]\n"


FORMAT = OutputFormat("json", (".json",), lambda report, options: render_json(report))
