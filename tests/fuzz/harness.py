"""The fuzz harness: random text through the extractor, random projects through check() and
every renderer, damaged PDFs through the PDF reader and random Retraction Watch CSVs through
their loader; a failing input is written as a case file that tests/fuzz/test_replay.py
replays until the bug is fixed.

    python tests/fuzz/harness.py --minutes 10            # every target, a random seed
    python tests/fuzz/harness.py --minutes 60 --seed 7 --target check
    python tests/fuzz/harness.py --minutes 5 --target pdf

A case is a small JSON file in tests/fuzz/cases/ (named by a hash of its input): the target,
the input (text and format, plus the claims file for `check`) and the error seen. Commit it
with the fix; the replay test then keeps it fixed.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import logging
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

CASES = Path(__file__).resolve().parent / "cases"

#: Pieces that reach the grammar's corners: hedges, ranges, scales, units, markup, Unicode whose
#: case mapping changes length, numbers past the float range.
PIECES = [
    "over", "more than", "about", "up to", "almost", "at least", "less than", "between", "and", "to",
    "-", "\u2013", "%", "$", "\u20ac", "\u00a3", "million", "billion", "k", "x", "times", "of", "patients",
    "people", "hours", "a month", "one", "two", "half", "a third", "in", "out of", "1", "2", "15", "42",
    "92.5", "1,234", "1/3", "2-72", "2019", "(555) 123-4567", "9:30", "COVID-19", "24/7", "n = 25",
    "(n=1,024)", "of 25 patients", " ", "\n", "\n\n", ".", ",", ";", "or more", "+", "~", ">=", "ages",
    "\u0130", "\u00df", "\ufb01", "\u0149", "\u00a0", "\u200b", "\ufeff", "9" * 330, "1e400",
    "# ", "> ", "- ", "1. ", "| a | 5% |", "**", "_", "`", "[@k]", "[^1]", "\n[^1]: @k",
    "<p>", "</p>", "<b>", "&amp;", "&#8211;", "<!-- claimstrack: ignore[CT101] reason=\"r\" -->",
]
FORMATS = ("txt", "md", "html")


def random_text(rng: random.Random) -> str:
    """Text mixing the pieces with arbitrary Unicode (no surrogates), sometimes long."""
    parts = []
    for _ in range(rng.randrange(1, 60)):
        if rng.random() < 0.8:
            parts.append(rng.choice(PIECES))
        else:
            parts.append("".join(chr(rng.choice((rng.randrange(0x20, 0x250), rng.randrange(0xE000, 0x30000))))
                                 for _ in range(rng.randrange(1, 6))))
        if rng.random() < 0.5:
            parts.append(" ")
    text = "".join(parts)
    if rng.random() < 0.05:
        text *= rng.randrange(2, 200)
    return text


def random_claims(rng: random.Random, text: str) -> str:
    """A claims file whose claim may state a sentence of the page, with random numbers."""
    sentence = text.replace('"', "").replace("\\", "").split(".")[0].strip()[:200] or "Over 90% agree"
    value = rng.choice(["90", "0.5", "1e300", "-3", "25", "42000000"])
    return ("schema = 1\n\n[measure.m]\nkind = \"percent\"\n"
            f"value = {value}\n\n[[claim]]\nid = \"c\"\ntext = {json.dumps(sentence)}\nmeasure = \"m\"\n"
            "status = \"in-review\"\n\n[[claim.evidence]]\ncite = \"k\"\n"
            f"quote = {json.dumps(sentence[:80])}\nn = {rng.choice([1, 7, 25, 1024])}\n")


def run_extract(case: dict[str, Any]) -> None:
    """The extractor's invariants: spans slice to their text, bounds ordered and finite."""
    from claimstrack.figures import extract_figures, scan_numbers

    text = case["text"]
    for figure in extract_figures(text):
        assert 0 <= figure.span.start < figure.span.end <= len(text), figure
        assert text[figure.span.start:figure.span.end] == figure.text, figure
        for bound in (figure.value, figure.low, figure.high):
            assert bound is None or abs(bound) != float("inf") and bound == bound, figure
        if figure.low is not None and figure.high is not None:
            assert figure.low <= figure.high, figure
    for mention in scan_numbers(text):
        assert text[mention.span.start:mention.span.end] == mention.text, mention


def run_check(case: dict[str, Any]) -> None:
    """check() and every renderer on a one-page project: no error but a ClaimstrackError, and
    every JSON output strict JSON (no NaN or Infinity)."""
    from claimstrack.engine import check
    from claimstrack.errors import ClaimstrackError
    from claimstrack.render import render
    from claimstrack.report import render_report

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "content").mkdir()
        (root / "claims").mkdir()
        (root / "claimstrack.toml").write_text("today = 2026-11-21\n", encoding="utf-8")
        (root / "content" / f"page.{case['format']}").write_text(case["text"], encoding="utf-8")
        (root / "claims" / "c.toml").write_text(case["claims"], encoding="utf-8")
        (root / "references.bib").write_text("@misc{k, title={T}, year={2020}}\n", encoding="utf-8")
        try:
            report = check(root=root)
        except ClaimstrackError:
            return  # a located input error is a correct outcome
        for output in ("text", "json", "sarif", "github", "junit", "markdown"):
            written = render(report, output)
            if output in ("json", "sarif"):
                json.loads(written, parse_constant=_refuse_constant)
        for output in ("html", "markdown"):
            render_report(report, output)


def _refuse_constant(name: str) -> None:
    raise AssertionError(f"non-finite number in JSON: {name}")


def _seed_pdf() -> bytes:
    """A small valid two-page PDF (figures, a superscript mark, a footer) that damage starts from."""
    from pdf_factory import Column, Text, make_pdf

    return make_pdf([[Column(72, 700, 220, "Over 92% of patients improved. Almost 49 million people."),
                      Text(320, 700, "Approximately 42 million Americans", superscript="1")],
                     [Column(72, 700, 450, "From 2-72 hours, in 15 or more attacks a month.")]],
                    footer="Brochure")


def damaged_pdf(rng: random.Random) -> bytes:
    """The seed PDF cut short, with bytes overwritten, or with a slice repeated or removed."""
    data = bytearray(_seed_pdf())
    for _ in range(rng.randrange(1, 6)):
        at = rng.randrange(len(data))
        action = rng.randrange(4)
        if action == 0:
            del data[at:]
            data += b"%%EOF" if rng.random() < 0.5 else b""
        elif action == 1:
            data[at:at + rng.randrange(1, 16)] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
        elif action == 2:
            data[at:at] = data[rng.randrange(len(data)):][:rng.randrange(1, 400)]
        else:
            del data[at:at + rng.randrange(1, 200)]
        if not data:
            data = bytearray(b"%PDF-")
    return bytes(data)


def run_pdf(case: dict[str, Any]) -> None:
    """A damaged PDF is read or refused with a DocumentError, and what is read keeps its positions."""
    from claimstrack.documents import read_document
    from claimstrack.errors import DocumentError
    from claimstrack.figures import extract_figures

    escaped = _Records()
    logging.getLogger().addHandler(escaped)  # what would reach stderr, unnamed, in the CLI
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "brochure.pdf"
            path.write_bytes(base64.b64decode(case["data"]))
            try:
                document = read_document(path)
            except DocumentError:
                return  # refused with the file named: a correct outcome
            for figure in extract_figures(document.text):
                span = document.source_span(figure.span.start, figure.span.end)
                assert span.line >= 1 and span.column >= 1, (figure, span)
    finally:
        logging.getLogger().removeHandler(escaped)
        assert not escaped.messages, f"the PDF reader logged without the file's name: {escaped.messages[0]}"


class _Records(logging.Handler):
    """Keeps the messages of the log records that reach the root logger."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


RETRACTION_FIELDS = ["1", "Retraction", "Expression of concern", "Correction", "5/14/2020 0:00", "2021-03-02",
                     "14/14/2020", "", "0", "unavailable", "10.1000/x.1", "https://doi.org/10.1/AB", "17261708",
                     '"quoted, comma"', '"two\nlines"', '"unterminated', "\u0130", "9" * 40, ";+Error;", "No"]


def random_retractions(rng: random.Random) -> str:
    """A Retraction Watch CSV: the real header (sometimes damaged) and rows of random fields."""
    from claimstrack.checks.examples import RETRACTION_WATCH_HEADER

    header = RETRACTION_WATCH_HEADER
    if rng.random() < 0.1:
        names = header.split(",")
        del names[rng.randrange(len(names))]
        header = ",".join(names)
    rows = []
    for _ in range(rng.randrange(0, 8)):
        width = 20 if rng.random() < 0.8 else rng.randrange(1, 25)
        rows.append(",".join(rng.choice(RETRACTION_FIELDS) for _ in range(width)))
    return "\n".join([header, *rows]) + ("\n" if rng.random() < 0.8 else "")


def run_retractions(case: dict[str, Any]) -> None:
    """A CSV loads or is refused with a located RetractionsError; what loads answers look-ups."""
    from claimstrack.retractions import RetractionsError, parse_retractions

    try:
        notices = parse_retractions(case["text"], "rw.csv")
    except RetractionsError as error:
        assert "rw.csv" in str(error), error
        return
    for doi in ("doi:10.1000/x.1", "doi:10.1/ab"):
        for retraction in notices.notices(doi, "17261708"):
            assert retraction.line >= 2, retraction


TARGETS = {"extract": run_extract, "check": run_check, "pdf": run_pdf, "retractions": run_retractions}


def new_case(target: str, rng: random.Random) -> dict[str, Any]:
    if target == "pdf":
        return {"target": target, "data": base64.b64encode(damaged_pdf(rng)).decode("ascii")}
    if target == "retractions":
        return {"target": target, "text": random_retractions(rng)}
    text = random_text(rng)
    case: dict[str, Any] = {"target": target, "text": text, "format": rng.choice(FORMATS)}
    if target == "check":
        case["claims"] = random_claims(rng, text)
    return case


def save(case: dict[str, Any], error: str) -> Path:
    """Write a failing case (once per input) where the replay test finds it."""
    body = {k: case[k] for k in ("target", "format", "text", "claims", "data") if k in case}
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:12]
    CASES.mkdir(parents=True, exist_ok=True)
    path = CASES / f"{case['target']}-{digest}.json"
    path.write_text(json.dumps({**body, "error": error}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def fuzz(minutes: float, seed: int, targets: list[str]) -> int:
    rng = random.Random(seed)
    deadline = time.monotonic() + minutes * 60
    runs, failures = 0, 0
    while time.monotonic() < deadline:
        target = targets[runs % len(targets)]
        case = new_case(target, rng)
        runs += 1
        try:
            TARGETS[target](case)
        except Exception as error:  # everything that escapes is a finding of the fuzzer
            failures += 1
            last = traceback.format_exception_only(type(error), error)[-1].strip()
            print(f"failure {failures}: {save(case, last)}: {last}", file=sys.stderr)
    print(f"seed {seed}: {runs} inputs in {minutes:g} min ({', '.join(targets)}), {failures} failing saved to {CASES}")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: a new one, printed)")
    parser.add_argument("--target", choices=[*TARGETS, "all"], default="all")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 30)
    targets = list(TARGETS) if args.target == "all" else [args.target]
    return fuzz(args.minutes, seed, targets)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, for pdf_factory
    raise SystemExit(main())
