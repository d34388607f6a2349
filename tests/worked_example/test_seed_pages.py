"""The two seed pages, checked with no claims library: every reviewer's figure is unsupported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from claimstrack.engine import check
from claimstrack.positions import LineIndex

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "seeds"
# The seed pages are kept in content/ under readable names.
PAGES = {
    "000_5925df83a11c6631.txt": "new-advances-refractory-chronic-migraine.txt",
    "002_de2b2918cc2ef209.txt": "ketamine-infusion-migraines.txt",
}
SEED_FIGURES = json.loads((SHARED / "figures.json").read_text()) if (SHARED / "figures.json").exists() else []


@pytest.fixture(scope="module")
def bare_report(tmp_path_factory):
    root = tmp_path_factory.mktemp("bare")
    (root / "content").mkdir()
    for name in PAGES.values():
        shutil.copy(REPO / "content" / name, root / "content" / name)
    (root / "claimstrack.toml").write_text("today = 2026-11-21\n")
    return check(root=root)


def test_seed_pages_in_content_are_the_shared_seeds():
    if not SHARED.exists():
        pytest.skip("../shared is not beside the repository")
    for seed, name in PAGES.items():
        assert (REPO / "content" / name).read_text() == (SHARED / seed).read_text()


@pytest.mark.parametrize("seed", SEED_FIGURES, ids=lambda s: s["text"])
def test_every_seed_figure_is_reported_unsupported_at_its_position(seed, bare_report):
    path = "content/" + PAGES[seed["page"]]
    source = (REPO / path).read_text()
    start = source.index(seed["text"])
    end = start + len(seed["text"])
    index = LineIndex(source)
    line, _ = index.position(start)
    hits = [
        f for f in bare_report.findings
        if f.code == "CT101" and f.path == path and f.line == line
        and index.offset(f.line, f.column) < end and index.offset(f.end_line, f.end_column) > start
    ]
    assert hits, f"no CT101 for {seed['text']!r} at {path}:{line}"


def test_probable_inconsistency_42m_vs_49m_without_library(bare_report):
    inferred = [f for f in bare_report.findings if f.code == "CT210"]
    pair = [f for f in inferred if "42 million" in (f.figure or "") or "49 million" in (f.figure or "")]
    assert pair, "the 42M vs 49M disagreement is not reported"
    finding = pair[0]
    places = {finding.path, *(r.path for r in finding.related)}
    assert places == {"content/" + n for n in PAGES.values()}
