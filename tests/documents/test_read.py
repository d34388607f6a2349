from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from claimstrack.documents import format_for, read_document
from claimstrack.errors import DocumentError

from .helpers import span_of

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bounded_inputs import ONE_LINE  # noqa: E402


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.txt", "txt"), ("a.text", "txt"), ("a.md", "md"), ("a.MARKDOWN", "md"),
     ("a.html", "html"), ("a.htm", "html"), ("a.rst", "txt"), ("README", "txt")],
)  # fmt: skip
def test_format_by_extension(tmp_path: Path, name: str, fmt: str) -> None:
    assert format_for(name) == fmt
    assert read_document(write(tmp_path, name, b"x")).format == fmt


def test_reads_each_format(tmp_path: Path) -> None:
    md = read_document(write(tmp_path, "a.md", b"# T\n\nOver **92%** of them"))
    assert md.text == "T\n\nOver 92% of them"
    html = read_document(write(tmp_path, "a.html", b"<p>Over <b>92%</b></p>"))
    assert html.text == "Over 92%"


def test_display_path_names_the_document(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "a.md", b"[@k] x"), display_path="content/a.md")
    assert document.path == "content/a.md"
    assert document.citations[0].location.path == "content/a.md"


@pytest.mark.parametrize(
    ("data", "needle", "line", "column"),
    [
        (b"\xef\xbb\xbfOver 92%", "92%", 1, 6),
        (b"a\r\nb\r\nOver 92%\r\n", "92%", 3, 6),
        (b"a\rb\rOver 92%", "92%", 3, 6),
        ("\u00e9\u00e9 92%".encode(), "92%", 1, 4),
    ],
)
def test_encodings_and_line_breaks(tmp_path: Path, data: bytes, needle: str, line: int, column: int) -> None:
    document = read_document(write(tmp_path, "a.md", data))
    assert span_of(document, needle)[:2] == (line, column)


def problem_of(error: pytest.ExceptionInfo[DocumentError]) -> tuple[str, int, int, str]:
    (problem,) = error.value.problems
    return problem.location.path, problem.location.line, problem.location.column, problem.message


BAD_BYTES = [
    # id, bytes, line, column, words in the message
    ("latin-1", b"caf\xe9 42", 1, 4, "not valid UTF-8 (byte 0xe9)"),
    ("bad byte on line 3", b"one\ntwo\n\xc3\xa9t\xff", 3, 3, "not valid UTF-8"),
    ("crlf lines", b"one\r\ntwo\r\nab\x80", 3, 3, "not valid UTF-8"),
    ("after bom", b"\xef\xbb\xbfab\xff", 1, 3, "not valid UTF-8"),
    ("truncated sequence", b"ok \xe2\x82", 1, 4, "not valid UTF-8"),
    ("nul byte", b"text\x00more", 1, 5, "binary file (NUL byte)"),
    ("control bytes", bytes(range(1, 9)) * 100, 1, 1, "binary file (mostly control bytes)"),
]


@pytest.mark.parametrize(
    ("data", "line", "column", "words"), [c[1:] for c in BAD_BYTES], ids=[c[0] for c in BAD_BYTES]
)
def test_bad_bytes(tmp_path: Path, data: bytes, line: int, column: int, words: str) -> None:
    path = write(tmp_path, "bad.md", data)
    with pytest.raises(DocumentError) as error:
        read_document(path, display_path="bad.md")
    shown, got_line, got_column, message = problem_of(error)
    assert (shown, got_line, got_column) == ("bad.md", line, column)
    assert words in message
    assert "bad.md" in str(error.value)
    assert error.value.exit_code == 2


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as error:
        read_document(tmp_path / "nope.md", display_path="nope.md")
    assert problem_of(error) == ("nope.md", 1, 1, "no such file")


def test_directory_given_as_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as error:
        read_document(tmp_path)
    assert "is a directory" in problem_of(error)[3]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "locked.txt", b"x")
    path.chmod(0)
    try:
        with pytest.raises(DocumentError) as error:
            read_document(path)
        assert "permission denied" in problem_of(error)[3]
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize("name", ["e.txt", "e.md", "e.html"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    document = read_document(write(tmp_path, name, b""))
    assert (document.text, document.sentences, list(document.offsets)) == ("", (), [0])


@pytest.mark.parametrize("name", ["big.txt", "big.md", "big.html"])
def test_one_megabyte_single_line(tmp_path: Path, name: str) -> None:
    # benchmarks/bounded_inputs.py times this read; here, its sentences and positions.
    path = write(tmp_path, name, ONE_LINE.encode())
    document = read_document(path)
    assert len(document.sentences) == 23_000
    last = document.text.rfind("42 cases")
    assert span_of(document, "Over 92%")[:2] == (1, 1)
    assert document.source_span(last, last + 8).line == 1
