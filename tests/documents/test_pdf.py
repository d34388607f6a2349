"""PDF pages: read page by page into lines, positions by page and line, bad PDFs refused."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("pdfminer")
pytest.importorskip("reportlab")

from pdf_factory import Column, Text, lines, make_pdf  # noqa: E402

from claimstrack.checks.examples import simple_pdf  # noqa: E402
from claimstrack.cli import main  # noqa: E402
from claimstrack.documents import pdf as pdf_module  # noqa: E402
from claimstrack.documents import read_document  # noqa: E402
from claimstrack.engine import check  # noqa: E402
from claimstrack.errors import DocumentError  # noqa: E402
from claimstrack.figures import extract_figures  # noqa: E402
from claimstrack.report import render_report  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bounded_inputs import pdf_bomb  # noqa: E402

TWO_COLUMNS = [
    lines(72, 700, ["Migraine is common. In the trial, over 92",
                    "% of patients improved within a week of treat-",
                    "ment. The rest did not."])
    + lines(330, 700, ["Costs are high: they reached",
                       "$36 billion a year in the United States."]),
    [Text(72, 700, "About 39 million Americans live with migraine.")],
]


def figures_of(document):
    return [f.text for f in extract_figures(document.text)]


def write(tmp_path, name, raw):
    path = tmp_path / name
    path.write_bytes(raw)
    return path


def test_two_columns_are_read_column_by_column_with_split_figures_and_hyphens_joined(tmp_path):
    doc = read_document(write(tmp_path, "brochure.pdf", make_pdf(TWO_COLUMNS, footer="Acme Pharma 2026")))
    assert doc.format == "pdf" and doc.pages == (6, 2)
    assert "over 92% of patients improved within a week of treatment. The rest did not." in doc.text
    assert "Costs are high: they reached $36 billion a year" in doc.text
    assert doc.text.index("The rest did not") < doc.text.index("Costs are high")  # left column first
    assert figures_of(doc) == ["over 92% of patients", "$36 billion a year", "About 39 million Americans"]


def test_positions_give_the_page_and_the_line_within_it(tmp_path):
    doc = read_document(write(tmp_path, "brochure.pdf", make_pdf(TWO_COLUMNS, footer="Acme Pharma 2026")))
    where = {}
    for figure in extract_figures(doc.text):
        span = doc.source_span(figure.span.start, figure.span.end)
        where[figure.text] = (doc.page_position(span.line), span.column)
    assert where["over 92% of patients"] == ((1, 1), 35)
    assert where["$36 billion a year"] == ((1, 5), 1)
    assert where["About 39 million Americans"] == ((2, 1), 1)


def test_repeated_footer_and_page_numbers_are_not_figures(tmp_path):
    pages = [[Text(72, 700, f"Section {n} text.")] + [Text(300, 30, str(n))] for n in range(1, 4)]
    doc = read_document(write(tmp_path, "a.pdf", make_pdf(pages, footer="Acme Pharma 2026, ref 12345")))
    assert "Acme" not in doc.text and "12345" not in doc.text
    assert "Acme Pharma 2026, ref 12345 | page 2 of 3" in doc.source  # still in the positions
    assert figures_of(doc) == []


def test_a_line_near_the_edge_on_one_page_only_is_kept(tmp_path):
    pages = [[Text(72, 700, "Intro.")], [Text(72, 40, "Over 40% of adults snore.")]]
    doc = read_document(write(tmp_path, "a.pdf", make_pdf(pages)))
    assert figures_of(doc) == ["Over 40% of adults"]


def test_a_table_is_read_row_by_row(tmp_path):
    rows = [("Outcome", "Placebo", "Treatment"), ("Responders", "21%", "47%"), ("Days lost", "6.1", "3.2")]
    items = [Text(72 + 150 * col, 700 - 20 * row, cell) for row, cells in enumerate(rows) for col, cell in enumerate(cells)]
    doc = read_document(write(tmp_path, "t.pdf", make_pdf([items])))
    found = figures_of(doc)
    assert "21%" in found and "47%" in found


def test_a_footnote_mark_is_not_part_of_the_figure_and_the_footnote_is_read(tmp_path):
    page = [Text(72, 700, "Over 92% of patients improved.", superscript="1"),
            Text(72, 80, "1. Lipton RB et al. Neurology 2007;68(5):343-9.", size=8)]
    doc = read_document(write(tmp_path, "f.pdf", make_pdf([page])))
    assert "improved.1" not in doc.text and "Over 92% of patients improved." in doc.text
    assert "Lipton RB" in doc.text


def test_a_pdf_is_never_read_as_text_and_a_page_size_is_no_figure(tmp_path):
    (tmp_path / "claimstrack.toml").write_text('documents = ["content/**/*.pdf"]\ntoday = 2026-11-21\n')
    (tmp_path / "content").mkdir()
    (tmp_path / "content/a.pdf").write_bytes(simple_pdf("Migraine is common."))
    report = check(root=tmp_path)
    assert [f.code for f in report.findings] == []
    assert "612" not in report.documents[0].text


def test_check_reports_pages_in_text_json_and_sarif(tmp_path, capsys):
    (tmp_path / "claimstrack.toml").write_text("today = 2026-11-21\n")
    # run from the repository: the PDF lies outside that project root, so it is read on request
    pdf = write(tmp_path, "brochure.pdf", make_pdf(TWO_COLUMNS, footer="Acme Pharma 2026"))
    assert main(["check", "--allow-outside-root", str(pdf), "--format", "json"]) == 1
    findings = {f["figure"]: f for f in json.loads(capsys.readouterr().out) if f["code"] == "CT101"}
    assert (findings["About 39 million Americans"]["page"], findings["About 39 million Americans"]["page_line"]) == (2, 1)
    assert findings["About 39 million Americans"]["line"] == 7  # lines counted through all pages
    main(["check", "--allow-outside-root", str(pdf)])
    assert f"{pdf}:p2:1:1: CT101" in capsys.readouterr().out
    main(["check", "--allow-outside-root", str(pdf), "--format", "sarif"])
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in results]
    assert {"startLine": 7, "startColumn": 1, "endLine": 7, "endColumn": 27,
            "properties": {"page": 2, "pageLine": 1}} in regions
    main(["figures", "--allow-outside-root", str(pdf), "--format", "json"])
    figures = json.loads(capsys.readouterr().out)
    assert [(f["page"], f["page_line"]) for f in figures] == [(1, 1), (1, 5), (2, 1)]
    main(["figures", "--allow-outside-root", str(pdf)])
    assert f"{pdf}:p2:1:1" in capsys.readouterr().out


def test_the_html_report_shows_each_page_under_its_number(tmp_path):
    (tmp_path / "claimstrack.toml").write_text("today = 2026-11-21\n")
    pdf = write(tmp_path, "brochure.pdf", make_pdf(TWO_COLUMNS, footer="Acme Pharma 2026"))
    html = render_report(check([pdf], root=tmp_path), "html")
    assert html.index(">Page 1</h4>") < html.index("over 92% of patients") < html.index(">Page 2</h4>")
    assert html.index(">Page 2</h4>") < html.index("About 39 million Americans")
    assert ">p2:1:1</td>" in html


def test_a_scanned_pdf_is_a_warning_naming_the_file(tmp_path):
    (tmp_path / "claimstrack.toml").write_text("today = 2026-11-21\n")
    pdf = write(tmp_path, "scan.pdf", simple_pdf("", ""))
    findings = check([pdf], root=tmp_path).findings
    assert [(f.code, f.severity.value, f.path) for f in findings] == [("CT906", "warning", "scan.pdf")]
    assert "no text layer on any of its 2 pages" in findings[0].message
    partly = check([write(tmp_path, "part.pdf", simple_pdf("Text.", "", ""))], root=tmp_path).findings
    assert "pages 2, 3 of 3 have no text layer" in partly[0].message


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"%PDF-1.4\nthis is not a pdf", "damaged PDF"),
        (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n", "damaged PDF"),
        (b"GIF89a not a pdf at all", "not a PDF file"),
    ],
)
def test_a_damaged_pdf_is_a_clear_error(tmp_path, raw, message):
    with pytest.raises(DocumentError) as caught:
        read_document(write(tmp_path, "bad.pdf", raw))
    assert message in str(caught.value) and "bad.pdf" in str(caught.value)


def test_an_encrypted_pdf_is_refused(tmp_path):
    pdf = write(tmp_path, "locked.pdf", make_pdf([[Text(72, 700, "Secret 42%.")]], encrypt="owner-pass"))
    with pytest.raises(DocumentError, match="encrypted PDF"):
        read_document(pdf)
    (tmp_path / "claimstrack.toml").write_text("today = 2026-11-21\n")
    findings = check([pdf], root=tmp_path).findings
    assert [(f.code, f.severity.value) for f in findings] == [("CT901", "error")]


def test_too_many_pages_and_too_many_bytes_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_module, "MAX_PAGES", 2)
    with pytest.raises(DocumentError, match="has 3 pages; more than 2 is refused"):
        read_document(write(tmp_path, "long.pdf", simple_pdf("a", "b", "c")))
    monkeypatch.setattr(pdf_module, "MAX_PDF_BYTES", 100)
    with pytest.raises(DocumentError, match="more than 100 is refused"):
        read_document(write(tmp_path, "big.pdf", simple_pdf("a")))


def test_a_decompression_bomb_is_refused_before_pdfminer_unpacks_it(tmp_path, monkeypatch):
    # benchmarks/bounded_inputs.py times this input; here, that the page is refused from a
    # bounded unpacking (at most MAX_STREAM_BYTES + 1) and never reaches pdfminer's interpreter.
    from pdfminer.pdfinterp import PDFPageInterpreter

    raw = pdf_bomb()  # 24 MB of drawing instructions unpacked
    assert b"FlateDecode" in raw
    interpreted = []
    process_page = PDFPageInterpreter.process_page

    def spy(self, page):
        interpreted.append(page)
        return process_page(self, page)

    monkeypatch.setattr(PDFPageInterpreter, "process_page", spy)
    with pytest.raises(DocumentError, match="decompression bomb"):
        read_document(write(tmp_path, "bomb.pdf", raw))
    assert interpreted == []
    read_document(write(tmp_path, "small.pdf", simple_pdf("x")))  # a page within the cap is read
    assert len(interpreted) == 1


def test_without_pdfminer_the_error_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pdfminer", None)
    with pytest.raises(DocumentError, match=r"pip install 'claimstrack\[pdf\]'"):
        read_document(write(tmp_path, "a.pdf", simple_pdf("a")))


@pytest.mark.parametrize("name", ["deck.pptx", "old.doc", "photo.png", "sheet.xlsx"])
def test_a_file_type_claimstrack_cannot_read_is_a_finding_naming_it(tmp_path, name):
    path = write(tmp_path, name, b"PK\x03\x04 612 792 and more bytes")
    (tmp_path / "claimstrack.toml").write_text("today = 2026-11-21\n")
    findings = check([path], root=tmp_path).findings
    assert [f.code for f in findings] == ["CT901"]
    assert f"claimstrack cannot read {path.suffix} files" in findings[0].message


def test_a_pdf_named_otherwise_is_still_read_as_a_pdf(tmp_path):
    doc = read_document(write(tmp_path, "brochure.txt", simple_pdf("Over 40% of adults snore.")))
    assert doc.format == "pdf" and figures_of(doc) == ["Over 40% of adults"]


def test_column_helper_wraps_long_copy(tmp_path):
    text = "Almost 49 million people in the United States suffer from migraines, and " * 3
    doc = read_document(write(tmp_path, "c.pdf", make_pdf([[Column(72, 700, 200, text)]])))
    assert figures_of(doc).count("Almost 49 million people in the United States") == 3


VALID = make_pdf(TWO_COLUMNS, footer="Acme Pharma 2026")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.binary(min_size=0, max_size=8)), min_size=1, max_size=6),
       st.integers(0, len(VALID)))
def test_a_mangled_pdf_is_read_or_refused_never_a_crash(tmp_path_factory, edits, cut):
    """Fuzz: bytes overwritten and the file truncated give a Document or a DocumentError."""
    raw = bytearray(VALID[:max(cut, 5)])
    for at, chunk in edits:
        raw[at:at + len(chunk)] = chunk
    path = tmp_path_factory.mktemp("fuzz") / "m.pdf"
    path.write_bytes(bytes(raw))
    try:
        document = read_document(path)
    except DocumentError as error:
        assert error.problems and "m.pdf" in str(error)
    else:
        assert document.format in ("pdf", "txt")


def test_the_markdown_report_gives_a_pdf_figure_its_page(tmp_path):
    (tmp_path / "claimstrack.toml").write_text("today = 2026-11-21\n")
    (tmp_path / "references.bib").write_text("@article{k, title = {T}, year = {2020}, doi = {10.1/x}}\n")
    page = [Text(72, 700, "Intro."), Text(72, 60, "x")], [Text(72, 700, "Over 40% of adults snore [@k].")]
    pdf = write(tmp_path, "b.pdf", make_pdf(list(page)))
    markdown = render_report(check([pdf], root=tmp_path), "markdown")
    assert "b.pdf:p2:1:1" in markdown


def test_the_pdf_readers_own_log_warnings_never_reach_stderr(tmp_path):
    """Damaged PDFs make pdfminer log warnings that name no file ("Could not get FontBBox ...");
    each file is read or reported as CT901 with its name, and stderr stays empty. Run in a
    subprocess: under pytest the root logger has handlers, so the leak would not show."""
    import random
    import subprocess

    from fuzz.harness import damaged_pdf

    (tmp_path / "claimstrack.toml").write_text("today = 2026-11-21\n")
    for seed in (16, 21, 26, 42, 54, 69):  # damaged copies that make pdfminer log warnings
        write(tmp_path, f"piece-{seed}.pdf", damaged_pdf(random.Random(seed)))
    run = subprocess.run([sys.executable, "-m", "claimstrack", "check", "."], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode in (0, 1), run.stderr
    assert run.stderr == ""
    assert "piece-16.pdf" in run.stdout
