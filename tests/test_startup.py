"""What start-up imports: a `check` over plain-text pages does not load the libraries only a
report (Jinja2), a Markdown page (markdown-it) or an edit of a claims file (tomlkit) needs;
they are loaded on first use."""

from __future__ import annotations

import subprocess
import sys

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
        "assert parse_markdown('Over 90% agree.\\n', 'page.md').text.strip() == 'Over 90% agree.'\n"
        "environment(); markdown_environment()\n"
        "from claimstrack import Claim\n"
        "from claimstrack.library_edit import claim_to_toml\n"
        "assert 'id = \"c1\"' in claim_to_toml(Claim(id='c1', text='Over 90% agree'))"
    )
    assert set(LOADED_ON_FIRST_USE) <= loaded
