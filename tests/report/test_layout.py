"""The report package's modules import one another in the order docs/architecture.md lists
them (views first, building last, then the renderers), and the table lists every module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "claimstrack" / "report"


def _documented_order() -> list[str]:
    row = next(line for line in (REPO / "docs" / "architecture.md").read_text().splitlines()
               if line.startswith("| `claimstrack/report/` |"))
    return list(dict.fromkeys(re.findall(r"`([a-z_]+)`", row)))


def _report_imports(module: Path) -> set[str]:
    """The report modules a module imports at run time (TYPE_CHECKING blocks left out)."""
    tree = ast.parse(module.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("claimstrack.report."):
                names.add(node.module.split(".")[2])
            elif node.module == "claimstrack.report":
                names.update(alias.name for alias in node.names)
    return names


def test_report_modules_import_only_the_ones_listed_before_them():
    order = _documented_order()
    modules = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")
    assert sorted(order) == modules, "docs/architecture.md's report row must list every module, once"
    for position, name in enumerate(order):
        later = _report_imports(PACKAGE / f"{name}.py") - set(order[:position])
        assert not later, f"report/{name}.py imports {sorted(later)}, listed after it"
