"""The Retraction Watch CSV (`retractions`): notices by DOI and PMID, and CT109/CT110 on what cites them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from project_files import write_project

from claimstrack.checks.examples import REFERENCE, RETRACTION_WATCH_HEADER, claim_toml, retraction_csv
from claimstrack.cli import main
from claimstrack.engine import check
from claimstrack.report import render_report
from claimstrack.retractions import RetractionsError, load_retractions, parse_retractions

DOI = "10.1212/01.wnl.0000252808.97649.21"


def test_notices_are_found_by_doi_whatever_its_case_or_prefix_and_by_pmid():
    text = retraction_csv([("7", "Retraction", "5/14/2020 0:00", f"https://doi.org/{DOI.upper()}", "+Error in Data;")])
    text += retraction_csv([("8", "Correction", "2021-03-02", "unavailable", "")], pmid="17261708").split("\n", 1)[1]
    notices = parse_retractions(text, "rw.csv")
    assert notices.rows == 2
    (retraction,) = notices.notices(f"doi:{DOI}", None)
    assert (retraction.nature, retraction.date, retraction.line) == ("Retraction", dt.date(2020, 5, 14), 2)
    assert retraction.label == "Retraction of 2020-05-14 (Retraction Watch record 7)"
    (correction,) = notices.notices(None, "17261708")
    assert correction.severity.value == "warning" and correction.date == dt.date(2021, 3, 2)
    assert [n.record_id for n in notices.notices(DOI, "17261708")] == ["7", "8"]  # worst first
    assert notices.notices("10.1000/other", "0") == ()


def test_no_identifier_and_reinstatements_index_nothing():
    text = retraction_csv([("1", "Retraction", "1/2/2020 0:00", "unavailable", ""),
                           ("2", "Reinstatement", "1/2/2020 0:00", DOI, "")])
    notices = parse_retractions(text)
    assert notices.by_doi == {} and notices.by_pmid == {}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "the file is empty"),
        ("Record ID,Title\n1,x\n", 1, "the header has no RetractionDate, OriginalPaperDOI"),
        (RETRACTION_WATCH_HEADER + "\n1,too,few\n", 2, "3 fields where the header has 20"),
        (retraction_csv([("1", "Retraction", "14/14/2020 0:00", DOI, "")]), 2,
         "RetractionDate '14/14/2020 0:00' is not a date"),
        (retraction_csv([("1", "Retraction", "1/1/2020 0:00", DOI, "")])
         + '2,"a title\nover two lines",x,x,x,x,x,x,x,x,yesterday,x,0,x,x,0,Retraction,x,No,\n', 3,
         "RetractionDate 'yesterday' is not a date"),
        (retraction_csv([("1", "Retraction", "1/1/2020 0:00", DOI, "")]) + '2,"unterminated\n', 3, "malformed CSV"),
    ],
)
def test_a_malformed_file_is_an_error_naming_its_line(tmp_path, text, line, message):
    path = tmp_path / "rw.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RetractionsError) as caught:
        load_retractions(path, "rw.csv")
    problem = caught.value.problems[0]
    assert (problem.location.path, problem.location.line) == ("rw.csv", line)
    assert message in problem.message


def test_bytes_that_are_not_utf8_in_names_do_not_stop_the_read(tmp_path):
    path = tmp_path / "rw.csv"
    path.write_bytes(retraction_csv([("1", "Retraction", "1/1/2020 0:00", DOI, "")]).replace("Doe", "D\xf6e").encode("latin-1"))
    assert load_retractions(path, "rw.csv").notices(DOI, None)


PAGE = "Approximately 39 million Americans live with migraine.\n\nOver 90% of patients improved [@lipton2007].\n"
CONFIG = 'today = 2026-11-21\nretractions = "data/retraction_watch.csv"\n'


def _project(tmp_path, csv_text):
    return write_project(tmp_path, {
        "claimstrack.toml": CONFIG,
        "content/page.md": PAGE,
        "claims/claims.toml": claim_toml("Approximately 39 million Americans live with migraine"),
        "references.bib": REFERENCE,
        "data/retraction_watch.csv": csv_text,
    })


def test_a_retracted_reference_is_an_error_on_the_claim_the_page_and_the_report(tmp_path):
    root = _project(tmp_path, retraction_csv([("4242", "Retraction", "5/14/2020 0:00", DOI,
                                                "+Falsification/Fabrication of Data;")]))
    report = check(root=root)
    found = sorted((f.code, f.severity.value, f.path, f.figure) for f in report.findings if f.code == "CT109")
    assert found == [("CT109", "error", "claims/claims.toml", None),
                     ("CT109", "error", "content/page.md", "Approximately 39 million Americans"),
                     ("CT109", "error", "content/page.md", "Over 90% of patients")]
    messages = [f.message for f in report.findings if f.code == "CT109"]
    assert all("Retraction Watch lists with a notice: retraction of 2020-05-14 (record 4242: "
               "Falsification/Fabrication of Data)" in m
               for m in messages)
    assert report.exit_code() == 1
    html = render_report(report, "html")
    label = "Retraction of 2020-05-14 (Retraction Watch record 4242)"
    assert html.count(label) == 2  # on the reference and on the claim's evidence
    references = html[html.index('id="references"'):]
    assert label in references and label in html[html.index('id="claims"'):html.index('id="references"')]


def test_an_expression_of_concern_is_a_warning(tmp_path):
    root = _project(tmp_path, retraction_csv([("9", "Expression of concern", "3/2/2021 0:00", DOI, "")]))
    codes = {(f.code, f.severity.value) for f in check(root=root).findings if f.code in ("CT109", "CT110")}
    assert codes == {("CT110", "warning")}


def test_cli_reports_a_bad_retractions_file_with_its_line(tmp_path, capsys, monkeypatch):
    root = _project(tmp_path, RETRACTION_WATCH_HEADER + "\n1,2,3\n")
    monkeypatch.chdir(root)
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert "data/retraction_watch.csv:2:1: error: 3 fields where the header has 20" in err


def test_cli_reports_a_missing_retractions_file(tmp_path, capsys, monkeypatch):
    root = _project(tmp_path, "")
    (root / "data/retraction_watch.csv").unlink()
    monkeypatch.chdir(root)
    assert main(["check"]) == 2
    assert "data/retraction_watch.csv:1:1: error: no such file" in capsys.readouterr().err


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from('ab,"\n\r0/1-.x '), max_size=40), max_size=8))
def test_any_text_after_the_header_is_read_or_refused_never_a_crash(rows):
    """Fuzz: mangled rows give notices or a RetractionsError with a line, nothing else."""
    try:
        parse_retractions(RETRACTION_WATCH_HEADER + "\n" + "\n".join(rows), "rw.csv")
    except RetractionsError as error:
        assert error.problems and all(p.location.line >= 1 for p in error.problems)
