"""One reading of a DOI for the bibliography, numbered reference lists, retraction notices and
the report's links (`claimstrack.text.bare_doi`, `doi_key`)."""

from __future__ import annotations

import doctest

import pytest

import claimstrack.text
from claimstrack.report.building import doi_url
from claimstrack.retractions import normalise_doi
from claimstrack.text import bare_doi, doi_key

DOI = "10.1212/01.WNL.0000252808.97649.21"


def test_the_docstring_examples_hold() -> None:
    assert doctest.testmod(claimstrack.text).failed == 0


@pytest.mark.parametrize("written", [
    DOI, f" {DOI} ", f"doi:{DOI}", f"DOI: {DOI}", f"https://doi.org/{DOI}", f"http://dx.doi.org/{DOI}",
    f"HTTPS://DOI.ORG/{DOI}",
])
def test_every_way_of_writing_a_doi_gives_the_doi(written: str) -> None:
    assert bare_doi(written) == DOI
    assert doi_key(written + ".") == doi_key(written) == DOI.lower()
    assert normalise_doi(written) == DOI.lower()
    assert doi_url(written) == f"https://doi.org/{DOI}"


def test_what_is_not_a_doi_gets_no_link_and_no_key() -> None:
    assert doi_url("javascript:alert(1)") is None
    assert normalise_doi("n/a") is None and normalise_doi(None) is None
