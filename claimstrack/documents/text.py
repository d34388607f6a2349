"""Plain text: the text is the source, character for character."""

from __future__ import annotations

from claimstrack.documents.base import Document, identity_offsets, normalise_newlines
from claimstrack.documents.build import assemble_document


def parse_text(source: str, path: str = "<string>") -> Document:
    """A Document whose text is `source` (line breaks normalised) with identity offsets."""
    source = normalise_newlines(source)
    offsets = identity_offsets(0, len(source) + 1)
    return assemble_document(path, "txt", source, source, offsets)
