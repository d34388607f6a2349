"""The real-page corpus (tests/consistency/real) is well formed: every label names text that is in its
page, ids are unique, spans do not overlap, pairs join two pages of one measure, and the halves are
split by subject area. It checks the labels only; it never runs the extractor on these pages."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path

import pytest

REAL = Path(__file__).parent / "real"
AREAS = sorted(p for p in REAL.iterdir() if p.is_dir())
KINDS = {"count", "percent", "money", "ratio", "duration", "age", "rank", "frequency", "number"}
HEDGES = {"over", "at least", "almost", "up to", "less than", "approximately", "none"}


def labels(area: Path) -> dict:
    return tomllib.loads((area / "labels.toml").read_text(encoding="utf-8"))


def span(page_text: str, text: str, occurrence: int) -> tuple[int, int]:
    """Character span of the occurrence-th appearance of text; -1 start when it is missing."""
    start = -1
    for _ in range(occurrence):
        start = page_text.find(text, start + 1)
        if start < 0:
            return -1, -1
    return start, start + len(text)


def test_corpus_size_and_halves():
    halves = {area.name: labels(area)["half"] for area in AREAS}
    pages = sum(len(list(area.glob("*.txt"))) for area in AREAS)
    assert len(AREAS) >= 12 and pages >= 160
    assert set(halves.values()) <= {"dev", "test", "holdout"}
    counts = {half: list(halves.values()).count(half) for half in ("dev", "test", "holdout")}
    assert counts == {"dev": 19, "test": 3, "holdout": 3}
    assert not {"migraine", "diabetes", "cybersecurity"} & set(halves)


TUNED_ON = {"hypertension", "credit-card-debt", "email-marketing", "sleep", "solar", "student-debt",
            "asthma", "alzheimers", "pet-ownership",
            "hearing-loss", "smoking", "seo",
            "osteoporosis", "medical-debt", "video-marketing", "plastic-recycling", "adhd", "remote-work",
            "retirement-savings",
            "migraine", "diabetes", "cybersecurity"}


def test_test_half_is_new_subjects_of_ten_pages_or_more():
    """The fresh test half (the fourth: autism, cart-abandonment, lyme-disease) repeats no subject tuned on or held
    out, each area 10-13 pages."""
    test = [area for area in AREAS if labels(area)["half"] == "test"]
    holdout = {area.name for area in AREAS if labels(area)["half"] == "holdout"}
    assert len(test) == 3
    assert not (TUNED_ON | holdout) & {area.name for area in test}
    for area in test:
        pages = sorted(area.glob("*.txt"))
        assert 10 <= len(pages) <= 13, area.name
        sources = [page.read_text(encoding="utf-8").partition("\n")[0].split("/")[2] for page in pages]
        assert len(set(sources)) == len(pages), f"{area.name}: one page per publisher"
        assert labels(area).get("pair"), f"{area.name}: a test area needs labelled disagreements"


def test_holdout_half_is_new_subjects_of_eight_pages_or_more():
    """The holdout half (issue 9's second held-out set) repeats no subject of the other halves."""
    holdout = [area for area in AREAS if labels(area)["half"] == "holdout"]
    assert not TUNED_ON & {area.name for area in holdout}
    for area in holdout:
        assert 8 <= len(list(area.glob("*.txt"))) <= 12, area.name
        assert labels(area).get("pair"), f"{area.name}: a held-out area needs labelled disagreements"


@pytest.mark.parametrize("area", AREAS, ids=lambda p: p.name)
def test_pages_start_with_their_source(area: Path):
    for page in sorted(area.glob("*.txt")):
        first, _, body = page.read_text(encoding="utf-8").partition("\n")
        assert first.startswith("source: http") and " " not in first[len("source: "):], page.name
        assert body.strip(), page.name


@pytest.mark.parametrize("area", AREAS, ids=lambda p: p.name)
def test_figures_name_text_of_their_page(area: Path):
    data = labels(area)
    assert data["area"] == area.name
    pages = {p.name: p.read_text(encoding="utf-8") for p in area.glob("*.txt")}
    ids: set[str] = set()
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for figure in data["figure"]:
        fid = figure["id"]
        assert fid not in ids, fid
        ids.add(fid)
        assert fid.startswith(f"p{figure['page'][:2]}-f"), fid
        assert figure["kind"] in KINDS and figure["hedge"] in HEDGES, fid
        assert ("value" in figure) != ("low" in figure and "high" in figure), fid
        text = pages[figure["page"]]
        occurrence = figure.get("occurrence", 1)
        if text.count(figure["text"]) > 1:
            assert "occurrence" in figure, f"{fid}: text repeats in the page, say which occurrence"
        start, end = span(text, figure["text"], occurrence)
        assert start >= 0, f"{fid}: {figure['text']!r} not in {figure['page']}"
        spans.setdefault(figure["page"], []).append((start, end, fid))
    assert set(spans) == set(pages), "every page carries at least one labelled figure"
    for page, page_spans in spans.items():
        page_spans.sort()
        for (_, end, left), (start, _, right) in zip(page_spans, page_spans[1:]):
            assert start >= end, f"{page}: {left} and {right} overlap"


@pytest.mark.parametrize("area", AREAS, ids=lambda p: p.name)
def test_pairs_join_two_pages_of_one_measure(area: Path):
    data = labels(area)
    figures = {f["id"]: f for f in data["figure"]}
    seen: set[frozenset[str]] = set()
    for pair in data.get("pair", []):
        a, b = figures[pair["a"]], figures[pair["b"]]
        assert a["page"] != b["page"] and a["measure"] == b["measure"], pair
        key = frozenset((pair["a"], pair["b"]))
        assert key not in seen, pair
        seen.add(key)


def _real_benchmark():
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "consistency_real.py"
    spec = importlib.util.spec_from_file_location("consistency_real", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_scorer_matches_figures_and_pairs_by_span(tmp_path: Path):
    """The benchmark's scoring on a two-page area: the seed's 42M vs 49M is one true pair."""
    (tmp_path / "01-a.txt").write_text("source: https://example.org/a\n"
                                       "Approximately 42 million Americans have migraine.\n", encoding="utf-8")
    (tmp_path / "02-b.txt").write_text("source: https://example.org/b\n"
                                       "Almost 49 million people in the United States have migraine.\n", encoding="utf-8")
    (tmp_path / "labels.toml").write_text(
        'area = "tmp"\nhalf = "dev"\n'
        '[[figure]]\nid = "p01-f1"\npage = "01-a.txt"\ntext = "Approximately 42 million Americans"\n'
        'kind = "count"\nvalue = 42000000\nhedge = "approximately"\nmeasure = "us-migraine"\n'
        '[[figure]]\nid = "p02-f1"\npage = "02-b.txt"\ntext = "Almost 49 million people"\n'
        'kind = "count"\nvalue = 49000000\nhedge = "almost"\nmeasure = "us-migraine"\n'
        '[[pair]]\na = "p01-f1"\nb = "p02-f1"\n', encoding="utf-8")
    bench = _real_benchmark()
    data, labels = bench.load_labels(tmp_path)
    assert labels["p02-f1"].span[0] == len("source: https://example.org/b\n")
    figures = bench.score_figures(tmp_path, labels)
    assert (figures.labelled, figures.found, figures.matched, figures.value_agrees) == (2, 2, 2, 2)
    pairs = bench.score_pairs(tmp_path, data, labels)
    assert (pairs.expected, pairs.predicted, pairs.true_predicted, pairs.found_expected) == (1, 1, 1, 1)


def _area(root: Path, name: str, half: str, sentence: str) -> None:
    """A one-page area whose only figure is labelled and paired with nothing."""
    area = root / name
    area.mkdir()
    (area / "01-a.txt").write_text(f"source: https://example.org/{name}\n{sentence}\n", encoding="utf-8")
    (area / "labels.toml").write_text(
        f'area = "{name}"\nhalf = "{half}"\n[[figure]]\nid = "p01-f1"\npage = "01-a.txt"\n'
        f'text = "{sentence.partition(" have")[0]}"\nkind = "count"\nvalue = 42000000\nhedge = "approximately"\n'
        f'measure = "m"\n', encoding="utf-8")


def test_scorer_scores_only_the_dev_half_unless_asked(tmp_path: Path, monkeypatch, capsys):
    _area(tmp_path, "alpha", "dev", "Approximately 42 million Americans have migraine.")
    _area(tmp_path, "omega", "holdout", "About 42 million adults have allergies. Nearly 8 in 10 of them sneeze.")
    bench = _real_benchmark()
    monkeypatch.setattr(bench, "REAL", tmp_path)
    assert bench.main([]) == 0
    unscored = capsys.readouterr().out
    assert "| alpha (dev)" in unscored and "| **dev half**" in unscored
    assert "omega" not in unscored and "| **holdout half**" not in unscored and "8 in 10" not in unscored
    assert "(holdout half: not scored; --scores-unseen scores it" in unscored


def test_scorer_prints_holdout_rows_and_hides_its_details_unless_asked(tmp_path: Path, monkeypatch, capsys):
    _area(tmp_path, "alpha", "dev", "Approximately 42 million Americans have migraine.")
    _area(tmp_path, "omega", "holdout", "About 42 million adults have allergies. Nearly 8 in 10 of them sneeze.")
    bench = _real_benchmark()
    monkeypatch.setattr(bench, "REAL", tmp_path)
    assert bench.main(["--scores-unseen"]) == 0
    hidden = capsys.readouterr().out
    assert "| omega (holdout)" in hidden and "| **holdout half**" in hidden and "| **dev half**" in hidden
    assert "=== alpha (dev) ===" in hidden and "=== omega (holdout) ===" not in hidden
    assert "Nearly 8 in 10" not in hidden  # the holdout page's spurious figure stays unseen
    assert "(holdout half: scores only; --show-holdout prints its details)" in hidden
    assert bench.main(["--show-holdout"]) == 0
    shown = capsys.readouterr().out
    assert "=== omega (holdout) ===" in shown and "(holdout half: scores only" not in shown
    assert "8 in 10" in shown
