"""A page's uses of declared measures (`consistency_rules.measure_uses`, run in the page stage)."""

from __future__ import annotations

from pathlib import Path

from project_files import write_project

from claimstrack.engine import check

_CLAIMS = """schema = 1

[measure.us]
kind = "count"
value = 39000000

[measure.canada]
kind = "count"
value = 4000000

[[claim]]
id = "us-prevalence"
text = "An estimated 39 million people in the United States have migraine"
measure = "us"
status = "draft"

[[claim]]
id = "canada-prevalence"
text = "About 4 million people in Canada have migraine"
measure = "canada"
status = "draft"
"""


def _site(root: Path, pages: int) -> None:
    write_project(root, {
        "claimstrack.toml": "today = 2026-11-21\n",
        "claims/claims.toml": _CLAIMS,
        **{f"content/p{n}.md": f"An estimated {45 if n == 2 else 39} million people in the United States have "
                               f"migraine.\n\nAbout 4 million people in Canada have migraine.\n" for n in range(pages)},
    })


def test_a_claims_headline_figures_are_worked_out_once_per_run_not_on_every_page(tmp_path, monkeypatch):
    # The headline figure of a claim's wordings depends on the library alone: the run works it
    # out on the first page that states the claim and every other page reuses it.
    import claimstrack.checks.consistency_rules as rules

    _site(tmp_path, 6)
    asked: list[str] = []
    headline = rules.headline_figure
    monkeypatch.setattr(rules, "headline_figure", lambda claim, *rest: (asked.append(claim.id), headline(claim, *rest))[1])
    report = check(root=tmp_path, keep_documents=False)
    assert sorted(asked) == ["canada-prevalence", "us-prevalence"]
    assert [page.uses.measures() for page in report.pages] == [["us", "canada"]] * 6
    assert {(f.code, f.path) for f in report.findings if f.code.startswith("CT20")} == {
        ("CT202", "content/p2.md"), ("CT203", "content/p2.md")}
