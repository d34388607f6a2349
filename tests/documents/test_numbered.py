"""Numbered references: marks at figures, the piece's own list, matched to the bibliography."""

from __future__ import annotations

import pytest
from project_files import write_project

from claimstrack.bib import parse_bibliography
from claimstrack.checks.examples import REFERENCE
from claimstrack.documents import parse_document, read_document
from claimstrack.engine import check
from claimstrack.figures import extract_figures
from claimstrack.numbered import ReferenceIndex, resolve_numbered

LIPTON = ("Lipton RB, Bigal ME. Migraine prevalence, disease burden, and the need for preventive therapy. "
          "Neurology. 2007.")


def marks_and_entries(source, name):
    doc = parse_document(source, name, name.rsplit(".", 1)[1])
    return doc, [m.numbers for m in doc.reference_marks], [(e.number, e.text) for e in doc.reference_entries]


def test_markdown_brackets_and_an_ordered_list_under_a_references_heading():
    doc, marks, entries = marks_and_entries(
        f"Over 92% of patients improved [1] and 40% did [2-3].\n\n## References\n\n1. {LIPTON}\n2. Burch R. 2021.\n"
        "3. Stewart WF. 1997.\n", "a.md")
    assert doc.text == "Over 92% of patients improved and 40% did."
    assert marks == [(1,), (2, 3)]
    assert entries == [(1, LIPTON), (2, "Burch R. 2021."), (3, "Stewart WF. 1997.")]
    assert str(doc.reference_marks[0].location) == "a.md:1:31"
    assert str(doc.reference_entries[1].location) == "a.md:6:4"


def test_plain_text_numbered_lines_and_unicode_superscripts():
    doc, marks, entries = marks_and_entries(
        "Over 92%\u00b9 of patients improved; 10\u2076 cells.\n\nReferences\n1. Lipton RB. 2007.\n2. Burch R. 2021.\n",
        "a.txt")
    assert marks == [(1,)]  # 10⁶ is an exponent, not a mark
    assert entries == [(1, "Lipton RB. 2007."), (2, "Burch R. 2021.")]
    assert "References" not in doc.text and "2007" not in doc.text


def test_html_sup_and_bracket_links_and_an_ordered_list():
    doc, marks, entries = marks_and_entries(
        '<p>Over 92% of patients<sup>1</sup> improved; 10<sup>6</sup> cells <a href="#r2">[2]</a>.</p>'
        f'<h2>Sources</h2><ol><li id="r1">{LIPTON}</li><li id="r2">Burch R. Headache. 2021.</li></ol>', "a.html")
    assert doc.text == "Over 92% of patients improved; 10\u2076 cells."  # an exponent, raised as shown
    assert marks == [(1,), (2,)]
    assert [n for n, _ in entries] == [1, 2]


def test_markdown_inline_sup_is_a_mark_and_an_exponent_is_raised():
    doc, marks, entries = marks_and_entries(
        f"About 42%<sup>3</sup> of adults; 10<sup>6</sup> cells.\n\n## References\n\n1. {LIPTON}\n"
        "2. Burch R. 2021.\n3. Stewart WF. 1997.\n", "a.md")
    assert doc.text == "About 42% of adults; 10\u2076 cells."
    assert marks == [(3,)] and [n for n, _ in entries] == [1, 2, 3]
    assert str(doc.reference_marks[0].location) == "a.md:1:15"  # the "3" inside <sup>


@pytest.mark.parametrize(("source", "name"), [
    ("<p>About 42%<sup>3</sup> of adults; 10<sup>6</sup> cells; 1.2 million<sup>1,2</sup> people.</p>", "a.html"),
    ("About 42%<sup>3</sup> of adults; 10<sup>6</sup> cells; 1.2 million<sup>1,2</sup> people.\n", "a.md"),
])
def test_without_a_list_a_sup_numeral_is_raised_not_glued_to_the_figure(source, name):
    doc, marks, _ = marks_and_entries(source, name)
    assert doc.text == "About 42%\u00b3 of adults; 10\u2076 cells; 1.2 million\u00b9,\u00b2 people."
    assert marks == []
    figures = [(f.text, f.value, f.kind) for f in extract_figures(doc.text)]
    assert figures == [("About 42%\u00b3 of adults", 42.0, "percent"), ("10\u2076 cells", 1e6, "count"),
                       ("1.2 million\u00b9,\u00b2 people", 1.2e6, "count")]
    start = doc.text.index("10\u2076")  # the raised digit still maps to the source's "6"
    source_start, source_end = doc.source_range(start, start + 3)
    assert doc.source[source_start:source_end] == "10<sup>6"


def test_without_a_reference_list_nothing_is_read_as_a_mark():
    doc, marks, entries = marks_and_entries("Over 92% of patients improved [1].\n", "a.md")
    assert (marks, entries) == ([], []) and "[1]" in doc.text


def test_a_pdf_footnote_mark_and_its_list(tmp_path):
    pytest.importorskip("pdfminer")
    pytest.importorskip("reportlab")
    from pdf_factory import Text, make_pdf

    page = [Text(72, 700, "Over 92% of patients improved.", superscript="1"),
            Text(72, 640, "References", size=12),
            Text(72, 620, f"1. {LIPTON[:60]}", size=8), Text(72, 608, LIPTON[60:], size=8)]
    path = tmp_path / "b.pdf"
    path.write_bytes(make_pdf([page]))
    doc = read_document(path)
    assert [m.numbers for m in doc.reference_marks] == [(1,)]
    assert [e.number for e in doc.reference_entries] == [1] and "Neurology. 2007." in doc.reference_entries[0].text
    assert doc.text == "Over 92% of patients improved."


BIB = parse_bibliography(REFERENCE + "\n@article{burch2021,\n  author = {Burch, Rebecca},\n  title = {Migraine and "
                         "severe headache in the United States: updated age, sex and socioeconomic-specific "
                         "estimates},\n  journal = {Headache},\n  year = {2021},\n  pmid = {33349955},\n}\n",
                         "references.bib")


@pytest.mark.parametrize(
    ("entry", "key", "how"),
    [
        ("Anyone. doi:10.1212/01.WNL.0000252808.97649.21.", "lipton2007", "doi"),
        ("Burch R et al. Headache. 2021. PMID: 33349955", "burch2021", "pmid"),
        (LIPTON, "lipton2007", "title"),
        ("Lipton RB. Migraine prevalence, burden, and the need for therapy. Neurology. 2007.", "lipton2007",
         "title, low confidence"),
        ("Lipton RB. Migraine prevalence, disease burden, and the need for preventive therapy. 2011.", None, None),
        ("Smith J. Something else entirely. Lancet. 2019.", None, None),
    ],
)
def test_entries_match_by_doi_pmid_or_title(entry, key, how):
    doc = parse_document(f"Over 92% improved [1].\n\n## References\n\n1. {entry}\n", "a.md", "md")
    resolved = resolve_numbered(doc, ReferenceIndex(BIB))
    (matched,) = resolved.reference_entries
    assert (matched.key, matched.how) == (key, how)
    assert [c.key for c in resolved.citations] == ([key] if key else [])


def _project(tmp_path, page, name="content/page.md", extra=None):
    return write_project(tmp_path, {"claimstrack.toml": "today = 2026-11-21\n", name: page,
                                    "references.bib": REFERENCE, **(extra or {})})


def test_a_figure_with_a_matched_mark_is_cited_and_checked_against_the_source_copy(tmp_path):
    page = f"Over 92% of patients improved [1].\n\n## References\n\n1. {LIPTON}\n"
    report = check(root=_project(tmp_path, page, extra={"sources/lipton2007.txt": "Improvement: 75% of patients.\n"}))
    assert [f.code for f in report.findings] == ["CT108"]  # cited, and the copy does not state it
    assert report.occurrences[0].cites == ("lipton2007",)


def test_findings_for_unmatched_entries_missing_entries_unused_entries_and_loose_matches(tmp_path):
    page = ("Over 92% of patients improved [1]. Costs rose 5% [4]. Half slept better [3].\n\n## References\n\n"
            f"1. {LIPTON}\n2. Smith J. Unused work. 2019.\n"
            "3. Lipton RB. Migraine prevalence, burden, and the need for therapy. Neurology. 2007.\n")
    findings = check(root=_project(tmp_path, page)).findings
    found = sorted((f.code, f.line) for f in findings if f.code.startswith("CT11"))
    assert found == [("CT113", 6), ("CT114", 1), ("CT115", 6), ("CT116", 7)]
    by_code = {f.code: f.message for f in findings}
    assert by_code["CT114"] == "reference mark [4] has no entry in the piece's reference list (it has 3)"
    assert "matched to lipton2007 by its title with low confidence (score 77.9)" in by_code["CT116"]
    assert [f.figure for f in findings if f.code == "CT101"] == ["5%"]


def test_the_worked_example_page_citing_by_number():
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    report = check([repo / "print/migraine-numbers-numbered.html"], root=repo)
    page = [f for f in report.findings if f.path.startswith("print/")]
    assert page == []
    (doc,) = report.documents
    assert [(e.number, e.key, e.how) for e in doc.reference_entries] == [
        (1, "lipton2007", "doi"), (2, "gbd2016headache2018", "pmid"), (3, "bigal2006", "title")]
    assert {o.figure.text: o.cites for o in report.occurrences}["17.1% of women"] == ("lipton2007",)


def test_word_footnotes_and_endnotes_are_the_numbered_list(tmp_path):
    import io
    import zipfile

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    story = (f'<w:document {w}><w:body><w:p><w:r><w:t>Over 92% of patients improved.</w:t></w:r>'
             '<w:r><w:footnoteReference w:id="2"/></w:r></w:p>'
             '<w:p><w:r><w:t>Half slept better.</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r></w:p>'
             '</w:body></w:document>')
    footnotes = (f'<w:footnotes {w}><w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>'
                 f'<w:footnote w:id="2"><w:p><w:r><w:t>{LIPTON}</w:t></w:r></w:p></w:footnote></w:footnotes>')
    endnotes = (f'<w:endnotes {w}><w:endnote w:id="1"><w:p><w:r><w:t>Smith J. Sleep. 2019.</w:t></w:r></w:p>'
                '</w:endnote></w:endnotes>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", story)
        archive.writestr("word/footnotes.xml", footnotes)
        archive.writestr("word/endnotes.xml", endnotes)
    root = _project(tmp_path, "", extra={"content/deck.docx": buffer.getvalue()})
    report = check(root=root)
    (doc,) = [d for d in report.documents if d.path == "content/deck.docx"]
    assert doc.text == "Over 92% of patients improved.\n\nHalf slept better."
    assert [(e.number, e.key) for e in doc.reference_entries] == [(1, "lipton2007"), (2, None)]
    assert {o.figure.text: o.cites for o in report.occurrences}["Over 92% of patients"] == ("lipton2007",)
    assert [(f.code, f.path, f.line) for f in report.findings if f.code == "CT113"] == [("CT113", "content/deck.docx", 5)]


# Every wording `_HEADING` accepts, as an ASCII page writes it: such a page is first screened
# for a heading word (`_HEADING_WORDS`, a hand copy of the regex's words), so a word the copy
# lost would hide that page's whole reference list.
@pytest.mark.parametrize("heading", ["References", "Reference", "Sources", "Source", "BIBLIOGRAPHY", "Notes",
                                     "Endnotes", "Footnotes", "Citations", "Literature", "Literature Cited",
                                     "Works cited", "2. References:"])
def test_every_reference_list_heading_is_found_on_an_ascii_page(heading):
    _, marks, entries = marks_and_entries(
        f"Over 92% of patients improved [1].\n\n{heading}\n1. Lipton RB. 2007.\n", "a.txt")
    assert (marks, entries) == ([(1,)], [(1, "Lipton RB. 2007.")]), heading
