"""Comment-preserving edits to claims files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claimstrack.errors import LibraryError, UsageError
from claimstrack.library import Library, load_library
from claimstrack.library_edit import (
    add_claim,
    add_draft_claim,
    claim_to_toml,
    claims_file_for,
    remove_claim,
    set_claim_status,
)
from claimstrack.model import Claim, Evidence, StatusChange

ORIGINAL = """\
schema = 1   # the only version

# Prevalence claims, reviewed by the medical team.
[[claim]]
id = "us-migraine"    # stable id
text = "Approximately 39 million Americans live with migraine"
variants = [
  "39 million people in the US",  # short form
]
status = "in-review"   # set by the writer

[[claim.evidence]]
cite = "lipton2007"   # the AMPP survey
locator = "Table 2"

# A second claim, untouched by the edits.
[[claim]]
id = "other"
text =    "over 92% of patients"
status = 'draft'
"""


def write(tmp_path: Path, text: str = ORIGINAL) -> Path:
    path = tmp_path / "claims.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_approving_changes_the_claims_lines_and_appends_its_history(tmp_path: Path) -> None:
    path = write(tmp_path)
    set_claim_status(
        path,
        "us-migraine",
        "approved",
        approved_by="A. Reviewer",
        approved_on=dt.date(2026, 11, 1),
        review_by=dt.date(2027, 11, 1),
    )
    old = ORIGINAL.splitlines()
    expected = [
        *old[:9],
        'status = "approved"   # set by the writer',
        'approved_by = "A. Reviewer"',
        "approved_on = 2026-11-01",
        "review_by = 2027-11-01",
        *old[10:14],
        "",
        "[[claim.history]]",
        "date = 2026-11-01",
        'by = "A. Reviewer"',
        'from = "in-review"',
        'to = "approved"',
        *old[14:],
    ]
    assert path.read_text(encoding="utf-8").splitlines() == expected
    claim = load_library([path], tmp_path).claim("us-migraine")
    assert claim is not None and claim.status == "approved"
    assert claim.review_by == dt.date(2027, 11, 1)
    assert claim.history == (
        StatusChange(dt.date(2026, 11, 1), "A. Reviewer", "approved", "in-review"),
    )


def test_changing_only_the_status_touches_one_line_and_appends_history(tmp_path: Path) -> None:
    path = write(tmp_path)
    set_claim_status(path, "other", "withdrawn", by="T. Writer", on=dt.date(2026, 12, 1))
    old, new = ORIGINAL.splitlines(), path.read_text(encoding="utf-8").splitlines()
    assert new[:19] == old[:19] and new[19] == 'status = "withdrawn"'
    assert new[20:] == [
        "",
        "[[claim.history]]",
        "date = 2026-12-01",
        'by = "T. Writer"',
        'from = "draft"',
        'to = "withdrawn"',
    ]


def test_an_existing_approver_is_enough_to_approve(tmp_path: Path) -> None:
    path = write(
        tmp_path, ORIGINAL.replace("status = 'draft'", 'status = "draft"\napproved_by = "B"')
    )
    set_claim_status(path, "other", "approved", force=True, reason="no study needed")
    claim = load_library([path], tmp_path).claim("other")
    assert claim is not None and claim.approved_by == "B"
    assert claim.history[-1].reason == "no study needed"


@pytest.mark.parametrize(
    ("claim_id", "status", "options", "fragment"),
    [
        ("nope", "approved", {"approved_by": "A"}, "no claim with id 'nope'"),
        ("other", "aproved", {}, "unknown status 'aproved'"),
        ("other", "approved", {}, "needs the approver's name"),
        ("other", "approved", {"approved_by": "A"}, "has no evidence to approve it on"),
        ("other", "approved", {"approved_by": "A", "force": True}, "needs a reason"),
        ("other", "approved", {"approved_by": "  "}, "needs the approver's name"),
        (
            "other",
            "approved",
            {
                "approved_by": "A",
                "force": True,
                "reason": "r",
                "approved_on": dt.date(2027, 1, 2),
                "review_by": dt.date(2027, 1, 1),
            },
            "review_by (2027-01-01) is before approved_on (2027-01-02)",
        ),
    ],
)
def test_bad_edits_raise_and_leave_the_file_alone(
    tmp_path: Path, claim_id: str, status: str, options: dict[str, object], fragment: str
) -> None:
    path = write(tmp_path)
    with pytest.raises(LibraryError) as caught:
        set_claim_status(path, claim_id, status, **options)  # type: ignore[arg-type]
    assert caught.value.exit_code == 2
    assert fragment in caught.value.problems[0].message
    assert caught.value.problems[0].location.path == path.as_posix()
    assert path.read_text(encoding="utf-8") == ORIGINAL


def test_a_malformed_file_is_reported_with_its_position(tmp_path: Path) -> None:
    path = write(tmp_path, 'schema = 1\n[[claim]]\nid = "a\n')
    with pytest.raises(LibraryError) as caught:
        set_claim_status(path, "a", "draft")
    location = caught.value.problems[0].location
    assert (location.line, location.column) == (3, 8)
    assert "invalid TOML" in caught.value.problems[0].message


NEW = Claim(
    id="new-claim",
    text='over 92% of "patients"',
    variants=("92 percent",),
    measure="m",
    status="approved",
    approved_by="R",
    approved_on=dt.date(2026, 1, 1),
    review_by=dt.date(2027, 1, 1),
    evidence=(Evidence("k", "p. 3", "quoted", 25), Evidence("j")),
    notes="n",
)


def test_add_claim_appends_and_keeps_the_file(tmp_path: Path) -> None:
    path = write(tmp_path)
    add_claim(path, NEW)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(ORIGINAL + "\n[[claim]]\n")
    assert load_library([path], tmp_path).claim("new-claim") == NEW


def test_add_claim_creates_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "fresh.toml"
    add_claim(path, Claim(id="a", text="t"))
    assert (
        path.read_text(encoding="utf-8")
        == 'schema = 1\n\n[[claim]]\nid = "a"\ntext = "t"\nstatus = "draft"\n'
    )


def test_add_claim_to_a_file_without_a_final_newline(tmp_path: Path) -> None:
    path = write(tmp_path, "schema = 1  # x")
    add_claim(path, Claim(id="a", text="t"))
    assert path.read_text(encoding="utf-8").startswith("schema = 1  # x\n\n[[claim]]\n")


@pytest.mark.parametrize(
    ("claim", "fragment"),
    [
        (Claim(id="other", text="t"), "claim id 'other' is already in"),
        (Claim(id="Bad Id", text="t"), "must match"),
        (Claim(id="ok", text="t", status="approved"), "needs 'approved_by'"),
    ],
)
def test_bad_additions_raise_and_leave_the_file_alone(
    tmp_path: Path, claim: Claim, fragment: str
) -> None:
    path = write(tmp_path)
    with pytest.raises(LibraryError) as caught:
        add_claim(path, claim)
    assert any(fragment in p.message for p in caught.value.problems)
    assert path.read_text(encoding="utf-8") == ORIGINAL


def test_claim_to_toml_omits_unset_fields() -> None:
    assert (
        claim_to_toml(Claim(id="a", text="t"))
        == '[[claim]]\nid = "a"\ntext = "t"\nstatus = "draft"\n'
    )


def test_removing_a_claim_takes_the_comment_written_right_above_it(tmp_path: Path) -> None:
    path = write(tmp_path)
    remove_claim(path, "other")
    assert path.read_text(encoding="utf-8") == "".join(ORIGINAL.splitlines(keepends=True)[:14])
    path = write(tmp_path)
    remove_claim(path, "us-migraine")
    lines = ORIGINAL.splitlines(keepends=True)
    assert path.read_text(encoding="utf-8") == "".join(lines[:2] + lines[15:])


def test_a_new_claim_goes_to_the_only_claims_file_else_a_named_one_in_the_folder(tmp_path: Path) -> None:
    one = Library(files=("claims/all.toml",))
    two = Library(files=("claims/a.toml", "claims/b.toml"))
    assert claims_file_for(one, tmp_path, "claims", default_name="claims.toml") == tmp_path / "claims/all.toml"
    assert claims_file_for(two, tmp_path, "claims", default_name="measures.toml") == tmp_path / "claims/measures.toml"


def test_a_draft_claim_is_appended_and_its_folder_made(tmp_path: Path) -> None:
    path = tmp_path / "claims" / "new.toml"
    claim = add_draft_claim(Library(), path, "fresh", "Over 90% agree", measure="agreement", root=tmp_path)
    assert (claim.status, claim.measure) == ("draft", "agreement")
    assert load_library([path], tmp_path).claim("fresh") is not None


def test_a_draft_claim_whose_id_another_file_has_is_refused(tmp_path: Path) -> None:
    library = load_library([write(tmp_path)], tmp_path)
    other = tmp_path / "more.toml"
    with pytest.raises(UsageError, match=r"claim id 'other' is already in the library \(claims.toml:\d+:1\)"):
        add_draft_claim(library, other, "other", "Any wording", root=tmp_path)
    assert not other.exists()
