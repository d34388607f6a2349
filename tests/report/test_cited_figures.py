"""Figures backed by an in-text citation: the report names the citation, says whether the
local source copy states the figure, and counts 'verified in source' apart from 'cited'."""

from __future__ import annotations

import datetime as dt
import json
import os
import re

import pytest
from project_files import write_project

from claimstrack.checks.examples import REFERENCE
from claimstrack.cli import main
from claimstrack.engine import check
from claimstrack.report import render_report
from claimstrack.report.building import build_view
from claimstrack.report.views import BY_CLAIM, CITED, NOT_BACKED, VERIFIED_IN_SOURCE

WHEN = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.timezone.utc)
PAGE = (
    "Over 90% of patients improved [@lipton2007].\n\n"
    "About 75% of adults prefer tablets [@stewart1992].\n\n"
    "Some 40% of people dislike needles [@nokey2000].\n"
)
FILES = {
    "claimstrack.toml": "today = 2026-11-21\n",
    "content/page.md": PAGE,
    "references.bib": REFERENCE + REFERENCE.replace("lipton2007", "stewart1992"),
    "sources/lipton2007.txt": "Improvement was reported by 91% of patients.\n",
}


@pytest.fixture
def run(tmp_path):
    write_project(tmp_path, FILES)
    return check(root=tmp_path)


def test_each_figure_names_its_citation_and_what_the_source_copy_says(run):
    figures = {f.text: f for d in build_view(run, generated_at=WHEN).documents for f in d.figures}
    verified, cited, unknown = (figures["Over 90% of patients"], figures["About 75% of adults"],
                                figures["Some 40% of people"])
    assert [(c.key, c.copy, c.contains, c.verdict) for c in verified.citations] == [
        ("lipton2007", "sources/lipton2007.txt", True, "verified in sources/lipton2007.txt")]
    assert verified.backing == VERIFIED_IN_SOURCE and verified.label == "Supported"
    assert [(c.key, c.copy, c.contains, c.verdict) for c in cited.citations] == [
        ("stewart1992", None, None, "no local copy")]
    assert cited.backing == CITED and cited.label == "Supported"
    assert [c.verdict for c in unknown.citations] == ["not in the bibliography"]
    assert unknown.backing == NOT_BACKED and unknown.label == "Unsupported"


def test_summary_counts_verified_apart_from_cited(run):
    summary = build_view(run, generated_at=WHEN).summary
    assert (summary.supported, summary.supported_by_claim, summary.verified_in_source, summary.cited_only) == (2, 0, 1, 1)


def test_a_source_copy_that_does_not_state_the_figure(tmp_path):
    write_project(tmp_path, {**FILES, "sources/lipton2007.txt": "Improvement was reported by 60% of patients.\n"})
    run = check(root=tmp_path)
    [figure] = [f for d in build_view(run, generated_at=WHEN).documents for f in d.figures
                if f.text == "Over 90% of patients"]
    assert figure.citations[0].verdict == "not in sources/lipton2007.txt"
    assert figure.backing == CITED and figure.label == "Unsupported"  # CT108 is at it
    assert [f.code for f in figure.findings] == ["CT108"]


def test_a_claim_outranks_a_citation(tmp_path):
    claims = ('schema = 1\n\n[[claim]]\nid = "improved"\ntext = "Over 90% of patients improved"\n'
              'status = "approved"\napproved_by = "A"\napproved_on = 2026-11-01\nreview_by = 2027-11-01\n\n'
              '[[claim.evidence]]\ncite = "lipton2007"\nlocator = "p. 2"\nquote = "91% of patients improved"\n')
    write_project(tmp_path, {**FILES, "claims/claims.toml": claims})
    summary = build_view(check(root=tmp_path), generated_at=WHEN).summary
    assert (summary.supported_by_claim, summary.verified_in_source, summary.cited_only) == (1, 0, 1)
    assert BY_CLAIM in {f.backing for d in build_view(check(root=tmp_path)).documents for f in d.figures}


def test_html_shows_the_citation_in_the_page_view_the_figure_table_and_the_summary(run):
    html = render_report(run, "html", generated_at=WHEN)
    refs = re.findall(r'<sup class="refs">(.*?)</sup>', html)
    assert any(">@lipton2007 \u2713</a>" in r for r in refs)
    assert any(">@stewart1992</a>" in r for r in refs)
    assert "<th scope=\"col\">Backed by</th>" in html
    assert '<span class="small">verified in sources/lipton2007.txt</span>' in html
    assert '<span class="small">no local copy</span>' in html
    assert re.search(r'by a citation verified in source</dt><dd>1</dd>', html)
    assert re.search(r'by a citation, not verified</dt><dd>1</dd>', html)


def test_markdown_lists_cited_figures_and_counts_them(run):
    markdown = render_report(run, "markdown", generated_at=WHEN)
    assert "Supported figures: 0 by a claim, 1 by a citation verified in source, 1 by a citation not verified." in markdown
    assert "| `content/page.md:1:1` | Over 90% of patients | `@lipton2007` | verified in sources/lipton2007.txt |" in markdown
    assert "| `content/page.md:3:1` | About 75% of adults | `@stewart1992` | no local copy |" in markdown


def test_report_json_from_the_command_line_tells_verified_from_cited(tmp_path):
    write_project(tmp_path, FILES)
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert main(["report", "--format", "json", "-o", "review.json"]) == 0
    finally:
        os.chdir(old)
    payload = json.loads((tmp_path / "review.json").read_text(encoding="utf-8"))
    summary = payload["summary"]
    assert (summary["supported"], summary["verified_in_source"], summary["cited_only"]) == (2, 1, 1)
    figures = {f["text"]: f for d in payload["documents"] for f in d["figures"]}
    assert figures["Over 90% of patients"]["backing"] == "verified-in-source"
    assert figures["Over 90% of patients"]["citations"] == [
        {"key": "lipton2007", "in_bibliography": True, "source_copy": "sources/lipton2007.txt", "in_source": True}]
    assert figures["About 75% of adults"]["backing"] == "cited"
    assert figures["About 75% of adults"]["citations"][0]["in_source"] is None
    unknown = figures["Some 40% of people"]
    assert (unknown["status"], unknown["backing"]) == ("unsupported", "none")
    assert [f["code"] for f in unknown["findings"]] == ["CT101"]
