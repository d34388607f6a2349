"""Scale of CT210 end to end: measure frames, grouping and outliers for up to a million figures.

Run: python benchmarks/consistency_scale.py [FIGURES] [DOCUMENTS] [--workers N] [--scattered] [--unique] [--lone]

Generated pages (a title, paragraphs of figure sentences between sentences without a figure, a
lead-in list), each figure a statement of one of 800 quantities (condition x place x population
x aspect, as counts or percents) in one of a few wordings; about 3% of the figures are
outliers. The figures are made with their spans (extraction is measured by
figures_throughput.py), then each page goes the way CT210 takes it: `read_frames` on the page's
text, sentences and figures (the page stage), a `Reading` per figure, `group_readings` over
every page, and `find_disagreements` on each group's comparable runs, figures of one page
apart. The stages run with the cyclic garbage collector paused, as in a check run. Prints each
stage's wall and CPU time and the peak memory (ru_maxrss).

`--workers N` reads the frames in N forked processes, as the page stage does in a check run:
each page's readings, frames included, come back as its page record's bytes
(`claimstrack.checks.records`, as a worker sends them), restored in the parent (the workers' CPU
is counted); the grouping and the outlier search then run in the parent. `--scattered` gives each outlier a value
of its own (anywhere within 60% of the true one) instead of one of four, so that a group holds
about as many distinct values as outliers: the case where comparing every value with every
other grew with the square (`tests/consistency/test_disagreement_sweep.py` counts the
comparisons). The generated pages repeat their figure sentences (about 15,000 distinct ones in
100,000), as syndicated statistics do, and a frame that its sentence alone gives is read once
(frames._SENTENCE_FRAMES); `--unique` ends every figure sentence with a note number of its own,
so that no sentence is said twice and every frame is read: the cost with nothing repeated.
`--lone` says a word of its own after one in ten figures' condition ("have migraine
tavokesu"), so that frame grouping leaves it alone and the similarity search
(`consistency/similar.py`) looks for its link: the lone-figure path.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import attrs

from claimstrack.checks import records
from claimstrack.checks.context import PageResult
from claimstrack.consistency.frames import read_frames
from claimstrack.consistency.inferred import Reading, find_disagreements, group_readings, same_page
from claimstrack.gc_pause import paused_gc, start_worker
from claimstrack.model import Figure, Span

CONDITIONS = ("migraine", "diabetes", "asthma", "insomnia", "arthritis", "depression", "obesity", "acne")
PLACES = ("in the United States", "worldwide", "in the UK", "in Canada", "in Europe")
POPULATIONS = ("people", "women", "men", "children", "seniors")
ASPECTS = ("have", "are unaware they have", "report symptoms of", "die each year from")
OUTLIER_RATE = 0.03
#: `--lone`: one figure sentence in LONE_EVERY (at random) says a made-up word of its own after its condition.
LONE_EVERY = 10
#: How a figure's sentence opens and closes (none of them says a year, place or population).
OPENINGS = ("", "", "According to a recent survey, ", "Studies show that ", "Today, ", "Researchers estimate that ")
CLOSINGS = ("", "", ", according to health officials", ", a number that experts watch closely")
#: Sentences without a figure between the figure sentences, as on real pages.
FILLERS = (
    "Talk to your doctor if the symptoms do not go away.",
    "Treatment options have improved a great deal over the past decades.",
    "Many people never seek help, and the reasons vary widely.",
    "Early diagnosis makes a real difference for most patients.",
    "The numbers below come from national health surveys and peer-reviewed studies.",
    "Awareness campaigns have changed how the public talks about the condition.",
    "Lifestyle changes such as regular exercise and a balanced diet can help a lot.",
    "Symptoms often differ between patients, which makes the condition hard to spot.",
    "Doctors recommend regular check-ups for anyone with a family history of it.",
    "Costs for patients and their families add up quickly over the years.",
    "Support groups offer advice, and many of them meet online as well as in person.",
    "Researchers are still working to understand the causes and the best treatments.",
)
#: Sentences without a figure after each figure sentence: a figure every ~400 characters.
FILLERS_PER_FIGURE = 5

Quantity = tuple[str, str, str, str, str, float]  # kind, condition, place, population, aspect, value


@attrs.frozen
class Page:
    """One generated page: its text, sentence ranges and figures (spans in the text)."""

    path: str
    text: str
    sentences: tuple[tuple[int, int], ...]
    figures: tuple[Figure, ...]


def quantities(rng: random.Random) -> list[Quantity]:
    """(kind, condition, place, population, aspect, true value) for every generated quantity."""
    found = []
    for condition in CONDITIONS:
        for place in PLACES:
            for population in POPULATIONS:
                for aspect in ASPECTS:
                    kind = rng.choice(("count", "percent"))
                    value = rng.randint(2, 90) * (1e6 if kind == "count" else 1)
                    found.append((kind, condition, place, population, aspect, float(value)))
    return found


def _value(rng: random.Random, kind: str, value: float, scattered: bool) -> float:
    """The true value, or (at OUTLIER_RATE) an outlier's."""
    if rng.random() >= OUTLIER_RATE:
        return value
    if scattered:  # a value of its own, to the thousandth of the true one
        value = value * round(rng.uniform(0.4, 1.6), 3)
        return round(value / 1e3) * 1e3 if kind == "count" else round(value, 2)
    value *= rng.choice((0.6, 0.8, 1.3, 1.6))
    return round(value / 1e6) * 1e6 if kind == "count" else round(value)


def _figure(kind: str, value: float, population: str, *, start: int, line: int, column: int) -> Figure:
    if kind == "count":
        text = f"{value / 1e6:g} million {population}"
        unit, subject, precision = "people", population, 1e6
    else:
        text = f"{value:g}% of {population}"
        unit, subject, precision = None, population, 1.0
    span = Span(start, start + len(text), line, column, line, column + len(text))
    return Figure(text, value, None, None, None, None, kind, unit, "none", subject, span, precision)


class _Writer:
    """Builds a page's text, sentence ranges and figures, keeping lines and columns."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.line = 1
        self.line_start = 0
        self.sentences: list[tuple[int, int]] = []
        self.figures: list[Figure] = []

    def write(self, text: str) -> None:
        self.parts.append(text)
        newline = text.rfind("\n")
        if newline >= 0:
            self.line += text.count("\n")
            self.line_start = self.length + newline + 1
        self.length += len(text)

    def sentence(self, text: str, figure: tuple[str, float, str] | None = None, opening: str = "") -> None:
        start = self.length
        if figure is not None:
            kind, value, population = figure
            self.write(opening)
            made = _figure(kind, value, population, start=self.length, line=self.line,
                           column=self.length - self.line_start + 1)
            self.figures.append(made)
            self.write(made.text)
        self.write(text)
        self.sentences.append((start, self.length))

    def page(self, path: str) -> Page:
        return Page(path, "".join(self.parts), tuple(self.sentences), tuple(self.figures))


def _figure_sentence(writer: _Writer, rng: random.Random, quantity: Quantity, scattered: bool, *,
                     unique: bool = False, lone: bool = False) -> None:
    kind, condition, place, population, aspect, value = quantity
    closing = CLOSINGS[rng.randrange(len(CLOSINGS))]
    if unique:  # after a comma, past the figure's clause: it changes no frame's words
        closing += f", as noted in note number {rng.randrange(10**12)}"
    if lone and rng.randrange(LONE_EVERY) == 0:  # a said word of its own: a group of one
        condition += " " + "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(4))
    figure = (kind, _value(rng, kind, value, scattered), population)
    writer.sentence(f" {place} {aspect} {condition}{closing}.", figure, OPENINGS[rng.randrange(len(OPENINGS))])


def make_page(rng: random.Random, pool: list[Quantity], path: str, figures: int, scattered: bool, *,
              unique: bool = False, lone: bool = False) -> Page:
    """A page of `figures` figure sentences: a title, paragraphs of two figure sentences among
    sentences without one, and a lead-in list for the last few figures."""
    writer = _Writer()
    topic = CONDITIONS[rng.randrange(len(CONDITIONS))]
    writer.sentence(f"{topic.capitalize()} statistics and facts")
    listed = min(figures, 3)
    for index in range(figures - listed):
        writer.write("\n\n" if index % 2 == 0 else " ")
        _figure_sentence(writer, rng, pool[rng.randrange(len(pool))], scattered, unique=unique, lone=lone)
        for _ in range(FILLERS_PER_FIGURE):
            writer.write(" ")
            writer.sentence(FILLERS[rng.randrange(len(FILLERS))])
    writer.write("\n\n")
    writer.sentence("Key figures at a glance:")
    for _ in range(listed):
        writer.write("\n\n- ")
        _figure_sentence(writer, rng, pool[rng.randrange(len(pool))], scattered, unique=unique, lone=lone)
    writer.write("\n")
    return writer.page(path)


def generate(figures: int, documents: int, seed: int = 7, scattered: bool = False, *, unique: bool = False,
             lone: bool = False) -> list[Page]:
    """`documents` pages holding `figures` figures in all (spread evenly)."""
    rng = random.Random(seed)
    pool = quantities(rng)
    return [make_page(rng, pool, f"docs/page{index:06}.md", figures // documents + (index < figures % documents),
                      scattered, unique=unique, lone=lone)
            for index in range(documents)]


def read_pages(pages: list[Page]) -> list[Reading]:
    """The page stage's share of CT210: each page's frames, one reading per figure."""
    return [reading for page in pages for reading in read_page(page)]


def read_page(page: Page) -> list[Reading]:
    """One page's readings, its frames read."""
    readings = []
    frames = read_frames(page.text, page.sentences, page.figures)
    starts = [start for start, _ in page.sentences]
    sentence = 0
    for figure, frame in zip(page.figures, frames):
        while sentence + 1 < len(starts) and starts[sentence + 1] <= figure.span.start:
            sentence += 1
        span = figure.span
        readings.append(Reading(figure, page.path, span.line, span.column, (page.path, sentence), frame))
    return readings


_PAGES: list[Page] = []  # what the forked workers read (inherited, not pickled)


def _read_chunk(bounds: tuple[int, int]) -> list[bytes]:
    """Each page's readings as a worker sends them back in a check run: a page record's bytes."""
    return [records.dump_page(PageResult(page.path, readings=read_page(page), figures=len(page.figures)))
            for page in _PAGES[bounds[0] : bounds[1]]]


def _page_readings(data: bytes) -> Sequence[Reading]:
    page = records.load_page(data)
    assert page is not None, "a worker's page record did not load"
    return page.readings


def read_all(pages: list[Page], workers: int) -> list[Reading]:
    """Every page's readings, in `workers` forked processes when more than one."""
    if workers <= 1:
        return read_pages(pages)
    _PAGES[:] = pages
    chunks = [(start, start + 200) for start in range(0, len(pages), 200)]
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=start_worker)  # as parallel.py
    readings = [reading for chunk in pool.imap(_read_chunk, chunks) for data in chunk for reading in _page_readings(data)]
    pool.close()
    pool.join()  # so that the workers' CPU time is counted (RUSAGE_CHILDREN)
    _PAGES.clear()
    return readings


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _timed(stage: Callable[[], Any], times: dict[str, float], name: str) -> Any:
    wall, cpu = time.perf_counter(), _cpu()
    result = stage()
    times[f"{name}_s"] = time.perf_counter() - wall
    times[f"{name}_cpu"] = _cpu() - cpu
    return result


def disagreements(groups: list[Any]) -> Iterator[Any]:
    """CT210's outlier search: each group's comparable runs, figures of one page apart."""
    for group in groups:
        for run in group.comparable():
            yield from find_disagreements(run, apart=same_page)


def run(figures: int = 1_000_000, documents: int = 100_000, workers: int = 1, scattered: bool = False, *,
        unique: bool = False, lone: bool = False) -> dict[str, Any]:
    pages = generate(figures, documents, scattered=scattered, unique=unique, lone=lone)
    times: dict[str, float] = {}
    with paused_gc():  # as in a check run (engine.check): what the stages build lives to the end
        readings = _timed(lambda: read_all(pages, workers), times, "frames")
        groups = _timed(lambda: group_readings(readings), times, "grouping")
        found = _timed(lambda: list(disagreements(groups)), times, "disagreements")
    stages = ("frames", "grouping", "disagreements")
    return {
        "figures": len(readings),
        "documents": documents,
        "characters": sum(len(page.text) for page in pages),
        "groups": len(groups),
        "distinct": max((len({(r.figure.value, r.figure.hedge) for r in g.readings}) for g in groups), default=0),
        "findings": len(found),
        "related": sum(len(d.others) for d in found),
        **times,
        "total_s": sum(times[f"{stage}_s"] for stage in stages),
        "total_cpu": sum(times[f"{stage}_cpu"] for stage in stages),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("figures", nargs="?", type=int, default=1_000_000)
    parser.add_argument("documents", nargs="?", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=1, help="processes that read frames (default 1)")
    parser.add_argument("--scattered", action="store_true", help="outliers take values of their own")
    parser.add_argument("--unique", action="store_true", help="no figure sentence is said twice")
    parser.add_argument("--lone", action="store_true", help="one figure in ten says a word of its own")
    args = parser.parse_args(argv)
    result = run(args.figures, args.documents, args.workers, args.scattered, unique=args.unique, lone=args.lone)
    print(f"{result['figures']:,} figures over {result['documents']:,} pages "
          f"({result['characters'] / result['documents']:,.0f} characters a page), "
          f"frames read in {args.workers} process{'es' if args.workers > 1 else ''}")
    print(f"groups: {result['groups']:,} (at most {result['distinct']:,} distinct values in one), "
          f"findings: {result['findings']:,}, related sides: {result['related']:,}")
    for stage, label in (("frames", "frames (read_frames)"), ("grouping", "grouping"),
                         ("disagreements", "disagreements"), ("total", "total")):
        print(f"{label + ':':<22}{result[f'{stage}_s']:7.2f} s wall {result[f'{stage}_cpu']:7.2f} s CPU")
    print(f"peak memory (max RSS, parent process): {result['peak_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
