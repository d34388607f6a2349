"""What start-up imports: a `check` over plain-text pages does not load the libraries only a
report (Jinja2), a Markdown page (markdown-it) or an edit of a claims file (tomlkit) needs;
they are loaded on first use."""

from __future__ import annotations

import subprocess
import sys

import pytest

LOADED_ON_FIRST_USE = ("jinja2", "markdown_it", "tomlkit")


def _modules_after(code: str) -> set[str]:
    script = f"{code}\nimport sys\nprint(' '.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_the_command_and_the_api_start_without_them() -> None:
    loaded = _modules_after("import claimstrack, claimstrack.cli, claimstrack.report")
    assert not loaded & set(LOADED_ON_FIRST_USE)
    # the command line reads the report formats; the report's own modules wait for a report
    assert not {name for name in loaded if name.startswith("claimstrack.report.")}
    # nor what edits a claims file: the `measures` command's own edits load it when they run
    assert "claimstrack.library_edit" not in loaded


def test_the_report_package_still_offers_its_whole_api() -> None:
    import claimstrack.report as report
    from claimstrack.report.building import build_view
    from claimstrack.report.views import ReportView

    assert (report.build_view, report.ReportView) == (build_view, ReportView)
    assert set(report.__all__) <= set(dir(report)) | {"build_view", "ReportView"}


def test_each_is_loaded_when_a_markdown_page_a_report_or_an_edit_needs_it() -> None:
    loaded = _modules_after(
        "from claimstrack.documents import parse_markdown\n"
        "from claimstrack.report.html import environment\n"
        "from claimstrack.report.markdown import environment as markdown_environment\n"
        "assert parse_markdown('> Over 90% agree.\\n', 'page.md').text.strip() == 'Over 90% agree.'\n"
        "environment(); markdown_environment()\n"
        "from claimstrack import Claim\n"
        "from claimstrack.library_edit import claim_to_toml\n"
        "assert 'id = \"c1\"' in claim_to_toml(Claim(id='c1', text='Over 90% agree'))"
    )
    assert set(LOADED_ON_FIRST_USE) <= loaded


def test_a_markdown_page_of_plain_headings_and_paragraphs_needs_no_markdown_it() -> None:
    """Such a page is read without markdown-it (`_prose_only_runs`): nothing to import for it."""
    loaded = _modules_after(
        "from claimstrack.documents import parse_markdown\n"
        "assert parse_markdown('# Facts\\n\\nOver 90% agree [@k].\\n', 'page.md').text.split() == "
        "['Facts', 'Over', '90%', 'agree.']"
    )
    assert "markdown_it" not in loaded


_INTERRUPTED_WHILE_LOADING = """
import runpy, sys

class Interrupt:  # Ctrl-C as module {target!r} starts to load
    def find_spec(self, name, path=None, target=None):
        if name == {target!r}:
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv = ["claimstrack", *{argv!r}]
{entry}
"""
_PYTHON_M = 'runpy.run_module("claimstrack", run_name="__main__", alter_sys=True)'
_CONSOLE_SCRIPT = "from claimstrack.__main__ import main\nsys.exit(main())"


def test_importing_the_package_loads_nothing_until_a_name_is_used() -> None:
    loaded = _modules_after("import claimstrack")
    assert {name for name in loaded if name.startswith("claimstrack.")} == {"claimstrack._version"}
    import claimstrack

    assert claimstrack.check.__module__ == "claimstrack.engine" and "Finding" in dir(claimstrack)
    assert set(claimstrack.__all__) <= set(dir(claimstrack))


@pytest.mark.parametrize("entry", [_PYTHON_M, _CONSOLE_SCRIPT], ids=["python -m", "console script"])
@pytest.mark.parametrize(("target", "argv"), [
    ("claimstrack.cli", ["check", "--help"]),  # while the command line's modules load
    ("attrs", ["check", "--help"]),  # a library they load
    ("claimstrack.consistency.frames", ["check", "page.md"]),  # while the command loads what it runs
])
def test_ctrl_c_while_the_command_starts_ends_it_quietly(tmp_path, entry, target, argv) -> None:
    (tmp_path / "page.md").write_text("About 12% of adults in Canada have asthma.\n")
    script = _INTERRUPTED_WHILE_LOADING.format(target=target, argv=argv, entry=entry)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert (result.returncode, result.stderr, result.stdout) == (130, "claimstrack: interrupted\n", "")


def test_the_public_names_are_listed_alike_in_all_three_places() -> None:
    """`__all__`, the lazy loader's `_HOMES` and the imports type checkers read name the same
    names from the same modules: a name added to one list only would be missing for someone."""
    import ast
    import inspect

    import claimstrack

    tree = ast.parse(inspect.getsource(claimstrack))
    typed = {alias.name: node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
             for alias in node.names if node.module != "claimstrack._version" and node.module != "typing"}
    assert typed == claimstrack._HOMES
    assert claimstrack.__all__ == sorted([*claimstrack._HOMES, "__version__"])


def test_the_command_loads_no_package_metadata_until_a_cache_is_keyed() -> None:
    """importlib.metadata (which loads email, and its parsers) is only for the cache's key:
    `check --help` and a run without a cache never need it."""
    loaded = _modules_after("import claimstrack.cli, claimstrack.engine, claimstrack.cache")
    assert not loaded & {"importlib.metadata", "email", "email.utils"}
    loaded = _modules_after("from claimstrack.cache import dependency_versions\nassert 'attrs=' in dependency_versions()")
    assert "importlib.metadata" in loaded



def test_a_report_compiles_its_templates_once_for_later_runs(tmp_path, monkeypatch) -> None:
    """Compiling the HTML report's templates took about 50 ms of every `report` run; they are
    kept beside the package's compiled modules. A garbled entry is compiled again, not an error."""
    import jinja2

    from claimstrack.report import html, markdown, templating

    monkeypatch.setattr(templating, "COMPILED_FOLDER", tmp_path / "__pycache__")
    monkeypatch.setattr("sys.dont_write_bytecode", False)  # as a run without -B / PYTHONDONTWRITEBYTECODE
    compiled = []
    compile_template = jinja2.Environment.compile

    def counted_compile(env, source, name=None, *args, **kwargs):
        compiled.append(name)
        return compile_template(env, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted_compile)

    def a_run() -> list:  # a new process's environments, each template loaded once
        compiled.clear()
        for name in ("report.html.j2", "numberline.svg.j2"):
            html.environment.__wrapped__().get_template(name)
        markdown.environment.__wrapped__().get_template("report.md.j2")
        return sorted(compiled)

    assert a_run() == ["numberline.svg.j2", "report.html.j2", "report.md.j2"]
    entries = sorted((tmp_path / "__pycache__").glob("jinja2-*.cache"))
    assert len(entries) == 3
    assert a_run() == []
    entries[0].write_bytes(b"garbled")
    entries[1].write_bytes(entries[1].read_bytes()[:40])
    assert len(a_run()) == 2
    assert a_run() == []  # written again


def test_a_report_writes_no_compiled_templates_when_python_writes_no_bytecode(tmp_path, monkeypatch) -> None:
    """`python -B` and PYTHONDONTWRITEBYTECODE keep Python from writing .pyc files; the report's
    compiled templates follow the same setting: read when present, never written."""
    from claimstrack.report import html, templating

    folder = tmp_path / "__pycache__"
    monkeypatch.setattr(templating, "COMPILED_FOLDER", folder)
    monkeypatch.setattr("sys.dont_write_bytecode", True)
    html.environment.__wrapped__().get_template("report.html.j2")
    assert not folder.exists()
    folder.mkdir()
    html.environment.__wrapped__().get_template("report.html.j2")
    assert list(folder.iterdir()) == []
    monkeypatch.setattr("sys.dont_write_bytecode", False)  # written again once allowed, then read under -B
    html.environment.__wrapped__().get_template("report.html.j2")
    written = sorted(folder.glob("jinja2-*.cache"))
    assert len(written) == 1
    monkeypatch.setattr("sys.dont_write_bytecode", True)
    before = written[0].stat().st_mtime_ns
    loaded = html.environment.__wrapped__().get_template("report.html.j2")
    assert loaded.render is not None and written[0].stat().st_mtime_ns == before


def test_the_command_under_python_b_leaves_no_compiled_templates(tmp_path) -> None:
    """End to end: a `report` run in a fresh process with PYTHONDONTWRITEBYTECODE set writes no
    Jinja2 cache entry beside the package."""
    import os
    import subprocess
    import sys

    from claimstrack.report import templating

    script = (
        "import sys\nfrom claimstrack.report import templating, html\n"
        f"templating.COMPILED_FOLDER = __import__('pathlib').Path({str(tmp_path / 'cc')!r})\n"
        "html.environment.__wrapped__().get_template('report.html.j2')\n"
    )
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run([sys.executable, "-c", script], check=True, env=env)
    assert not (tmp_path / "cc").exists()
    assert templating.COMPILED_FOLDER.name == "__pycache__"
