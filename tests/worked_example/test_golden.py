"""The worked example's findings, pinned; and the README shows exactly what `check` prints.

Regenerate after a deliberate change with: UPDATE_GOLDEN=1 python -m pytest tests/worked_example
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from claimstrack.engine import check
from claimstrack.render import render

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).with_name("golden_findings.json")
README = REPO / "README.md"
BLOCK = re.compile(r"(<!-- worked-example-output -->\n```\n)(.*?)(```)", re.S)


def _report():
    return check(root=REPO)


def test_worked_example_findings_match_the_golden_file():
    findings = [f.to_json() for f in _report().findings]
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(findings, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert findings == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_readme_shows_what_check_prints_on_the_worked_example():
    printed = render(_report(), "text", color=False)
    readme = README.read_text(encoding="utf-8")
    if os.environ.get("UPDATE_GOLDEN"):
        readme = BLOCK.sub(lambda m: m.group(1) + "$ claimstrack check\n" + printed + m.group(3), readme)
        README.write_text(readme, encoding="utf-8")
    match = BLOCK.search(readme)
    assert match, "README has no worked-example output block"
    assert match.group(2) == "$ claimstrack check\n" + printed


def test_worked_example_reviewer_expectations():
    """What a careful reviewer expects of the example, independent of message wording."""
    findings = _report().findings
    codes = {(f.code, f.path, f.line) for f in findings}
    page_a = "content/new-advances-refractory-chronic-migraine.txt"
    page_b = "content/ketamine-infusion-migraines.txt"
    # 42M against 49M is a declared-measure conflict, an error, naming both places.
    conflict = [f for f in findings if f.code == "CT201"]
    assert conflict and conflict[0].severity.value == "error"
    assert {conflict[0].path, *(r.path for r in conflict[0].related)} == {page_a, page_b}
    # Both prevalence figures are off the measure's canonical value.
    assert ("CT203", page_a, 7) in codes and ("CT203", page_b, 7) in codes
    # The global figure, the >90% and the 2-72 hours have no approved claim on the page.
    assert ("CT101", page_b, 7) in codes and ("CT101", page_b, 9) in codes
    # A claim past its review date is reported.
    assert any(f.code == "CT303" and f.claim == "global-migraine-prevalence" for f in findings)
    # The in-review aura claim is used on a page.
    assert any(f.code == "CT302" and f.claim == "migraine-aura-one-third" for f in findings)


def test_readme_library_example_runs(monkeypatch, capsys):
    readme = README.read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", readme, re.S)
    assert block, "README has no Python example"
    monkeypatch.chdir(REPO)
    exec(compile(block.group(1), "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "count almost 49000000.0 None 49000000.0"
    assert any(" CT201 " in line for line in printed)
