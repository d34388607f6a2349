"""A value nested in an indented JSON document, written on its own (`claimstrack.json_text`)."""

from __future__ import annotations

import doctest
import json

import pytest

import claimstrack.json_text
from claimstrack.json_text import nested_json

HOSTILE = {"text": 'say "92%" \\ \n\t\u2028 é 𝟗 </script>', "empty": [], "none": None, "n": [1, 2.5, {}]}


def test_the_docstring_example_holds() -> None:
    assert doctest.testmod(claimstrack.json_text).failed == 0


@pytest.mark.parametrize("depth", [0, 1, 2, 3])
def test_a_nested_value_is_its_text_in_the_whole_document(depth: int) -> None:
    document: object = HOSTILE
    for _ in range(depth):
        document = [document]
    whole = json.dumps(document, indent=2, ensure_ascii=False)
    alone = nested_json(HOSTILE, depth)
    assert alone in whole and whole.count("\n") - alone.count("\n") == 2 * depth


def test_a_number_that_is_not_finite_is_refused() -> None:
    with pytest.raises(ValueError, match="not JSON compliant"):
        nested_json({"value": float("nan")}, 1)
