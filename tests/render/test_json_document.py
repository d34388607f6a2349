"""The JSON the listing commands print (claims list/show, measures, figures) is one encoder
that refuses what JSON cannot hold."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from claimstrack import load_library
from claimstrack.render._common import json_document
from claimstrack.render.claims import render_claim_json, render_claims_json

REPO_ROOT = Path(__file__).resolve().parents[2]


def _strict(text: str) -> object:
    def refuse(name: str) -> object:
        raise AssertionError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_a_value_that_is_not_a_finite_number_is_refused(value: float) -> None:
    with pytest.raises(ValueError, match="JSON compliant"):
        json_document({"value": value})


def test_a_document_is_indented_and_keeps_non_ascii_text() -> None:
    assert json_document({"text": "≥ 50 %"}) == '{\n  "text": "≥ 50 %"\n}\n'


def test_the_worked_example_claims_list_as_strict_json() -> None:
    library = load_library(sorted((REPO_ROOT / "claims").glob("*.toml")), REPO_ROOT)
    listed = _strict(render_claims_json(library.claims))
    assert listed == [claim.to_json() for claim in library.claims] and len(listed) >= 2
    first = library.claims[0]
    assert _strict(render_claim_json(first)) == first.to_json()
