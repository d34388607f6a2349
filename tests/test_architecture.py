"""docs/architecture.md stays true: the layer order holds, and its how-tos work when followed."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

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
    page_check=exclamations,  # it reads a page (docs/architecture.md, "Adding a rule")
)


def test_adding_a_rule_takes_one_family_module(tmp_path, monkeypatch):
    monkeypatch.setattr(wording, "RULES", (*wording.RULES, THROWAWAY))  # step 2
    assert THROWAWAY in all_rules()
    fires = check(root=write_project(tmp_path / "fires", THROWAWAY.fires.files))
    passes = check(root=write_project(tmp_path / "passes", THROWAWAY.passes.files))
    assert [(f.code, f.severity) for f in fires.findings if f.code == "CT499"] == [("CT499", Severity.WARNING)]
    assert "CT499" not in {f.code for f in passes.findings}
    assert "## CT499 double-exclamation" in render_rules_markdown(all_rules())  # step 3


THROWAWAY_FORMAT = '''
from claimstrack.render.formats import OutputFormat


def render_codes(report):
    return "".join(f"{finding.code}\\n" for finding in report.findings)


FORMAT = OutputFormat("codes", (".codes",), lambda report, options: render_codes(report))
'''


def test_adding_an_output_format_takes_one_module(tmp_path, monkeypatch, capsys):
    import claimstrack.render
    from claimstrack.cli import main

    formats = tmp_path / "formats"
    formats.mkdir()
    (formats / "codes_format.py").write_text(THROWAWAY_FORMAT, encoding="utf-8")
    monkeypatch.setattr(claimstrack.render, "__path__", [*claimstrack.render.__path__, str(formats)])
    write_project(tmp_path / "project", {"claimstrack.toml": "today = 2026-11-21\n",
                                         "content/page.md": "Over 90% of patients improve.\n"})
    monkeypatch.chdir(tmp_path / "project")
    assert main(["check", "--format", "codes"]) == 1
    assert capsys.readouterr().out == "CT101\n"
    assert main(["check", "-o", "out.codes"]) == 1
    assert (tmp_path / "project" / "out.codes").read_text(encoding="utf-8") == "CT101\n"


# ---------------------------------------------------------------------------------------------
# The import graph against the layer order the document gives

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "claimstrack"


def documented_layers() -> dict[str, int]:
    """Module or subpackage name -> layer number, from the numbered block of architecture.md."""
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n(1\. .*?)```", text, re.DOTALL)
    assert block, "architecture.md has no numbered layer block"
    layers = {}
    for line in block.group(1).splitlines():
        number, _, names = line.partition(". ")
        for name in names.split():
            layers[name] = int(number)
    return layers


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def layer_name(module: str) -> str:
    """'checks' for claimstrack.checks.context, 'model' for claimstrack.model."""
    parts = module.split(".")
    return "__init__" if len(parts) == 1 else parts[1]


def imported_modules(module: str) -> set[str]:
    """The package modules `module` imports at run time (not under `if TYPE_CHECKING:`)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(node) for branch in ast.walk(tree) if isinstance(branch, ast.If) and _is_type_checking(branch.test)
                   for node in ast.walk(branch)}
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.update(f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names)
    return {name for name in found if name in MODULES and name != module}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


GRAPH = {module: imported_modules(module) for module in MODULES}


def test_every_module_has_a_documented_layer():
    layers = documented_layers()
    assert sorted({layer_name(m) for m in MODULES} - set(layers)) == []


def upward_imports(graph: dict[str, set[str]], layers: dict[str, int]) -> list[str]:
    """'a -> b' for each import of a module from a later layer than its own."""
    return sorted(f"{module} -> {dep}" for module, deps in graph.items() for dep in deps
                  if layers[layer_name(dep)] > layers[layer_name(module)])


def find_circle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle (first module repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> list[str] | None:
        state[module] = 1
        for dep in sorted(graph.get(module, ())):
            if state.get(dep) == 1:
                return path[path.index(dep):] + [dep]
            if dep not in state and (circle := visit(dep, [*path, dep])):
                return circle
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state and (circle := visit(module, [module])):
            return circle
    return None


def test_imports_follow_the_layer_order():
    assert upward_imports(GRAPH, documented_layers()) == []


def test_the_import_graph_has_no_circle():
    assert find_circle(GRAPH) is None


def test_the_checks_see_a_wrong_import_and_a_circle():
    layers = documented_layers()
    wrong = {**GRAPH, "claimstrack.model": {"claimstrack.engine"}}
    assert upward_imports(wrong, layers) == ["claimstrack.model -> claimstrack.engine"]
    circle = {"claimstrack.a": {"claimstrack.b"}, "claimstrack.b": {"claimstrack.c"}, "claimstrack.c": {"claimstrack.a"}}
    assert find_circle(circle) == ["claimstrack.a", "claimstrack.b", "claimstrack.c", "claimstrack.a"]


def test_the_graph_reads_lazy_imports_and_skips_typing_only_ones():
    assert "claimstrack.parallel" in GRAPH["claimstrack.engine"]  # imported inside a function
    assert "claimstrack.checks.context" not in GRAPH["claimstrack.checks.registry"]  # TYPE_CHECKING
