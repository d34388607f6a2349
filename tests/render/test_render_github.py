"""GitHub workflow commands and the job summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from render_helpers import HOSTILE, FakeReport, hostile_report, make_finding

from claimstrack.model import Severity
from claimstrack.render.github import (
    annotation,
    append_step_summary,
    escape_data,
    escape_property,
    render_github,
)


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100%", "100%25", "100%25"),
        ("a\nb", "a%0Ab", "a%0Ab"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("%0A", "%250A", "%250A"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"),
    ],
)
def test_escaping(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


@pytest.mark.parametrize(
    ("severity", "command"), [(Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "notice")]
)
def test_one_command_per_finding(severity: Severity, command: str) -> None:
    output = render_github(FakeReport((make_finding(severity=severity),)))
    assert output == (
        f"::{command} file=content/a.md,line=3,col=12,endLine=3,endColumn=20,"
        "title=CT101 unsupported-figure::over 92%25 has no claim or citation behind it\n"
    )


def unescape(text: str) -> str:
    """What the runner does with an escaped value."""
    return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))


def test_hostile_text_cannot_forge_a_command_or_property() -> None:
    output = render_github(hostile_report())
    assert output.count("\n") == 1 and output.endswith("\n")
    line = output.rstrip("\n")
    command, _, message = line.partition("::")[2].partition("::")
    assert command.startswith("error file=")
    properties = dict(item.split("=", 1) for item in command.removeprefix("error ").split(","))
    assert unescape(properties["file"]) == "content/we,ird:name <x>.md"
    assert set(properties) == {"file", "line", "col", "endLine", "endColumn", "title"}
    assert unescape(message) == HOSTILE


def test_no_findings_no_output() -> None:
    assert render_github(FakeReport()) == ""


def test_step_summary_appended_only_when_set(tmp_path: Path) -> None:
    report = FakeReport((make_finding(),))
    assert append_step_summary(report, environ={}) is None
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    assert append_step_summary(report, environ={"GITHUB_STEP_SUMMARY": str(summary)}) == summary
    append_step_summary(report, environ={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## claimstrack")
    assert text.count("| content/a.md:3:12 | CT101 unsupported-figure |") == 2


_TEXT = st.lists(st.sampled_from(["a", " ", "%", "%25", ":", ",", "\r", "\n", "::", "é", "\x00", "title=x"]),
                 max_size=8).map("".join)


@given(st.lists(st.tuples(_TEXT, _TEXT, _TEXT, _TEXT, st.sampled_from(list(Severity)), st.integers(-1, 40)),
                min_size=1, max_size=6))
@settings(max_examples=300, deadline=None)
def test_commands_from_shared_parts_are_each_annotation_written_whole(cases) -> None:
    """The commands are written from parts escaped once per path and rule (tens of thousands of
    findings share a few): byte for byte `annotation` of each finding, whatever the text."""
    from claimstrack.render.github import _Annotations

    findings = [make_finding(code=code, name=name, path=path, message=message, severity=severity, line=line,
                             column=line + 2) for code, name, path, message, severity, line in cases]
    annotations = _Annotations()
    assert [annotations.of(f) for f in findings] == [annotation(f) for f in findings]
