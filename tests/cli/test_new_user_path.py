"""A new user's whole path, as the README tells it: init in an empty repository, a page in
each format claimstrack reads, claims add, evidence, approve, check, report (issue 11)."""

from __future__ import annotations

import json

from documents.test_docx import docx
from project_files import write_project

BIB = """@article{lipton2007,
  title = {Migraine prevalence, disease burden, and the need for preventive therapy},
  year = {2007},
  doi = {10.1212/01.wnl.0000252808.97649.21},
}
"""


def test_init_pages_claim_evidence_approve_check_report(tmp_path, cli):
    assert cli(["init"], tmp_path)[0] == 0
    (tmp_path / "references.bib").write_text(BIB, encoding="utf-8")
    claim = "Over 90% of patients improved within a week"
    write_project(tmp_path, {
        "content/news.txt": f"{claim}.\n",
        "content/faq.md": "About 75% of adults prefer tablets [@lipton2007].\n",
        "content/offer.html": "<p>Over 60% of buyers return.</p>\n",
        "content/deck.docx": docx("Over 80% of users agree."),
        "sources/lipton2007.txt": "Tablets were preferred by 74.6% of adults; 91% of patients improved within a week.\n",
    })
    # before the claim exists, every figure of every format is unsupported (the Markdown one is cited)
    code, out, _ = cli(["check", "--format", "json"], tmp_path)
    assert code == 1
    assert {f["path"] for f in json.loads(out) if f["code"] == "CT101"} == {
        "content/news.txt", "content/offer.html", "content/deck.docx"}

    assert cli(["claims", "add", "improved-in-a-week", "--text", claim], tmp_path)[0] == 0
    code, _, err = cli(["claims", "approve", "improved-in-a-week", "--by", "A. Reviewer"], tmp_path)
    assert code != 0 and "evidence" in err  # no approval without evidence
    code, _, err = cli(["claims", "evidence", "improved-in-a-week", "--cite", "nosuchkey", "--quote", "x"], tmp_path)
    assert code != 0 and "nosuchkey" in err
    assert cli(["claims", "evidence", "improved-in-a-week", "--cite", "lipton2007", "--locator", "p. 3",
                "--quote", "91% of patients improved within a week"], tmp_path)[0] == 0
    assert cli(["claims", "approve", "improved-in-a-week", "--by", "A. Reviewer"], tmp_path)[0] == 0

    code, out, _ = cli(["check", "--format", "json"], tmp_path)
    findings = json.loads(out)
    by_path = {(f["path"], f["code"]) for f in findings}
    assert ("content/news.txt", "CT101") not in by_path  # the approved claim backs the page
    assert not any(f["code"] in ("CT105", "CT106", "CT107", "CT108") for f in findings)  # evidence holds
    assert {("content/offer.html", "CT101"), ("content/deck.docx", "CT101")} <= by_path
    assert code == 1  # the two unbacked figures still fail the gate

    assert cli(["report", "--format", "json", "-o", "review.json"], tmp_path)[0] == 0
    review = json.loads((tmp_path / "review.json").read_text(encoding="utf-8"))
    summary = review["summary"]
    assert (summary["supported_by_claim"], summary["verified_in_source"], summary["cited_only"]) == (1, 1, 0)
    assert summary["unsupported"] == 2 and summary["documents"] == 4
    assert cli(["report", "-o", "review.html"], tmp_path)[0] == 0
    html = (tmp_path / "review.html").read_text(encoding="utf-8")
    assert "improved-in-a-week" in html and "@lipton2007" in html
