"""Word documents: paragraphs as lines, figures at their paragraph and column, bad files named."""

from __future__ import annotations

import io
import zipfile

import pytest

from claimstrack.documents import read_document
from claimstrack.engine import check
from claimstrack.errors import DocumentError

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(*paragraphs: str, body: str | None = None, story: bytes | None = None) -> bytes:
    """A minimal .docx: each paragraph one <w:p>, its text split over two runs."""
    if story is None:
        if body is None:
            body = "".join(
                f"<w:p><w:r><w:t>{p[: len(p) // 2]}</w:t></w:r><w:r><w:t xml:space=\"preserve\">{p[len(p) // 2 :]}</w:t></w:r></w:p>"
                for p in paragraphs
            )
        story = f'<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>'.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", story)
    return buffer.getvalue()


def test_paragraphs_are_lines_and_positions_are_paragraph_and_column(tmp_path):
    path = tmp_path / "copy.docx"
    path.write_bytes(docx("Why choose us", "Over 92% of patients reported relief.", "Call today."))
    document = read_document(path, "copy.docx")
    assert document.text == "Why choose us\n\nOver 92% of patients reported relief.\n\nCall today."
    start = document.text.index("Over 92%")
    span = document.source_span(start, start + len("Over 92%"))
    assert (span.line, span.column, span.end_column) == (2, 1, 9)
    assert document.sentence_text(start) == "Over 92% of patients reported relief."


def test_tables_tabs_and_breaks(tmp_path):
    body = ("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Prevalence</w:t></w:r></w:p></w:tc>"
            "<w:tc><w:p><w:r><w:t>12%</w:t><w:tab/><w:t>of adults</w:t><w:br/><w:t>in the US</w:t></w:r></w:p></w:tc>"
            "</w:tr></w:tbl>")
    path = tmp_path / "t.docx"
    path.write_bytes(docx(body=body))
    assert read_document(path).text == "Prevalence\n\n12%\tof adults in the US"


def test_check_reads_docx_in_content(tmp_path):
    (tmp_path / "claimstrack.toml").write_text("today = 2026-11-21\n")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "deck.docx").write_bytes(docx("Headline", "Almost 49 million people in the US have migraine."))
    findings = [(f.path, f.code, f.line, f.column) for f in check(root=tmp_path).findings]
    assert ("content/deck.docx", "CT101", 2, 1) in findings


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04 not really a zip", "not a valid .docx file"),
        (b"plain text", "not a valid .docx file"),
        (None, "no word/document.xml"),
        (docx(story=b"<w:document"), "not well-formed XML"),
        (docx(story=b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'), "declares a DTD"),
    ],
)
def test_bad_docx_files_are_named_with_what_is_wrong(tmp_path, content, message):
    if content is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("other.xml", "<x/>")
        content = buffer.getvalue()
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as raised:
        read_document(path, "bad.docx")
    assert message in raised.value.problems[0].message
    assert str(raised.value.problems[0].location) == "bad.docx:1:1"
