"""Pages' findings kept as the lines the text output writes (`claimstrack.checks.lines`): the
same output and the same findings, in the same order, as a run that makes every finding."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

import claimstrack.checks.lines as lines_module
import claimstrack.engine as engine
import claimstrack.parallel as parallel
from claimstrack.cache import LINES_PREFIX, PageCache
from claimstrack.checks.lines import LinedFindings, LineStyle, dump_lines, load_lines, page_lines, with_code
from claimstrack.cli import main
from claimstrack.engine import check
from claimstrack.model import Finding, Related, Severity, in_finding_order
from claimstrack.render import render_statistics
from claimstrack.render.text import render_text, text_lines
from tests.test_cache import _site


def _parallel(monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 2 if workers > 1 else 10**9)
    monkeypatch.setattr(parallel, "worker_count", lambda: workers)


def _decoded(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the kept pages whose findings were decoded."""
    decoded: list[int] = []
    original = lines_module.decode_findings

    def counting(data: bytes) -> tuple[Finding, ...]:
        decoded.append(1)
        return original(data)

    monkeypatch.setattr(lines_module, "decode_findings", counting)
    return decoded


def _text(root: Path, *options: str) -> str:
    out = root / "out.txt"
    main(["check", "-q", "--format", "text", "-o", str(out), *options])
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("workers", [1, 2])
def test_the_text_output_is_the_same_with_kept_lines_after_an_edit_and_a_setting(tmp_path, monkeypatch, workers):
    root = _site(tmp_path)
    monkeypatch.chdir(root)
    _parallel(monkeypatch, workers)
    decoded = _decoded(monkeypatch)
    plain = _text(root, "--no-cache")
    assert _text(root) == plain  # cold: the lines are made and kept
    assert _text(root) == plain  # warm: written from the kept lines
    assert decoded == []  # not one kept page's findings made into objects
    kept = [name for pack in (root / ".claimstrack_cache").rglob("*.pack") for name in PageCache.names_in(pack)
            if name.startswith(LINES_PREFIX)]
    assert len(kept) >= 24  # every page with findings, not the one whose finding a comment silences
    page = root / "content/p003.md"
    page.write_text(page.read_text().replace("Approximately", "By one count, approximately"))
    edited = _text(root, "--no-cache")
    assert edited != plain and _text(root) == edited
    (root / "claimstrack.toml").write_text('today = 2026-11-21\n[severity]\nCT101 = "info"\n')
    changed = _text(root, "--no-cache")
    assert changed != edited and _text(root) == changed and _text(root) == changed
    assert _text(root, "--ignore", "CT401") == _text(root, "--no-cache", "--ignore", "CT401")


def test_coloured_lines_are_kept_apart_from_plain_ones(tmp_path, monkeypatch, capsys):
    root = _site(tmp_path, pages=6)
    monkeypatch.chdir(root)
    monkeypatch.setenv("FORCE_COLOR", "1")
    outputs = []
    for options in (["--no-cache"], [], [], ["--no-color"], ["--no-color"], ["--no-cache", "--no-color"]):
        main(["check", "-q", *options])
        outputs.append(capsys.readouterr().out)
    assert "\x1b[" in outputs[0] and "\x1b[" not in outputs[-1]
    assert outputs[0] == outputs[1] == outputs[2] and outputs[3] == outputs[4] == outputs[5]


def test_a_baseline_or_a_baseline_written_reads_every_finding(tmp_path, monkeypatch):
    root = _site(tmp_path)
    monkeypatch.chdir(root)
    _text(root)  # lines kept
    assert main(["check", "-q", "--write-baseline", "baseline.json"]) == 0
    (root / "out.txt").unlink()
    written = (root / "baseline.json").read_text()
    assert main(["check", "-q", "--no-cache", "--write-baseline", "baseline2.json"]) == 0
    assert (root / "baseline2.json").read_text() == written
    assert _text(root, "--baseline", "baseline.json") == _text(root, "--no-cache", "--baseline", "baseline.json")
    assert "(0 suppressed)" not in _text(root, "--baseline", "baseline.json")


def test_the_report_of_a_run_with_kept_lines_has_every_finding(tmp_path, monkeypatch):
    root = _site(tmp_path)
    plain = check(root=root, keep_documents=False)
    check(root=root, keep_documents=False, cache_dir="c", lines=text_lines())
    decoded = _decoded(monkeypatch)
    warm = check(root=root, keep_documents=False, cache_dir="c", lines=text_lines())
    assert isinstance(warm.findings, LinedFindings) and warm.findings.pages
    assert len(warm.findings) == len(plain.findings)
    for severity in Severity:
        assert warm.count(severity) == plain.count(severity)
    assert warm.exit_code() == plain.exit_code() and warm.exit_code("warning") == plain.exit_code("warning")
    assert render_statistics(warm) == render_statistics(plain)
    assert [f.path for f in with_code(warm.findings, "CT210")] == [f.path for f in plain.findings if f.code == "CT210"]
    assert decoded == []
    assert render_text(warm) == render_text(plain)
    assert tuple(warm.findings) == plain.findings and warm.findings == plain.findings
    assert warm.suppressed == plain.suppressed
    assert any(s.finding.path == "content/suppressed.md" for s in warm.suppressed)


def test_damaged_kept_lines_are_a_miss(tmp_path):
    root = _site(tmp_path, pages=4)
    plain = render_text(check(root=root, keep_documents=False))
    check(root=root, keep_documents=False, cache_dir="c", lines=text_lines())
    for pack in (root / "c").rglob("*.pack"):
        data = bytearray(pack.read_bytes())
        at = data.find(b"Our infusions")  # a finding's message, in the lines and in the records
        while at != -1:
            data[at] ^= 0x20
            at = data.find(b"Our infusions", at + 1)
        pack.write_bytes(bytes(data))
    assert load_lines(b"not lines") is None
    warm = check(root=root, keep_documents=False, cache_dir="c", lines=text_lines())
    assert render_text(warm) == plain


def _finding(path: str, line: int, column: int, code: str, message: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(code, f"rule-{code}", severity, path, line, column, line, column + 1, message)


def test_site_findings_go_between_a_pages_lines_where_the_order_puts_them_ties_after_the_pages():
    rng = random.Random(7)
    style = LineStyle("test", lambda f: f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}\n")
    codes, messages = ("CT101", "CT201", "CT220"), ("a", "b", "c")
    for _ in range(200):
        pages = {f"p{n}.md": [_finding(f"p{n}.md", rng.randint(1, 3), rng.randint(1, 2), rng.choice(codes),
                                       rng.choice(messages)) for _ in range(rng.randint(0, 5))] for n in range(4)}
        site = [_finding(rng.choice([*pages, "claims/a.toml", "z.md"]), rng.randint(1, 3), rng.randint(1, 2),
                         rng.choice(codes), rng.choice(messages), Severity.WARNING) for _ in range(rng.randint(0, 8))]
        # a run admits the pages' findings first, then the site's: a stable sort keeps that on ties
        expected = in_finding_order([*(f for found in pages.values() for f in found), *site])
        kept = [page_lines(path, found, style) for path, found in pages.items()]
        kept = [load_lines(dump_lines(made)) for made in kept if made is not None]
        lined = LinedFindings(in_finding_order(site), kept, "test")
        assert [id(f) for f in lined if f in site] == [id(f) for f in expected if f in site]
        assert tuple(lined) == expected
        written = "".join(piece.text_of(*span) if isinstance(piece, lines_module.PageLines) else style.lines(piece)
                          for piece, *span in (p if isinstance(p, tuple) else (p,) for p in lined.pieces()))
        assert written == "".join(style.lines(f) for f in expected)
        assert lined.severity_counts() == {Severity.ERROR: len(expected) - len(site), Severity.WARNING: len(site),
                                           Severity.INFO: 0}


def test_a_page_with_a_finding_elsewhere_keeps_no_lines():
    style = LineStyle("test", lambda f: f.message + "\n")
    assert page_lines("a.md", [_finding("b.md", 1, 1, "CT101", "x")], style) is None
    made = page_lines("a.md", [_finding("a.md", 2, 1, "CT101", "y"), _finding("a.md", 1, 1, "CT101", "x")], style)
    assert made is not None and made.text == "x\ny\n" and made.count == 2


@pytest.mark.parametrize("workers", [1, 2])
def test_a_cold_run_makes_the_pages_lines_in_the_page_stage_not_after_the_checks(tmp_path, monkeypatch, workers):
    root = _site(tmp_path)
    (root / "claimstrack.toml").write_text('today = 2026-11-21\nper-file-ignores = { "content/p00[0-4].md" = ["CT401"] }\n'
                                           '[severity]\nCT101 = "info"\n')
    monkeypatch.chdir(root)
    _parallel(monkeypatch, workers)
    plain = _text(root, "--no-cache")
    parent, checking, made_after = os.getpid(), [], []
    run_rules, make_lines = engine.run_rules, engine.page_lines

    def checks(*args, **kwargs):
        checking.append(True)
        return run_rules(*args, **kwargs)

    def lines(path, *args, **kwargs):
        if os.getpid() == parent and checking:
            made_after.append(path)
        return make_lines(path, *args, **kwargs)

    monkeypatch.setattr(engine, "run_rules", checks)
    monkeypatch.setattr(engine, "page_lines", lines)
    assert _text(root) == plain  # cold: the lines are made where each page is checked
    assert checking and made_after == []  # none once the run's own process has the pages
    kept = [name for pack in (root / ".claimstrack_cache").rglob("*.pack") for name in PageCache.names_in(pack)
            if name.startswith(LINES_PREFIX)]
    assert len(kept) >= 24  # every page with findings, not the one whose finding a comment silences
    decoded = _decoded(monkeypatch)
    assert _text(root) == plain and decoded == []  # warm: written from the lines kept
    assert _text(root, "--format", "json") == _text(root, "--no-cache", "--format", "json")


def test_one_style_writes_each_page_s_own_related_places_after_earlier_findings_are_gone():
    # The page stage keeps one style for every page and drops each page's findings once their
    # lines are made; a later page's objects may then be given the freed ids, and a memo by id
    # alone would write an earlier page's related places.
    style = text_lines()
    for number in range(200):
        related = (Related(f"p{number}.md", number + 1, 1, f"other {number}"),)
        finding = Finding(code="CT210", name="x", severity=Severity.WARNING, path="a.md", line=1, column=1,
                          end_line=1, end_column=2, message="m", related=related)
        made = page_lines("a.md", [finding], style)
        assert made is not None and f"p{number}.md" in made.text
        del finding, related, made
