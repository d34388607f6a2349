"""Atomic writes: the original survives any failure, permissions are kept, no temp file leaks."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from claimstrack import atomic
from claimstrack.atomic import write_atomic


def test_writes_text_exactly_including_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    write_atomic(path, "one\r\ntwo\nthré\n")
    assert path.read_bytes() == "one\r\ntwo\nthré\n".encode()
    assert os.listdir(tmp_path) == ["a.toml"]


def test_keeps_the_permission_bits_of_the_original(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text("old")
    path.chmod(0o640)
    write_atomic(path, "new")
    assert path.read_text() == "new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_new_file_gets_the_umask_default(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.toml", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.toml").stat().st_mode) == 0o640


def _boom(*args: object, **kwargs: object) -> None:
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("step", ["fsync", "replace", "chmod"])
def test_a_failure_mid_write_leaves_the_original_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    path = tmp_path / "a.toml"
    path.write_text("original\n")
    monkeypatch.setattr(atomic.os, step, _boom)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, "replacement\n")
    monkeypatch.undo()
    assert path.read_text() == "original\n"
    assert os.listdir(tmp_path) == ["a.toml"]  # the temporary file was removed


def test_a_failure_while_writing_the_text_leaves_the_original_intact(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text("original\n")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(path, "half written \ud800 then a lone surrogate")
    assert path.read_text() == "original\n"
    assert os.listdir(tmp_path) == ["a.toml"]
