"""`--format json`: the stable contract of docs/output-formats.md, a JSON array of `Finding.to_json()` objects."""

from __future__ import annotations

import json

from claimstrack.render._common import ReportLike, sorted_findings
from claimstrack.render.formats import OutputFormat


def render_json(report: ReportLike) -> str:
    """The findings as a JSON array, sorted, two-space indented, UTF-8 kept as is."""
    payload = [finding.to_json() for finding in sorted_findings(report.findings)]
    return json.dumps(payload, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


FORMAT = OutputFormat("json", (".json",), lambda report, options: render_json(report))
