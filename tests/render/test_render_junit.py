"""JUnit XML: parseable, one suite per file, one case per finding, escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st
from render_helpers import FakeDocument, FakeReport, every_kind_of_finding, hostile_report, make_finding, mixed_report

from claimstrack.model import Related, Severity
from claimstrack.render.junit import _failing, _testsuite, render_junit, xml_text


def parse(report: FakeReport) -> ET.Element:
    return ET.fromstring(render_junit(report).encode("utf-8"))


def test_one_suite_per_file_and_a_passing_case_for_clean_documents() -> None:
    root = parse(mixed_report())
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert list(suites) == ["claims/c.toml", "content/a.md", "content/b.md", "content/clean.md"]
    # two CT101 errors fail; the CT201 warning and the CT306 info pass (fail-on is error)
    assert root.get("tests") == "5" and root.get("failures") == "2"
    assert [(s.get("tests"), s.get("failures")) for s in suites.values()] == [("1", "0"), ("2", "2"), ("1", "0"), ("1", "0")]
    clean_cases = list(suites["content/clean.md"])
    assert len(clean_cases) == 1 and clean_cases[0].find("failure") is None


def test_failure_carries_rule_severity_message_and_related() -> None:
    root = ET.fromstring(render_junit(mixed_report(), fail_on="warning").encode("utf-8"))
    suite = next(s for s in root.iter("testsuite") if s.get("name") == "content/b.md")
    case = suite.find("testcase")
    assert case is not None
    assert case.get("name") == "CT201 conflicting-figures at 7:1"
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "CT201 [warning]"
    assert failure.get("message") == "42 million differs from 49 million"
    assert failure.text is not None and "content/a.md:2:5: almost 49 million here" in failure.text


def test_hostile_text_parses_back_intact_except_for_characters_xml_cannot_hold() -> None:
    report = hostile_report()
    failure = next(parse(report).iter("failure"))
    original = report.findings[0].message
    assert failure.get("message") == original.replace("\x1b", "\ufffd").replace("\x00", "\ufffd")
    assert "<script>" in failure.get("message", "")
    assert next(parse(report).iter("testsuite")).get("name") == "content/we,ird:name <x>.md"


def test_empty_report_is_valid_xml() -> None:
    root = parse(FakeReport())
    assert root.tag == "testsuites" and root.get("tests") == "0" and list(root) == []


def test_xml_text_replaces_only_illegal_characters() -> None:
    assert xml_text("a\tb\nc\x00d\x1be\ud800f\ufffeg") == "a\tb\nc\ufffdd\ufffde\ufffdf\ufffdg"


#: Unicode's general categories: the sample below holds code points of each.
CATEGORIES = {"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf",
              "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn"}


def test_xml_text_is_its_table_on_a_sample_of_every_kind_of_code_point() -> None:
    # xml_text skips its table for printable text: no code point may slip through that way.
    # Every code point the table replaces and those beside them, all of the first 2,048 (ASCII,
    # C0 and C1 controls, Latin, Greek, Cyrillic...), every 101st of the rest (each category),
    # the line and paragraph separators, and each plane's first and last two: 13,000 code points
    # in 0.01 s, where all 1.1 million took 1.1 s.
    import sys
    import unicodedata

    from claimstrack.render.junit import _NOT_XML

    edges = {plane * 0x10000 + offset for plane in range(17) for offset in (0, 0xFFFE, 0xFFFF)}
    beside = {code + step for code in _NOT_XML for step in (-1, 0, 1) if code + step >= 0}
    sample = sorted(set(range(0x800)) | set(range(0, sys.maxunicode + 1, 101)) | {0x2028, 0x2029} | edges | beside)
    assert {unicodedata.category(chr(code)) for code in sample} == CATEGORIES
    differ = [code for code in sample if xml_text(f"a{chr(code)}b") != f"a{chr(code)}b".translate(_NOT_XML)]
    assert differ == []


def test_documents_without_findings_still_listed() -> None:
    root = parse(FakeReport(documents=(FakeDocument("b.md"), FakeDocument("a.md"))))
    assert [s.get("name") for s in root.iter("testsuite")] == ["a.md", "b.md"]


def test_findings_below_fail_on_are_passed_cases_with_their_message_in_system_out() -> None:
    root = parse(mixed_report())
    passed = [case for case in root.iter("testcase") if case.find("failure") is None]
    outputs = {case.get("name"): (case.findtext("system-out") or "") for case in passed}
    assert "CT201 conflicting-figures at 7:1" in outputs and "CT306 unused-claim at 4:1" in outputs
    assert "content/b.md:7:1: CT201 [warning] 42 million differs from 49 million" in outputs["CT201 conflicting-figures at 7:1"]
    assert "content/a.md:2:5: almost 49 million here" in outputs["CT201 conflicting-figures at 7:1"]
    assert all(case.find("skipped") is None for case in root.iter("testcase"))


def test_an_info_and_warning_only_run_has_no_failures() -> None:
    report = mixed_report()
    quiet = FakeReport(findings=tuple(f for f in report.findings if f.code != "CT101"), documents=report.documents)
    root = parse(quiet)
    assert root.get("failures") == "0" and all(s.get("failures") == "0" for s in root.iter("testsuite"))
    assert not list(root.iter("failure"))


def test_fail_on_warning_makes_warnings_failures_and_leaves_info_passing() -> None:
    root = ET.fromstring(render_junit(mixed_report(), fail_on="warning").encode("utf-8"))
    failed = sorted(case.get("name", "") for case in root.iter("testcase") if case.find("failure") is not None)
    assert root.get("failures") == "3" and [name.split()[0] for name in failed] == ["CT101", "CT101", "CT201"]


def _suite_built_as_elements(path: str, findings: list, failing: tuple) -> str:
    """A `<testsuite>` as the writer made it before it wrote its testcases as text: every
    element built with ElementTree, indented by ET.indent and serialised (the reference)."""
    suite = ET.Element("testsuite", name=xml_text(path), tests=str(max(len(findings), 1)),
                       failures=str(sum(1 for f in findings if f.severity in failing)), errors="0", skipped="0")
    for finding in findings:
        case = ET.SubElement(suite, "testcase", name=xml_text(f"{finding.code} {finding.name} at {finding.line}:{finding.column}"),
                             classname=xml_text(finding.path), file=xml_text(finding.path), line=str(finding.line))
        details = [f"{finding.where}: {finding.code} [{finding.severity.value}] {finding.message}"]
        details += [f"    {r.where}: {r.message}" for r in finding.related]
        if finding.severity in failing:
            outcome = ET.SubElement(case, "failure", message=xml_text(finding.message),
                                    type=f"{finding.code} [{finding.severity.value}]")
        else:
            outcome = ET.SubElement(case, "system-out")
        outcome.text = xml_text("\n".join(details))
    ET.indent(suite, level=1)
    return ET.tostring(suite, encoding="unicode")


def _tree(xml: str) -> list:
    """Every element of a document in order: tag, attributes, text and tail (the layout)."""
    return [(e.tag, e.attrib, e.text, e.tail) for e in ET.fromstring(f"<r>{xml}</r>").iter()]


_TEXT = st.lists(st.sampled_from(['a', ' ', '&', '<', '>', '"', "'", '\n', '\r', '\t', '\x00', '\x1b', 'é', '\ud800',
                                  '\ufffe', ']]>', '&amp;']), max_size=12).map("".join)


@given(st.lists(st.tuples(_TEXT, _TEXT, st.sampled_from(list(Severity)), st.booleans()), min_size=1, max_size=4),
       _TEXT, st.sampled_from(list(Severity)))
@settings(max_examples=300, deadline=None)
def test_testcases_written_as_text_read_back_as_the_elements_did(cases, path, fail_on) -> None:
    """The suites' testcases are written as text (a large site has tens of thousands): they read
    back exactly as the ElementTree-built ones, attributes, text and whitespace alike, for any
    characters in paths, messages and the places a finding relates."""
    findings = [make_finding(path=path, message=message, severity=severity,
                             related=(Related(path, 3, 1, related),) if with_related else ())
                for message, related, severity, with_related in cases]
    failing = _failing(fail_on)
    assert _tree(_testsuite(path, findings, failing)) == _tree(_suite_built_as_elements(path, findings, failing))


def test_testcases_written_as_text_are_the_bytes_elementtree_wrote() -> None:
    findings = [f for f in every_kind_of_finding() if f.path == "content/a.md"]
    failing = _failing(Severity.ERROR)
    path = findings[0].path
    assert _testsuite(path, findings, failing) == _suite_built_as_elements(path, findings, failing)


@given(st.lists(st.tuples(_TEXT, _TEXT, _TEXT, st.sampled_from(list(Severity)), st.integers(-2, 12)), min_size=1,
                max_size=6), _TEXT, st.sampled_from(list(Severity)))
@settings(max_examples=300, deadline=None)
def test_testcases_from_shared_parts_are_each_testcase_written_whole(cases, path, fail_on) -> None:
    """A file's testcases are written from parts escaped once per rule (tens of thousands of
    findings share a few rules): byte for byte what `_testcase` writes of each, for any text in
    the rule's code and name, the message and the path, and any severity and position."""
    from claimstrack.render.junit import (
        _ATTRIBUTE_ENTITIES,
        _ATTRIBUTE_MARKUP,
        _TEXT_ENTITIES,
        _TEXT_MARKUP,
        _escaped,
        _testcase,
        _Testcases,
    )

    findings = [make_finding(code=code, name=name, path=path, message=message, severity=severity, line=line,
                             column=line + 1) for code, name, message, severity, line in cases]
    failing = _failing(fail_on)
    shown = _escaped(path, _ATTRIBUTE_MARKUP, _ATTRIBUTE_ENTITIES)
    cases_writer = _Testcases(failing, shown, _escaped(path, _TEXT_MARKUP, _TEXT_ENTITIES))
    assert [cases_writer.of(f) for f in findings] == [_testcase(f, failing, shown) for f in findings]
