"""`--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it.

Every registered rule is declared in `tool.driver.rules` (not only those that fired), so code
scanning can tell "ran and found nothing" from "unknown rule" and close fixed alerts. Results
carry `partialFingerprints` computed from content, not line numbers, so an alert keeps its
identity when text above it moves. Suppressed findings are left out: code scanning does not
honour SARIF `suppressions` everywhere, and a silenced finding must not become an open alert.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from claimstrack._version import __version__
from claimstrack.checks.catalog import all_rules
from claimstrack.checks.registry import Rule
from claimstrack.fingerprints import content_fingerprint
from claimstrack.model import Finding, Related, Severity
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
from claimstrack.render.rules_doc import example_markdown, suppression_help

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
#: Up to this many results the log is indented for people to read.
PRETTY_LIMIT = 1000
#: Where users learn about the tool; code scanning links the tool name to it.
INFORMATION_URI = "https://pypi.org/project/claimstrack/"
FINGERPRINT_KEY = "claimstrack/v1"
SRCROOT = "%SRCROOT%"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_sarif(report: ReportLike, rules: Sequence[Rule] | None = None) -> str:
    """The report as a SARIF 2.1.0 log with one run. `rules` defaults to every registered rule."""
    return "".join(stream_sarif(report, rules))


def stream_sarif(
    report: ReportLike, rules: Sequence[Rule] | None = None, progress: Callable[[int], object] | None = None
) -> Iterator[str]:
    """`render_sarif` in pieces: a large log a result at a time, so that neither the results'
    dicts nor the log's text exist whole; a small one (indented for people) at once."""
    if rules is None:
        rules = all_rules()
    findings = sorted_findings(report.findings)
    descriptors, index = _rule_descriptors(rules, findings)
    run: dict[str, Any] = {"tool": {"driver": _driver(descriptors)}, "columnKind": "unicodeCodePoints", "results": []}
    log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    if len(findings) <= PRETTY_LIMIT:
        run["results"] = list(_results(findings, index))
        yield from small_json_document(log, len(findings), progress)
        return
    # Large logs are written compact: json's C encoder runs only without indentation, and a
    # 30,000-result log took 16 s indented against under 1 s compact. The log is encoded with
    # no results, then opened where they go: "results" is the last member of the last run.
    empty = json.dumps(log, ensure_ascii=False, allow_nan=False)
    closing = "]}]}"
    assert empty.endswith("[" + closing), "the results must be the last member of the log"
    yield empty[: -len(closing)]
    encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode  # json.dumps' separators
    results = ((finding, index[finding.code], fingerprint)
               for finding, fingerprint in _fingerprinted(with_progress(findings, progress)))
    yield from json_items(results, _ResultTexts().of, lambda result: _result(*result), encode=encode, separator=", ")
    yield closing + "\n"


def _driver(descriptors: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": "claimstrack",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": descriptors,
    }


def _rule_descriptors(
    rules: Sequence[Rule], findings: Sequence[Finding]
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Descriptors sorted by code; a finding of an unregistered code still gets a minimal one."""
    known = {rule.code: rule for rule in rules}
    descriptors = {code: rule_descriptor(rule) for code, rule in known.items()}
    for finding in findings:
        if finding.code not in descriptors:
            descriptors[finding.code] = {
                "id": finding.code,
                "name": finding.name,
                "shortDescription": {"text": finding.name},
                "defaultConfiguration": {"level": _LEVEL[finding.severity]},
            }
    ordered = [descriptors[code] for code in sorted(descriptors)]
    return ordered, {d["id"]: i for i, d in enumerate(ordered)}


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """One `reportingDescriptor`: summary, description, help (fix and examples), level."""
    help_markdown = "\n".join(
        (
            f"{rule.description}\n",
            f"**How to fix:** {rule.fix}\n",
            f"**How to suppress:** {suppression_help(rule)}\n",
            f"**Example that fires:**\n\n{example_markdown(rule.fires)}",
            f"**Example that passes:**\n\n{example_markdown(rule.passes)}",
        )
    )
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.description},
        "help": {"text": f"{rule.description}\n\nHow to fix: {rule.fix}", "markdown": help_markdown},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": ["claimstrack", f"family-{rule.family}"]},
    }


def _results(findings: Iterable[Finding], index: dict[str, int]) -> Iterator[dict[str, Any]]:
    for finding, fingerprint in _fingerprinted(findings):
        yield _result(finding, index[finding.code], fingerprint)


def _fingerprinted(findings: Iterable[Finding]) -> Iterator[tuple[Finding, str]]:
    """Each finding with its partial fingerprint."""
    seen: Counter[str] = Counter()
    # The findings of a repeated sentence share their fingerprint's content: hashed once.
    digests: dict[tuple[str, str, str], str] = {}
    for finding in findings:
        content = (finding.code, finding.path, finding.fingerprint_text)
        digest = digests.get(content)
        if digest is None:
            digest = digests[content] = content_fingerprint(finding)
        seen[digest] += 1  # identical findings stay distinct alerts: digest:1, digest:2, ...
        yield finding, f"{digest}:{seen[digest]}"


def _result(finding: Finding, rule_index: int, fingerprint: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": _physical_location(finding.path, _region(finding))}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if finding.related:
        result["relatedLocations"] = [_related_location(i, r) for i, r in enumerate(finding.related)]
    properties = {k: v for k, v in (("claim", finding.claim), ("figure", finding.figure)) if v is not None}
    if properties:
        result["properties"] = properties
    return result


def _region(finding: Finding) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(finding.line, 1), "startColumn": max(finding.column, 1)}
    # An end before the start (a malformed span) is dropped rather than sent as nonsense.
    if (finding.end_line, finding.end_column) >= (region["startLine"], region["startColumn"]):
        region["endLine"] = finding.end_line
        region["endColumn"] = finding.end_column
    if finding.page is not None:  # a PDF: lines count through all pages; where on the page
        region["properties"] = {"page": finding.page, "pageLine": finding.page_line}
    return region


def _related_location(identifier: int, related: Related) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(related.line, 1), "startColumn": max(related.column, 1)}
    if related.page is not None:
        region["properties"] = {"page": related.page, "pageLine": related.page_line}
    return {
        "id": identifier,
        "physicalLocation": _physical_location(related.path, region),
        "message": {"text": related.message},
    }


# -- The compact log's results, written as text ------------------------------------------------
# A large log's results are written straight from the findings: the same text as json.dumps of
# `_result` (its default separators, UTF-8 kept), without building a dict per result and
# walking it again in the encoder (which took two thirds of the SARIF output's time).
# tests/render/test_render_sarif.py compares the two on every kind of finding.

_FINGERPRINTS = f'"partialFingerprints": {{{json_string(FINGERPRINT_KEY)}: '


def _result_json(finding: Finding, rule_index: int, fingerprint: str) -> str:
    """`json.dumps(_result(finding, rule_index, fingerprint), ensure_ascii=False)`; TypeError for
    a field that is not what `Finding` declares (a text that is not a str, a position not an int)."""
    require_int_positions(finding)
    text = (f'{{"ruleId": {json_string(finding.code)}, "ruleIndex": {rule_index}, "level": "{_LEVEL[finding.severity]}", '
            f'"message": {{"text": {json_string(finding.message)}}}, "locations": [{{"physicalLocation": '
            f'{_physical_json(finding.path, _region_json(finding))}}}], {_FINGERPRINTS}{json_string(fingerprint)}}}')
    if finding.related:
        text += ', "relatedLocations": [' + ", ".join(
            _related_json(i, r) for i, r in enumerate(finding.related)) + "]"
    if finding.claim is not None or finding.figure is not None:
        properties = [f'"{key}": {json_string(value)}' for key, value in (("claim", finding.claim),
                                                                     ("figure", finding.figure)) if value is not None]
        text += ', "properties": {' + ", ".join(properties) + "}"
    return text + "}"


class _ResultTexts:
    """`_result_json` for many findings, from parts most of them share, each encoded once: the
    start up to the message (one per rule, index and severity) and the location up to its
    region (one per path). A finding with related places, claim or figure properties, a page,
    or a position that is not an int gets the rest of its text from `_result_json`'s parts."""

    def __init__(self) -> None:
        self._heads: dict[tuple[str, int, Severity], str] = {}
        self._places: dict[str, str] = {}

    def of(self, result: tuple[Finding, int, str]) -> str:
        finding, rule_index, fingerprint = result
        line, column, end_line, end_column = finding.line, finding.column, finding.end_line, finding.end_column
        if (finding.related or finding.page is not None or type(line) is not int or type(column) is not int
                or type(end_line) is not int or type(end_column) is not int):
            return _result_json(finding, rule_index, fingerprint)
        key = (finding.code, rule_index, finding.severity)
        head = self._heads.get(key)
        if head is None:
            head = self._heads[key] = (f'{{"ruleId": {json_string(finding.code)}, "ruleIndex": {rule_index}, '
                                       f'"level": "{_LEVEL[finding.severity]}", "message": {{"text": ')
        place = self._places.get(finding.path)
        if place is None:
            place = self._places[finding.path] = (f'}}, "locations": [{{"physicalLocation": {{"artifactLocation": '
                                                  f'{_artifact_json(finding.path)}, "region": ')
        start_line, start_column = line if line > 1 else 1, column if column > 1 else 1  # max(), without a call
        if (end_line, end_column) >= (start_line, start_column):
            region = (f'{{"startLine": {start_line}, "startColumn": {start_column}, "endLine": {end_line}, '
                      f'"endColumn": {end_column}}}')
        else:
            region = f'{{"startLine": {start_line}, "startColumn": {start_column}}}'
        text = (f"{head}{json_string(finding.message)}{place}{region}}}}}], {_FINGERPRINTS}"
                f"{json_string(fingerprint)}}}")
        claim, figure = finding.claim, finding.figure
        if claim is None:
            return text + "}" if figure is None else f'{text}, "properties": {{"figure": {json_string(figure)}}}}}'
        if figure is None:
            return f'{text}, "properties": {{"claim": {json_string(claim)}}}}}'
        return f'{text}, "properties": {{"claim": {json_string(claim)}, "figure": {json_string(figure)}}}}}'


def _region_json(finding: Finding) -> str:
    line, column = max(finding.line, 1), max(finding.column, 1)
    text = f'{{"startLine": {line}, "startColumn": {column}'
    if (finding.end_line, finding.end_column) >= (line, column):
        text += f', "endLine": {finding.end_line}, "endColumn": {finding.end_column}'
    return text + _page_json(finding.page, finding.page_line) + "}"


def _related_json(identifier: int, related: Related) -> str:
    region = (f'{{"startLine": {max(related.line, 1)}, "startColumn": {max(related.column, 1)}'
              f"{_page_json(related.page, related.page_line)}}}")
    return (f'{{"id": {identifier}, "physicalLocation": {_physical_json(related.path, region)}, '
            f'"message": {{"text": {json_string(related.message)}}}}}')


def _page_json(page: int | None, page_line: int | None) -> str:
    if page is None:
        return ""
    return f', "properties": {{"page": {json.dumps(page)}, "pageLine": {json.dumps(page_line)}}}'


def _physical_json(path: str, region: str) -> str:
    return f'{{"artifactLocation": {_artifact_json(path)}, "region": {region}}}'


@functools.lru_cache(maxsize=4096)
def _artifact_json(path: str) -> str:
    return json.dumps(artifact_location(path), ensure_ascii=False)


def _physical_location(path: str, region: dict[str, Any]) -> dict[str, Any]:
    return {"artifactLocation": artifact_location(path), "region": region}


@functools.lru_cache(maxsize=4096)
def _artifact_uri(path: str) -> tuple[str, bool]:
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.is_absolute():
        return "file://" + quote(posix.as_posix(), safe="/"), True
    return quote(posix.as_posix(), safe="/"), False


def artifact_location(path: str) -> dict[str, str]:
    """A repository-relative URI under %SRCROOT%; an absolute path becomes a file: URI."""
    uri, absolute = _artifact_uri(path)
    return {"uri": uri} if absolute else {"uri": uri, "uriBaseId": SRCROOT}


FORMAT = OutputFormat("sarif", (".sarif", ".sarif.json"),
                      lambda report, options: stream_sarif(report, progress=options.progress))
