"""`--format junit`: JUnit XML for CI systems that show test reports.

One `<testsuite>` per checked file (every document, plus any other file a finding points at,
such as a claims file), one `<testcase>` per finding, and one passing testcase for a file with
no findings. A finding at or above the fail-on level is a `<failure>`, exactly the findings that
fail the run's exit code; one below it is a passed testcase with its message in `<system-out>`,
so Jenkins and GitLab mark an info- or warning-only run green yet still show the message (a
`<skipped>` case would read as "not checked", which it was). The root and each suite's tags are
built with ElementTree, the testcases (one per finding, so tens of thousands in a large file)
are written as text with ElementTree's escaping and layout; characters XML 1.0 cannot carry at
all (most control characters) are replaced first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterator

from claimstrack.model import Finding, Severity
from claimstrack.render._common import ReportLike, checked_paths, sorted_findings
from claimstrack.render.formats import OutputFormat

# XML 1.0 allows tab, LF and CR but no other C0 control, no lone surrogate and not FFFE/FFFF.
_NOT_XML = {code: "\ufffd" for code in range(0x20) if code not in (0x09, 0x0A, 0x0D)}
_NOT_XML.update({code: "\ufffd" for code in (*range(0xD800, 0xE000), 0xFFFE, 0xFFFF)})
#: Stands for the root's content while its tags are written (its attributes are fixed words).
_CONTENT = "claimstrack-testsuites"


def xml_text(text: str) -> str:
    """Text every XML 1.0 parser accepts (ElementTree then escapes &, <, > and quotes)."""
    # Printable text (most names and messages) holds none of them: told in C, where translate()
    # with a dict looks up every character.
    return text if text.isprintable() else text.translate(_NOT_XML)


def render_junit(report: ReportLike, *, fail_on: Severity | str = Severity.ERROR) -> str:
    """The report as a JUnit XML document; findings below `fail_on` are passed testcases."""
    return "".join(stream_junit(report, fail_on=fail_on))


def stream_junit(
    report: ReportLike, *, fail_on: Severity | str = Severity.ERROR, progress: Callable[[int], object] | None = None
) -> Iterator[str]:
    """`render_junit` a `<testsuite>` (one file) at a time, each indented as `ET.indent` would
    indent it in the whole document, so only one file's elements exist at once."""
    failing = _failing(Severity(fail_on))
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in sorted_findings(report.findings):
        by_path[finding.path].append(finding)
    paths = checked_paths(report)
    root = ET.Element(
        "testsuites",
        name="claimstrack",
        tests=str(sum(max(len(by_path[p]), 1) for p in paths)),
        failures=str(sum(1 for f in report.findings if _fails(f, failing))),
        errors="0",
    )
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    if not paths:
        yield ET.tostring(root, encoding="unicode") + "\n"
        return
    # The root's start and end tags, as ElementTree writes them, around a marker for its content.
    root.text = _CONTENT
    start, end = ET.tostring(root, encoding="unicode").split(_CONTENT)
    yield start
    for path in paths:
        findings = by_path.pop(path, [])
        yield "\n  " + _testsuite(path, findings, failing)
        if progress is not None:
            progress(len(findings))
    yield "\n" + end + "\n"


def _failing(threshold: Severity) -> tuple[Severity, ...]:
    """The severities at or above `threshold` (asked of each finding three times: a tuple
    compares its members by identity, where Severity.rank is a look-up each time)."""
    return tuple(severity for severity in Severity if severity.rank >= threshold.rank)


def _fails(finding: Finding, failing: tuple[Severity, ...]) -> bool:
    return finding.severity in failing


def _testsuite(path: str, findings: list[Finding], failing: tuple[Severity, ...]) -> str:
    """One file's `<testsuite>`, indented as `ET.indent(suite, level=1)` would indent it."""
    suite = ET.Element(
        "testsuite",
        name=xml_text(path),
        tests=str(max(len(findings), 1)),
        failures=str(sum(1 for f in findings if _fails(f, failing))),
        errors="0",
        skipped="0",
    )
    if not findings:
        ET.SubElement(suite, "testcase", name="claimstrack", classname=xml_text(path))
        ET.indent(suite, level=1)
        return ET.tostring(suite, encoding="unicode")
    # A site's files can hold tens of thousands of findings: each testcase is written as text
    # (ElementTree's escaping, its layout), not built as elements and serialised (4x the time).
    suite.text = _CONTENT
    start, end = ET.tostring(suite, encoding="unicode").split(_CONTENT)
    shown = _escaped(path, _ATTRIBUTE_MARKUP, _ATTRIBUTE_ENTITIES)
    cases = _Testcases(failing, shown, _escaped(path, _TEXT_MARKUP, _TEXT_ENTITIES))
    return f"{start}{''.join(map(cases.of, findings))}\n  {end}"


#: What ElementTree writes for these characters in text, and in an attribute value.
_TEXT_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_ATTRIBUTE_ENTITIES = (*_TEXT_ENTITIES, ('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))
_TEXT_MARKUP = re.compile("[&<>]")
_ATTRIBUTE_MARKUP = re.compile('[&<>"\r\n\t]')


def _escaped(text: str, markup: re.Pattern[str], entities: tuple[tuple[str, str], ...]) -> str:
    """`text` (through xml_text) with `markup` written as `entities`, as ElementTree writes it.
    Most text holds none: one search instead of a replace per entity."""
    text = xml_text(text)
    if markup.search(text) is None:
        return text
    for char, entity in entities:
        text = text.replace(char, entity)
    return text


def _testcase(finding: Finding, failing: tuple[Severity, ...], path: str) -> str:
    """One finding's `<testcase>`, with the newline and indentation before it; `path` is the
    finding's path as an attribute value (the same for a whole suite)."""
    name = _escaped(f"{finding.code} {finding.name} at {finding.line}:{finding.column}", _ATTRIBUTE_MARKUP,
                    _ATTRIBUTE_ENTITIES)
    details = [f"{finding.where}: {finding.code} [{finding.severity.value}] {finding.message}"]
    details += [f"    {r.where}: {r.message}" for r in finding.related]
    text = _escaped("\n".join(details), _TEXT_MARKUP, _TEXT_ENTITIES)
    if _fails(finding, failing):
        message = _escaped(finding.message, _ATTRIBUTE_MARKUP, _ATTRIBUTE_ENTITIES)
        kind = _escaped(f"{finding.code} [{finding.severity.value}]", _ATTRIBUTE_MARKUP, _ATTRIBUTE_ENTITIES)
        outcome = f'<failure message="{message}" type="{kind}">{text}</failure>'
    else:
        outcome = f"<system-out>{text}</system-out>"
    return (f'\n    <testcase name="{name}" classname="{path}" file="{path}" line="{finding.line}">'
            f"\n      {outcome}\n    </testcase>")


class _Testcases:
    """`_testcase` for one file's findings, from parts many of them share, each escaped once:
    per rule and severity the testcase's name up to its position, the failure's type and the
    code in its text. The escaping works character by character, so escaping the parts is
    escaping the whole; positions that are ints need none. A finding on a PDF page, with related
    places, or with a position that is not an int goes through `_testcase`."""

    def __init__(self, failing: tuple[Severity, ...], path: str, path_text: str) -> None:
        self.failing, self.path, self.path_text = failing, path, path_text
        self._rules: dict[tuple[str, str, Severity], tuple[str, str, str, bool]] = {}

    def of(self, finding: Finding) -> str:
        line, column = finding.line, finding.column
        if finding.related or finding.page is not None or type(line) is not int or type(column) is not int:
            return _testcase(finding, self.failing, self.path)
        key = (finding.code, finding.name, finding.severity)
        parts = self._rules.get(key)
        if parts is None:
            parts = self._rules[key] = self._rule_parts(finding)
        name, kind, code_text, fails = parts
        message = xml_text(finding.message)
        if _ATTRIBUTE_MARKUP.search(message) is None:  # most messages: nothing to escape
            message_text = message_attribute = message
        else:
            message_text = _escaped(message, _TEXT_MARKUP, _TEXT_ENTITIES)
            message_attribute = _escaped(message, _ATTRIBUTE_MARKUP, _ATTRIBUTE_ENTITIES)
        text = f"{self.path_text}:{line}:{column}: {code_text} {message_text}"
        if fails:
            outcome = f'<failure message="{message_attribute}" type="{kind}">{text}</failure>'
        else:
            outcome = f"<system-out>{text}</system-out>"
        return (f'\n    <testcase name="{name}{line}:{column}" classname="{self.path}" file="{self.path}" '
                f'line="{line}">\n      {outcome}\n    </testcase>')

    def _rule_parts(self, finding: Finding) -> tuple[str, str, str, bool]:
        severity = f"{finding.code} [{finding.severity.value}]"
        return (_escaped(f"{finding.code} {finding.name} at ", _ATTRIBUTE_MARKUP, _ATTRIBUTE_ENTITIES),
                _escaped(severity, _ATTRIBUTE_MARKUP, _ATTRIBUTE_ENTITIES),
                _escaped(severity, _TEXT_MARKUP, _TEXT_ENTITIES), _fails(finding, self.failing))


FORMAT = OutputFormat(
    "junit", (".xml",), lambda report, options: stream_junit(report, fail_on=options.fail_on, progress=options.progress)
)
