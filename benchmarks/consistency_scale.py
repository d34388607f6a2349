"""Scale of the inferred-measure grouping: 100,000 figures over 10,000 generated documents.

Run: python benchmarks/consistency_scale.py [FIGURES] [DOCUMENTS] [--workers N] [--scattered]

Synthetic sentences are generated from a few hundred quantities (condition x place x population
x aspect, as counts or percents); about 3% of the figures are outliers. Every figure goes through
the real frame reader (`read_frame`), then `group_readings` and `find_disagreements`, exactly as
the CT210 check runs them. Prints the time of each stage and the peak memory (ru_maxrss).

`--workers N` reads the frames in N forked processes, as the page stage does in a check run
(the readings, frames included, are pickled back to the parent); grouping and the outlier
search then run in the parent. `--scattered` gives each outlier a value of its own (anywhere
within 60% of the true one) instead of one of four, so that a group holds about as many
distinct values as outliers: the case where comparing every value with every other grew with
the square (`tests/consistency/test_disagreement_sweep.py` counts the comparisons).
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import sys
import time

from claimstrack.consistency.frames import read_frame
from claimstrack.consistency.inferred import Reading, find_disagreements, group_readings
from claimstrack.model import Figure, Span

CONDITIONS = ("migraine", "diabetes", "asthma", "insomnia", "arthritis", "depression", "obesity", "acne")
PLACES = ("in the United States", "worldwide", "in the UK", "in Canada", "in Europe")
POPULATIONS = ("people", "women", "men", "children", "seniors")
ASPECTS = ("have", "are unaware they have", "report symptoms of", "die each year from")
OUTLIER_RATE = 0.03
SPAN = Span(0, 1, 1, 1, 1, 2)


def quantities(rng: random.Random) -> list[tuple[str, str, str, str, str, float]]:
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


def make_figure(kind: str, value: float, population: str) -> Figure:
    if kind == "count":
        text = f"{value / 1e6:g} million {population}"
        return Figure(text, value, None, None, None, None, "count", "people", "none", population, SPAN, 1e6)
    text = f"{value:g}% of {population}"
    return Figure(text, value, None, None, None, None, "percent", None, "none", population, SPAN, 1.0)


def generate(figures: int, documents: int, seed: int = 7, scattered: bool = False) -> list[tuple[Figure, str, str, int]]:
    """(figure, sentence, path, line) for each synthetic figure."""
    rng = random.Random(seed)
    pool = quantities(rng)
    rows = []
    for i in range(figures):
        kind, condition, place, population, aspect, value = pool[rng.randrange(len(pool))]
        if rng.random() < OUTLIER_RATE:
            if scattered:  # a value of its own, to the thousandth of the true one
                value = value * round(rng.uniform(0.4, 1.6), 3)
                value = round(value / 1e3) * 1e3 if kind == "count" else round(value, 2)
            else:
                value *= rng.choice((0.6, 0.8, 1.3, 1.6))
                value = round(value / 1e6) * 1e6 if kind == "count" else round(value)
        figure = make_figure(kind, value, population)
        sentence = f"{figure.text} {place} {aspect} {condition}."
        rows.append((figure, sentence, f"docs/page{i % documents:05}.md", i // documents + 1))
    return rows


def _read(rows: list[tuple[Figure, str, str, int]]) -> list[Reading]:
    return [Reading(figure, path, line, 1, (path, line), read_frame(figure, sentence, 0))
            for figure, sentence, path, line in rows]


def read_all(rows: list[tuple[Figure, str, str, int]], workers: int) -> list[Reading]:
    """Every row's reading with its frame, in `workers` forked processes when more than one."""
    if workers <= 1:
        return _read(rows)
    chunks = [rows[start:start + 2000] for start in range(0, len(rows), 2000)]
    pool = multiprocessing.get_context("fork").Pool(workers)
    readings = [reading for chunk in pool.imap(_read, chunks) for reading in chunk]
    pool.close()
    pool.join()  # so that the workers' CPU time is counted (RUSAGE_CHILDREN)
    return readings


def run(figures: int = 100_000, documents: int = 10_000, workers: int = 1, scattered: bool = False) -> dict[str, float]:
    rows = generate(figures, documents, scattered=scattered)
    started = time.perf_counter()
    cpu = time.process_time()
    readings = read_all(rows, workers)
    described = time.perf_counter()
    groups = group_readings(readings)
    grouped = time.perf_counter()
    found = [d for group in groups for d in find_disagreements(group.sure())]
    done = time.perf_counter()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "figures": figures,
        "documents": documents,
        "groups": len(groups),
        "distinct": max(len({(r.figure.value, r.figure.hedge) for r in g.readings}) for g in groups),
        "reported_groups": sum(1 for group in groups if len(group.sure()) > 1),
        "findings": len(found),
        "related": sum(len(d.others) for d in found),
        "describe_s": described - started,
        "group_s": grouped - described,
        "disagreements_s": done - grouped,
        "total_s": done - started,
        "cpu_s": time.process_time() - cpu + children.ru_utime + children.ru_stime,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("figures", nargs="?", type=int, default=100_000)
    parser.add_argument("documents", nargs="?", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1, help="processes that read frames (default 1)")
    parser.add_argument("--scattered", action="store_true", help="outliers take values of their own")
    args = parser.parse_args(argv)
    result = run(args.figures, args.documents, args.workers, args.scattered)
    print(f"{result['figures']:,} figures over {result['documents']:,} documents, "
          f"frames read in {args.workers} process{'es' if args.workers > 1 else ''}")
    print(f"groups: {result['groups']:,} (at most {result['distinct']:,} distinct values in one), "
          f"findings: {result['findings']:,}, related sides: {result['related']:,}")
    print(f"frames (read_frame): {result['describe_s']:.2f} s")
    print(f"grouping:          {result['group_s']:.2f} s")
    print(f"disagreements:     {result['disagreements_s']:.2f} s")
    print(f"total:             {result['total_s']:.2f} s wall, {result['cpu_s']:.2f} s CPU (workers included)")
    print(f"peak memory (max RSS, parent process): {result['peak_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
