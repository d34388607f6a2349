"""Markdown outputs notify no one: `@user`, `@org/team`, `#123`, `owner/repo#123` and `GH-123` in
text from a page, a claims file or a reason are shown, not linked (issue 13.9).

`live_references` reads Markdown roughly as GitHub does before it links mentions: code spans are
inert, backslash escapes and HTML entities are resolved, and what is left is matched against
the patterns GitHub autolinks.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import attrs
import pytest
from render_helpers import FakeReport, FakeSuppressed, make_finding

from claimstrack.model import Related, Severity
from claimstrack.render._common import markdown_text
from claimstrack.render.github import append_step_summary
from claimstrack.render.markdown import render_markdown

NOTIFYING = ("@octocat", "@acme/legal-team", "#123", "acme/site#45", "GH-7", "(@admin)", "**@ghost**")
HOSTILE_MENTIONS = "cc @octocat and @acme/legal-team, see #123, acme/site#45, GH-7 (@admin) **@ghost**\n@first-on-a-line"

_LIVE = re.compile(
    r"(?<![A-Za-z0-9_`/])@[A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z0-9][\w.-]*)?"  # @user, @org/team
    r"|(?<![A-Za-z0-9_&])#[0-9]+"  # #123
    r"|[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+#[0-9]+"  # owner/repo#123
    r"|(?<![A-Za-z0-9])GH-[0-9]+",
    re.IGNORECASE,
)


def live_references(markdown: str) -> list[str]:
    """The mentions and issue references GitHub would link in this Markdown."""
    text = re.sub(r"(`+).*?\1", " ", markdown)  # code spans never link
    text = re.sub(r"\\(.)", r"\1", text)  # backslash escapes
    return _LIVE.findall(html.unescape(text))


def test_the_detector_sees_what_github_links() -> None:
    found = live_references(HOSTILE_MENTIONS)
    assert {"@octocat", "@acme/legal-team", "#123", "acme/site#45", "GH-7", "@admin", "@ghost", "@first-on-a-line"} <= set(found)
    assert live_references("`@octocat` mail me@example.com") == []


@pytest.mark.parametrize("text", [*NOTIFYING, HOSTILE_MENTIONS])
def test_markdown_text_neutralises_mentions_and_issue_references(text: str) -> None:
    escaped = markdown_text(text)
    assert live_references(escaped) == []
    # still readable: with the zero-width spaces removed, the text is what the page said
    assert html.unescape(re.sub(r"\\(.)", r"\1", escaped.replace("&#8203;", ""))).replace("<br>", "\n") == text


def test_plain_text_is_not_changed_by_the_neutralising() -> None:
    assert markdown_text("an email a@b.co, 50% off, # heading, #hashtag") == (
        "an email a@&#8203;b.co, 50% off, \\# heading, \\#hashtag")


def _hostile_report() -> FakeReport:
    finding = make_finding(message=HOSTILE_MENTIONS, path="content/@octocat/#12.md",
                           related=(Related("content/b.md", 1, 1, "ping @octocat #9"),))
    return FakeReport(
        findings=(finding, make_finding("CT201", severity=Severity.WARNING, message="@acme/legal-team GH-3")),
        suppressed=(FakeSuppressed(make_finding(line=20), "approved by @octocat in #77"),),
    )


def test_check_markdown_output_notifies_no_one() -> None:
    markdown = render_markdown(_hostile_report())
    assert "octocat" in markdown and "legal-team" in markdown  # shown ...
    assert live_references(markdown) == []  # ... but not linked


def test_the_github_step_summary_notifies_no_one(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    append_step_summary(_hostile_report(), {"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert "octocat" in text and live_references(text) == []


def test_the_markdown_review_report_notifies_no_one(tmp_path: Path) -> None:
    from report.conftest import CLAIM_92, build_report, finding_at, project  # noqa: F401

    from claimstrack.report import render_report

    (tmp_path / "content").mkdir()
    (tmp_path / "claims").mkdir()
    claim = attrs.evolve(CLAIM_92, id="ping-@octocat", approved_by="@octocat")
    report = build_report(tmp_path, claims=(claim,))
    hostile = finding_at(report.occurrences[2], "CT101", "unsupported-figure", Severity.ERROR, HOSTILE_MENTIONS)
    suppressed = attrs.evolve(report.suppressed[0], reason="waived by @acme/legal-team, see acme/site#45")
    report = attrs.evolve(report, findings=(*report.findings, hostile), suppressed=(suppressed,))
    markdown = render_report(report, "markdown", title="Review for @octocat #1")
    assert "octocat" in markdown and "legal-team" in markdown
    assert live_references(markdown) == []


def _markdown_text_by_the_tables(text: str) -> str:
    """markdown_text as it was written first, every character through the tables: the oracle
    its faster scan (only the characters that need it looked up; the mention pattern only
    where one may be) must match."""
    from claimstrack.render._common import _MARKDOWN_ESCAPES, _NOTIFYING, _ONE_LINE, ZERO_WIDTH_SPACE

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    escaped = "<br>".join(line.translate(_ONE_LINE).translate(_MARKDOWN_ESCAPES) for line in lines)
    return _NOTIFYING.sub(lambda match: match.group() + ZERO_WIDTH_SPACE, escaped)


def test_markdown_text_is_the_tables_on_every_code_point_and_mention() -> None:
    import sys

    samples = [HOSTILE_MENTIONS, *NOTIFYING, "gh-1 Gh-2 gH-3 xGH-4 GH-x @ @-a #a \\#1 ##2", "a|b\r\nc\rd\u2028e"]
    samples += [f"x{chr(code)}GH-1 @{chr(code)}a #{chr(code)}1" for code in range(0, 0x3000)]
    every = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF)
    samples += [every[start:start + 64] for start in range(0, len(every), 64)]
    assert [markdown_text(text) for text in samples] == [_markdown_text_by_the_tables(text) for text in samples]
