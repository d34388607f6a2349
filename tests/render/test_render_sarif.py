"""SARIF 2.1.0: valid against the official schema, and shaped as GitHub code scanning reads it."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from render_helpers import (
    HOSTILE,
    RULES,
    FakeReport,
    every_kind_of_finding,
    hostile_report,
    make_finding,
    mixed_report,
)
from sarif_schema import load_sarif_schema

from claimstrack import __version__
from claimstrack.fingerprints import content_fingerprint
from claimstrack.render.sarif import artifact_location, render_sarif

SCHEMA = load_sarif_schema()


def sarif(report: FakeReport) -> dict[str, Any]:
    return json.loads(render_sarif(report, RULES))


@pytest.mark.parametrize("report", [mixed_report(), hostile_report(), FakeReport()], ids=["mixed", "hostile", "empty"])
def test_valid_against_the_official_schema(report: FakeReport) -> None:
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(sarif(report))


def test_schema_rejects_a_broken_log() -> None:
    # The validation above can fail: a result with a bad level is refused.
    log = sarif(mixed_report())
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate(log)


def test_driver_declares_every_rule() -> None:
    driver = sarif(FakeReport())["runs"][0]["tool"]["driver"]
    assert driver["name"] == "claimstrack"
    assert driver["version"] == __version__
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == ["CT101", "CT201", "CT306"]
    rule = driver["rules"][0]
    assert rule["name"] == "unsupported-figure"
    assert rule["shortDescription"] == {"text": "Summary of CT101 with a | pipe."}
    assert rule["fullDescription"] == {"text": "Why CT101 matters."}
    assert "Do the `right` thing." in rule["help"]["text"]
    assert "Example that fires" in rule["help"]["markdown"] and "Over 90% agree." in rule["help"]["markdown"]
    assert rule["defaultConfiguration"] == {"level": "error"}
    assert driver["rules"][2]["defaultConfiguration"] == {"level": "note"}


def test_results_levels_locations_and_related() -> None:
    results = sarif(mixed_report())["runs"][0]["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("CT306", 2, "note"), ("CT101", 0, "error"), ("CT101", 0, "error"), ("CT201", 1, "warning")]
    location = results[2]["locations"][0]["physicalLocation"]
    assert location == {
        "artifactLocation": {"uri": "content/a.md", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 3, "startColumn": 12, "endLine": 3, "endColumn": 20},
    }
    related = results[3]["relatedLocations"]
    assert related == [{
        "id": 0,
        "physicalLocation": {"artifactLocation": {"uri": "content/a.md", "uriBaseId": "%SRCROOT%"},
                             "region": {"startLine": 2, "startColumn": 5}},
        "message": {"text": "almost 49 million here"},
    }]


def test_suppressed_findings_are_not_results() -> None:
    report = mixed_report()
    assert len(sarif(report)["runs"][0]["results"]) == len(report.findings)


def fingerprint(finding: Any) -> str:
    return sarif(FakeReport((finding,)))["runs"][0]["results"][0]["partialFingerprints"]["claimstrack/v1"]


def test_fingerprint_survives_lines_moving_and_whitespace() -> None:
    here = make_finding(line=3, column=12, fingerprint_text="over 92%|Over 92% of  patients")
    moved = make_finding(line=40, column=2, fingerprint_text="OVER 92%|over 92% of patients")
    assert fingerprint(here) == fingerprint(moved)


@pytest.mark.parametrize(
    "changed",
    [
        make_finding(code="CT201", fingerprint_text="over 92%|Over 92% of patients"),
        make_finding(path="content/other.md", fingerprint_text="over 92%|Over 92% of patients"),
        make_finding(fingerprint_text="over 93%|Over 93% of patients"),
    ],
    ids=["rule", "path", "content"],
)
def test_fingerprint_changes_with_rule_path_or_content(changed: Any) -> None:
    assert fingerprint(changed) != fingerprint(make_finding(fingerprint_text="over 92%|Over 92% of patients"))


def test_identical_findings_get_distinct_fingerprints() -> None:
    results = sarif(FakeReport((make_finding(line=1), make_finding(line=9))))["runs"][0]["results"]
    first, second = (r["partialFingerprints"]["claimstrack/v1"] for r in results)
    assert first.endswith(":1") and second.endswith(":2") and first[:-2] == second[:-2]


def test_hostile_text_survives_verbatim() -> None:
    result = sarif(hostile_report())["runs"][0]["results"][0]
    assert result["message"]["text"] == HOSTILE
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "content/we%2Cird%3Aname%20%3Cx%3E.md"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("content/a.md", {"uri": "content/a.md", "uriBaseId": "%SRCROOT%"}),
        ("content/my page.md", {"uri": "content/my%20page.md", "uriBaseId": "%SRCROOT%"}),
        ("content/100%.md", {"uri": "content/100%25.md", "uriBaseId": "%SRCROOT%"}),
        ("content/café.md", {"uri": "content/caf%C3%A9.md", "uriBaseId": "%SRCROOT%"}),
        ("/tmp/outside.md", {"uri": "file:///tmp/outside.md"}),
    ],
)
def test_artifact_uris(path: str, expected: dict[str, str]) -> None:
    assert artifact_location(path) == expected


def test_malformed_span_keeps_only_the_start() -> None:
    finding = make_finding(line=5, column=4, end_line=2, end_column=1)
    region = sarif(FakeReport((finding,)))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 5, "startColumn": 4}


def test_unregistered_code_still_gets_a_descriptor() -> None:
    log = sarif(FakeReport((make_finding(code="CT999", name="mystery"),)))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    result = log["runs"][0]["results"][0]
    assert rules[result["ruleIndex"]]["id"] == "CT999"


def test_large_logs_are_compact_and_still_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    import claimstrack.render.sarif as sarif_module

    report = mixed_report()
    pretty = render_sarif(report, RULES)
    monkeypatch.setattr(sarif_module, "PRETTY_LIMIT", 1)
    compact = render_sarif(report, RULES)
    assert pretty.count("\n") > 10 and compact.count("\n") == 1
    assert json.loads(compact) == json.loads(pretty)
    jsonschema.Draft4Validator(SCHEMA).validate(json.loads(compact))


def test_the_compact_log_writes_each_result_as_json_would() -> None:
    import claimstrack.render.sarif as sarif_module

    for number, finding in enumerate(every_kind_of_finding()):
        expected = json.dumps(sarif_module._result(finding, number, f"abc:{number}"), ensure_ascii=False)
        assert sarif_module._result_json(finding, number, f"abc:{number}") == expected


def test_a_large_log_is_the_small_log_without_indentation(monkeypatch: pytest.MonkeyPatch) -> None:
    import claimstrack.render.sarif as sarif_module

    report = FakeReport(tuple(every_kind_of_finding()))
    pretty = json.loads(render_sarif(report, RULES))
    monkeypatch.setattr(sarif_module, "PRETTY_LIMIT", 1)
    compact = render_sarif(report, RULES)
    assert compact == json.dumps(pretty, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("field", ["line", "column", "end_line", "end_column", "related line"])
def test_a_large_log_leaves_a_position_that_is_not_an_int_to_the_encoder(monkeypatch: pytest.MonkeyPatch,
                                                                         field: str) -> None:
    # _result_json writes positions as Python text: True would be "True", NaN "nan" (no JSON).
    import attrs

    import claimstrack.render.sarif as sarif_module
    from claimstrack.model import Related

    def with_position(value: Any) -> Any:
        if field == "related line":
            return make_finding(related=(Related("content/b.md", value, 1, "the other side"),))
        return attrs.evolve(make_finding(), **{field: value})

    for value in (True, 2.5, float("nan")):
        report = FakeReport((with_position(value),))
        try:
            pretty = json.loads(render_sarif(report, RULES))
        except ValueError:  # refused, as the encoder refuses NaN (an end before the start is left out)
            pretty = None
        with monkeypatch.context() as patch:
            patch.setattr(sarif_module, "PRETTY_LIMIT", 0)
            if pretty is None:
                with pytest.raises(ValueError, match="not JSON compliant"):
                    render_sarif(report, RULES)
            else:
                assert render_sarif(report, RULES) == json.dumps(pretty, ensure_ascii=False) + "\n"


def test_results_from_shared_parts_are_each_result_written_whole() -> None:
    """A large log's results are written from parts encoded once per rule and path (tens of
    thousands of findings share a few): byte for byte `_result_json` of each, for every kind of
    finding, in any order, with or without claim and figure."""
    import attrs

    import claimstrack.render.sarif as sarif_module

    findings = every_kind_of_finding()
    findings += [attrs.evolve(f, claim=claim, figure=figure) for f in findings[:4]
                 for claim, figure in ((None, None), ("c-1", None), (None, '"92%"'), ("c\u2028", "9"))]
    results = [(finding, number % 3, f"abc:{number}") for number, finding in enumerate(findings * 2)]
    texts = sarif_module._ResultTexts()
    assert [texts.of(result) for result in results] == [sarif_module._result_json(*result) for result in results]


def test_findings_of_the_same_content_share_a_fingerprint_and_stay_distinct() -> None:
    """The fingerprint of a repeated sentence's findings is hashed once: the same digest as each
    finding's own, numbered :1, :2, ... in order."""
    import claimstrack.render.sarif as sarif_module

    findings = [make_finding(line=line, fingerprint_text="same") for line in range(1, 4)]
    findings.append(make_finding(path="content/b.md", fingerprint_text="same"))
    fingerprinted = list(sarif_module._fingerprinted(findings))
    digest = content_fingerprint(findings[0])
    assert [fp for _, fp in fingerprinted] == [f"{digest}:1", f"{digest}:2", f"{digest}:3",
                                               f"{content_fingerprint(findings[3])}:1"]
    assert content_fingerprint(findings[3]) != digest
