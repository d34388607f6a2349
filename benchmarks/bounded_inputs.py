"""CPU time of the hostile inputs whose results the unit tests check: sentence splitting, the
HTML reader, 1 MB one-line pages, 1 MB of short Markdown list items, a 1 MB Word story and a
Word file packed like a zip bomb, a PDF decompression bomb, a hostile bibliography and claims
file, the GRIM sample-size patterns and measure frames.

The unit tests assert what each input gives and that the work per item is bounded (a window, a
cap, a pattern whose every match attempt reads a bounded number of characters); speed is
measured here, against the limit each input should stay under on the development machine.
Exit status 1 if any is over. Run from the repository root:

    python benchmarks/bounded_inputs.py
    python benchmarks/bounded_inputs.py --only html   # cases whose name contains "html"
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from claimstrack.testing import docx_bytes

#: Texts that once made sentence splitting backtrack or loop (tests/documents/test_sentences.py).
SENTENCE_INPUTS: dict[str, str] = {
    "periods": "a." * 500_000,
    "period space": ". " * 500_000,
    "abbreviations": "e.g. " * 200_000,
    "long word": "x" * 1_000_000 + ". A",
    "newlines": "\n" * 1_000_000,
    "spaces after stop": "a." + " " * 1_000_000,
    "dots": "." * 1_000_000,
    "stops then quotes": ".'" * 500_000,
    "a stop and quotes": "." + "'" * 1_000_000,
}

#: Markup that once made the HTML reader backtrack or nest without end (tests/documents/test_html.py).
HTML_INPUTS: dict[str, str] = {
    "lt run": "<" * 1_000_000,
    "tag starts": "<a" * 500_000,
    "deep nesting": "<div>" * 200_000,
    "deep hidden": "<svg>" * 100_000 + "</template>" * 50_000,
    "open comments": "<!--" * 250_000,
    "quotes": "<a '>" * 200_000,
    "entities": "&amp;" * 200_000,
    "tags": "<b>x</b> " * 100_000,
}

#: One line of about 1 MB, read as each text format (tests/documents/test_read.py).
ONE_LINE = "Over 92% of patients improved and 42 cases. " * 23_000

#: A bibliography with 100,000 " and "s in one author list and half a million "@"s.
HOSTILE_BIB = "@article{a, author={" + " and " * 100_000 + "}}\n" + "@" * 500_000

#: A claims file of a million "[" (an unterminated table header nested without end).
HOSTILE_CLAIMS = "schema = 1\n" + "[" * 1_000_000

#: Markdown of a million characters in short list items, nested ten deep and flat: markdown-it's
#: cost is per block, whatever the depth (tests/hostile/test_silent_skips.py).
NESTED_LISTS = ("".join("  " * i + "- Over 90% agree\n" for i in range(10)) * 4000)[:1_000_000]
FLAT_LIST = ("- Over 90% agree\n" * 60_000)[:1_000_000]

#: The GRIM sample-size patterns on texts of a million digits or "n"s.
GRIM_INPUTS = (" of " + "1" * 1_000_000, "n" * 500_000 + " =" * 250_000, "n = " + "9" * 1_000_000)


def pdf_bomb() -> bytes:
    """A one-page PDF whose content stream unpacks to 24 MB of drawing instructions."""
    from claimstrack.checks.examples import simple_pdf

    stream = zlib.compress(b"0 0 m " * (4 * 1024 * 1024), 9)
    return re.sub(rb"<< /Length \d+ >>\nstream\n.*?\nendstream",
                  lambda _: b"<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n"
                  + stream + b"\nendstream", simple_pdf("x"), flags=re.S)


def distinct_sentences(size: int) -> str:
    """About `size` characters of one-figure sentences, no two alike (so none is read twice)."""
    parts, total, index = [], 0, 0
    while total < size:
        sentence = f"Americans in the U.S. have migraine, {index:,} of them in region {index % 977}. "
        parts.append(sentence)
        total += len(sentence)
        index += 1
    return "".join(parts)


def _refused(action: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        from claimstrack.errors import ClaimstrackError

        try:
            return action()
        except ClaimstrackError as error:
            return error
    return run


def cases(folder: Path) -> list[tuple[str, float, Callable[[], object]]]:
    """(name, limit in CPU seconds, the work) of every input."""
    from claimstrack.bib import parse_bibliography
    from claimstrack.consistency.frames import read_frames
    from claimstrack.consistency.grim import sample_size_after, sample_size_in
    from claimstrack.documents import parse_document, parse_html, split_sentences
    from claimstrack.documents.read import document_from_bytes
    from claimstrack.figures import extract_figures
    from claimstrack.library import load_library

    found: list[tuple[str, float, Callable[[], object]]] = []
    for name, text in SENTENCE_INPUTS.items():
        found.append((f"sentences: {name}", 1.5, lambda text=text: split_sentences(text)))
    for name, source in HTML_INPUTS.items():
        found.append((f"html: {name}", 2.0, lambda source=source: parse_html(source)))
    for fmt in ("txt", "md", "html"):
        found.append((f"one 1 MB line as .{fmt}", 2.0, lambda fmt=fmt: parse_document(ONE_LINE, f"big.{fmt}", fmt)))
    for label, source in (("10 nested lists", NESTED_LISTS), ("the same items in one flat list", FLAT_LIST)):
        found.append((f"markdown: 1 MB, {label}", 3.0, lambda source=source: parse_document(source, "big.md", "md")))
    paragraph = "<w:p><w:r><w:t>Over 90% of the 25 patients in our clinic agree.</w:t></w:r></w:p>"
    story = docx_bytes(paragraph * 22_000, compression=zipfile.ZIP_STORED)
    found.append(("docx: 1 MB of text, stored", 2.0, lambda: document_from_bytes(story, "deck.docx", "deck.docx")))
    noted = docx_bytes('<w:p><w:r><w:t>Over 90% agree.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>',
                       notes="5% of " * 500_000)
    found.append(("docx: footnotes packed like a zip bomb (refused)", 1.0,
                  _refused(lambda: document_from_bytes(noted, "deck.docx", "deck.docx"))))
    bomb = pdf_bomb()
    found.append(("pdf: decompression bomb (refused)", 10.0,
                  _refused(lambda: document_from_bytes(bomb, "bomb.pdf", "bomb.pdf"))))
    found.append(("bibliography: 100,000 'and's, 500,000 '@'s", 2.0,
                  _refused(lambda: parse_bibliography(HOSTILE_BIB, "references.bib"))))
    claims = folder / "claims.toml"
    claims.write_text(HOSTILE_CLAIMS, encoding="utf-8")
    found.append(("claims file: a million '[' (refused)", 1.0, _refused(lambda: load_library([claims], folder))))
    found.append(("grim: sample-size patterns on 1 MB runs", 1.0,
                  lambda: (sample_size_after(GRIM_INPUTS[0]), sample_size_in(GRIM_INPUTS[1]),
                           sample_size_in(GRIM_INPUTS[2]))))
    for label, page in (("one sentence repeated", "Americans in the U.S. have migraine, 12% of them. " * 20_000),
                        ("no two sentences alike", distinct_sentences(1_000_000))):
        document = parse_document(page, "big.txt", "txt")
        figures = extract_figures(document.text)
        found.append((f"frames: 1 MB, {label} ({len(figures):,} figures)", 10.0,
                      lambda document=document, figures=figures: read_frames(
                          document.text, document.sentences, figures)))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="cases whose name contains this text")
    args = parser.parse_args(argv)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"load average {os.getloadavg()[0]:.1f}\n")
    print("| hostile input | CPU s | limit s | within |")
    print("| --- | ---: | ---: | --- |")
    over = 0
    with tempfile.TemporaryDirectory() as folder:
        for name, limit, work in cases(Path(folder)):
            if args.only and args.only not in name:
                continue
            started = time.process_time()
            work()
            seconds = time.process_time() - started
            over += seconds > limit
            print(f"| {name} | {seconds:.3f} | {limit:g} | {'yes' if seconds <= limit else '**no**'} |")
    print(f"\n{over} over their limit")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
