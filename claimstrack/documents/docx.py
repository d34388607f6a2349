"""Word documents (.docx): the paragraphs of the main story, one per line.

Copy decks often live in Word. A .docx file is a zip archive whose `word/document.xml` holds
the text in `<w:p>` paragraphs of `<w:t>` runs; it is read with the standard library alone.
Positions are given as Word users find them: line N is the N-th paragraph (table cells count as
paragraphs, in reading order) and the column counts characters within it. Tracked deletions,
field codes and comments are not read.

Footnotes and endnotes (`word/footnotes.xml`, `word/endnotes.xml`) are read as a numbered
reference list: each note referenced in the main story is numbered in the order of its first
reference (footnotes and endnotes in one sequence), its reference reads `[n]` in its paragraph,
and the notes follow the main story as lines "Notes", "1. <text of note 1>", ..., so that a
note citing a source backs the figure it is attached to (docs/documents.md, "Numbered
references").
"""

from __future__ import annotations

import zipfile
from array import array
from io import BytesIO
from xml.etree import ElementTree

from claimstrack.documents.base import Document, identity_offsets
from claimstrack.documents.build import assemble_document
from claimstrack.errors import DocumentError, Problem
from claimstrack.model import Location

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _T, _TAB, _BREAKS = f"{_W}p", f"{_W}t", f"{_W}tab", (f"{_W}br", f"{_W}cr")
_STORY = "word/document.xml"
_NOTES = {f"{_W}footnoteReference": "word/footnotes.xml", f"{_W}endnoteReference": "word/endnotes.xml"}
_NOTE_TAGS = {"word/footnotes.xml": f"{_W}footnote", "word/endnotes.xml": f"{_W}endnote"}
_ID = f"{_W}id"
#: A larger main story (or notes part) is refused rather than read: it is a zip bomb, not
#: copy. The text of a 200-page report unpacks to a few megabytes of XML.
MAX_STORY_BYTES = 8 * 1024 * 1024
#: Word's XML packs about ten to one; a part over a megabyte that packs a hundred to one is
#: a text repeated to inflate, and is refused too (a 245 KB file unpacked to 60 MB of text).
MAX_PACKING_RATIO = 100


def parse_docx(raw: bytes, path: str = "<string>") -> Document:
    """A Document from the bytes of a .docx file; DocumentError when it cannot be read."""
    notes: dict[tuple[str, str], int] = {}
    paragraphs = docx_paragraphs(raw, path, notes)
    paragraphs.extend(_notes_list(raw, path, notes))
    source = "\n".join(paragraphs)
    offsets = array("i")
    # copied from one ready array in C, not an int at a time (a story has a million characters);
    # asked for whole once, so that it is built once, not grown by doubling paragraph by paragraph
    identity = identity_offsets(0, len(source))
    position = 0
    for index, paragraph in enumerate(paragraphs):
        if index:
            # Paragraphs are blocks: two line breaks in the text, both at the source's one.
            offsets.extend((position - 1, position - 1))
        offsets.extend(identity[position : position + len(paragraph)])
        position += len(paragraph) + 1
    offsets.append(len(source))
    return assemble_document(path, "docx", source, "\n\n".join(paragraphs), offsets)


def docx_paragraphs(raw: bytes, path: str, notes: dict[tuple[str, str], int] | None = None) -> list[str]:
    """The text of each paragraph of the main story, in reading order.

    A footnote or endnote reference reads `[n]`; `notes` gets (notes part, note id) -> n, n
    counting the notes in the order they are first referenced.

    One streaming pass: each run's text goes to the innermost open paragraph (a paragraph in a
    text box inside another is read once, not once per enclosing paragraph) and every element
    is dropped once read, so time and memory stay linear in the story however it nests.
    """
    story = _story(raw, path)
    paragraphs: list[str] = []
    open_paragraphs: list[tuple[int, list[str]]] = []  # (index in paragraphs, parts so far)
    try:
        for event, node in ElementTree.iterparse(BytesIO(story), events=("start", "end")):
            if event == "start":
                if node.tag == _P:
                    open_paragraphs.append((len(paragraphs), []))
                    paragraphs.append("")
                continue
            if open_paragraphs and node.tag == _P:
                index, parts = open_paragraphs.pop()
                paragraphs[index] = "".join(parts).replace("\n", " ")
            elif open_paragraphs:
                open_paragraphs[-1][1].append(_inline_text(node, notes))
            node.clear()
    except ElementTree.ParseError as error:
        raise _fail(path, f"the document text is not well-formed XML ({error})") from None
    return paragraphs


def _inline_text(node: ElementTree.Element, notes: dict[tuple[str, str], int] | None) -> str:
    """What an element inside a paragraph reads as: a run's text, a tab, a space for a break,
    `[n]` for a note reference (numbered in `notes`), nothing for the rest."""
    tag = node.tag
    if tag == _T:
        return node.text or ""
    if tag == _TAB:
        return "\t"
    if tag in _BREAKS:
        return " "
    if tag in _NOTES and notes is not None:
        note = (_NOTES[tag], node.get(_ID, ""))
        return f"[{notes.setdefault(note, len(notes) + 1)}]"
    return ""


def _story(raw: bytes, path: str) -> bytes:
    story = _read_part(raw, path, _STORY, "the document text")
    if story is None:
        raise _fail(path, f"not a Word document: the archive has no {_STORY}")
    return story


def _notes_list(raw: bytes, path: str, notes: dict[tuple[str, str], int]) -> list[str]:
    """"Notes" and "n. <text>" for each referenced note, in number order (none: no lines)."""
    if not notes:
        return []
    texts: dict[tuple[str, str], str] = {}
    for part in sorted({part for part, _ in notes}):
        root = _part_root(raw, path, part)
        if root is None:
            continue
        for note in root.iter(_NOTE_TAGS[part]):
            words = []
            for node in note.iter():
                if node.tag == _T and node.text:
                    words.append(node.text)
                elif node.tag == _TAB or node.tag in _BREAKS:
                    words.append(" ")
            texts[(part, note.get(_ID, ""))] = " ".join("".join(words).split())
    lines = ["Notes"]
    for referenced, number in sorted(notes.items(), key=lambda item: item[1]):
        lines.append(f"{number}. {texts.get(referenced, '')}".rstrip())
    return lines


def _part_root(raw: bytes, path: str, part: str) -> ElementTree.Element | None:
    """The parsed XML of a part of the archive (footnotes, endnotes); None when it is absent."""
    data = _read_part(raw, path, part, part)
    if data is None:
        return None
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise _fail(path, f"{part} is not well-formed XML ({error})") from None


def _read_part(raw: bytes, path: str, part: str, name: str) -> bytes | None:
    """The bytes of one part of the archive (None when it has no such part), refused when it
    unpacks too large, packs like a zip bomb or declares a DTD; `name` is how messages call
    the part. The notes parts are read like the story, so they are held to the same limits."""
    try:
        with zipfile.ZipFile(BytesIO(raw)) as archive:
            info = archive.getinfo(part)
            if info.file_size > MAX_STORY_BYTES:
                raise _fail(path, f"{name} is {info.file_size:,} bytes unpacked; "
                                  f"more than {MAX_STORY_BYTES:,} is refused")
            if info.file_size > 1024 * 1024 \
                    and info.file_size > MAX_PACKING_RATIO * max(info.compress_size, 1):
                raise _fail(path, f"{name} unpacks from {info.compress_size:,} to {info.file_size:,} "
                                  f"bytes, over {MAX_PACKING_RATIO} to one: refused as a zip bomb")
            data = archive.read(info)
    except KeyError:
        return None
    except (zipfile.BadZipFile, OSError, EOFError):
        raise _fail(path, "not a valid .docx file (it is not a readable zip archive)") from None
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        # Word never writes a DTD; one here could only expand entities without bound.
        raise _fail(path, f"{name} declares a DTD, which Word documents never do")
    return data


def _fail(path: str, message: str) -> DocumentError:
    return DocumentError(f"{path}: {message}", [Problem(Location(path, 1, 1), message)])
