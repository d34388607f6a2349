"""The development corpus (corpus.toml), one test per sentence."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from typing import Any

import pytest

from claimstrack.figures import extract_figures, scan_numbers
from claimstrack.model import Figure

CASES: list[dict[str, Any]] = tomllib.loads(
    (Path(__file__).with_name("corpus.toml")).read_text(encoding="utf-8"))["case"]

ALWAYS = ("value", "low", "high")
IF_GIVEN = ("text", "unit", "subject", "low_inclusive", "high_inclusive")


def _same(got: Any, want: Any) -> bool:
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        return got is not None and math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-6)
    return got == want


def _differences(figure: Figure, expected: dict[str, Any]) -> list[str]:
    wrong = []
    for key in ALWAYS:
        if not _same(getattr(figure, key), expected.get(key)):
            wrong.append(f"{key}: got {getattr(figure, key)!r}, want {expected.get(key)!r}")
    for key, default in (("kind", None), ("hedge", "none")):
        if getattr(figure, key) != expected.get(key, default):
            wrong.append(f"{key}: got {getattr(figure, key)!r}, want {expected.get(key, default)!r}")
    for key in IF_GIVEN:
        if key in expected and not _same(getattr(figure, key), expected[key]):
            wrong.append(f"{key}: got {getattr(figure, key)!r}, want {expected[key]!r}")
    return wrong


def test_corpus_is_large_and_ids_are_unique() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) >= 150
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_sentence_reads_as_expected(case: dict[str, Any]) -> None:
    figures = extract_figures(case["sentence"])
    expected = case["figures"]
    assert [f.text for f in figures] and len(figures) == len(expected) or not expected and not figures, (
        f"got {[f.text for f in figures]}")
    problems = [f"figure {i} {figure.text!r}: {wrong}"
                for i, (figure, want) in enumerate(zip(figures, expected))
                for wrong in _differences(figure, want)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.get("skipped")], ids=[c["id"] for c in CASES if c.get("skipped")])
def test_numbers_set_aside_with_reason(case: dict[str, Any]) -> None:
    mentions = scan_numbers(case["sentence"])
    for text, reason in case["skipped"]:
        matching = [m for m in mentions if m.text == text]
        assert matching, f"no mention {text!r} in {[m.text for m in mentions]}"
        assert matching[0].figure is None
        assert matching[0].reason == reason
