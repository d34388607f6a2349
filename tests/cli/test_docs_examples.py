"""The output examples in the docs are what the tool prints, and every `CODE [severity]` or
`CODE name` written in the docs matches the rule registry (output-formats.md once showed the
error CT201 as a warning)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimstrack.checks.catalog import get_rule, rules_by_code

REPO = Path(__file__).resolve().parents[2]
DOC_FILES = sorted((REPO / "docs").glob("*.md")) + [REPO / "README.md"]


def fenced_blocks(markdown: str, heading: str) -> list[str]:
    """The ```text blocks under a `## heading`, up to the next `## ` heading."""
    section = markdown.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```text\n(.*?)```", section, re.DOTALL)


def test_the_text_example_is_what_check_prints(tmp_path: Path, cli) -> None:
    for name, content in get_rule("CT201").fires.files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content) if isinstance(content, str) else path.write_bytes(content)
    _, out, _ = cli(["check", "--statistics", "--no-color"], tmp_path)
    report, statistics = out.split("(0 suppressed).\n", 1)
    shown_report, shown_statistics = fenced_blocks((REPO / "docs" / "output-formats.md").read_text(), "text")
    assert shown_report == report + "(0 suppressed).\n", "regenerate the text example in docs/output-formats.md"
    assert shown_statistics == statistics


@pytest.mark.parametrize("doc", DOC_FILES, ids=lambda path: path.name)
def test_rule_severities_and_names_in_the_docs_match_the_registry(doc: Path) -> None:
    rules = rules_by_code()
    text = doc.read_text(encoding="utf-8")
    wrong = [m.group() for m in re.finditer(r"\b(CT\d{3})\s*\[(error|warning|info)\]", text)
             if m[1] in rules and rules[m[1]].severity.value != m[2]]
    wrong += [m.group() for m in re.finditer(r"\b(CT\d{3})(?: |\t\[\w+\]\t)([a-z]+(?:-[a-z]+)+)\b", text)
              if m[1] in rules and rules[m[1]].name != m[2]]
    assert wrong == []
