"""text, json and --statistics output, and the `render` dispatcher."""

from __future__ import annotations

import itertools
import json
import sys

import pytest
from render_helpers import (
    HOSTILE,
    FakeReport,
    FakeSuppressed,
    every_kind_of_finding,
    hostile_report,
    make_finding,
    mixed_report,
)

from claimstrack.errors import UsageError
from claimstrack.model import Severity
from claimstrack.render import FORMATS, format_for_path, render, render_statistics
from claimstrack.render.text import render_text


def test_text_lines_are_sorted_ruff_style_with_related_and_summary(report: FakeReport) -> None:
    assert render_text(report).splitlines() == [
        "claims/c.toml:4:1: CT306 [info] claim x is used by no document",
        "content/a.md:1:1: CT101 [error] over 92% has no claim or citation behind it",
        "content/a.md:3:12: CT101 [error] over 92% has no claim or citation behind it",
        "content/b.md:7:1: CT201 [warning] 42 million differs from 49 million",
        "    content/a.md:2:5: almost 49 million here",
        "",
        "Found 2 errors, 1 warning, 1 info (1 suppressed).",
    ]


def test_related_places_several_findings_share_are_each_written_as_they_are() -> None:
    # The writer makes a shared related place's line once (by the object): each finding must
    # still list its own places, in its own order, painted or not.
    from claimstrack.model import Related

    shared, other = Related("content/b.md", 7, 1, "49 million here"), Related("content/c.md", 2, 3, "41 million")
    equal_but_own = Related("content/b.md", 7, 1, "49 million here")
    # the findings reused from the cache that name the same places share one tuple of them,
    # whose lines the writer makes once too
    one_tuple = (other, shared, equal_but_own)
    findings = (make_finding("CT201", line=1, related=(shared, other)),
                make_finding("CT201", line=2, related=one_tuple),
                make_finding("CT201", line=3, related=(Related("content/d.md", 9, 9, "a\nbreak"),)),
                make_finding("CT201", line=4, related=one_tuple),
                make_finding("CT201", line=5, related=(other, shared, equal_but_own)))
    for color in (False, True):
        lines = render_text(FakeReport(findings), color=color).splitlines()
        places = [line.strip() for line in lines if line.startswith("    ")]
        dim, reset = ("\x1b[2m", "\x1b[0m") if color else ("", "")
        assert places == [f"{dim}{where}:{reset} {message}" for where, message in (
            ("content/b.md:7:1", "49 million here"), ("content/c.md:2:3", "41 million"),
            *[("content/c.md:2:3", "41 million"), ("content/b.md:7:1", "49 million here"),
              ("content/b.md:7:1", "49 million here")],
            ("content/d.md:9:9", "a break"),
            *[("content/c.md:2:3", "41 million"), ("content/b.md:7:1", "49 million here"),
              ("content/b.md:7:1", "49 million here")] * 2)]
        # each finding's places right below it: 2, 3, 1, 3 and 3 of them
        counts = [len(list(itertools.takewhile(lambda text: text.startswith("    "), lines[at + 1:])))
                  for at, text in enumerate(lines) if "CT201" in text and not text.startswith("    ")]
        assert counts == [2, 3, 1, 3, 3]


@pytest.mark.parametrize(
    ("findings", "suppressed", "summary"),
    [
        ((), (), "All checks passed."),
        ((), (FakeSuppressed(make_finding(), "why"),), "All checks passed (1 suppressed)."),
        ((make_finding(),), (), "Found 1 error, 0 warnings, 0 info (0 suppressed)."),
        ((make_finding(severity=Severity.WARNING), make_finding(severity=Severity.WARNING, line=5)), (),
         "Found 0 errors, 2 warnings, 0 info (0 suppressed)."),
    ],
)
def test_summary_line(findings: tuple, suppressed: tuple, summary: str) -> None:
    assert render_text(FakeReport(findings, suppressed)).splitlines()[-1] == summary


def test_colour_only_when_asked(report: FakeReport) -> None:
    assert "\x1b[" not in render_text(report)
    coloured = render_text(report, color=True)
    assert "\x1b[31m" in coloured and "\x1b[33m" in coloured and "\x1b[0m" in coloured


def test_hostile_message_stays_on_one_line_without_terminal_escapes(hostile: FakeReport) -> None:
    lines = render_text(hostile).splitlines()
    assert len(lines) == 4  # finding, related, blank, summary
    assert "\x1b" not in lines[0] and "\x00" not in lines[0]
    assert lines[0].startswith("content/we,ird:name <x>.md:3:12: CT101 [error] Over 92% <script>")
    assert "%0A a | b second line  ::error::pwned" in lines[0]


def test_one_line_cleans_every_code_point_as_its_table_says() -> None:
    # one_line skips the table for printable text: no code point may slip through that way.
    from claimstrack.render._common import _ONE_LINE, one_line

    differ = [code for code in range(sys.maxunicode + 1)
              if one_line(f"a{chr(code)}b") != f"a{chr(code)}b".translate(_ONE_LINE)]
    assert differ == []
    for code in (*range(0x20), 0x7F, *range(0x80, 0xA0), 0x85, 0x2028, 0x2029):
        assert chr(code) not in one_line(f"a{chr(code)}b")


def test_json_is_the_contract_sorted(report: FakeReport) -> None:
    payload = json.loads(render(report, "json"))
    assert [(f["path"], f["line"]) for f in payload] == [
        ("claims/c.toml", 4), ("content/a.md", 1), ("content/a.md", 3), ("content/b.md", 7)]
    assert set(payload[0]) == {"code", "name", "severity", "path", "line", "column", "end_line",
                               "end_column", "message", "claim", "figure", "related"}
    assert payload[3]["related"] == [{"path": "content/a.md", "line": 2, "column": 5, "message": "almost 49 million here"}]


def test_each_line_of_a_large_array_is_the_finding_as_json_would_write_it() -> None:
    from claimstrack.render.json_ import finding_line

    for finding in every_kind_of_finding():
        expected = json.dumps(finding.to_json(), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        assert finding_line(finding) == expected


def test_a_large_array_refuses_a_finding_json_cannot_hold(monkeypatch) -> None:
    import claimstrack.render.json_ as json_module

    monkeypatch.setattr(json_module, "PRETTY_LIMIT", 1)
    broken = (make_finding(), make_finding(path="content/z.md", figure=float("nan")))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not JSON compliant"):
        render(FakeReport(broken), "json")
    lines = render(FakeReport(tuple(every_kind_of_finding())), "json").split("\n")  # U+2028 stays in a line
    assert len(lines) == len(every_kind_of_finding()) + 3  # "[", a line per finding, "]", ""


def test_json_round_trips_hostile_text(hostile: FakeReport) -> None:
    assert json.loads(render(hostile, "json"))[0]["message"] == HOSTILE


def test_json_of_no_findings_is_an_empty_array() -> None:
    assert json.loads(render(FakeReport(), "json")) == []


@pytest.mark.parametrize("format", FORMATS)
def test_every_format_is_deterministic_whatever_the_input_order(format: str) -> None:
    report = mixed_report()
    shuffled = FakeReport(tuple(reversed(report.findings)), report.suppressed, tuple(reversed(report.documents)))
    assert render(report, format) == render(shuffled, format)


@pytest.mark.parametrize("format", FORMATS)
def test_every_format_renders_hostile_text(format: str) -> None:
    assert render(hostile_report(), format)


@pytest.mark.parametrize("format", ["", "xml", "TEXT", "sarif "])
def test_unknown_format_is_a_usage_error(format: str) -> None:
    with pytest.raises(UsageError, match="unknown output format"):
        render(mixed_report(), format)


def test_statistics_count_per_rule_most_frequent_first(report: FakeReport) -> None:
    assert render_statistics(report).splitlines() == [
        "2\tCT101\t[error]\tunsupported-figure",
        "1\tCT201\t[warning]\tconflicting-figures",
        "1\tCT306\t[info]\tunused-claim",
    ]


def test_statistics_of_a_clean_report() -> None:
    assert render_statistics(FakeReport()) == "All checks passed.\n"


@pytest.mark.parametrize("format", FORMATS)
def test_a_one_megabyte_hostile_message_renders_whole_or_within_the_comment_limit(format: str) -> None:
    # Speed is measured in benchmarks/; this checks the output stays sound at that size.
    big = (HOSTILE * (1_000_000 // len(HOSTILE) + 1))[:1_000_000]
    report = FakeReport((make_finding(message=big, figure=big, fingerprint_text=big),))
    output = render(report, format)
    if format == "markdown":  # a pull-request comment: bounded, and says what it left out
        assert len(output) < 65_536 and "1 more findings are not shown" in output
    else:
        assert len(output) >= 1_000_000


def test_large_json_is_one_compact_finding_per_line_with_the_same_content():
    from claimstrack.render.json_ import PRETTY_LIMIT, render_json

    findings = [make_finding(line=line, message=f"finding {line}") for line in range(PRETTY_LIMIT + 5, 0, -1)]
    output = render_json(FakeReport(findings=findings))
    lines = output.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == len(findings) + 2
    assert "  " not in lines[1] and lines[1].startswith('{"code":"CT101"')
    assert json.loads(output) == [f.to_json() for f in sorted(findings, key=lambda f: f.sort_key)]
    small = render_json(FakeReport(findings=findings[-3:]))
    assert small.startswith("[\n  {\n") and json.loads(small) == [f.to_json() for f in reversed(findings[-3:])]


@pytest.mark.parametrize(
    ("path", "expected"),
    [("out.sarif.json", "sarif"), ("OUT.JSON", "json"), ("report.xml", "junit"), ("a.md", "markdown"),
     ("-", "text"), (None, "text"), ("notes.unknown", "text")],
)  # fmt: skip
def test_an_output_files_name_implies_its_format(path: str | None, expected: str) -> None:
    assert format_for_path(path) == expected


def test_the_review_report_passes_its_own_extensions() -> None:
    from claimstrack.report import EXTENSIONS

    assert format_for_path("review.htm", EXTENSIONS, "html") == "html"
    assert format_for_path("review.json", EXTENSIONS, "html") == "json"
    assert format_for_path("review", EXTENSIONS, "html") == "html"


@pytest.mark.parametrize("field", ["line", "column", "end_line", "end_column", "related line"])
def test_a_large_array_leaves_a_position_that_is_not_an_int_to_the_encoder(monkeypatch, field) -> None:
    # finding_line writes positions as Python text: True would be "True", NaN "nan" (no JSON).
    import attrs

    import claimstrack.render.json_ as json_module
    from claimstrack.model import Related

    def with_position(value):
        if field == "related line":
            return make_finding(related=(Related("content/b.md", value, 1, "the other side"),))
        return attrs.evolve(make_finding(), **{field: value})

    monkeypatch.setattr(json_module, "PRETTY_LIMIT", 0)
    for value in (True, 2.5):
        finding = with_position(value)
        assert json.loads(render(FakeReport((finding,)), "json")) == [finding.to_json()]
    with pytest.raises(ValueError, match="not JSON compliant"):
        render(FakeReport((with_position(float("nan")),)), "json")


def test_findings_are_sorted_once_in_the_order_every_renderer_writes() -> None:
    from claimstrack.model import OrderedFindings, in_finding_order
    from claimstrack.render._common import sorted_findings

    # ties on place, code and message are told apart by the end, the claim and the figure
    tied = [make_finding(end_column=30, claim="b"), make_finding(end_column=30, claim=None),
            make_finding(end_column=20), make_finding(line=1)]
    ordered = in_finding_order(tied)
    assert type(ordered) is OrderedFindings
    assert ordered == (tied[3], tied[2], tied[1], tied[0])
    assert sorted_findings(tied) == ordered
    # a run's findings, so ordered already, are taken as they are, not sorted again; an
    # OrderedFindings is only ever made by sorting, so taking it as it is is always right
    assert sorted_findings(ordered) is ordered
    assert in_finding_order(ordered) is ordered
    report = FakeReport(ordered)
    assert render_text(report) == render_text(FakeReport(tuple(reversed(tied))))


def test_a_runs_report_holds_its_findings_in_the_renderers_order(tmp_path, monkeypatch) -> None:
    from claimstrack.engine import check
    from claimstrack.model import OrderedFindings, finding_order

    (tmp_path / "claimstrack.toml").write_text('documents = ["*.md"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("Over 92% of users agree. About 40% do not. 92% again.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    report = check(root=tmp_path)
    assert report.findings
    assert type(report.findings) is OrderedFindings
    assert list(report.findings) == sorted(report.findings, key=finding_order)
