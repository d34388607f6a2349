"""`claimstrack rules`, `claimstrack rule CODE` and the generated docs/rules.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from render_helpers import RULES, make_rule

from claimstrack.checks import Example, all_rules
from claimstrack.model import Severity
from claimstrack.render.rules_doc import (
    example_markdown,
    render_rule,
    render_rules_json,
    render_rules_markdown,
    render_rules_table,
)

DOCS_RULES = Path(__file__).parents[2] / "docs" / "rules.md"


def test_rules_table_is_aligned() -> None:
    assert render_rules_table(RULES).splitlines() == [
        "CODE   NAME                 SEVERITY  SUMMARY",
        "CT101  unsupported-figure   error     Summary of CT101 with a | pipe.",
        "CT201  conflicting-figures  error     Summary of CT201 with a | pipe.",
        "CT306  unused-claim         info      Summary of CT306 with a | pipe.",
    ]


def test_rules_json() -> None:
    payload = json.loads(render_rules_json(RULES))
    assert [r["code"] for r in payload] == ["CT101", "CT201", "CT306"]
    assert payload[2] == {"code": "CT306", "name": "unused-claim", "severity": "info",
                          "summary": "Summary of CT306 with a | pipe."}


def test_one_rule_has_every_section() -> None:
    text = render_rule(make_rule("CT101"))
    assert text.startswith("# CT101 unsupported-figure\n")
    for heading in ("What it flags", "Why", "Example that fires", "Example that passes", "How to fix", "How to suppress"):
        assert f"\n## {heading}\n" in text
    assert "ignore[CT101]" in text and "A note." in text


def test_meta_rules_say_comments_do_not_silence_them() -> None:
    text = render_rule(make_rule("CT901"))
    assert "ignore[CT901]" not in text and "cannot be silenced by a suppression comment" in text


def test_example_files_are_fenced_with_a_long_enough_fence_and_language() -> None:
    text = example_markdown(Example({"b.md": "```\nfenced\n```", "a.toml": "x = 1\n", "c.txt": b"caf\xe9\n"}))
    assert text.index("`a.toml`") < text.index("`b.md`") < text.index("`c.txt`")
    assert "````markdown\n```\nfenced\n```\n````\n" in text
    assert "```toml\nx = 1\n```\n" in text
    assert "```text\ncaf\\xe9\n```\n" in text


def test_markdown_page_has_an_index_linking_each_section() -> None:
    page = render_rules_markdown(RULES)
    assert page.startswith("# Rules\n")
    assert "| [CT101](#ct101-unsupported-figure) | unsupported-figure | error | Summary of CT101 with a \\| pipe. |" in page
    assert page.count("\n## CT") == 3


@pytest.mark.parametrize("severity", list(Severity))
def test_severity_is_shown(severity: Severity) -> None:
    assert f"Default severity: **{severity.value}**." in render_rule(make_rule("CT101", severity))


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    expected = render_rules_markdown(all_rules())
    assert DOCS_RULES.read_text(encoding="utf-8") == expected, (
        "docs/rules.md is stale: regenerate it with `python -m claimstrack rules --format markdown > docs/rules.md`"
    )
