"""Edits of the worked example's real claims files change only the lines they must.

Each test copies claims/*.toml to a temporary folder, edits one claim through the library
API and compares the unified diff (no context lines) with the exact expected one. On the old
editor, every `[measure.*]` table moved to the top of the file on any edit.
"""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
from pathlib import Path

import pytest

from claimstrack.errors import LibraryError
from claimstrack.library import find_claim_files, load_library
from claimstrack.library_edit import add_evidence, approve_claim, remove_claim, set_claim_status
from claimstrack.model import Evidence, StatusChange

WORKED_EXAMPLE_CLAIMS = Path(__file__).resolve().parents[2] / "claims"


@pytest.fixture
def burden(tmp_path: Path) -> Path:
    """A copy of the worked example's claims folder; returns its burden.toml."""
    shutil.copytree(WORKED_EXAMPLE_CLAIMS, tmp_path / "claims")
    return tmp_path / "claims" / "burden.toml"


def diff(before: str, after: str) -> list[str]:
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return list(lines)[2:]  # without the ---/+++ file header


def test_a_status_change_changes_the_status_lines_and_appends_the_history(burden: Path) -> None:
    before = burden.read_text(encoding="utf-8")
    set_claim_status(burden, "us-migraine-employer-cost", "in-review", by="Q. Editor", on=dt.date(2026, 12, 1))
    assert diff(before, burden.read_text(encoding="utf-8")) == [
        "@@ -65,3 +65 @@",
        '-status = "approved"',
        '-approved_by = "M. Reviewer (medical)"',
        "-approved_on = 2026-11-04",
        '+status = "in-review"',
        "@@ -74,0 +73,11 @@",
        "+",
        "+[[claim.history]]",
        "+date = 2026-11-04",
        '+by = "M. Reviewer (medical)"',
        '+to = "approved"',
        "+",
        "+[[claim.history]]",
        "+date = 2026-12-01",
        '+by = "Q. Editor"',
        '+from = "approved"',
        '+to = "in-review"',
    ]


def test_re_approving_keeps_the_earlier_approver_in_the_history(burden: Path) -> None:
    before = burden.read_text(encoding="utf-8")
    approve_claim(burden, "migraine-severe-impairment", by="N. Reviewer", on=dt.date(2026, 12, 2),
                  review_by=dt.date(2027, 12, 1))
    assert diff(before, burden.read_text(encoding="utf-8")) == [
        "@@ -18,3 +18,3 @@",
        '-approved_by = "M. Reviewer (medical)"',
        "-approved_on = 2026-11-04",
        "-review_by = 2027-11-01",
        '+approved_by = "N. Reviewer"',
        "+approved_on = 2026-12-02",
        "+review_by = 2027-12-01",
        "@@ -33,0 +34,11 @@",
        "+",
        "+[[claim.history]]",
        "+date = 2026-11-04",
        '+by = "M. Reviewer (medical)"',
        '+to = "approved"',
        "+",
        "+[[claim.history]]",
        "+date = 2026-12-02",
        '+by = "N. Reviewer"',
        '+from = "approved"',
        '+to = "approved"',
    ]
    root = burden.parent.parent
    claim = load_library(find_claim_files("claims", root), root).claim("migraine-severe-impairment")
    assert claim is not None and [h.by for h in claim.history] == ["M. Reviewer (medical)", "N. Reviewer"]


def test_adding_evidence_inserts_one_table_after_the_claim(burden: Path) -> None:
    before = burden.read_text(encoding="utf-8")
    claim = add_evidence(burden, "us-migraine-annual-cost-36bn",
                         Evidence("hu1999", "abstract", 'about "$13 billion"', 120))
    assert claim.evidence == (Evidence("hu1999", "abstract", 'about "$13 billion"', 120),)
    assert diff(before, burden.read_text(encoding="utf-8")) == [
        "@@ -53,0 +54,6 @@",
        "+[[claim.evidence]]",
        '+cite = "hu1999"',
        '+locator = "abstract"',
        '+quote = "about \\"$13 billion\\""',
        "+n = 120",
        "+",
    ]


def test_evidence_goes_after_the_claims_last_evidence(burden: Path) -> None:
    before = burden.read_text(encoding="utf-8")
    add_evidence(burden, "migraine-severe-impairment", Evidence("stewart1992"))
    assert diff(before, burden.read_text(encoding="utf-8")) == [
        "@@ -33,0 +34,3 @@",
        "+",
        "+[[claim.evidence]]",
        '+cite = "stewart1992"',
    ]


def test_removing_a_claim_removes_its_lines_and_one_blank_line(burden: Path) -> None:
    before = burden.read_text(encoding="utf-8")
    removed = remove_claim(burden, "us-migraine-annual-cost-36bn")
    assert removed.id == "us-migraine-annual-cost-36bn"
    changes = diff(before, burden.read_text(encoding="utf-8"))
    assert changes[0] == "@@ -42,12 +41,0 @@"
    assert changes[1:] == ["-" + line for line in before.splitlines()[41:53]]


def test_every_claim_of_the_worked_example_edits_locally(tmp_path: Path) -> None:
    """Whatever claim is edited, no line outside that claim's own lines changes."""
    shutil.copytree(WORKED_EXAMPLE_CLAIMS, tmp_path / "claims")
    root = tmp_path
    library = load_library(find_claim_files("claims", root), root)
    for claim in library:
        assert claim.location is not None
        path = root / claim.location.path
        before = path.read_text(encoding="utf-8")
        set_claim_status(path, claim.id, "withdrawn", by="E", on=dt.date(2026, 12, 1))
        after = path.read_text(encoding="utf-8")
        removed = [line for line in diff(before, after) if line.startswith("-")]
        # Only the status line and the approval lines go; everything else is added history.
        assert all(line.split(" =")[0] in ("-status", "-approved_by", "-approved_on") for line in removed), removed
        reloaded = load_library(find_claim_files("claims", root), root)
        others = [c for c in reloaded if c.id != claim.id]
        assert others == [c for c in library if c.id != claim.id]
        library = reloaded
        edited = reloaded.claim(claim.id)
        assert edited is not None and edited.status == "withdrawn" and edited.approved_by is None
        assert edited.history[-1] == StatusChange(dt.date(2026, 12, 1), "E", "withdrawn", claim.status)


def test_moving_away_from_approved_clears_the_approval(burden: Path) -> None:
    claim = set_claim_status(burden, "migraine-severe-impairment", "draft", by="E")
    assert claim.status == "draft" and claim.approved_by is None and claim.approved_on is None
    assert claim.review_by == dt.date(2027, 11, 1)
    text = burden.read_text(encoding="utf-8")
    assert 'approved_by = "M. Reviewer (medical)"' not in text.split("[[claim.history]]")[0].split(
        'id = "migraine-severe-impairment"')[1]


def test_approval_date_is_the_real_date_unless_given(burden: Path) -> None:
    # a review date after the real one, so that approving on the real date is not refused
    review_by = (dt.date.today() + dt.timedelta(days=365)).isoformat()
    burden.write_text(burden.read_text(encoding="utf-8").replace("review_by = 2027-11-01", f"review_by = {review_by}"),
                      encoding="utf-8")
    claim = approve_claim(burden, "us-migraine-employer-cost", by="R")
    assert claim.approved_on == dt.date.today() and claim.history[-1].date == dt.date.today()
    claim = approve_claim(burden, "us-migraine-employer-cost", by="R", on=dt.date(2026, 11, 30))
    assert claim.approved_on == dt.date(2026, 11, 30)


def test_approval_without_evidence_needs_force_and_a_recorded_reason(burden: Path) -> None:
    before = burden.read_bytes()
    for options in ({}, {"force": True}, {"force": True, "reason": "  "}):
        with pytest.raises(LibraryError) as caught:
            approve_claim(burden, "us-migraine-annual-cost-36bn", by="R", **options)  # type: ignore[arg-type]
        assert caught.value.problems[0].location.line == 42  # the claim's header
    assert burden.read_bytes() == before
    claim = approve_claim(burden, "us-migraine-annual-cost-36bn", by="R", force=True,
                          reason="accepted by the board on 2026-11-30")
    assert claim.status == "approved"
    assert claim.history[-1].reason == "accepted by the board on 2026-11-30"


def test_a_claim_split_by_another_table_is_refused_for_structural_edits(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    text = (
        'schema = 1\n[[claim]]\nid = "a"\ntext = "t"\nstatus = "draft"\n'
        '[measure.m]\nkind = "count"\n[[claim.evidence]]\ncite = "k"\n'
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LibraryError, match="split by other tables"):
        remove_claim(path, "a")
    assert path.read_text(encoding="utf-8") == text
    # A status change touches only the claim's own lines, which are contiguous.
    set_claim_status(path, "a", "in-review", by="E", on=dt.date(2026, 12, 1))
    claim = load_library([path], tmp_path).claim("a")
    assert claim is not None and claim.status == "in-review" and len(claim.evidence) == 1


def test_an_inline_claim_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('schema = 1\nclaim = [{id = "a", text = "t", status = "draft"}]\n', encoding="utf-8")
    with pytest.raises(LibraryError, match="inline table"):
        set_claim_status(path, "a", "withdrawn")


def test_old_files_without_history_load_and_bad_history_is_located(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        'schema = 1\n[[claim]]\nid = "a"\ntext = "t"\nstatus = "draft"\n'
        '[[claim.history]]\ndate = "soon"\nby = ""\nto = "aproved"\nfrom = 3\nwhy = "x"\n'
        '[[claim.history]]\nto = "draft"\n',
        encoding="utf-8",
    )
    with pytest.raises(LibraryError) as caught:
        load_library([path], tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "c.toml:7:8: 'date' must be a date such as 2026-11-01 (or \"2026-11-01\"), not 'soon'",
        "c.toml:8:6: 'by' must not be empty",
        "c.toml:9:6: unknown status 'aproved' (did you mean 'approved'?); "
        "allowed: draft, in-review, approved, rejected, withdrawn",
        "c.toml:10:8: 'from' must be a string, not an integer",
        "c.toml:11:1: unknown key 'why' in [[claim.history]]; allowed: 'date', 'by', 'from', 'to', 'reason'",
        "c.toml:12:1: [[claim.history]] is missing required key 'date'",
        "c.toml:12:1: [[claim.history]] is missing required key 'by'",
    ]
    path.write_text('schema = 1\n[[claim]]\nid = "a"\ntext = "t"\nstatus = "draft"\nhistory = 3\n', encoding="utf-8")
    with pytest.raises(LibraryError, match=r"'history' must be \[\[claim.history\]\] tables, not an integer"):
        load_library([path], tmp_path)
