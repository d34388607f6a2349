"""Score figure extraction against public test suites and print a table.

    python benchmarks/figures_external.py [--details SUITE]

Suites (read in place from ../shared/benchmarks/external, never copied into the project):
Recognizers-Text English specs (NumberRangeModel, PercentModel, CurrencyModel, NumberModel),
quantulum3's English test quantities, and number-parser's English number-word tables.
How each is scored, and what is out of scope, is written next to each scorer below and in
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from claimstrack.figures import extract_figures, scan_numbers
from claimstrack.figures.numbers import words_value
from claimstrack.model import Figure

EXTERNAL = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "external"
RECOGNIZERS = EXTERNAL / "recognizers-text-specs-en"


@dataclass
class Score:
    """Counts for one suite: true positives, false positives, false negatives, notes."""

    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    cases: int = 0
    extra: dict[str, str] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def _skipped_by_reference(case: dict) -> bool:
    """The README's rule: a case whose NotSupported names dotnet fails in the reference port."""
    return "dotnet" in (case.get("NotSupported") or "").lower()


def _overlaps(figure: Figure, start: int, end: int) -> bool:
    return figure.span.start < end and start < figure.span.end


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


# ---------------------------------------------------------------------------------------------
# Recognizers-Text NumberRangeModel


def _parse_interval(text: str) -> tuple[float | None, float | None, bool, bool]:
    low_text, high_text = text[1:-1].split(",")
    low = float(low_text) if low_text else None
    high = float(high_text) if high_text else None
    return low, high, text[0] == "[", text[-1] == "]"


def _figure_interval(figure: Figure) -> tuple[float | None, float | None, bool, bool]:
    """A figure as an interval; percents become fractions, as the range specs write them."""
    factor = 0.01 if figure.kind == "percent" else 1.0

    def scaled(value: float | None) -> float | None:
        return None if value is None else value * factor

    if figure.low is None and figure.high is None:
        return scaled(figure.value), scaled(figure.value), True, True
    return (scaled(figure.low), scaled(figure.high), bool(figure.low_inclusive),
            bool(figure.high_inclusive))


def score_number_range(path: Path, name: str) -> tuple[Score, Score]:
    """Endpoints: a spec result is found when one figure overlaps its text and both interval
    ends have the same values (open ends open). Strict also needs the same inclusivity: the
    default mode reads "between 20 and 30" as [20,30), claimstrack (like ExperimentalMode) as
    [20,30]. Figures with an open or two-sided interval are range predictions (extra ones are
    false positives); exact figures count only where they overlap a spec result, since the
    range model does not report plain numbers."""
    loose, strict = Score(f"{name} endpoints"), Score(f"{name} strict")
    for case in _load(path):
        if _skipped_by_reference(case):
            continue
        loose.cases += 1
        strict.cases += 1
        text = case["Input"]
        figures = extract_figures(text)
        gold = [(r["Start"], r["End"] + 1, _parse_interval(r["Resolution"]["value"]))
                for r in case["Results"]]
        used: set[int] = set()
        for start, end, interval in gold:
            match = next((i for i, f in enumerate(figures)
                          if i not in used and _overlaps(f, start, end)), None)
            if match is None:
                for score in (loose, strict):
                    score.fn += 1
                loose.misses.append(f"missed {text[start:end]!r} in {text!r}")
                continue
            used.add(match)
            _score_ends(loose, strict, _figure_interval(figures[match]), interval, text[start:end])
        for i, figure in enumerate(figures):
            if i in used or (figure.low is None and figure.high is None):
                continue
            for score in (loose, strict):
                score.fp += 1
            loose.misses.append(f"extra {figure.text!r} in {text!r}")
    return loose, strict


def _score_ends(loose: Score, strict: Score, got: tuple[float | None, float | None, bool, bool],
                interval: tuple[float | None, float | None, bool, bool], quoted: str) -> None:
    """Count one spec result a figure overlaps: loose needs both ends' values, strict their
    inclusivity too (where the end is not open)."""
    ends_ok = _close(got[0], interval[0]) and _close(got[1], interval[1])
    strict_ok = ends_ok and (interval[0] is None or got[2] == interval[2]) and (
        interval[1] is None or got[3] == interval[3])
    for score, ok in ((loose, ends_ok), (strict, strict_ok)):
        if ok:
            score.tp += 1
        else:
            score.fp += 1
            score.fn += 1
    if not ends_ok:
        loose.misses.append(f"wrong {quoted!r}: {got[:2]} != {interval[:2]}")

# ---------------------------------------------------------------------------------------------
# Recognizers-Text PercentModel


def score_percent(path: Path, name: str) -> Score:
    """A spec percent is found when a percent figure overlaps it with the same value (points).
    Results whose value is null ("a small percent") expect no figure. Every percent figure
    that matches no spec result is a false positive."""
    score = Score(name)
    for case in _load(path):
        if _skipped_by_reference(case):
            continue
        score.cases += 1
        text = case["Input"]
        figures = [f for f in extract_figures(text) if f.kind == "percent"]
        used: set[int] = set()
        for result in case["Results"]:
            value = result["Resolution"].get("value")
            if value in (None, "null"):
                continue
            expected = float(str(value).rstrip("%"))
            start, end = result["Start"], result["End"] + 1
            match = next((i for i, f in enumerate(figures)
                          if i not in used and _overlaps(f, start, end)), None)
            if match is not None and _close(round(figures[match].value or 0, 6), round(expected, 6)):
                used.add(match)
                score.tp += 1
            else:
                score.fn += 1
                score.misses.append(f"missed {text[start:end]!r} ({expected}) in {text!r}")
        score.fp += len(figures) - len(used)
        for i, figure in enumerate(figures):
            if i not in used:
                score.misses.append(f"extra {figure.text!r} in {text!r}")
    return score


# ---------------------------------------------------------------------------------------------
# Recognizers-Text CurrencyModel

_DOLLAR_UNITS = {"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN"}


def score_currency(path: Path) -> Score:
    """Value: a money figure overlaps the spec text with the same amount (cents are read as
    hundredths of the currency, so "50 cents" = 0.5). Currency: the ISO code agrees where the
    spec gives one; a spec "Dollar" with no code accepts any dollar. Spec results with no
    value (a bare currency word such as "rmb") expect nothing."""
    score = Score("CurrencyModel")
    right_currency = checked_currency = 0
    for case in _load(path):
        if _skipped_by_reference(case):
            continue
        score.cases += 1
        text = case["Input"]
        figures = [f for f in extract_figures(text) if f.kind == "money"]
        used: set[int] = set()
        for result in case["Results"]:
            resolution = result["Resolution"]
            if resolution.get("value") in (None, "null"):
                continue
            expected = float(resolution["value"])
            if resolution.get("unit") in ("Cent", "Penny", "Pence"):
                expected /= 100
            start, end = result["Start"], result["End"] + 1
            match = next((i for i, f in enumerate(figures)
                          if i not in used and _overlaps(f, start, end)), None)
            got = figures[match] if match is not None else None
            if got is not None and _close(got.value, expected):
                used.add(match)  # type: ignore[arg-type]
                score.tp += 1
                iso = resolution.get("isoCurrency")
                if iso or resolution.get("unit") == "Dollar":
                    checked_currency += 1
                    right_currency += (got.unit == iso) if iso else (got.unit in _DOLLAR_UNITS)
            else:
                score.fn += 1
                score.misses.append(f"missed {text[start:end]!r} ({expected}) got "
                                    f"{got.value if got else None} in {text[:90]!r}")
        score.fp += len(figures) - len(used)
        for i, figure in enumerate(figures):
            if i not in used:
                score.misses.append(f"extra {figure.text!r} in {text[:90]!r}")
    score.extra["currency right"] = f"{right_currency}/{checked_currency}"
    return score


# ---------------------------------------------------------------------------------------------
# Recognizers-Text NumberModel


def score_numbers(path: Path) -> Score:
    """Recall of plain numbers: a spec number is found when `scan_numbers` lists a mention
    overlapping it whose figure has the same value (percents compared as fractions). Numbers
    set aside on purpose (small number words, phone digits) count as misses: this suite asks
    for every number, claimstrack for claim figures. Precision is not meaningful here."""
    score = Score("NumberModel (recall)")
    for case in _load(path):
        if _skipped_by_reference(case):
            continue
        score.cases += 1
        text = case["Input"]
        mentions = scan_numbers(text)
        for result in case["Results"]:
            value = result["Resolution"].get("value")
            if value in (None, "null"):
                continue
            expected = float(value)
            start, end = result["Start"], result["End"] + 1
            found = False
            for mention in mentions:
                figure = mention.figure
                if figure is None or not (mention.span.start < end and start < mention.span.end):
                    continue
                got = figure.value
                if figure.kind == "percent" and got is not None:
                    got /= 100
                if got is not None and math.isclose(got, expected, rel_tol=1e-6, abs_tol=1e-9):
                    found = True
                    break
            if found:
                score.tp += 1
            else:
                score.fn += 1
                score.misses.append(f"missed {text[start:end]!r} ({expected}) in {text[:80]!r}")
    return score


# ---------------------------------------------------------------------------------------------
# quantulum3


_IN_SCOPE_UNITS = {
    "dimensionless": "count", "percentage": "percent",
    "second": "duration", "minute": "duration", "hour": "duration", "day": "duration",
    "week": "duration", "month": "duration", "year": "duration", "decade": "duration",
}
_CURRENCY_HINTS = ("dollar", "euro", "pound sterling", "yen", "cent", "rupee", "franc", "yuan",
                   "peso", "penny")


def _in_scope(unit: str) -> bool:
    return unit in _IN_SCOPE_UNITS or any(hint in unit for hint in _CURRENCY_HINTS)


def score_quantulum(paths: Iterable[Path]) -> Score:
    """In scope: dimensionless counts, percentages, money and time spans (claimstrack's kinds);
    physical units (mg, km, °C, ...) are out of scope, and figures overlapping them are not
    counted either way. A gold quantity is found when a figure overlaps its surface with the
    same value (a range is compared by its midpoint, as quantulum3 encodes ranges)."""
    score = Score("quantulum3 in-scope")
    out_of_scope = 0
    for path in paths:
        for case in _load(path):
            score.cases += 1
            text = case["req"]
            figures = extract_figures(text)
            used: set[int] = set()
            cursor = 0
            for quantity in case["res"]:
                surface = quantity["surface"]
                start = text.find(surface, cursor)
                if start < 0:
                    start = text.find(surface)
                end = start + len(surface)
                cursor = max(cursor, end) if start >= 0 else cursor
                overlapping = [i for i, f in enumerate(figures) if start >= 0 and _overlaps(f, start, end)]
                if not _in_scope(quantity["unit"]):
                    out_of_scope += 1
                    used.update(overlapping)
                    continue
                expected = float(quantity["value"])
                match = next((i for i in overlapping if i not in used and _quantulum_equal(
                    figures[i], expected, quantity["unit"])), None)
                if match is None:
                    score.fn += 1
                    got = [(figures[i].text, figures[i].value) for i in overlapping]
                    score.misses.append(f"missed {surface!r} = {expected} {quantity['unit']} got {got}")
                else:
                    used.add(match)
                    score.tp += 1
            for i, figure in enumerate(figures):
                if i not in used:
                    score.fp += 1
                    score.misses.append(f"extra {figure.text!r} in {text[:80]!r}")
    score.extra["out of scope quantities"] = str(out_of_scope)
    return score


def _quantulum_equal(figure: Figure, expected: float, unit: str) -> bool:
    value = figure.value
    if value is None and figure.low is not None and figure.high is not None:
        value = (figure.low + figure.high) / 2
    if value is None:
        return False
    if "cent" in unit and figure.kind == "money" and unit != "percentage":
        value *= 100
    return math.isclose(value, expected, rel_tol=1e-6, abs_tol=1e-9)


# ---------------------------------------------------------------------------------------------
# number-parser number words


def score_number_words(folder: Path) -> Score:
    """Whole-string number words ("Twenty-three thousand four hundred fifty-one") read by the
    number-word parser the grammar uses; exact value or a miss."""
    score = Score("number-parser words")
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                score.cases += 1
                got = words_value(row["text"])
                if got is not None and got == float(row["number"]):
                    score.tp += 1
                else:
                    score.fn += 1
                    score.misses.append(f"{row['text'].strip()!r}: {got} != {row['number']}")
    return score


# ---------------------------------------------------------------------------------------------


def all_scores() -> list[Score]:
    number = RECOGNIZERS / "Number"
    unit = RECOGNIZERS / "NumberWithUnit"
    scores: list[Score] = []
    scores.extend(score_number_range(number / "NumberRangeModel.json", "NumberRangeModel"))
    scores.extend(score_number_range(number / "NumberRangeModelExperimentalMode.json",
                                     "NumberRange Experimental"))
    scores.append(score_percent(number / "PercentModel.json", "PercentModel"))
    scores.append(score_percent(number / "PercentModelPercentMode.json", "PercentModel PercentMode"))
    scores.append(score_currency(unit / "CurrencyModel.json"))
    scores.append(score_numbers(number / "NumberModel.json"))
    quantulum = EXTERNAL / "quantulum3-tests-en"
    scores.append(score_quantulum([quantulum / "quantities.json",
                                   quantulum / "quantities.ambiguity.json"]))
    scores.append(score_number_words(EXTERNAL / "number-parser-en-words"))
    return scores


def print_table(scores: list[Score], write: Callable[[str], object] = print) -> None:
    write("| suite | cases | TP | FP | FN | precision | recall | F1 | notes |")
    write("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for s in scores:
        notes = "; ".join(f"{k}: {v}" for k, v in s.extra.items())
        write(f"| {s.name} | {s.cases} | {s.tp} | {s.fp} | {s.fn} | {s.precision:.3f} | "
              f"{s.recall:.3f} | {s.f1:.3f} | {notes} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", metavar="SUITE", help="print the misses of suites whose "
                        "name contains SUITE")
    args = parser.parse_args(argv)
    if not RECOGNIZERS.is_dir():
        print(f"external suites not found at {EXTERNAL}", file=sys.stderr)
        return 2
    scores = all_scores()
    print_table(scores)
    if args.details:
        for s in scores:
            if args.details.lower() in s.name.lower():
                print(f"\n## {s.name}")
                for miss in s.misses:
                    print(" ", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
