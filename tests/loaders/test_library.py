"""The claims library loader: good files round-trip into the model, bad ones give located errors."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from project_files import write_project

from claimstrack.errors import LibraryError, UsageError
from claimstrack.library import Library, claims_setting_kind, find_claim_files, load_library
from claimstrack.model import Claim, Evidence, Location, Measure

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bounded_inputs import HOSTILE_CLAIMS  # noqa: E402

GOOD = """\
schema = 1

[measure.us-migraine-prevalence]
description = "People in the US with migraine"
kind = "count"
unit = "people"
value = 39000000
low = 36000000
high = 42000000
tolerance = 0.05

[[claim]]
id = "us-migraine-prevalence"
text = "Approximately 39 million Americans live with migraine"
variants = ["39 million people in the US have migraine"]
measure = "us-migraine-prevalence"
status = "approved"
approved_by = "A. Reviewer"
approved_on = 2026-11-01
review_by = "2027-11-01"
notes = "free text"

[[claim.evidence]]
cite = "lipton2007"
locator = "Table 2"
quote = "verbatim text from the source"
n = 247

[[claim]]
id = "draft.one"
text = "over 92% of patients"
status = "draft"
"""

HEAD = 'schema = 1\n[[claim]]\nid = "a"\ntext = "t"\nstatus = "draft"\n'


def write(root: Path, name: str, content: str | bytes) -> Path:
    return write_project(root, {name: content}) / name


def load_error(root: Path, files: dict[str, str | bytes]) -> LibraryError:
    paths = [write(root, name, content) for name, content in files.items()]
    with pytest.raises(LibraryError) as caught:
        load_library(paths, root)
    assert caught.value.exit_code == 2
    return caught.value


def test_good_file_round_trips_into_the_model(tmp_path: Path) -> None:
    path = write(tmp_path, "claims/a.toml", GOOD)
    library = load_library([path], tmp_path)
    assert library.files == ("claims/a.toml",)
    assert library.measures == (
        Measure(
            key="us-migraine-prevalence",
            description="People in the US with migraine",
            kind="count",
            unit="people",
            value=39e6,
            low=36e6,
            high=42e6,
            tolerance=0.05,
        ),
    )
    first = Claim(
        id="us-migraine-prevalence",
        text="Approximately 39 million Americans live with migraine",
        variants=("39 million people in the US have migraine",),
        measure="us-migraine-prevalence",
        status="approved",
        approved_by="A. Reviewer",
        approved_on=dt.date(2026, 11, 1),
        review_by=dt.date(2027, 11, 1),
        evidence=(Evidence("lipton2007", "Table 2", "verbatim text from the source", 247),),
        notes="free text",
    )
    assert library.claims == (first, Claim(id="draft.one", text="over 92% of patients"))
    assert library.claim("us-migraine-prevalence") == first
    assert library.claim("nope") is None
    assert library.measure("us-migraine-prevalence") is library.measures[0]
    assert library.claims_for_measure("us-migraine-prevalence") == (first,)


def test_locations_are_root_relative_and_point_at_tables(tmp_path: Path) -> None:
    library = load_library([write(tmp_path, "claims/sub/a.toml", GOOD)], tmp_path)
    assert library.claims[0].location == Location("claims/sub/a.toml", 12, 1)
    assert library.claims[0].evidence[0].location == Location("claims/sub/a.toml", 23, 1)
    assert library.claims[1].location == Location("claims/sub/a.toml", 29, 1)
    assert library.measures[0].location == Location("claims/sub/a.toml", 3, 1)


def test_empty_library() -> None:
    library = load_library([], Path("."))
    assert library == Library() and len(library) == 0 and library.claim("x") is None


# Each case: files, expected (path, line, column) of the first problem, a message fragment,
# and how many problems there are in all.
BAD_CASES = [
    ("malformed TOML", {"a.toml": "schema = 1\n[[claim]\n"}, ("a.toml", 2, 8), "invalid TOML", 1),
    (
        "unterminated string",
        {"a.toml": 'schema = 1\nx = "abc\n'},
        ("a.toml", 2, 9),
        "invalid TOML",
        1,
    ),
    (
        "unknown top-level key",
        {"a.toml": "schema = 1\nclaims = []\n"},
        ("a.toml", 2, 1),
        "unknown key 'claims' in the top level (did you mean 'claim'?)",
        1,
    ),
    (
        "unknown claim key",
        {"a.toml": HEAD + "reveiw_by = 2027-01-01\n"},
        ("a.toml", 6, 1),
        "did you mean 'review_by'?",
        1,
    ),
    (
        "unknown evidence key",
        {"a.toml": HEAD + '[[claim.evidence]]\ncite = "k"\npage = 3\n'},
        ("a.toml", 8, 1),
        "unknown key 'page' in [[claim.evidence]]",
        1,
    ),
    (
        "unknown measure key",
        {"a.toml": 'schema = 1\n[measure.m]\nknd = "count"\n'},
        ("a.toml", 3, 1),
        "(did you mean 'kind'?)",
        1,
    ),
    (
        "text not a string",
        {"a.toml": 'schema = 1\n[[claim]]\nid = "a"\ntext = 3\nstatus = "draft"\n'},
        ("a.toml", 4, 8),
        "'text' must be a string, not an integer",
        1,
    ),
    (
        "n zero",
        {"a.toml": HEAD + '[[claim.evidence]]\ncite = "k"\nn = 0\n'},
        ("a.toml", 8, 5),
        "positive integer",
        1,
    ),
    (
        "n float",
        {"a.toml": HEAD + '[[claim.evidence]]\ncite = "k"\nn = 2.5\n'},
        ("a.toml", 8, 5),
        "positive integer",
        1,
    ),
    (
        "n boolean",
        {"a.toml": HEAD + '[[claim.evidence]]\ncite = "k"\nn = true\n'},
        ("a.toml", 8, 5),
        "positive integer",
        1,
    ),
    (
        "variants a string",
        {"a.toml": HEAD + 'variants = "x"\n'},
        ("a.toml", 6, 12),
        "'variants' must be an array of strings, not a string",
        1,
    ),
    (
        "variants holding a number",
        {"a.toml": HEAD + 'variants = [\n  "x",\n  4,\n]\n'},
        ("a.toml", 8, 3),
        "strings only",
        1,
    ),
    (
        "missing text",
        {"a.toml": 'schema = 1\n\n[[claim]]\nid = "a"\nstatus = "draft"\n'},
        ("a.toml", 3, 1),
        "missing required key 'text'",
        1,
    ),
    (
        "missing id and status",
        {"a.toml": 'schema = 1\n[[claim]]\ntext = "t"\n'},
        ("a.toml", 2, 1),
        "missing required key 'id'",
        2,
    ),
    (
        "missing cite",
        {"a.toml": HEAD + '[[claim.evidence]]\nlocator = "p. 3"\n'},
        ("a.toml", 6, 1),
        "[[claim.evidence]] is missing required key 'cite'",
        1,
    ),
    (
        "impossible date",
        {"a.toml": HEAD + 'review_by = "2026-13-01"\n'},
        ("a.toml", 6, 13),
        "'review_by' must be a date",
        1,
    ),
    (
        "word for a date",
        {"a.toml": HEAD + 'approved_on = "soon"\n'},
        ("a.toml", 6, 15),
        "not 'soon'",
        1,
    ),
    (
        "date-time for a date",
        {"a.toml": HEAD + "review_by = 2026-11-01T10:00:00\n"},
        ("a.toml", 6, 13),
        "not a date-time",
        1,
    ),
    (
        "approved after review",
        {"a.toml": HEAD + "approved_on = 2027-01-02\nreview_by = 2027-01-01\n"},
        ("a.toml", 7, 13),
        "is before 'approved_on'",
        1,
    ),
    (
        "approved without approver",
        {"a.toml": 'schema = 1\n[[claim]]\nid = "a"\ntext = "t"\nstatus = "approved"\n'},
        ("a.toml", 5, 10),
        "needs 'approved_by'",
        1,
    ),
    (
        "unknown status",
        {"a.toml": 'schema = 1\n[[claim]]\nid = "a"\ntext = "t"\nstatus = "aproved"\n'},
        ("a.toml", 5, 10),
        "unknown status 'aproved' (did you mean 'approved'?)",
        1,
    ),
    (
        "unknown kind",
        {"a.toml": 'schema = 1\n[measure.m]\nkind = "percentage"\n'},
        ("a.toml", 3, 8),
        "unknown kind 'percentage' (did you mean 'percent'?)",
        1,
    ),
    (
        "tolerance above 1",
        {"a.toml": "schema = 1\n[measure.m]\ntolerance = 5\n"},
        ("a.toml", 3, 13),
        "between 0 and 1",
        1,
    ),
    (
        "low above high",
        {"a.toml": "schema = 1\n[measure.m]\nlow = 5\nhigh = 4\n"},
        ("a.toml", 3, 7),
        "greater than 'high'",
        1,
    ),
    (
        "bad id",
        {"a.toml": 'schema = 1\n[[claim]]\nid = "Bad Id"\ntext = "t"\nstatus = "draft"\n'},
        ("a.toml", 3, 6),
        "must match",
        1,
    ),
    (
        "claim not an array",
        {"a.toml": 'schema = 1\nclaim = "x"\n'},
        ("a.toml", 2, 9),
        "'claim' must be an array of tables",
        1,
    ),
    (
        "duplicate id in one file",
        {"a.toml": HEAD + '[[claim]]\nid = "a"\ntext = "u"\nstatus = "draft"\n'},
        ("a.toml", 7, 1),
        "duplicate claim id 'a' (first defined at a.toml:3:1)",
        1,
    ),
    (
        "duplicate id across files",
        {"a.toml": HEAD, "b.toml": "\n" + HEAD},
        ("b.toml", 4, 1),
        "duplicate claim id 'a' (first defined at a.toml:3:1)",
        1,
    ),
    (
        "duplicate measure across files",
        {"a.toml": "schema = 1\n[measure.m]\n", "b.toml": "schema = 1\n[measure.m]\n"},
        ("b.toml", 2, 1),
        "duplicate measure 'm' (first defined at a.toml:2:1)",
        1,
    ),
    (
        "schema missing",
        {"a.toml": '[[claim]]\nid = "a"\ntext = "t"\nstatus = "draft"\n'},
        ("a.toml", 1, 1),
        "missing 'schema = 1'",
        1,
    ),
    ("schema 2", {"a.toml": "schema = 2\n"}, ("a.toml", 1, 10), "unknown schema version 2", 1),
    (
        "schema as a string",
        {"a.toml": 'schema = "1"\n'},
        ("a.toml", 1, 10),
        "unknown schema version '1'",
        1,
    ),
    ("empty file", {"a.toml": ""}, ("a.toml", 1, 1), "missing 'schema = 1'", 1),
    ("not UTF-8", {"a.toml": b"schema = 1\n# caf\xe9\n"}, ("a.toml", 2, 6), "not valid UTF-8", 1),
    ("binary", {"a.toml": b"\x89PNG\r\n\x1a\n\x00\x00"}, ("a.toml", 3, 1), "binary file", 1),
]


@pytest.mark.parametrize(
    ("files", "where", "fragment", "count"),
    [case[1:] for case in BAD_CASES],
    ids=[case[0] for case in BAD_CASES],
)
def test_bad_input_is_located(
    tmp_path: Path,
    files: dict[str, str | bytes],
    where: tuple[str, int, int],
    fragment: str,
    count: int,
) -> None:
    error = load_error(tmp_path, files)
    first = error.problems[0]
    assert (first.location.path, first.location.line, first.location.column) == where
    assert fragment in first.message
    assert len(error.problems) == count, [str(p) for p in error.problems]


def test_all_problems_across_files_are_collected(tmp_path: Path) -> None:
    error = load_error(
        tmp_path,
        {"a.toml": "schema = 2\n", "b.toml": "", "c.toml": HEAD + "x = 1\n"},
    )
    assert [p.location.path for p in error.problems] == ["a.toml", "b.toml", "c.toml"]
    assert "a.toml:1:10:" in str(error)


def test_duplicate_ids_are_found_even_when_the_claims_have_other_problems(tmp_path: Path) -> None:
    bad = 'schema = 1\n[[claim]]\nid = "a"\ntext = 3\nstatus = "draft"\n'
    error = load_error(tmp_path, {"a.toml": bad, "b.toml": bad})
    assert any("duplicate claim id 'a'" in p.message for p in error.problems)


def test_a_claim_file_outside_the_root_is_an_error(tmp_path: Path) -> None:
    root = tmp_path / "project"
    outside = write(tmp_path, "elsewhere.toml", HEAD)
    with pytest.raises(LibraryError) as caught:
        load_library([outside], root)
    assert "outside the project root" in caught.value.problems[0].message


# ---------------------------------------------------------------------------------------------
# Finding the files


def test_a_directory_setting_finds_toml_files_recursively_and_sorted(tmp_path: Path) -> None:
    for name in ("claims/z.toml", "claims/a/b.toml", "claims/m.toml", "claims/notes.txt"):
        write(tmp_path, name, HEAD)
    found = find_claim_files("claims", tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "claims/a/b.toml",
        "claims/m.toml",
        "claims/z.toml",
    ]


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("claims/*.toml", ["claims/m.toml", "claims/z.toml"]),
        ("claims/**/*.toml", ["claims/a/b.toml", "claims/m.toml", "claims/z.toml"]),
        ("claims/m.toml", ["claims/m.toml"]),
        ("missing", []),
        ("missing/*.toml", []),
    ],
)
def test_claims_settings(tmp_path: Path, setting: str, expected: list[str]) -> None:
    for name in ("claims/z.toml", "claims/a/b.toml", "claims/m.toml"):
        write(tmp_path, name, HEAD)
    found = find_claim_files(setting, tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == expected


@pytest.mark.parametrize(
    ("setting", "kind", "expected"),
    [
        ("claims", "folder", ["claims/a.toml"]),
        ("linked", "folder", ["linked/a.toml"]),
        ("claims/a.toml", "file", ["claims/a.toml"]),
        ("plain", "file", ["plain"]),
        ("missing", "folder", []),
        ("missing.toml", "file", []),
        ("claims/*.toml", "glob", ["claims/a.toml"]),
    ],
)
def test_the_kind_of_a_setting_is_how_the_files_are_found(
    tmp_path: Path, setting: str, kind: str, expected: list[str]
) -> None:
    # `claims add` and its messages (claims_setting_kind) read a setting as finding the files does
    write(tmp_path, "claims/a.toml", HEAD)
    write(tmp_path, "plain", HEAD)
    (tmp_path / "linked").symlink_to(tmp_path / "claims")
    assert claims_setting_kind(setting, tmp_path) == kind
    assert [p.relative_to(tmp_path).as_posix() for p in find_claim_files(setting, tmp_path)] == expected


CACHE_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# a tool's cache\n"


@pytest.mark.parametrize("setting", ["claims", "claims/**/*.toml", "**/*.toml"])
def test_claims_in_hidden_tool_and_cache_folders_are_not_read(tmp_path: Path, setting: str) -> None:
    # the claims folder and the claims glob walk as documents are found (they read these before)
    write(tmp_path, "claims/a.toml", HEAD)
    for name in ("claims/.old/b.toml", "claims/node_modules/c.toml", "claims/.venv/lib/d.toml",
                 "claims/cache/e.toml", ".git/f.toml"):
        write(tmp_path, name, "not a claims file [[[")
    write(tmp_path, "claims/cache/CACHEDIR.TAG", CACHE_TAG)
    assert [p.relative_to(tmp_path).as_posix() for p in find_claim_files(setting, tmp_path)] == ["claims/a.toml"]


@pytest.mark.parametrize("setting", ["claims", "claims/*.toml"])
def test_a_broken_claims_file_link_is_an_error_for_a_folder_and_a_glob(tmp_path: Path, setting: str) -> None:
    # the glob once dropped it in silence, with every claim in the file it was meant to be
    write(tmp_path, "claims/a.toml", HEAD)
    (tmp_path / "claims" / "gone.toml").symlink_to(tmp_path / "missing.toml")
    with pytest.raises(LibraryError) as caught:
        find_claim_files(setting, tmp_path)
    assert caught.value.problems[0].location.path == "claims/gone.toml"
    assert "claims file is a broken symlink" in caught.value.problems[0].message


@pytest.mark.parametrize("setting", ["claims", "claims/**/*.toml"])
def test_a_claims_folder_that_cannot_be_listed_is_an_error_for_a_folder_and_a_glob(
    tmp_path: Path, setting: str, folder_listings
) -> None:
    write(tmp_path, "claims/a.toml", HEAD)
    write(tmp_path, "claims/sub/b.toml", HEAD)
    folder_listings.refuse("sub")
    with pytest.raises(LibraryError) as caught:
        find_claim_files(setting, tmp_path)
    assert caught.value.problems[0].message == "cannot read the claims folder 'claims/sub': Permission denied"


def test_a_broken_link_setting_is_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    (tmp_path / "claims").symlink_to(tmp_path / "gone")
    assert claims_setting_kind("claims", tmp_path) == "file"
    with pytest.raises(LibraryError) as caught:
        find_claim_files("claims", tmp_path)
    assert "claims path 'claims' is a broken symlink" in caught.value.problems[0].message


def test_a_missing_setting_is_an_error_when_required(tmp_path: Path) -> None:
    with pytest.raises(LibraryError) as caught:
        find_claim_files("claimz", tmp_path, required=True)
    assert caught.value.problems[0].location == Location("claimz")
    assert "no claims file matches 'claimz'" in caught.value.problems[0].message


@pytest.mark.parametrize("setting", ["../../etc/x.toml", "../outside", "claims/../../x.toml"])
def test_a_setting_outside_the_root_is_an_error(tmp_path: Path, setting: str) -> None:
    root = tmp_path / "a" / "b"
    root.mkdir(parents=True)
    with pytest.raises(LibraryError) as caught:
        find_claim_files(setting, root)
    assert caught.value.exit_code == 2
    assert caught.value.problems[0].location.path == setting
    assert "outside the project root" in caught.value.problems[0].message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
@pytest.mark.parametrize("setting", ["claims", "claims/*.toml", "claims/link.toml"])
def test_a_symlink_out_of_the_root_is_an_error(tmp_path: Path, setting: str) -> None:
    root = tmp_path / "project"
    write(root, "claims/ok.toml", HEAD)
    target = write(tmp_path, "secret.toml", HEAD)
    (root / "claims" / "link.toml").symlink_to(target)
    with pytest.raises(LibraryError) as caught:
        find_claim_files(setting, root)
    assert caught.value.problems[0].location.path == "claims/link.toml"
    assert "resolves outside the project root" in caught.value.problems[0].message


# ---------------------------------------------------------------------------------------------
# Speed and robustness


def _many_claims(count: int) -> str:
    parts = ["schema = 1\n"]
    for i in range(count):
        parts.append(
            f'\n[[claim]]\nid = "claim-{i}"\ntext = "Over {i}% of patients"\n'
            f'variants = ["{i} percent"]\nstatus = "approved"\napproved_by = "R"\n'
            f"approved_on = 2026-01-01\nreview_by = 2027-01-01\n"
            f'[[claim.evidence]]\ncite = "ref{i}"\nlocator = "p. {i}"\nn = {i + 1}\n'
        )
    return "".join(parts)


def test_a_thousand_claims_load_with_their_positions(tmp_path: Path) -> None:
    # Load time is measured by benchmarks/claims_edit.py, not asserted here.
    path = write(tmp_path, "claims.toml", _many_claims(1000))
    library = load_library([path], tmp_path)
    assert len(library.claims) == 1000
    assert library.claims[999].location == Location("claims.toml", 2 + 999 * 13 + 1, 1)


def test_hostile_megabyte_is_refused_at_its_first_bad_character(tmp_path: Path) -> None:
    # benchmarks/bounded_inputs.py times this input; here, that the parse stops where the
    # TOML first goes wrong (line 2, column 3) instead of reading the megabyte of "[".
    path = write(tmp_path, "a.toml", HOSTILE_CLAIMS)
    with pytest.raises(LibraryError) as raised:
        load_library([path], tmp_path)
    assert [problem.location for problem in raised.value.problems] == [Location("a.toml", 2, 3)]


FRAGMENTS = [
    "schema = 1\n",
    "schema = 2\n",
    "[[claim]]\n",
    "[[claim.evidence]]\n",
    "[measure.m]\n",
    'id = "a"\n',
    'id = "A B"\n',
    'text = "t"\n',
    "text = 3\n",
    'status = "approved"\n',
    'status = "x"\n',
    'approved_by = "R"\n',
    "approved_on = 2027-01-01\n",
    'review_by = "x"\n',
    "n = -1\n",
    "n = 5\n",
    'cite = "k"\n',
    'variants = ["a", 1]\n',
    'kind = "count"\n',
    "low = 3\n",
    "high = 1\n",
    "tolerance = 2\n",
    '"quoted" = 1\n',
    "a.b = 1\n",
    "x = {y = 1}\n",
    'claim = "x"\n',
    "measure = 1\n",
    '"""\n',
    "[\n",
    "\x00",
    "\xe9",
    "\n",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=12) | st.lists(st.text(max_size=40), max_size=4)
)
def test_arbitrary_text_gives_a_library_or_a_library_error(parts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        path = write(root, "a.toml", "".join(parts).encode("utf-8", "surrogatepass"))
        try:
            load_library([path], root)
        except LibraryError as error:
            assert error.problems
            for problem in error.problems:
                assert problem.location.path == "a.toml"
                assert problem.location.line >= 1 and problem.location.column >= 1


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_give_a_library_or_a_library_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        path = write(root, "a.toml", data)
        try:
            load_library([path], root)
        except LibraryError as error:
            assert error.problems


def test_require_claim_names_where_it_looked_and_the_closest_id() -> None:
    library = Library(claims=(Claim(id="us-prevalence", text="x"),))
    assert library.require_claim("us-prevalence").id == "us-prevalence"
    with pytest.raises(UsageError, match=r"no claim with id 'us-prevalance' in claims \(did you mean 'us-prevalence'\?\)"):
        library.require_claim("us-prevalance", "claims")
