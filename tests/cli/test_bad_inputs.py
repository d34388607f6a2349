"""Bad inputs through the command line: exit code 2, the place, what is wrong, no traceback."""

from __future__ import annotations

import json

import pytest
from project_files import write_project

PAGE = "Over 90% of patients agree.\n"

CASES = [
    # (id, files, expected exit code, text that must be in stderr)
    ("unknown-claim-key", {"claims/c.toml": 'schema = 1\n[[claim]]\nid = "a"\ntext = "x"\nstatus = "draft"\nreview_bye = 2027-01-01\n'},
     2, "claims/c.toml:6:1: error: unknown key 'review_bye' in [[claim]] (did you mean 'review_by'?)"),
    ("malformed-toml", {"claims/c.toml": "schema = 1\n[[claim]\n"}, 2, "claims/c.toml:2:8: error: invalid TOML"),
    ("empty-claims-file", {"claims/c.toml": ""}, 2, "claims/c.toml:1:1: error: missing 'schema = 1'"),
    ("bad-date", {"claims/c.toml": 'schema = 1\n[[claim]]\nid = "a"\ntext = "x"\nstatus = "draft"\nreview_by = 2027-13-01\n'},
     2, "claims/c.toml:6:17: error: invalid TOML"),
    ("non-utf8-claims", {"claims/c.toml": b"schema = 1\n\xff\xfe\n"}, 2, "claims/c.toml:2:1: error: not valid UTF-8"),
    ("binary-claims", {"claims/c.toml": b"\x00\x01\x02binary"}, 2, "claims/c.toml:1:1"),
    ("duplicate-ids", {"claims/a.toml": 'schema = 1\n[[claim]]\nid = "a"\ntext = "x"\nstatus = "draft"\n',
                       "claims/b.toml": 'schema = 1\n[[claim]]\nid = "a"\ntext = "y"\nstatus = "draft"\n'},
     2, "claims/b.toml:3"),
    ("malformed-bibtex", {"references.bib": "@article{a,\n title={x}\n@article{b, title={y}}\n"}, 2, "references.bib:1:1: error: cannot parse"),
    ("duplicate-bib-key", {"references.bib": "@misc{a, title={x}}\n@misc{a, title={y}}\n"}, 2, "references.bib:2"),
    ("claims-outside-project", {"claimstrack.toml": 'today = 2026-11-21\nclaims = "../outside"\n'}, 2, "resolves outside the project root"),
    ("unknown-config-key", {"claimstrack.toml": "bogus = 1\n"}, 2, "claimstrack.toml:1:1: error: unknown key 'bogus'"),
    ("missing-configured-bibliography", {"claimstrack.toml": 'today = 2026-11-21\nbibliography = "refs.bib"\n'}, 2, "refs.bib"),
    ("bad-baseline", {"claimstrack.toml": 'today = 2026-11-21\nbaseline = "base.json"\n', "base.json": "{not json"}, 2, "base.json:1"),
    ("non-utf8-page-is-a-finding", {"content/bad.txt": b"caf\xe9 12%\n"}, 1, ""),
    ("empty-page-is-fine", {"content/p.md": ""}, 0, ""),
]


@pytest.mark.parametrize(("files", "code", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input(tmp_path, cli, files, code, message):
    page = {"claimstrack.toml": "today = 2026-11-21\n", "content/p.md": PAGE if code != 0 else ""}
    write_project(tmp_path, {**page, **files})
    exit_code, _, err = cli(["check", "--select", "CT9" if code == 1 else "ALL"], tmp_path)
    assert exit_code == code, err
    assert message in err
    assert "Traceback" not in err


def test_a_huge_page_is_checked_whole(tmp_path, cli):
    # 1 MB of Markdown, one figure per paragraph: every figure is found, positions stay exact.
    (tmp_path / "claimstrack.toml").write_text("today = 2026-11-21\n")
    (tmp_path / "content").mkdir()
    paragraph = "Our clinic has served many families. Over 90% of patients improved.\n\n"
    count = 1_000_000 // len(paragraph)
    (tmp_path / "content" / "huge.md").write_text(paragraph * count)
    exit_code, out, _ = cli(["check", "--select", "CT101", "--format", "json"], tmp_path)
    findings = json.loads(out)
    assert exit_code == 1 and len(findings) == count
    assert (findings[-1]["line"], findings[-1]["column"]) == (2 * count - 1, 38)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--format", "sarif", "-o", "missing-dir/out.sarif"],
        ["report", "-o", "missing-dir/review.html"],
        ["check", "--write-baseline", "missing-dir/baseline.json"],
    ],
)
def test_an_output_path_that_cannot_be_written_is_a_usage_error(tmp_path, cli, args):
    (tmp_path / "claimstrack.toml").write_text("today = 2026-11-21\n")
    code, _, err = cli(args, tmp_path)
    assert code == 2 and "cannot write" in err and "missing-dir/" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("baseline", "message"),
    [
        (None, "nope.json:1:1: error: baseline file not found"),
        ("{not json", "nope.json:1:2: error: invalid JSON"),
    ],
    ids=["missing", "not-json"],
)
def test_a_bad_report_baseline_is_located_and_no_report_is_written(tmp_path, cli, baseline, message):
    files = {"claimstrack.toml": "today = 2026-11-21\n", "content/p.md": PAGE}
    write_project(tmp_path, files if baseline is None else {**files, "nope.json": baseline})
    code, _, err = cli(["report", "--baseline", "nope.json", "-o", "review.html"], tmp_path)
    assert code == 2 and message in err and "Traceback" not in err
    assert not (tmp_path / "review.html").exists()
