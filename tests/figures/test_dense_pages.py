"""Statistics listicles are prose however many numbers they hold; number dumps are not."""

from __future__ import annotations

from claimstrack.figures import extract_figures, scan_numbers

# Thirty short statistics in about a kilobyte: the shape of a "50 stats you need" page.
_ITEMS = [
    f"{n}. About {n + 20}% of shoppers open offers from {n + 3} brands a week."
    for n in range(1, 16)
]
LISTICLE = "\n".join(_ITEMS)


def test_statistics_listicle_is_read_as_prose() -> None:
    assert len(LISTICLE) < 1200
    percents = [f for f in extract_figures(LISTICLE) if f.kind == "percent"]
    assert [f.value for f in percents] == [n + 20.0 for n in range(1, 16)]
    assert not [m for m in scan_numbers(LISTICLE) if m.reason == "not prose (too many numbers)"]


def test_number_dump_is_still_not_prose() -> None:
    dump = " ".join(str(n) for n in range(300))
    reasons = {m.reason for m in scan_numbers(dump)}
    assert "not prose (too many numbers)" in reasons
    assert len(extract_figures(dump)) <= 24 * (len(dump) // 1024 + 1)


def test_a_number_cut_by_a_block_edge_is_not_read_in_half() -> None:
    dump = " ".join(["7"] * 600)[:1022] + " 40 times better"
    assert all(f.value != 0 for f in extract_figures(dump))
