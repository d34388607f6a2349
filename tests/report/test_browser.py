"""The report in a real browser (headless Chromium): content is visible and no script runs.

Skipped with a reason when Chromium is not installed, unless CI is set: then it fails, so CI
cannot pass by silently skipping it (.ci/run installs Debian's chromium).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from claimstrack.engine import check
from claimstrack.report import render_report
from claimstrack.report.model import build_view

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
WHEN = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.timezone.utc)
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("CI is set but chromium is not installed (.ci/run installs it with apt-get)")
    pytest.skip("headless Chromium is not installed: apt-get install chromium")


def dump_dom(html_file: Path, profile: Path) -> str:
    """The DOM after the page loaded (and any script would have run)."""
    result = subprocess.run(
        [chromium(), *FLAGS, f"--user-data-dir={profile}", "--dump-dom", html_file.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def visible_text(dom: str) -> str:
    """The DOM's text with tags removed and whitespace collapsed (style content dropped)."""
    without_style = re.sub(r"<style[^>]*>[^<]*</style>", " ", dom)
    return " ".join(unescape(re.sub(r"<[^>]*>", " ", without_style)).split())


def test_worked_example_report_shows_its_content(tmp_path: Path):
    report = check(root=REPO)
    view = build_view(report, generated_at=WHEN)
    page = tmp_path / "report.html"
    page.write_text(render_report(report, "html", generated_at=WHEN), encoding="utf-8")
    dom = dump_dom(page, tmp_path / "profile")
    text = visible_text(dom)
    assert report.documents, "the worked example has documents"
    for document in report.documents:
        assert document.path in text
    claim = report.library.claims[0]
    assert " ".join(claim.text.split()) in text
    summary = view.summary
    for label, number in (("Documents", summary.documents), ("Figures", summary.figures),
                          ("Claims in library", summary.claims), ("Errors", summary.errors)):
        assert re.search(rf"\b{re.escape(label)} {number}\b", text), (label, number)
    assert "CI gate: FAIL" in text if summary.exit_code else "CI gate: PASS" in text
    assert "<script" not in dom


def test_hostile_page_runs_no_script(tmp_path: Path):
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "content" / "hostile.txt").write_text(
        "Almost 49 million people agree.\n\n"
        "See <img src=x onerror=\"document.title='pwned'\"> and "
        "<script>document.title='pwned'</script> for 12% more.\n",
        encoding="utf-8",
    )
    report = check(root=project)
    page = tmp_path / "report.html"
    page.write_text(render_report(report, "html", title="Hostile review", generated_at=WHEN), encoding="utf-8")
    dom = dump_dom(page, tmp_path / "profile")
    assert re.search(r"<title>Hostile review</title>", dom)
    assert "pwned" not in re.search(r"<title>[^<]*</title>", dom).group(0)  # type: ignore[union-attr]
    assert not re.search(r"<img\b", dom) and not re.search(r"<script\b", dom)
    assert "&lt;img src=x onerror=" in dom  # shown as text
    assert "content/hostile.txt" in visible_text(dom)
