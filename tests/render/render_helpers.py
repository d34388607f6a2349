"""Hand-built reports for the renderer tests: renderers only read findings, suppressed, paths."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from claimstrack.checks.registry import Category, Example, Rule
from claimstrack.model import Finding, Related, Severity

#: Text that has broken real formats: markup, workflow-command separators, an escaped newline
#: that must stay literal, real line breaks, table pipes, a terminal escape and a NUL.
HOSTILE = 'Over 92% <script>alert("x")</script> :: %0A a | b\nsecond line\r\n::error::pwned \x1b[2J \x00 `code` [link](javascript:x) & done'


@attrs.frozen
class FakeDocument:
    path: str


@attrs.frozen
class FakeSuppressed:
    finding: Finding
    reason: str


@attrs.frozen
class FakeReport:
    findings: Sequence[Finding] = ()
    suppressed: Sequence[FakeSuppressed] = ()
    documents: Sequence[FakeDocument] = ()

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(document.path for document in self.documents)


def make_finding(
    code: str = "CT101",
    *,
    path: str = "content/a.md",
    line: int = 3,
    column: int = 12,
    end_line: int | None = None,
    end_column: int | None = None,
    message: str = "over 92% has no claim or citation behind it",
    severity: Severity = Severity.ERROR,
    name: str | None = None,
    related: tuple[Related, ...] = (),
    figure: str | None = "over 92%",
    claim: str | None = None,
    fingerprint_text: str | None = None,
) -> Finding:
    return Finding(
        code=code,
        name=name or RULE_NAMES.get(code, "some-rule"),
        severity=severity,
        path=path,
        line=line,
        column=column,
        end_line=line if end_line is None else end_line,
        end_column=column + 8 if end_column is None else end_column,
        message=message,
        claim=claim,
        figure=figure,
        related=related,
        fingerprint_text=fingerprint_text if fingerprint_text is not None else f"{figure}|{message}",
    )


RULE_NAMES = {"CT101": "unsupported-figure", "CT201": "conflicting-figures", "CT306": "unused-claim"}


def make_rule(code: str, severity: Severity = Severity.ERROR) -> Rule:
    return Rule(
        code=code,
        name=RULE_NAMES.get(code, "some-rule"),
        severity=severity,
        summary=f"Summary of {code} with a | pipe.",
        description=f"Why {code} matters.",
        fix="Do the `right` thing.",
        fires=Example({"content/page.md": "Over 90% agree.\n", "claimstrack.toml": "today = 2026-11-21\n"}, "A note."),
        passes=Example({"content/page.md": "```\nfenced\n```\n", "bad.txt": b"caf\xe9\n"}),
        category=Category.SUPPORT,
        check=lambda context: (),
    )


RULES = [make_rule("CT101"), make_rule("CT201"), make_rule("CT306", Severity.INFO)]


def mixed_report() -> FakeReport:
    conflict = make_finding(
        "CT201",
        path="content/b.md",
        line=7,
        column=1,
        severity=Severity.WARNING,
        message="42 million differs from 49 million",
        related=(Related("content/a.md", 2, 5, "almost 49 million here"),),
    )
    return FakeReport(
        findings=(
            conflict,
            make_finding(),
            make_finding(line=1, column=1),
            make_finding("CT306", path="claims/c.toml", line=4, column=1, severity=Severity.INFO,
                         message="claim x is used by no document", figure=None),
        ),
        suppressed=(FakeSuppressed(make_finding(line=9), "quoted from a review"),),
        documents=(FakeDocument("content/a.md"), FakeDocument("content/b.md"), FakeDocument("content/clean.md")),
    )


def hostile_report() -> FakeReport:
    finding = make_finding(
        path="content/we,ird:name <x>.md",
        message=HOSTILE,
        related=(Related("content/o|ther.md", 1, 1, HOSTILE),),
        figure=HOSTILE,
    )
    return FakeReport(
        findings=(finding,),
        suppressed=(FakeSuppressed(make_finding(line=20), HOSTILE),),
        documents=(FakeDocument("content/we,ird:name <x>.md"),),
    )


def every_kind_of_finding() -> list[Finding]:
    """Findings covering every shape an output writes: on a PDF page (line within the page or
    not), related places (on pages, at line 0), a malformed span, no figure or claim, an
    unregistered code, hostile and non-ASCII text, absolute and odd paths."""
    on_a_pdf = attrs.evolve(make_finding(path="/abs/report é.pdf"), page=2, page_line=7)
    related = (Related("content/b c.md", 0, 0, HOSTILE),
               Related("doc.pdf", 40, 2, "on a page", page=3, page_line=None),
               Related("C:\\win\\path.md", 7, 1, "windows"))
    return [*mixed_report().findings, *hostile_report().findings, on_a_pdf,
            make_finding(line=5, column=4, end_line=2, end_column=1),  # malformed: the start only
            make_finding(line=0, column=0, end_line=0, end_column=3, figure=None, claim="c-1", related=related),
            make_finding(code="CT999", name="mystery", figure=None, message="", path="x/../y#?.md"),
            attrs.evolve(on_a_pdf, page_line=None, claim="𝟗 \u2028 claim", related=related[1:])]
