"""Every figure a careful reviewer reads in the two seed pages is read the same way."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from claimstrack.figures import extract_figures, scan_numbers

# The seed pages live in ../shared beside the repository (CI always has it there).
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
if not SEEDS.is_dir() and not os.environ.get("CI"):
    pytest.skip("../shared/seeds is not beside the repository", allow_module_level=True)

EXPECTED = json.loads((SEEDS / "figures.json").read_text(encoding="utf-8"))


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


@pytest.mark.parametrize("seed", EXPECTED, ids=[seed["text"] for seed in EXPECTED])
def test_seed_figure_is_read(seed: dict) -> None:
    text = (SEEDS / seed["page"]).read_text(encoding="utf-8")
    start = text.index(seed["text"])
    end = start + len(seed["text"])
    overlapping = [f for f in extract_figures(text) if f.span.start < end and start < f.span.end]
    assert len(overlapping) == 1, overlapping
    figure = overlapping[0]
    assert (_rounded(figure.value), _rounded(figure.low), _rounded(figure.high)) == (
        _rounded(seed["value"]), _rounded(seed["low"]), _rounded(seed["high"]))
    assert (figure.kind, figure.hedge) == (seed["kind"], seed["hedge"])


@pytest.mark.parametrize(
    ("phrase", "reason"),
    [
        ("several million", "vague quantity"),
        ("dozens of medications", "vague quantity"),
        ("one half of the head", "fraction of a single thing"),
        ("one study", "the word one (no quantity)"),
    ],
)
def test_seed_numbers_that_are_not_figures(phrase: str, reason: str) -> None:
    pages = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    start = pages.index(phrase)
    end = start + len(phrase)
    mentions = [m for m in scan_numbers(pages) if start <= m.span.start < end]
    assert mentions and all(m.figure is None for m in mentions)
    assert mentions[0].reason == reason
    assert not [f for f in extract_figures(pages) if f.span.start < end and start < f.span.end]


def test_seed_pages_give_exactly_the_reviewed_figures() -> None:
    for page in sorted({seed["page"] for seed in EXPECTED}):
        text = (SEEDS / page).read_text(encoding="utf-8")
        expected = [seed for seed in EXPECTED if seed["page"] == page]
        assert len(extract_figures(text)) == len(expected)
