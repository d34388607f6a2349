"""Nothing a gate is given is skipped without a word (issue 13, item 8): deep Markdown, Word
files built to explode, and (below) files the documents setting matches but cannot read."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from project_files import write_project

from claimstrack.documents import parse_document, read_document
from claimstrack.documents.docx import MAX_STORY_BYTES
from claimstrack.engine import check
from claimstrack.errors import DocumentError

CONFIG = "today = 2026-11-21\n"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_bytes(body: str) -> bytes:
    story = f'<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", story)
    return buffer.getvalue()


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
    assert MAX_STORY_BYTES == 16 * 1024 * 1024
    body = "<w:p><w:r><w:t>" + "5% of " * (MAX_STORY_BYTES // 6 + 10) + "</w:t></w:r></w:p>"
    path = tmp_path / "bomb.docx"
    path.write_bytes(docx_bytes(body))
    assert path.stat().st_size < 200_000
    with pytest.raises(DocumentError, match="bytes unpacked; more than 16,777,216 is refused"):
        read_document(path, "bomb.docx")


def test_a_large_word_story_is_read_in_memory_linear_in_its_size(tmp_path):
    paragraph = "<w:p><w:r><w:t>Over 90% of the 25 patients in our clinic agree.</w:t></w:r></w:p>"
    path = tmp_path / "big.docx"
    path.write_bytes(docx_bytes(paragraph * 60_000))  # 5 MB of XML
    tracemalloc.start()
    document = read_document(path, "big.docx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert document.text.count("Over 90%") == 60_000
    assert peak < 120 * 1024 * 1024
