"""JSON text written a piece at a time: a value as it stands nested in an indented document.

The streamed outputs (the figures listing, the baseline) write a document's items one by one
and must give the very bytes `json.dumps(document, indent=2)` gives the whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator


def nested_json(value: object, depth: int) -> str:
    """`value` as `json.dumps(..., indent=2, ensure_ascii=False)` writes it `depth` levels down
    in a larger document: each line of its own indented text shifted by two spaces a level
    (JSON text never holds a raw line break, so the lines are the encoder's own). A number that
    is not finite is refused (ValueError), as no JSON reader accepts `NaN` or `Infinity`.

    >>> print(nested_json({"code": "CT101", "lines": [3, 4]}, 1))
      {
        "code": "CT101",
        "lines": [
          3,
          4
        ]
      }
    """
    text = json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)
    indent = "  " * depth
    return "\n".join(indent + line for line in text.split("\n"))


def json_array_pieces(items: Iterable[object], depth: int = 0, tail: str = "\n") -> Iterator[str]:
    """A JSON array of `items` as it stands `depth` levels down in an indented document (its `[`
    where the caller left off), an item at a time, then `tail`: the same bytes as `json.dumps`
    of the whole, with neither the list nor its text held whole."""
    separator = "[\n"
    for item in items:
        yield separator + nested_json(item, depth + 1)
        separator = ",\n"
    yield ("[]" if separator == "[\n" else "\n" + "  " * depth + "]") + tail
