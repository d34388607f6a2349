"""Rule documentation from the registry: `claimstrack rules`, `claimstrack rule CODE`, docs/rules.md.

Everything here is generated from the `Rule` objects, so the docs cannot drift from the rules
(and the examples shown are the ones the tests run).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePosixPath

from claimstrack.checks.registry import Example, Rule

_LANGUAGE_BY_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".toml": "toml",
    ".bib": "bibtex",
    ".json": "json",
    ".txt": "text",
}

_INTRO = """\
# Rules

This page is generated from the rule registry by `claimstrack rules --format markdown`; do not
edit it by hand. `claimstrack rule CODE` prints one rule's section in the terminal.

Every rule has a stable code (never reused), a name, and a default severity that
`[tool.claimstrack] severity` can change. Each rule below shows a tiny project on which it
fires and one on which it does not; the test suite runs both.
"""


def render_rules_table(rules: Sequence[Rule]) -> str:
    """An aligned plain-text table: code, name, default severity, summary."""
    header = ("CODE", "NAME", "SEVERITY", "SUMMARY")
    rows = [header, *((r.code, r.name, r.severity.value, _single_line(r.summary)) for r in rules)]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = ["  ".join((*(row[i].ljust(widths[i]) for i in range(3)), row[3])).rstrip() for row in rows]
    return "\n".join(lines) + "\n"


def render_rules_json(rules: Sequence[Rule]) -> str:
    """`claimstrack rules --format json`: an array of {code, name, severity, summary}."""
    payload = [{"code": r.code, "name": r.name, "severity": r.severity.value, "summary": r.summary} for r in rules]
    return json.dumps(payload, indent=2) + "\n"


def render_rule(rule: Rule) -> str:
    """One rule's full documentation as Markdown (readable as plain text in a terminal)."""
    return rule_section(rule, level=1)


def render_rules_markdown(rules: Sequence[Rule]) -> str:
    """The docs/rules.md page: an index table, then one section per rule."""
    parts = [_INTRO, _index_table(rules)]
    parts.extend(rule_section(rule, level=2) for rule in rules)
    return "\n".join(parts)


def rule_section(rule: Rule, *, level: int) -> str:
    """A rule's Markdown section with headings at `level` (1 for `#`)."""
    heading = "#" * level
    sub = "#" * (level + 1)
    blocks = [
        f"{heading} {rule.code} {rule.name}\n",
        f"Default severity: **{rule.severity.value}**.\n",
        f"{sub} What it flags\n\n{rule.summary}\n",
        f"{sub} Why\n\n{rule.description}\n",
        f"{sub} Example that fires\n\n{example_markdown(rule.fires)}",
        f"{sub} Example that passes\n\n{example_markdown(rule.passes)}",
        f"{sub} How to fix\n\n{rule.fix}\n",
        f"{sub} How to suppress\n\n{suppression_help(rule)}\n",
    ]
    return "\n".join(blocks)


def suppression_help(rule: Rule) -> str:
    """How to silence the rule: inline (not for CT9xx meta rules), per file, everywhere."""
    lines = []
    if not rule.code.startswith("CT9"):
        lines.append(
            "For one place, with a reason, in Markdown or HTML: "
            f'`<!-- claimstrack: ignore[{rule.code}] reason="why this is fine" -->`.'
        )
    else:
        lines.append("Meta rules cannot be silenced by a suppression comment.")
    lines.append(
        f'For some files: `per-file-ignores = {{ "content/legacy/**" = ["{rule.code}"] }}`; '
        f'everywhere: `ignore = ["{rule.code}"]` in `[tool.claimstrack]`.'
    )
    return "\n".join(lines)


def example_markdown(example: Example) -> str:
    """An example project: its note, then each file (sorted by path) as a fenced block."""
    parts = [f"{example.note}\n"] if example.note else []
    for path in sorted(example.files):
        content = _as_text(example.files[path])
        fence = _fence_for(content)
        language = _LANGUAGE_BY_SUFFIX.get(PurePosixPath(path).suffix.lower(), "text")
        body = content if content.endswith("\n") else content + "\n"
        parts.append(f"`{path}`:\n\n{fence}{language}\n{body}{fence}\n")
    return "\n".join(parts)


def _as_text(content: str | bytes) -> str:
    # Binary examples (an unreadable document) are shown with the bad bytes escaped.
    if isinstance(content, bytes):
        return content.decode("utf-8", errors="backslashreplace")
    return content


def _fence_for(content: str) -> str:
    """A backtick fence longer than any backtick run inside the content (at least three)."""
    longest = run = 0
    for char in content:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    return "`" * max(3, longest + 1)


def _index_table(rules: Sequence[Rule]) -> str:
    rows = ["| Code | Name | Severity | Summary |", "| --- | --- | --- | --- |"]
    for rule in rules:
        anchor = f"{rule.code}-{rule.name}".lower()
        summary = _single_line(rule.summary).replace("|", "\\|")
        rows.append(f"| [{rule.code}](#{anchor}) | {rule.name} | {rule.severity.value} | {summary} |")
    return "\n".join(rows) + "\n"


def _single_line(text: str) -> str:
    return " ".join(text.split())
