"""The audit trail lists each claim's status history (from `[[claim.history]]`), escaped."""

from __future__ import annotations

import datetime as dt
import re

import attrs

from claimstrack.model import StatusChange
from claimstrack.report import render_report

from .conftest import CLAIM_92, CLAIM_PREVALENCE, build_report

HISTORY = (
    StatusChange(dt.date(2026, 11, 1), "A. Reviewer", "approved"),
    StatusChange(dt.date(2026, 11, 20), "B <Editor>", "approved", "approved", "re-approved | new <b>data</b>"),
)


def report_with_history(tmp_path):
    return build_report(tmp_path, claims=(attrs.evolve(CLAIM_92, history=HISTORY), CLAIM_PREVALENCE))


def test_html_audit_trail_lists_the_history_escaped(tmp_path):
    html = render_report(report_with_history(tmp_path), "html")
    audit = html[html.index('id="audit"'):]
    assert "<caption>Claim status history (from the claims files)</caption>" in audit
    anchor = re.search(rf'<a href="#([^"]+)">{CLAIM_92.id}</a></th><td>2026-11-01', audit).group(1)
    assert f'id="{anchor}"' in html  # the link leads to the claim in the claims table
    assert (f'<tr><th scope="row"><a href="#{anchor}">{CLAIM_92.id}</a></th><td>2026-11-01</td>'
            "<td>A. Reviewer</td><td>approved</td><td></td></tr>") in audit
    assert ("<td>2026-11-20</td><td>B &lt;Editor&gt;</td><td>approved \u2192 approved</td>"
            "<td>re-approved | new &lt;b&gt;data&lt;/b&gt;</td>") in audit


def test_markdown_lists_the_history_escaped(tmp_path):
    markdown = render_report(report_with_history(tmp_path), "markdown")
    assert "<details><summary>Claim status history</summary>" in markdown
    assert f"| `{CLAIM_92.id}` | 2026-11-01 | A. Reviewer | approved |  |" in markdown
    assert (f"| `{CLAIM_92.id}` | 2026-11-20 | B &lt;Editor&gt; | approved \u2192 approved | "
            "re-approved \\| new &lt;b&gt;data&lt;/b&gt; |") in markdown


def test_no_history_no_table(tmp_path):
    report = build_report(tmp_path)
    assert "Claim status history" not in render_report(report, "html")
    assert "Claim status history" not in render_report(report, "markdown")
