"""Document readers: visible text of .txt, .md and .html files, mapped back to the source.

Each reader gives a `Document`: the prose a reader of the page sees (`text`), the map of every
text character to its offset in the file (`offsets`), sentences, citations and suppression
comments. See docs/documents.md.
"""

from __future__ import annotations

from claimstrack.documents.base import (
    FORMATS,
    Citation,
    Document,
    Suppression,
    citations_by_sentence,
    page_position,
)
from claimstrack.documents.discover import (
    DEFAULT_GLOBS,
    discover_documents,
    discover_from_globs,
    left_out_documents,
)
from claimstrack.documents.html import parse_html
from claimstrack.documents.markdown import parse_markdown
from claimstrack.documents.read import (
    EXTENSIONS,
    READABLE_SUFFIXES,
    document_from_bytes,
    document_globs,
    format_for,
    parse_document,
    read_bytes,
    read_document,
)
from claimstrack.documents.sentences import split_sentences
from claimstrack.documents.suppressions import parse_comment
from claimstrack.documents.text import parse_text
from claimstrack.globs import glob_root

__all__ = [
    "DEFAULT_GLOBS",
    "EXTENSIONS",
    "FORMATS",
    "READABLE_SUFFIXES",
    "Citation",
    "Document",
    "Suppression",
    "citations_by_sentence",
    "page_position",
    "discover_documents",
    "document_from_bytes",
    "discover_from_globs",
    "document_globs",
    "format_for",
    "glob_root",
    "left_out_documents",
    "parse_comment",
    "parse_document",
    "parse_html",
    "parse_markdown",
    "parse_text",
    "read_bytes",
    "read_document",
    "split_sentences",
]
