"""Atomic writes: the original survives any failure, permissions are kept, no temp file leaks."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fifos import read_fifo_in_background

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


# -- what the path is: never destroyed (issue 13.1) -------------------------------------------


def _forbid_replacing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any attempt to replace the path fail loudly, so a wrong code path cannot touch a
    device while the test runs (the tests run as root in CI: /dev/null itself is at stake)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("write_atomic tried to replace a path that is not a regular file")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)


def test_a_device_is_written_through_not_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    before = os.stat(os.devnull)
    _forbid_replacing(monkeypatch)
    write_atomic(Path(os.devnull), "discarded\n")
    after = os.stat(os.devnull)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_a_fifo_is_written_through_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader, received = read_fifo_in_background(fifo)
    try:
        write_atomic(fifo, "through the pipe\n")
    finally:
        reader.join(10)  # a daemon thread: a reader left blocked cannot hang the test run
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received == [b"through the pipe\n"]
    assert sorted(os.listdir(tmp_path)) == ["pipe"]


def test_a_symlink_stays_a_symlink_and_its_target_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "out.json"
    target.write_text("old\n")
    link = tmp_path / "out.json"
    link.symlink_to(target)
    write_atomic(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new\n"
    assert sorted(os.listdir(tmp_path / "real")) == ["out.json"]


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "out.json"
    link.symlink_to(tmp_path / "made.json")
    write_atomic(link, "new\n")
    assert link.is_symlink() and (tmp_path / "made.json").read_text() == "new\n"


def test_a_symlink_to_a_fifo_writes_into_the_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link"
    link.symlink_to(fifo)
    # Held open for reading and writing, so the write's open cannot block; non-blocking, so a
    # write that went elsewhere fails the test instead of hanging it.
    keep_open = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
    try:
        write_atomic(link, "x" * 100)
        assert os.read(keep_open, 200) == b"x" * 100
    finally:
        os.close(keep_open)
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path, "x")


def test_the_temporary_file_is_named_recognisably(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spy(source: str, target: object) -> None:
        seen.append(Path(source).name)
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic.os, "replace", spy)
    write_atomic(tmp_path / "page.md", "x")
    assert len(seen) == 1 and atomic.is_temporary(seen[0]) and seen[0].startswith(".claimstrack-page.md.")
    assert not atomic.is_temporary("page.md") and not atomic.is_temporary(".page.md.tmp")


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    return int(child.stdout)


def test_a_temporary_file_left_by_a_killed_writer_is_removed_by_the_next_write(tmp_path: Path) -> None:
    abandoned = tmp_path / f".claimstrack-out.json.{_dead_pid()}.k2j3h4.tmp"
    abandoned.write_text("half")
    live = tmp_path / f".claimstrack-out.json.{os.getppid()}.abcdef.tmp"  # a live writer's file stays
    live.write_text("in progress")
    other = tmp_path / f".claimstrack-other.json.{_dead_pid()}.zzzzzz.tmp"  # another target's: untouched
    other.write_text("x")
    write_atomic(tmp_path / "out.json", "{}")
    assert sorted(os.listdir(tmp_path)) == sorted(["out.json", live.name, other.name])


_KILLED_WRITER = """
import os, signal, sys
from collections.abc import Iterator
from pathlib import Path
from claimstrack import atomic

# Started with the signal ignored (under nohup, or as some CI runners start jobs), the child
# would keep SIG_IGN, which the writer rightly leaves alone: give it the default disposition.
signal.signal(signal.{signal}, signal.SIG_DFL)

def fsync_then_terminated(descriptor):
    os.kill(os.getpid(), signal.{signal})  # the kill lands while the temporary file exists
    signal.pause() if hasattr(signal, "pause") else None

atomic.os.fsync = fsync_then_terminated
atomic.write_atomic(Path(sys.argv[1]), "replacement\\n")
"""


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_terminated_write_leaves_no_temporary_file(tmp_path: Path, name: str) -> None:
    target = tmp_path / "out.json"
    target.write_text("original\n")
    result = subprocess.run([sys.executable, "-c", _KILLED_WRITER.format(signal=name), str(target)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == -getattr(signal, name), result.stderr  # still dies by the signal
    assert sorted(os.listdir(tmp_path)) == ["out.json"]
    assert target.read_text() == "original\n"


# -- streamed writes: pieces produced while they are written (issue 10) -----------------------


def test_pieces_are_written_in_order(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    path.write_text("old\n")
    write_atomic(path, (f"{number}\r\n" for number in range(3)))
    assert path.read_bytes() == b"0\r\n1\r\n2\r\n"
    assert os.listdir(tmp_path) == ["out.json"]


def test_a_producer_that_fails_halfway_leaves_the_original_and_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "out.sarif"
    path.write_text("original\n")

    def pieces() -> Iterator[str]:
        yield "x" * (1 << 20)  # past the buffer: part of it is already in the temporary file
        raise RuntimeError("renderer failed")

    with pytest.raises(RuntimeError, match="renderer failed"):
        write_atomic(path, pieces())
    assert path.read_text() == "original\n"
    assert os.listdir(tmp_path) == ["out.sarif"]


def test_open_atomic_replaces_only_when_the_block_ends(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("original\n")
    with atomic.open_atomic(path) as handle:
        handle.write("new\n" * 100_000)
        handle.flush()
        assert path.read_text() == "original\n"  # a reader still sees the old file
    assert path.read_text() == "new\n" * 100_000
    assert os.listdir(tmp_path) == ["out.txt"]


def test_pieces_go_through_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader, received = read_fifo_in_background(fifo)
    try:
        write_atomic(fifo, iter(["through ", "the ", "pipe\n"]))
    finally:
        reader.join(10)
    assert b"".join(received) == b"through the pipe\n"
    assert sorted(os.listdir(tmp_path)) == ["pipe"] and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_pieces_into_a_device(monkeypatch: pytest.MonkeyPatch) -> None:
    _forbid_replacing(monkeypatch)
    write_atomic(Path(os.devnull), ("discarded\n" for _ in range(10)))
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
