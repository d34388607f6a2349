"""The claims workflow on a new user's path, end to end from the command line:

init in an empty folder, a page in each format, check (unsupported), claims add (a draft),
evidence from the command line, approve, check (passes), report (the approval in its audit
trail), and the claims file still readable as its user wrote it.
"""

from __future__ import annotations

import datetime as dt
import json

from documents.test_docx import docx

SENTENCE = "Over 90% of patients improved within a week."
PAGES = {
    "a.md": f"# Results\n\n{SENTENCE}\n",
    "b.txt": f"{SENTENCE}\n",
    "c.html": f"<html><body><p>{SENTENCE}</p></body></html>\n",
}
REFERENCE = """
@article{smith2024,
  author = {Smith, J.},
  title = {A trial of a week-long treatment},
  journal = {Journal of Trials},
  year = {2024},
  doi = {10.1000/trial.2024.1},
}
"""


def codes(cli, root) -> list[str]:
    code, out, err = cli(["check", "--format", "json"], root)
    assert code in (0, 1), err
    return sorted(f["code"] + " " + f["path"] for f in json.loads(out))


def test_a_new_user_goes_from_init_to_an_approved_claim_and_a_passing_report(tmp_path, cli):
    assert cli(["init", "."], tmp_path)[0] == 0
    content = tmp_path / "content"
    content.mkdir()
    for name, text in PAGES.items():
        (content / name).write_text(text)
    (content / "d.docx").write_bytes(docx(SENTENCE))
    pages = ["content/a.md", "content/b.txt", "content/c.html", "content/d.docx"]

    assert codes(cli, tmp_path) == [f"CT101 {page}" for page in pages]

    code, _, err = cli(["claims", "add", "responders", "--text", SENTENCE.rstrip(".")], tmp_path)
    assert code == 0, err
    assert codes(cli, tmp_path) == [f"CT302 {page}" for page in pages]  # states a draft claim

    # Approving before there is evidence is refused; a key the bibliography lacks too.
    assert cli(["claims", "approve", "responders", "--by", "A. Reviewer"], tmp_path)[0] == 2
    assert cli(["claims", "evidence", "responders", "--cite", "smith2024"], tmp_path)[0] == 2
    with (tmp_path / "references.bib").open("a") as bib:
        bib.write(REFERENCE)
    code, _, err = cli(["claims", "evidence", "responders", "--cite", "smith2024", "--locator", "Table 1",
                        "--quote", "91% of patients improved within a week", "--n", "100"], tmp_path)
    assert code == 0, err
    review_by = (dt.date.today() + dt.timedelta(days=365)).isoformat()
    code, _, err = cli(["claims", "approve", "responders", "--by", "A. Reviewer", "--review-by", review_by], tmp_path)
    assert code == 0, err

    code, out, err = cli(["check"], tmp_path)
    assert code == 0, out + err
    assert codes(cli, tmp_path) == []

    code, _, err = cli(["report", "-o", "review.html"], tmp_path)
    assert code == 0 and "gate: pass" in err
    html = (tmp_path / "review.html").read_text()
    assert "Claim status history" in html and "A. Reviewer" in html and "draft \u2192 approved" in html

    claims = (tmp_path / "claims" / "claims.toml").read_text()
    assert claims.startswith("# The claims library:")  # init's guidance comments are kept
    assert f"approved_on = {dt.date.today().isoformat()}" in claims
    code, out, _ = cli(["claims", "list", "--status", "approved", "--format", "json"], tmp_path)
    (claim,) = json.loads(out)
    assert claim["evidence"][0]["cite"] == "smith2024" and claim["history"][0]["to"] == "approved"
