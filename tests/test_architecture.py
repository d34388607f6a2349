"""docs/architecture.md stays true: its how-tos work when followed step by step."""

from __future__ import annotations

from collections.abc import Iterator

from project_files import write_project

from claimstrack.checks import Category, Rule, all_rules, wording
from claimstrack.checks.context import CheckContext
from claimstrack.checks.examples import project
from claimstrack.engine import check
from claimstrack.model import Finding, Severity
from claimstrack.render.rules_doc import render_rules_markdown


def exclamations(ctx: CheckContext) -> Iterator[Finding]:
    """The throwaway check of the how-to: a '!!' anywhere in a page."""
    for document in ctx.documents:
        at = document.text.find("!!")
        if at >= 0:
            yield ctx.finding("CT499", document.path, document.source_span(at, at + 2), "shouting")


THROWAWAY = Rule(
    code="CT499",
    name="double-exclamation",
    severity=Severity.WARNING,
    summary="Two exclamation marks in a row.",
    description="Copy that shouts reads as hype.",
    fix="Use one, or none.",
    fires=project("Relief at last!!\n"),
    passes=project("Relief at last.\n"),
    category=Category.WORDING,
    check=exclamations,
)


def test_adding_a_rule_takes_one_family_module(tmp_path, monkeypatch):
    monkeypatch.setattr(wording, "RULES", (*wording.RULES, THROWAWAY))  # step 2
    assert THROWAWAY in all_rules()
    fires = check(root=write_project(tmp_path / "fires", THROWAWAY.fires.files))
    passes = check(root=write_project(tmp_path / "passes", THROWAWAY.passes.files))
    assert [(f.code, f.severity) for f in fires.findings if f.code == "CT499"] == [("CT499", Severity.WARNING)]
    assert "CT499" not in {f.code for f in passes.findings}
    assert "## CT499 double-exclamation" in render_rules_markdown(all_rules())  # step 3
