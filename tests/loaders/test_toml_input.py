"""The TOML input helpers every loader shares: suggestions and positions in a document."""

from __future__ import annotations

import pytest

from claimstrack.toml_input import TomlPositions, suggest


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("reveiw_by", " (did you mean 'review_by'?)"),
        ("fail_on", " (did you mean 'fail-on'?)"),
        ("zzz", ""),
    ],
)
def test_suggest(name: str, expected: str) -> None:
    assert suggest(name, ["review_by", "fail-on", "claims"]) == expected


def test_toml_positions_track_tables_arrays_and_strings() -> None:
    text = (
        'schema = 1 # c\n"a.b" = 2\n[m.x]\nd = """\nk = no\n"""\n[[claim]]\nv = [\n "x = y",\n 3,\n]\n'
        "t = { a = 1, b.c = 'x' }\n[[claim.evidence]]\nn = 1\n[[claim]]\nid = 'b'\n"
    )
    positions = TomlPositions(text)
    assert positions.key(("a.b",)) == (2, 1)
    assert positions.key(("m", "x", "d")) == (4, 1)
    assert ("k",) not in positions.keys and ("m", "x", "k") not in positions.keys
    assert positions.value(("claim", 0, "v", 1)) == (10, 2)
    assert positions.key(("claim", 0, "t", "b", "c")) == (12, 14)
    assert positions.value(("claim", 0, "evidence", 0, "n")) == (14, 5)
    assert positions.key(("claim", 1)) == (15, 1)
    assert positions.key(("claim", 1, "missing")) == (15, 1)
    assert positions.key(("nowhere",)) == (1, 1)
