"""Claims files edited as they were: line endings, byte-order mark, permissions, locking."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from lock_holder import held_lock

from claimstrack import locking
from claimstrack.errors import LibraryError
from claimstrack.library import load_library
from claimstrack.library_edit import add_claim, add_evidence, remove_claim, set_claim_status
from claimstrack.model import Claim, Evidence

TEXT = """\
schema = 1

# Prevalence.
[[claim]]
id = "a"
text = "About 12% of adults"
status = "draft"

[[claim.evidence]]
cite = "k"

[[claim]]
id = "b"
text = "Over 90% of patients"
status = "in-review"
"""


def edit_every_way(path: Path) -> None:
    set_claim_status(path, "a", "withdrawn", by="E", on=dt.date(2026, 12, 1))
    add_evidence(path, "b", Evidence("k", "p. 2"))
    add_claim(path, Claim(id="c", text="t"))
    remove_claim(path, "a")


def test_a_crlf_file_stays_crlf(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes(TEXT.replace("\n", "\r\n").encode())
    edit_every_way(path)
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") > 10
    claims = load_library([path], tmp_path).claims
    assert [c.id for c in claims] == ["b", "c"] and claims[0].evidence[0].locator == "p. 2"


def test_an_lf_file_gets_no_crlf(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes(TEXT.encode())
    edit_every_way(path)
    assert b"\r" not in path.read_bytes()


def test_a_byte_order_mark_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode())
    edit_every_way(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfschema = 1\n") and data.count(b"\xef\xbb\xbf") == 1


def test_a_read_only_file_is_refused_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(TEXT, encoding="utf-8")
    path.chmod(0o444)
    with pytest.raises(LibraryError) as caught:
        set_claim_status(path, "a", "withdrawn", root=tmp_path)
    assert caught.value.problems[0].message.startswith("c.toml is read-only (mode 0444)")
    assert path.read_text(encoding="utf-8") == TEXT
    for edit in (lambda: add_claim(path, Claim(id="c", text="t")), lambda: remove_claim(path, "a"),
                 lambda: add_evidence(path, "a", Evidence("k"))):
        with pytest.raises(LibraryError, match="read-only"):
            edit()
    set_claim_status(path, "a", "withdrawn", force=True)
    assert 'status = "withdrawn"' in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o444  # forced, and still read-only


def test_a_held_lock_is_refused_after_the_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.toml"
    path.write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(locking, "LOCK_TIMEOUT", 0.2)
    with held_lock(path), pytest.raises(LibraryError) as caught:
        set_claim_status(path, "a", "withdrawn", root=tmp_path)
    assert "c.toml is being edited by another process" in caught.value.problems[0].message
    assert path.read_text(encoding="utf-8") == TEXT
    set_claim_status(path, "a", "withdrawn")  # released: the edit goes through


_WRITER = """
import sys, datetime as dt
from pathlib import Path
from claimstrack.library_edit import add_claim, set_claim_status
from claimstrack import locking
from claimstrack.model import Claim
# This test is about lost updates, not the wait: on a loaded machine twenty writers can queue
# for longer than the default timeout (which has a test of its own above).
locking.LOCK_TIMEOUT = 120.0
path, index = Path(sys.argv[1]), int(sys.argv[2])
if index % 2:
    add_claim(path, Claim(id=f"added-{index}", text=f"claim {index}"))
else:
    set_claim_status(path, f"claim-{index}", "withdrawn", by=f"writer {index}", on=dt.date(2026, 12, 1))
"""


def test_twenty_concurrent_writers_lose_no_update(tmp_path: Path) -> None:
    """Ten processes add claims while ten others change statuses of the same file."""
    path = tmp_path / "c.toml"
    claims = "".join(f'\n[[claim]]\nid = "claim-{i}"\ntext = "t {i}"\nstatus = "draft"\n' for i in range(0, 20, 2))
    path.write_text("schema = 1\n" + claims, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    writers = [subprocess.Popen([sys.executable, "-c", _WRITER, str(path), str(i)], env=env,
                                stderr=subprocess.PIPE, text=True) for i in range(20)]
    errors = [writer.communicate(timeout=120)[1] for writer in writers]
    assert [w.returncode for w in writers] == [0] * 20, errors
    library = load_library([path], tmp_path)
    assert {c.id for c in library if c.id.startswith("added-")} == {f"added-{i}" for i in range(1, 20, 2)}
    changed = {c.id: c for c in library if c.id.startswith("claim-")}
    assert all(c.status == "withdrawn" and len(c.history) == 1 for c in changed.values())
    assert len(changed) == 10


def test_a_file_this_user_may_not_write_is_refused_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Mode 0644 owned by someone else: the rename would replace it, so ask os.access.
    path = tmp_path / "c.toml"
    path.write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(os, "access", lambda p, mode: not (mode == os.W_OK and Path(p) == path))
    with pytest.raises(LibraryError, match=r"c.toml is not writable for this user \(mode 0644\)"):
        set_claim_status(path, "a", "withdrawn", root=tmp_path)
    assert path.read_text(encoding="utf-8") == TEXT


def test_adding_to_a_file_in_a_missing_folder_is_a_library_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="the folder of nowhere/c.toml does not exist"):
        add_claim(tmp_path / "nowhere" / "c.toml", Claim(id="a", text="t"), root=tmp_path)
