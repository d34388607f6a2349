"""The CT2xx checks end to end: rule examples, the seed pages, the worked example, the corpus."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest
from project_files import write_project

import claimstrack.checks.consistency_rules  # noqa: F401  (registers the checkers)
from claimstrack.checks.catalog import get_rule
from claimstrack.engine import check
from claimstrack.model import Severity

REPO = Path(__file__).resolve().parents[2]
CODES = ("CT201", "CT202", "CT203", "CT210", "CT220")
TODAY = "today = 2026-11-21\n"


write = write_project


def findings(root: Path, code: str | None = None):
    return [f for f in check(root=root).findings if code is None or f.code == code]


@pytest.mark.parametrize("code", CODES)
def test_rule_example_fires(code, tmp_path):
    rule = get_rule(code)
    assert code in {f.code for f in findings(write(tmp_path, rule.fires.files))}


@pytest.mark.parametrize("code", CODES)
def test_rule_example_passes(code, tmp_path):
    rule = get_rule(code)
    assert code not in {f.code for f in findings(write(tmp_path, rule.passes.files))}


@pytest.mark.parametrize(("code", "severity"), [("CT201", Severity.ERROR), ("CT202", Severity.WARNING),
                                                ("CT203", Severity.ERROR), ("CT210", Severity.WARNING),
                                                ("CT220", Severity.ERROR)])
def test_default_severities(code, severity):
    assert get_rule(code).severity is severity


def seed_project(tmp_path: Path, config: str = TODAY) -> Path:
    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "claimstrack.toml").write_text(config, encoding="utf-8")
    return tmp_path


def test_seed_pages_without_a_library_report_42m_against_49m(tmp_path):
    [finding] = findings(seed_project(tmp_path), "CT210")
    assert finding.path == "content/new-advances-refractory-chronic-migraine.txt"
    assert (finding.line, finding.column) == (7, 1)
    assert finding.figure == "Approximately 42 million Americans"
    assert "(about [37.8M, 46.2M]) conflicts with" in finding.message
    assert "content/ketamine-infusion-migraines.txt:7:1 (about [46.55M, 49M))" in finding.message
    [related] = finding.related
    assert (related.path, related.line, related.column) == ("content/ketamine-infusion-migraines.txt", 7, 1)
    assert "Almost 49 million" in related.message


def test_configured_tolerance_changes_the_verdict(tmp_path):
    root = seed_project(tmp_path, TODAY + "\n[tolerance]\napproximate = 0.2\n")
    [finding] = findings(root, "CT210")
    assert "differs from" in finding.message and "[33.6M, 50.4M]" in finding.message


def test_worked_example_reports_the_declared_measure_as_an_error():
    report = check(root=REPO)
    [conflict] = [f for f in report.findings if f.code == "CT201"]
    assert conflict.severity is Severity.ERROR
    assert "for measure us-migraine-prevalence" in conflict.message
    sides = {conflict.path, *(r.path for r in conflict.related)}
    assert sides == {"content/new-advances-refractory-chronic-migraine.txt", "content/ketamine-infusion-migraines.txt"}
    # The declared figures are not reported a second time as probable inconsistencies.
    assert not [f for f in report.findings if f.code == "CT210" and "million" in (f.figure or "")]
    off = {f.figure for f in report.findings if f.code == "CT203"}
    assert {"Approximately 42 million Americans", "Almost 49 million people in the United States"} <= off


LIBRARY = """schema = 1

[measure.responders]
kind = "percent"
low = 80
high = 95

[[claim]]
id = "responders"
text = "{text}"
measure = "responders"
status = "approved"
approved_by = "A. Reviewer"
approved_on = 2026-11-01

[[claim.evidence]]
cite = "x"
n = 25
"""


@pytest.mark.parametrize(
    ("wording", "fires"),
    [("91% of patients reported relief", True), ("92% of patients reported relief", False),
     ("over 92% of patients reported relief", False), ("92.0% of patients reported relief", False),
     ("91.0% of patients reported relief", True)],
)
def test_grim_on_claim_wordings(tmp_path, wording, fires):
    root = write(tmp_path, {"claimstrack.toml": TODAY, "claims/c.toml": LIBRARY.format(text=wording)})
    found = findings(root, "CT220")
    assert bool(found) is fires
    if fires:
        assert found[0].path == "claims/c.toml" and found[0].claim == "responders"
        assert "sample of 25" in found[0].message


@pytest.mark.parametrize(
    ("page", "fires"),
    [("In our clinic, 91% of 25 patients reported relief.", True),
     ("In our clinic, 92% of 25 patients reported relief.", False),
     ("In a small trial (n = 7), 50% of patients improved.", True),
     ("In a small trial (n = 7), 57% of patients improved.", False),
     ("Patients reported 91% less pain after 25 sessions.", False),  # a change, not a share
     ("91% of patients reported relief.", False)],  # no sample size
)
def test_grim_in_prose(tmp_path, page, fires):
    root = write(tmp_path, {"claimstrack.toml": TODAY, "content/page.md": page + "\n"})
    assert bool(findings(root, "CT220")) is fires


def test_grim_reports_a_sentence_said_again_at_each_place(tmp_path):
    # the verdict is worked out once per sentence and reading; each figure still has its finding
    page = "In our clinic, 91% of 25 patients reported relief.\n\n" * 2 + "In our clinic, 92% of 25 patients reported relief.\n"
    root = write(tmp_path, {"claimstrack.toml": TODAY, "content/page.md": page})
    found = findings(root, "CT220")
    assert [(f.line, f.column) for f in found] == [(1, 16), (3, 16)]
    assert found[0].message == found[1].message and "sample of 25" in found[0].message


def test_off_canonical_by_kind_and_range(tmp_path):
    library = LIBRARY.format(text="91% of patients reported relief").replace("n = 25", "n = 100")
    page = "91% of patients reported relief.\n"
    root = write(tmp_path, {"claimstrack.toml": TODAY, "claims/c.toml": library, "content/a.md": page})
    assert findings(root, "CT203") == []
    root = write(tmp_path, {"claims/c.toml": library.replace("91%", "97%"), "content/a.md": page.replace("91%", "97%")})
    [finding] = findings(root, "CT203")
    assert "outside [80%, 95%]" in finding.message
    root = write(tmp_path, {"claims/c.toml": library.replace('kind = "percent"', 'kind = "count"'), "content/a.md": page})
    [finding] = findings(root, "CT203")
    assert "is a percent figure but measure responders is a count" in finding.message


def test_an_inferred_measure_is_not_compared_within_one_page(tmp_path):
    # Two values of one page are told apart by what the page says around them (a table's rows, a
    # year in a heading), which the frame may not read: CT210 compares pages with each other.
    page = ("12% of Americans have migraine, our survey found.\n\nMigraine is common.\n\n"
            "By our count, 13% of Americans have migraine.\n")
    root = write(tmp_path, {"claimstrack.toml": TODAY, "content/page.md": page})
    assert findings(root, "CT210") == []
    root = write(tmp_path, {"content/other.md": "About 20% of Americans have migraine.\n"})
    found = findings(root, "CT210")
    assert {f.path for f in found} == {"content/page.md", "content/other.md"}
    assert all(r.path != f.path for f in found for r in f.related)
    [other] = [f for f in found if f.path == "content/other.md"]
    assert len(other.related) == 2


def test_a_declared_measure_is_compared_within_one_page(tmp_path):
    page = ("12% of Americans have migraine, our survey found.\n\nBy our count, 15% of Americans have migraine.\n")
    library = ('schema = 1\n\n[[claim]]\nid = "a"\ntext = "12% of Americans have migraine"\nmeasure = "us-migraine"\nstatus = "draft"\n\n'
               '[[claim]]\nid = "b"\ntext = "15% of Americans have migraine"\nmeasure = "us-migraine"\nstatus = "draft"\n')
    root = write(tmp_path, {"claimstrack.toml": TODAY, "content/page.md": page, "claims/c.toml": library})
    assert findings(root, "CT201") and findings(root, "CT210") == []


def _quality_benchmark():
    spec = importlib.util.spec_from_file_location("consistency_quality", REPO / "benchmarks" / "consistency_quality.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_quality_on_the_labelled_corpus_meets_the_targets():
    bench = _quality_benchmark()
    quality = bench.evaluate()
    assert quality.expected >= 30 and not quality.unresolved
    assert quality.precision >= bench.TARGET_PRECISION, [quality.describe(p) for p in quality.false_positives]
    assert quality.recall >= bench.TARGET_RECALL, [quality.describe(p) for p in quality.missed]


def test_corpus_has_at_least_fifteen_pages():
    pages = list((REPO / "tests/consistency/corpus/pages").glob("*.*"))
    assert len(pages) >= 15


def test_scale_benchmark_groups_every_generated_quantity():
    spec = importlib.util.spec_from_file_location("consistency_scale", REPO / "benchmarks" / "consistency_scale.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    result = module.run(figures=20_000, documents=2_000)
    assert result["groups"] == 800  # 8 conditions x 5 places x 5 populations x 4 aspects
    # About 3% outliers; an outlier that rounds back onto its true value is not one.
    assert 0.015 * 20_000 < result["findings"] < 0.05 * 20_000


def test_scale_benchmark_workers_send_back_the_readings_a_serial_run_reads(monkeypatch):
    # --workers N sends each page's readings back as its page record's bytes, as a check run's
    # workers do: restored in the parent, they are the readings read in one process.
    spec = importlib.util.spec_from_file_location("consistency_scale", REPO / "benchmarks" / "consistency_scale.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    monkeypatch.setitem(sys.modules, "consistency_scale", module)  # the pool names its work by module
    spec.loader.exec_module(module)
    pages = module.generate(600, 60, unique=True)
    serial = module.read_all(pages, 1)
    parallel = module.read_all(pages, 2)
    assert len(serial) == 600 and parallel == serial
    assert [r.frame.said_order for r in parallel] == [r.frame.said_order for r in serial]
