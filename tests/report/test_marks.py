"""The page view marks what the findings are about: a figure stating a claim that is not
approved is told apart from one with no claim, and wording a rule flags (CT401) is marked
(issue 11)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from claimstrack.engine import check
from claimstrack.report import render_report
from claimstrack.report.building import build_view
from claimstrack.report.views import UNAPPROVED, UNSUPPORTED

WHEN = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.timezone.utc)
CLAIMS = """schema = 1

[[claim]]
id = "relief"
text = "Over 92% of patients reported relief"
status = "draft"
"""


def _project(root: Path, page: str) -> Path:
    (root / "claimstrack.toml").write_text("today = 2026-11-21\n")
    (root / "content").mkdir()
    (root / "content" / "page.md").write_text(page)
    (root / "claims").mkdir()
    (root / "claims" / "claims.toml").write_text(CLAIMS)
    return root


def test_a_draft_claim_is_not_lumped_with_no_claim(tmp_path: Path) -> None:
    root = _project(tmp_path, "# Page\n\nOver 92% of patients reported relief.\n\nAbout 40 million people have it.\n")
    view = build_view(check(root=root), generated_at=WHEN)
    statuses = {f.text: f.status for d in view.documents for f in d.figures}
    assert statuses == {"Over 92% of patients": UNAPPROVED, "About 40 million people": UNSUPPORTED}
    assert (view.summary.unapproved, view.summary.unsupported) == (1, 1)
    html = render_report(check(root=root), "html", generated_at=WHEN)
    assert re.search(r"States a claim not approved</dt><dd[^>]*>1<", html)
    assert re.search(r"Unsupported: no claim or citation</dt><dd[^>]*>1<", html)
    assert '<mark class="fig unapproved"' in html and '<mark class="fig unsupported"' in html
    markdown = render_report(check(root=root), "markdown", generated_at=WHEN)
    assert "| Claim not approved |" in markdown


def test_absolute_wording_is_marked_in_the_page_view(tmp_path: Path) -> None:
    root = _project(tmp_path, "# Page\n\nOur method is guaranteed to work.\n")
    report = check(root=root)
    assert [f.code for f in report.findings] == ["CT401"]
    view = build_view(report, generated_at=WHEN)
    (wording,) = view.documents[0].wordings
    assert wording.text.lower().startswith("guarantee") and wording.findings[0].code == "CT401"
    html = render_report(report, "html", generated_at=WHEN)
    mark = re.search(r'<mark class="flag" id="flag-1"[^>]*>.*?</mark>\s*<sup class="refs"><a href="#(finding-\d+)">CT401</a>', html, re.S)
    assert mark is not None and "guarantee" in mark.group().lower()
    assert f'id="{mark.group(1)}"' in html  # the superscript links to the finding's row


def test_a_suppressed_wording_is_still_marked_with_its_suppression(tmp_path: Path) -> None:
    page = "# Page\n\n<!-- claimstrack: ignore[CT401] reason=\"quoted from a review\" -->\nOur method is guaranteed to work.\n"
    root = _project(tmp_path, page)
    report = check(root=root)
    assert not report.findings and [s.finding.code for s in report.suppressed] == ["CT401"]
    (wording,) = build_view(report, generated_at=WHEN).documents[0].wordings
    assert not wording.findings and wording.suppressed[0].suppressed_reason == "quoted from a review"
