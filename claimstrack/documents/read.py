"""Reading a document from disk: bytes to checked text, then the reader for its format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath

from claimstrack.documents.base import Document, normalise_newlines
from claimstrack.documents.docx import parse_docx
from claimstrack.documents.html import parse_html
from claimstrack.documents.markdown import parse_markdown
from claimstrack.documents.pdf_text import parse_pdf
from claimstrack.documents.text import parse_text
from claimstrack.errors import DocumentError, Problem
from claimstrack.model import Location

#: File extension (lower case) -> format; anything else is read as text.
EXTENSIONS = {
    ".md": "md",
    ".markdown": "md",
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}

#: Formats claimstrack has no reader for, by extension: such a file is a clear error naming
#: its type, never read as text (the syntax of a PDF or an archive is full of numbers).
UNREADABLE_TYPES = {
    ".doc": "a Word 97-2003 document (save it as .docx)",
    ".rtf": "an RTF document (save it as .docx)",
    ".odt": "an OpenDocument text (save it as .docx)",
    ".pages": "a Pages document (export it as .docx or PDF)",
    ".ppt": "a PowerPoint presentation (export it as PDF)",
    ".pptx": "a PowerPoint presentation (export it as PDF)",
    ".key": "a Keynote presentation (export it as PDF)",
    ".odp": "an OpenDocument presentation (export it as PDF)",
    ".xls": "an Excel workbook",
    ".xlsx": "an Excel workbook",
    ".ods": "an OpenDocument spreadsheet",
    ".epub": "an EPUB book",
    ".zip": "a zip archive",
    ".gz": "a compressed file",
    ".png": "an image",
    ".jpg": "an image",
    ".jpeg": "an image",
    ".gif": "an image",
    ".tif": "an image",
    ".tiff": "an image",
    ".webp": "an image",
    ".svg": "an SVG image",
    ".psd": "a Photoshop image",
    ".ai": "an Illustrator file",
    ".indd": "an InDesign file (export it as PDF)",
    ".eps": "a PostScript file (export it as PDF)",
    ".ps": "a PostScript file (export it as PDF)",
    ".mp4": "a video",
    ".mov": "a video",
    ".mp3": "an audio file",
}

#: Every suffix a reader exists for: the one list the default documents globs, directory
#: search, `claimstrack init` and the left-out notice (CT905) are derived from.
READABLE_SUFFIXES = tuple(EXTENSIONS)


def document_globs(directory: str) -> tuple[str, ...]:
    """A glob for each readable format below `directory`: "content/**/*.md", ..."""
    return tuple(f"{directory}/**/*{suffix}" for suffix in READABLE_SUFFIXES)


_READERS: dict[str, Callable[[str, str], Document]] = {
    "txt": parse_text,
    "md": parse_markdown,
    "html": parse_html,
}
_ALIASES = {"text": "txt", "markdown": "md", "htm": "html"}

#: How much of a file is sniffed for binary content.
_SNIFF = 8192
#: Control bytes that text legitimately holds: tab, LF, VT, FF, CR, ESC.
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")
#: The other control bytes: deleting them counts them in C (a page of 5 KB, 1,000 times faster
#: than a Python loop over its bytes).
_BINARY_CONTROLS = bytes(byte for byte in range(0x20) if byte not in _TEXT_CONTROLS)
_BOM = "\ufeff"


def format_for(path: str | PurePath) -> str:
    """The format a file is read as, from its extension."""
    return EXTENSIONS.get(_suffix(path), "txt")


def _suffix(path: str | PurePath) -> str:
    # a Path given is not made again: Path(path) parses its parts anew (a run reads 10,000 pages)
    return (path if isinstance(path, PurePath) else PurePath(path)).suffix.lower()


def parse_document(source: str, path: str = "<string>", format: str = "txt") -> Document:
    """Read `source` (already decoded) as `format`: "txt", "md" or "html"."""
    reader = _READERS.get(_ALIASES.get(format, format))
    if reader is None:
        raise ValueError(f"unknown document format {format!r}: use one of txt, md, html")
    if source.startswith(_BOM):
        source = source[1:]
    return reader(normalise_newlines(source), path)


def read_document(path: str | Path, display_path: str | None = None) -> Document:
    """Read a file from disk, choosing the reader by extension.

    Raises DocumentError (one Problem with file, line and column) for a missing or unreadable
    file, a directory, a binary file, or bytes that are not UTF-8.
    """
    shown = display_path if display_path is not None else str(path)
    return document_from_bytes(read_bytes(path, shown), path, shown)


def read_bytes(path: str | Path, display_path: str | None = None) -> bytes:
    """A document's bytes; DocumentError (with its position) when the file cannot be read
    (or is of a type claimstrack cannot read)."""
    shown = display_path if display_path is not None else str(path)
    suffix = _suffix(path)
    if suffix in UNREADABLE_TYPES:
        raise _fail(shown, f"claimstrack cannot read {suffix} files: this is {UNREADABLE_TYPES[suffix]}; "
                           f"it reads {', '.join(READABLE_SUFFIXES)}")
    return _read_bytes(path if isinstance(path, Path) else Path(path), shown)


def document_from_bytes(raw: bytes, path: str | Path, shown: str) -> Document:
    """A document from bytes already read from `path` (its extension picks the reader)."""
    format = format_for(path)
    if format == "pdf" or raw[:5] == b"%PDF-":  # a PDF whatever its name says
        return parse_pdf(raw, shown)
    if format == "docx":  # a zip archive, not text
        return parse_docx(raw, shown)
    _reject_binary(raw, shown)
    source = _decode(raw, shown)
    return parse_document(source, shown, format)


def _fail(shown: str, message: str, line: int = 1, column: int = 1) -> DocumentError:
    return DocumentError(f"{shown}: {message}", [Problem(Location(shown, line, column), message)])


def _read_bytes(path: Path, shown: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise _fail(shown, "no such file") from None
    except IsADirectoryError:
        raise _fail(shown, "is a directory, not a document") from None
    except PermissionError:
        raise _fail(shown, "cannot read the file: permission denied") from None
    except OSError as error:
        raise _fail(shown, f"cannot read the file: {error.strerror or error}") from None


def _reject_binary(raw: bytes, shown: str) -> None:
    head = raw[:_SNIFF]
    nul = head.find(b"\0")
    if nul != -1:
        line, column = _byte_position(raw, nul)
        raise _fail(shown, "binary file (NUL byte): not a text document", line, column)
    controls = len(head) - len(head.translate(None, _BINARY_CONTROLS))
    if head and controls * 10 > len(head) * 3:  # over 30% control bytes
        raise _fail(shown, "binary file (mostly control bytes): not a text document")


def _decode(raw: bytes, shown: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        byte = raw[error.start]
        raise _fail(shown, f"not valid UTF-8 (byte 0x{byte:02x}): save the file as UTF-8",
                    line, column) from None  # fmt: skip
    return text[1:] if text.startswith(_BOM) else text


def _byte_position(raw: bytes, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte `index`; CRLF and lone CR break lines."""
    before = raw[:index]
    line_start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    prefix = before[line_start:]
    if line == 1 and prefix.startswith(b"\xef\xbb\xbf"):
        prefix = prefix[3:]
    return line, len(prefix.decode("utf-8", errors="replace")) + 1
