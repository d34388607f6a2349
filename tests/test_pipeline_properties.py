"""Properties of the whole pipeline on arbitrary pages: it never fails, and every finding
points inside the file it names."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimstrack.engine import check

PROSE = st.sampled_from([
    "Over 92% of patients", "almost 49 million people in the US", "<b>12%</b>", "[@key, p. 3]",
    "<!-- claimstrack: ignore[CT101] reason=\"x\" -->", "**about 1/3**", "`42 million`", "\n\n",
    "# Title\n", "| 5% | 6% |\n", "Forty-eight (77%) of the 61", "$36bn", "2-72 hours", "<script>1</script>",
    "&amp; 3x", "\u00b7", "\r\n", "\t", "é", "\x00", "<!--", "-->", "[^1]", "[^1]: @ref\n",
])
PAGE = st.lists(st.one_of(PROSE, st.text(max_size=20)), max_size=30).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(md=PAGE, html=PAGE, txt=PAGE)
def test_check_never_fails_and_findings_point_inside_their_files(md, html, txt):
    root = Path(tempfile.mkdtemp())
    try:
        (root / "claimstrack.toml").write_text("today = 2026-11-21\n")
        content = root / "content"
        content.mkdir()
        pages = {"content/a.md": md, "content/b.html": html, "content/c.txt": txt}
        for name, text in pages.items():
            (root / name).write_bytes(text.encode("utf-8", "surrogatepass"))
        report = check(root=root)
        for finding in report.findings:
            if finding.path not in pages:
                continue
            source = (root / finding.path).read_bytes().decode("utf-8", "replace").lstrip("\ufeff")
            lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            assert 1 <= finding.line <= len(lines)
            assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1
            assert (finding.line, finding.column) <= (finding.end_line, finding.end_column)
    finally:
        shutil.rmtree(root)
