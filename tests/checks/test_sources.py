"""Local copies of cited sources: text, Markdown and PDF (the pdf extra), for CT107."""

from __future__ import annotations

import pytest

from claimstrack.checks.examples import claim_toml, project, simple_pdf
from claimstrack.engine import check
from claimstrack.sources import SourceUnreadable, find_source, load_source

from .conftest import write_project

PAGE = "Approximately 39 million Americans live with migraine.\n"


def _claims(quote: str) -> str:
    return claim_toml("Approximately 39 million Americans live with migraine",
                      evidence=f'cite = "lipton2007"\nquote = "{quote}"\n')


@pytest.mark.parametrize(
    ("quote", "fires"),
    [("39 million Americans live with migraine.", False), ("Some 39 million Americans have migraine.", True)],
)
def test_quote_is_searched_in_a_pdf_copy(tmp_path, quote, fires):
    pytest.importorskip("pdfminer")
    files = dict(project(PAGE, claims=_claims(quote)).files)
    files["sources/lipton2007.pdf"] = simple_pdf("In all, 39 million Americans live with migraine.")
    write_project(tmp_path, files)
    codes = [f.code for f in check(root=tmp_path).findings]
    assert ("CT107" in codes) is fires


def test_text_copy_wins_over_pdf_and_a_missing_copy_is_not_searched(tmp_path):
    (tmp_path / "k.pdf").write_bytes(simple_pdf("pdf text"))
    (tmp_path / "k.txt").write_text("text copy")
    assert find_source(tmp_path, "k") == tmp_path / "k.txt"
    assert find_source(tmp_path, "other") is None


def test_a_damaged_pdf_is_unreadable_with_its_reason_not_fatal(tmp_path):
    pytest.importorskip("pdfminer")
    broken = tmp_path / "k.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is not a pdf")
    with pytest.raises(SourceUnreadable, match=r"^damaged PDF, cannot be read \("):
        load_source(broken)


def test_hyphenated_line_ends_and_case_do_not_hide_a_quote(tmp_path):
    files = dict(project(PAGE, claims=_claims("39 million Americans live with migraine.")).files)
    files["sources/lipton2007.txt"] = "IN ALL, 39 MILLION AMERI-\nCANS LIVE WITH MIGRAINE.\n"
    write_project(tmp_path, files)
    assert "CT107" not in [f.code for f in check(root=tmp_path).findings]


def test_each_source_copy_is_read_once_per_run(tmp_path, monkeypatch):
    import claimstrack.sources as sources

    (tmp_path / "k.txt").write_text("In ALL, 39 million\nAmericans.")
    reads = []
    real = sources.load_source
    monkeypatch.setattr(sources, "load_source", lambda path, root=None: reads.append(path) or real(path, root))
    copies = sources.SourceCopies(tmp_path)
    first, second = copies.get("k"), copies.get("k")
    assert first == second == (tmp_path / "k.txt", "in all, 39 million americans.")
    assert len(reads) == 1 and copies.get("missing") is None
