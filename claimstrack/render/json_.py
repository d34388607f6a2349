"""`--format json`: the stable contract of docs/output-formats.md, a JSON array of `Finding.to_json()` objects."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from claimstrack.model import Finding
from claimstrack.render._common import (
    ReportLike,
    json_items,
    json_string,
    require_int_positions,
    small_json_document,
    sorted_findings,
    with_progress,
)
from claimstrack.render.formats import OutputFormat

#: Up to this many findings the array is indented for reading; larger ones are one finding per
#: line, compact, each written straight from the finding (`finding_line`; the encoder only for a
#: finding whose fields are not what Finding declares), so a large output is made a line at a time.
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
        yield from small_json_document([finding.to_json() for finding in findings], len(findings), progress)
        return
    encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
    yield "[\n"
    yield from json_items(with_progress(findings, progress), finding_line, Finding.to_json,
                          encode=encode, separator=",\n")
    yield "\n]\n"


def finding_line(finding: Finding) -> str:
    """`finding.to_json()` as compact JSON (the text json.dumps gives it with separators "," and
    ":", UTF-8 kept), written straight from the finding: no dict built and walked again by the
    encoder, which took most of the JSON output's time. The tests compare the two on every
    kind of finding. TypeError for a field that is not what `Finding` declares (a text that is
    not a str, a position that is not an int)."""
    require_int_positions(finding)
    related = ",".join(
        f'{{"path":{json_string(r.path)},"line":{r.line},"column":{r.column},"message":{json_string(r.message)}'
        f"{_page(r.page, r.page_line)}}}" for r in finding.related)
    return (f'{{"code":{json_string(finding.code)},"name":{json_string(finding.name)},"severity":"{finding.severity.value}",'
            f'"path":{json_string(finding.path)},"line":{finding.line},"column":{finding.column},'
            f'"end_line":{finding.end_line},"end_column":{finding.end_column},"message":{json_string(finding.message)},'
            f'"claim":{_optional(finding.claim)},"figure":{_optional(finding.figure)},"related":[{related}]'
            f"{_page(finding.page, finding.page_line)}}}")


def _optional(text: str | None) -> str:
    return "null" if text is None else json_string(text)


def _page(page: int | None, page_line: int | None) -> str:
    return "" if page is None else f',"page":{json.dumps(page)},"page_line":{json.dumps(page_line)}'


FORMAT = OutputFormat("json", (".json",), lambda report, options: stream_json(report, options.progress))
