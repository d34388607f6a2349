"""Scale of the inferred-measure grouping: 100,000 figures over 10,000 generated documents.

Run: python benchmarks/consistency_scale.py [FIGURES] [DOCUMENTS]

Synthetic sentences are generated from a few hundred quantities (condition x place x population
x aspect, as counts or percents); about 3% of the figures are outliers. Every figure goes through
the real frame reader (`read_frame`), then `group_readings` and `find_disagreements`, exactly as
the CT210 check runs them. Prints the time of each stage and the peak memory (ru_maxrss).
"""

from __future__ import annotations

import random
import resource
import sys
import time

from claimstrack.consistency.inferred import Reading, find_disagreements, group_readings
from claimstrack.consistency.frames import read_frame
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


def generate(figures: int, documents: int, seed: int = 7) -> list[tuple[Figure, str, str, int]]:
    """(figure, sentence, path, line) for each synthetic figure."""
    rng = random.Random(seed)
    pool = quantities(rng)
    rows = []
    for i in range(figures):
        kind, condition, place, population, aspect, value = pool[rng.randrange(len(pool))]
        if rng.random() < OUTLIER_RATE:
            value *= rng.choice((0.6, 0.8, 1.3, 1.6))
            value = round(value / 1e6) * 1e6 if kind == "count" else round(value)
        figure = make_figure(kind, value, population)
        sentence = f"{figure.text} {place} {aspect} {condition}."
        rows.append((figure, sentence, f"docs/page{i % documents:05}.md", i // documents + 1))
    return rows


def run(figures: int = 100_000, documents: int = 10_000) -> dict[str, float]:
    rows = generate(figures, documents)
    started = time.perf_counter()
    readings = [
        Reading(figure, path, line, 1, (path, line), read_frame(figure, sentence, 0))
        for figure, sentence, path, line in rows
    ]
    described = time.perf_counter()
    groups = group_readings(readings)
    grouped = time.perf_counter()
    found = [d for group in groups for d in find_disagreements(group.sure())]
    done = time.perf_counter()
    return {
        "figures": figures,
        "documents": documents,
        "groups": len(groups),
        "reported_groups": sum(1 for group in groups if len(group.sure()) > 1),
        "findings": len(found),
        "related": sum(len(d.others) for d in found),
        "describe_s": described - started,
        "group_s": grouped - described,
        "disagreements_s": done - grouped,
        "total_s": done - started,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str]) -> int:
    figures = int(argv[0]) if argv else 100_000
    documents = int(argv[1]) if len(argv) > 1 else 10_000
    result = run(figures, documents)
    print(f"{result['figures']:,} figures over {result['documents']:,} documents")
    print(f"groups: {result['groups']:,}, findings: {result['findings']:,}, related sides: {result['related']:,}")
    print(f"frames (read_frame): {result['describe_s']:.2f} s")
    print(f"grouping:          {result['group_s']:.2f} s")
    print(f"disagreements:     {result['disagreements_s']:.2f} s")
    print(f"total:             {result['total_s']:.2f} s")
    print(f"peak memory (max RSS, whole process): {result['peak_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
