"""Property: whatever the file looks like, an edit of one claim leaves every byte before that
claim's first line and after its last line as it was (and every other claim and measure)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from claimstrack.library import load_library
from claimstrack.library_edit import add_evidence, approve_claim, remove_claim, set_claim_status
from claimstrack.model import Evidence

COMMENTS = st.sampled_from(["", "# a section\n", "# a section\n\n", "\n# two\n# lines\n"])
STATUSES = st.sampled_from(["draft", "in-review", "approved", "rejected"])
TEXTS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    str.strip)


@st.composite
def claims_files(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A claims file of 1 to 5 claims, measures and comments between them; and its claim ids."""
    parts = [draw(COMMENTS), "schema = 1\n"]
    ids = []
    for i in range(draw(st.integers(1, 5))):
        parts.append(draw(COMMENTS))
        if draw(st.booleans()):
            parts.append(f'\n[measure.m{i}]\nkind = "percent"  # kind\nvalue = {i + 1}\n')
        status = draw(STATUSES)
        parts.append(f'\n{draw(COMMENTS)}[[claim]]\nid = "c{i}"   # id\ntext = {_basic(draw(TEXTS))}\n')
        parts.append(f'status = "{status}"\n')
        if status == "approved" or draw(st.booleans()):
            parts.append('approved_by = "A"\napproved_on = 2026-01-0' + str(i + 1) + "\n")
        if draw(st.booleans()):
            parts.append('notes = """\\\nmulti\n# not a comment\n[not a table]"""\n')
        for j in range(draw(st.integers(0, 2))):
            parts.append(f'\n[[claim.evidence]]\ncite = "k{j}"\n')
        ids.append(f"c{i}")
    return "".join(parts), ids


def _basic(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


EDITS = ["approve", "set-status", "evidence", "remove"]


@settings(max_examples=150, deadline=None)
@given(claims_files(), st.data(), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_an_edit_changes_only_the_edited_claims_lines(file, data, newline, bom) -> None:
    text, ids = file
    text = text.replace("\n", newline)
    claim_id = data.draw(st.sampled_from(ids))
    edit = data.draw(st.sampled_from(EDITS))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / "c.toml"
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode())
        before = load_library([path], root)
        claim = before.claim(claim_id)
        assert claim is not None and claim.location is not None
        if edit == "approve":
            approve_claim(path, claim_id, by="B", on=dt.date(2026, 12, 1), force=True, reason="r")
        elif edit == "set-status":
            set_claim_status(path, claim_id, "withdrawn", by="B", on=dt.date(2026, 12, 1))
        elif edit == "evidence":
            add_evidence(path, claim_id, Evidence("new", "p. 1"))
        else:
            remove_claim(path, claim_id)
        data_after = path.read_bytes()
        assert data_after.startswith(b"\xef\xbb\xbf") == bom
        new = data_after.decode("utf-8-sig")
        lines, new_lines = text.splitlines(keepends=True), new.splitlines(keepends=True)
        # Everything above the claim's header (less a comment attached to it, for remove) is kept.
        above = claim.location.line - 1 - (4 if edit == "remove" else 0)
        assert new_lines[: max(above, 0)] == lines[: max(above, 0)]
        # Everything below the claim is kept: the files end alike, up to the claim's next table.
        following = [c for c in before if c.location and c.location.line > claim.location.line]
        tail = "".join(lines[following[0].location.line - 1:]) if following else ""
        assert new.endswith(tail)
        if newline == "\r\n":
            assert new.count("\n") == new.count("\r\n")
        else:
            assert "\r" not in new or "\r" in text
        after = load_library([path], root)
        assert [c for c in after if c.id != claim_id] == [c for c in before if c.id != claim_id]
        assert after.measures == before.measures
