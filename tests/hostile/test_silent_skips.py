"""Nothing a gate is given is skipped without a word (issue 13, item 8): deep Markdown, Word
files built to explode, and (below) files the documents setting matches but cannot read."""

from __future__ import annotations

import os
import tracemalloc
import zipfile

import pytest
from project_files import write_project

from claimstrack.documents import parse_document, read_document
from claimstrack.documents.docx import MAX_STORY_BYTES
from claimstrack.engine import check
from claimstrack.errors import DocumentError
from claimstrack.testing import docx_bytes

CONFIG = "today = 2026-11-21\n"


@pytest.mark.parametrize("source", [
    ">" * 20 + " Over 90% of patients agree.\n",
    "".join("  " * i + "- item\n" for i in range(10)) + "  " * 10 + "- Over 90% of patients agree.\n",
    "".join("  " * i + "1. item\n" for i in range(12)) + "   " * 12 + "1. Over 90% of patients agree.\n",
], ids=["20-blockquotes", "10-lists", "12-ordered-lists"])
def test_deeply_nested_markdown_keeps_its_text(tmp_path, source):
    assert "Over 90% of patients agree." in parse_document(source, "p.md", "md").text
    write_project(tmp_path, {"claimstrack.toml": CONFIG, "content/p.md": source})
    assert [f.code for f in check(root=tmp_path).findings] == ["CT101"]


def test_markdown_deeper_than_the_reader_goes_is_reported_not_passed(tmp_path):
    source = "Intro.\n\n" + ">" * 150 + " Over 90% of patients agree.\n"
    with pytest.raises(DocumentError) as raised:
        parse_document(source, "p.md", "md")
    assert "nested too deeply" in str(raised.value) and "p.md:3:1" in str(raised.value)
    write_project(tmp_path, {"claimstrack.toml": CONFIG, "content/p.md": source})
    [finding] = check(root=tmp_path).findings
    assert (finding.code, finding.path, finding.line) == ("CT901", "content/p.md", 3)


def test_nested_word_paragraphs_are_read_once_each(tmp_path):
    # A text box in a text box ...: each paragraph's text once, so the text stays linear.
    depth = 3000
    body = "<w:p><w:r><w:t>Over 90% of patients agree.</w:t></w:r>" * depth + "</w:p>" * depth
    path = tmp_path / "nested.docx"
    path.write_bytes(docx_bytes(body))
    document = read_document(path, "nested.docx")
    assert document.text.count("Over 90% of patients agree.") == depth
    assert len(document.text) < depth * 40


def test_a_word_story_over_the_cap_is_refused_by_its_unpacked_size(tmp_path):
    assert MAX_STORY_BYTES == 8 * 1024 * 1024
    body = "<w:p><w:r><w:t>" + "5% of " * (MAX_STORY_BYTES // 6 + 10) + "</w:t></w:r></w:p>"
    path = tmp_path / "bomb.docx"
    path.write_bytes(docx_bytes(body))
    assert path.stat().st_size < 200_000
    with pytest.raises(DocumentError, match="bytes unpacked; more than 8,388,608 is refused"):
        read_document(path, "bomb.docx")


def test_a_word_story_that_packs_like_a_zip_bomb_is_refused(tmp_path):
    # The file: 245 KB that unpacked to 60 MB of text. Below the cap, the ratio tells.
    body = "<w:p><w:r><w:t>" + "5% of " * 500_000 + "</w:t></w:r></w:p>"
    path = tmp_path / "bomb.docx"
    path.write_bytes(docx_bytes(body))
    with pytest.raises(DocumentError, match="over 100 to one: refused as a zip bomb"):
        read_document(path, "bomb.docx")


def test_a_word_notes_part_that_packs_like_a_zip_bomb_is_refused(tmp_path):
    # The footnotes are read like the story, so they are held to the same packing limit.
    path = tmp_path / "bomb.docx"
    path.write_bytes(docx_bytes('<w:p><w:r><w:t>Over 90% agree.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>',
                                notes="5% of " * 500_000))
    with pytest.raises(DocumentError, match="word/footnotes.xml unpacks from .* over 100 to one: refused as a zip bomb"):
        read_document(path, "bomb.docx")


def test_a_large_word_story_is_read_in_memory_linear_in_its_size(tmp_path):
    paragraph = "<w:p><w:r><w:t>Over 90% of the 25 patients in our clinic agree.</w:t></w:r></w:p>"
    path = tmp_path / "big.docx"
    path.write_bytes(docx_bytes(paragraph * 60_000, compression=zipfile.ZIP_STORED))  # 5 MB of XML, stored
    tracemalloc.start()
    document = read_document(path, "big.docx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert document.text.count("Over 90%") == 60_000
    assert peak < 120 * 1024 * 1024


# ---------------------------------------------------------------------------------------------
# What the documents globs match but cannot read

def _ct901(root) -> dict[str, str]:
    return {f.path: f.message for f in check(root=root).findings if f.code == "CT901"}


def test_every_unreadable_match_of_the_documents_globs_is_reported(tmp_path):
    write_project(tmp_path, {"claimstrack.toml": CONFIG, "content/page.md": "Over 90% agree.\n"})
    content = tmp_path / "content"
    (content / "broken.md").symlink_to(content / "missing.md")
    (content / "loop-a.md").symlink_to(content / "loop-b.md")
    (content / "loop-b.md").symlink_to(content / "loop-a.md")
    os.mkfifo(content / "pipe.md")
    (content / "folder.txt").mkdir()
    (content / "plain-folder").mkdir()
    reported = _ct901(tmp_path)
    assert "a broken symlink" in reported["content/broken.md"]
    assert "a symlink loop" in reported["content/loop-a.md"] and "a symlink loop" in reported["content/loop-b.md"]
    assert "not a regular file (a FIFO)" in reported["content/pipe.md"]
    assert "a folder, not a document" in reported["content/folder.txt"]
    assert "content/plain-folder" not in reported  # "content/**" matches folders; only page-named ones count
    assert all("(matched by the default 'documents')" in message for message in reported.values())


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path, monkeypatch):
    write_project(tmp_path, {"claimstrack.toml": CONFIG, "content/page.md": "Over 90% agree.\n",
                             "content/private/secret.md": "Over 80% agree.\n"})
    private = str(tmp_path / "content" / "private")
    real_scandir = os.scandir

    def scandir(path="."):  # what a folder without read permission does for a user who is not root
        if os.fspath(path) == private:
            raise PermissionError(13, "Permission denied", private)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    reported = _ct901(tmp_path)
    assert "cannot list the folder: permission denied" in reported["content/private"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists any folder")
def test_an_unreadable_folder_is_reported(tmp_path):
    write_project(tmp_path, {"claimstrack.toml": CONFIG, "content/private/secret.md": "Over 80% agree.\n"})
    private = tmp_path / "content" / "private"
    private.chmod(0)
    try:
        reported = _ct901(tmp_path)
    finally:
        private.chmod(0o755)
    assert "cannot list the folder" in reported["content/private"]


def test_a_fifo_inside_a_folder_named_on_the_command_line_is_reported_not_read(tmp_path, cli):
    write_project(tmp_path, {"claimstrack.toml": CONFIG, "content/page.md": "Over 90% agree.\n"})
    os.mkfifo(tmp_path / "content" / "pipe.md")  # reading it would block the run for ever
    code, out, _ = cli(["check", "content"], tmp_path)
    assert "content/pipe.md:1:1: CT901" in out and "not a regular file (a FIFO)" in out


# ---------------------------------------------------------------------------------------------
# Source copies that cannot be read

SOURCE_PROJECT = {
    "claimstrack.toml": CONFIG,
    "references.bib": "@misc{k, title={T}, year={2020}}\n",
    "claims/c.toml": ('schema = 1\n[[claim]]\nid = "a"\ntext = "Over 90% of patients agree"\n'
                      'status = "in-review"\n[[claim.evidence]]\ncite = "k"\nquote = "Over 90% agree."\n'),
    "content/page.md": "Over 90% of patients agree.\n",
}


def test_a_damaged_pdf_source_copy_is_reported_with_its_name_and_the_reader_stays_quiet(tmp_path, capsys):
    pytest.importorskip("pdfminer")
    write_project(tmp_path, {**SOURCE_PROJECT, "sources/k.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntrailer\n"})
    capsys.readouterr()
    reported = _ct901(tmp_path)
    assert "source copy cannot be read: damaged PDF" in reported["sources/k.pdf"]
    assert "quotes and figures citing it are not checked" in reported["sources/k.pdf"]
    assert capsys.readouterr().err == ""  # the PDF reader's own warnings are not printed


def test_a_source_copy_that_is_not_a_file_is_reported(tmp_path):
    write_project(tmp_path, SOURCE_PROJECT)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "k.txt").symlink_to(tmp_path / "sources" / "gone.txt")
    assert "a broken symlink" in _ct901(tmp_path)["sources/k.txt"]
