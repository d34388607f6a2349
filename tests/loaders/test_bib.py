"""The bibliography loader and the short citation format."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from project_files import write_project

from claimstrack.bib import (
    Bibliography,
    clean_text,
    format_reference,
    load_bibliography,
    short_name,
    split_names,
)
from claimstrack.errors import BibliographyError
from claimstrack.model import Location, Reference

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bounded_inputs import HOSTILE_BIB  # noqa: E402

LIPTON = """\
% The prevalence survey
@Article{lipton2007,
  title   = {Migraine prevalence, disease burden, and the need for preventive therapy},
  author  = {Lipton, Richard B. and Bigal, M. E. and Diamond, M. and Freitag, F.},
  journal = {Neurology},
  year    = 2007,
  doi     = {https://doi.org/10.1212/01.wnl.0000252808.97649.21},
}
"""


def write(root: Path, content: str | bytes, name: str = "references.bib") -> Path:
    return write_project(root, {name: content}) / name


def test_an_entry_round_trips_into_a_reference(tmp_path: Path) -> None:
    bibliography = load_bibliography(write(tmp_path, LIPTON), tmp_path)
    assert bibliography.path == "references.bib"
    assert "lipton2007" in bibliography and "nope" not in bibliography
    assert len(bibliography) == 1
    assert bibliography.get("lipton2007") == Reference(
        key="lipton2007",
        entry_type="article",
        title="Migraine prevalence, disease burden, and the need for preventive therapy",
        authors=("Lipton, Richard B.", "Bigal, M. E.", "Diamond, M.", "Freitag, F."),
        year="2007",
        journal="Neurology",
        doi="10.1212/01.wnl.0000252808.97649.21",
        fields=(
            ("author", "Lipton, Richard B. and Bigal, M. E. and Diamond, M. and Freitag, F."),
            ("doi", "https://doi.org/10.1212/01.wnl.0000252808.97649.21"),
            ("journal", "Neurology"),
            ("title", "Migraine prevalence, disease burden, and the need for preventive therapy"),
            ("year", "2007"),
        ),
    )
    reference = bibliography.get("lipton2007")
    assert reference is not None and reference.location == Location("references.bib", 2, 1)
    assert bibliography.get("nope") is None


@pytest.mark.parametrize(
    ("fields", "attribute", "expected"),
    [
        ("doi = {10.1/x}", "doi", "10.1/x"),
        ("doi = {https://doi.org/10.1/x}", "doi", "10.1/x"),
        ("doi = {http://dx.doi.org/10.1/x}", "doi", "10.1/x"),
        ("doi = {doi:10.1/x}", "doi", "10.1/x"),
        ("doi = {DOI: 10.1/x}", "doi", "10.1/x"),
        ("pmid = {17261806}", "pmid", "17261806"),
        ("eprint = {123}, eprinttype = {pubmed}", "pmid", "123"),
        ("eprint = {123}, eprinttype = {arxiv}", "pmid", None),
        ("note = {Retrieved 2020. PMID: 555.}", "pmid", "555"),
        ("note = {pmid 42}", "pmid", "42"),
        ("title = {{COVID}-19 in the {US}}", "title", "COVID-19 in the US"),
        ("title = {Costs \\& burden, 1990--2016}", "title", "Costs & burden, 1990\u20132016"),
        ('title = "Quoted {T}itle"', "title", "Quoted Title"),
        ("url = {https://example.org/x}", "url", "https://example.org/x"),
        ("isbn = {978-0-00-000000-0}", "isbn", "978-0-00-000000-0"),
        ("journaltitle = {Cephalalgia}", "journal", "Cephalalgia"),
        ("date = {2018-01-30}", "year", "2018"),
        (
            "author = {A, B and {Barnes and Noble} AND C, D}",
            "authors",
            ("A, B", "Barnes and Noble", "C, D"),
        ),
        ("author = {{World Health Organization}}", "authors", ("World Health Organization",)),
        ("title = {}", "title", None),
    ],
)
def test_fields_are_read_and_normalised(
    tmp_path: Path, fields: str, attribute: str, expected: object
) -> None:
    bibliography = load_bibliography(write(tmp_path, f"@misc{{k, {fields}}}\n"), tmp_path)
    assert getattr(bibliography.get("k"), attribute) == expected


# Each case: .bib content, expected first problem (line, column), message fragment, count.
BAD_CASES = [
    (
        "malformed entry",
        "@article{a, title={x}}\n\n@article{b\n  title = {y}\n}\n",
        (3, 1),
        "cannot parse @article block: Expected comma after entry key",
        1,
    ),
    (
        "unclosed entry",
        "@article{a,\n  title = {open\n",
        (1, 1),
        "Unexpectedly reached end of file",
        1,
    ),
    (
        "duplicate key",
        "@article{a, title={x}}\n  @book{a, title={y}}\n",
        (2, 3),
        "duplicate entry key 'a' (first defined at line 1)",
        1,
    ),
    (
        "duplicate field",
        "@article{a, title={x}, title={y}}\n",
        (1, 1),
        "Duplicate field keys on entry: 'title'",
        1,
    ),
    ("missing key", "@article{, title={x}}\n", (1, 1), "has no citation key", 1),
    ("several problems", "@article{a,}\n@article{a,}\n@article{b\n x=1}\n", (2, 1), "duplicate", 2),
    ("not UTF-8", b"@article{a,\n  title = {Caf\xe9}\n}\n", (2, 15), "not valid UTF-8", 1),
    ("binary", b"\x00\x01\x02", (1, 1), "binary file", 1),
]


@pytest.mark.parametrize(
    ("content", "where", "fragment", "count"),
    [case[1:] for case in BAD_CASES],
    ids=[case[0] for case in BAD_CASES],
)
def test_bad_bibtex_is_located(
    tmp_path: Path, content: str | bytes, where: tuple[int, int], fragment: str, count: int
) -> None:
    with pytest.raises(BibliographyError) as caught:
        load_bibliography(write(tmp_path, content), tmp_path)
    error = caught.value
    assert error.exit_code == 2
    first = error.problems[0]
    assert (first.location.path, first.location.line, first.location.column) == (
        "references.bib",
        *where,
    )
    assert fragment in first.message
    assert len(error.problems) == count, [str(p) for p in error.problems]


def test_a_missing_file_is_empty_unless_required(tmp_path: Path) -> None:
    assert load_bibliography(tmp_path / "references.bib", tmp_path) == Bibliography()
    with pytest.raises(BibliographyError) as caught:
        load_bibliography(tmp_path / "refs.bib", tmp_path, required=True)
    assert caught.value.exit_code == 2
    assert caught.value.problems[0].location == Location("refs.bib", 1, 1)
    assert "not found" in caught.value.problems[0].message


def test_an_empty_file_is_an_empty_bibliography(tmp_path: Path) -> None:
    assert len(load_bibliography(write(tmp_path, ""), tmp_path)) == 0


def test_a_relative_path_is_read_against_the_root(tmp_path: Path) -> None:
    write(tmp_path, LIPTON, "refs.bib")
    assert "lipton2007" in load_bibliography(Path("refs.bib"), tmp_path)


def test_hostile_input_loads_its_one_entry(tmp_path: Path) -> None:
    # benchmarks/bounded_inputs.py times this input; here, what it gives: the one entry, whose
    # author list (100,000 " and "s) splits into at most one name per " and ".
    [reference] = load_bibliography(write(tmp_path, HOSTILE_BIB), tmp_path)
    assert reference.key == "a" and len(reference.authors) <= 100_000


# ---------------------------------------------------------------------------------------------
# Names and the short citation


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Lipton, Richard B.", "Lipton RB"),
        ("Richard B. Lipton", "Lipton RB"),
        ("Bigal, M. E.", "Bigal ME"),
        ("Jean-Pierre Dupont", "Dupont JP"),
        ("van Gogh, Vincent", "van Gogh V"),
        ("King, Jr, Martin Luther", "King ML"),
        ("{World Health Organization}", "World Health Organization"),
        ("Plato", "Plato"),
    ],
)
def test_short_names(name: str, expected: str) -> None:
    assert short_name(name) == expected


def test_split_names_ignores_and_inside_braces() -> None:
    assert split_names("A and {B and C}\n and  D") == ["A", "{B and C}", "D"]
    assert split_names("") == []


def test_clean_text() -> None:
    assert clean_text("  {COVID}-19\n\t\\& \\% more---less  ") == "COVID-19 & % more\u2014less"


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            LIPTON,
            "Lipton RB, Bigal ME, Diamond M, et al. Migraine prevalence, disease burden, and "
            "the need for preventive therapy. Neurology. 2007. doi:10.1212/01.wnl.0000252808.97649.21",
        ),
        (
            "@book{b, author={Ann Smith and Bo Lee}, title={Why?}, year={1999}, isbn={123}}",
            "Smith A, Lee B. Why? 1999. ISBN 123",
        ),
        (
            "@misc{m, author={{Migraine Research Foundation}}, title={Migraine Facts}, "
            "url={https://example.org}}",
            "Migraine Research Foundation. Migraine Facts. https://example.org",
        ),
        ("@misc{p, title={Trial}, pmid={99}}", "Trial. PMID: 99"),
        ("@misc{n, title={No locator}, year={2001}}", "No locator. 2001."),
        ("@misc{e}", "e."),
    ],
)
def test_format_reference(tmp_path: Path, entry: str, expected: str) -> None:
    reference = load_bibliography(write(tmp_path, entry), tmp_path).references[0]
    assert format_reference(reference) == expected


BIB_PIECES = [
    "@article{a,",
    "@book{b, title={x}}",
    "title = {",
    "}",
    "{",
    '"',
    "@string{s = {v}}",
    "author = s,",
    "@comment{",
    "\n",
    " and ",
    "@",
    "=",
    ",",
    "\x00",
    "\xe9",
    "%",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(BIB_PIECES), max_size=15) | st.lists(st.text(max_size=30), max_size=3)
)
def test_arbitrary_text_gives_a_bibliography_or_a_bibliography_error(parts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        write(root, "".join(parts).encode("utf-8", "surrogatepass"))
        try:
            bibliography = load_bibliography(root / "references.bib", root)
        except BibliographyError as error:
            assert error.problems and all(p.location.line >= 1 for p in error.problems)
        else:
            for reference in bibliography:
                format_reference(reference)
