"""The worked example's PDF page: made by scripts/make_example_pdf.py, checked like its text."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytest.importorskip("pdfminer")
pytest.importorskip("reportlab")

from claimstrack.engine import check  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
TEXT = "content/ketamine-infusion-migraines.txt"
PDF = "print/ketamine-infusion-migraines.pdf"


def _script():
    spec = importlib.util.spec_from_file_location("make_example_pdf", REPO / "scripts/make_example_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_pdf_is_what_the_script_makes_of_the_text_page():
    script = _script()
    made = script.example_pdf((REPO / TEXT).read_text(encoding="utf-8"))
    assert made == (REPO / PDF).read_bytes(), "run: python scripts/make_example_pdf.py"


def _findings(path):
    report = check([REPO / path], root=REPO)
    return sorted((f.code, f.severity.value, f.figure, f.claim, f.message) for f in report.findings), report


def test_the_pdf_page_has_the_findings_of_its_text_version():
    from_text, _ = _findings(TEXT)
    from_pdf, report = _findings(PDF)
    assert from_text and from_pdf == from_text
    on_pages = [f for f in report.findings if f.path == PDF]
    assert on_pages and all(f.page in (1, 2) and f.page_line for f in on_pages)


def test_the_pdf_is_outside_the_configured_documents():
    assert PDF not in {d.path for d in check(root=REPO).documents}
