"""Reading the Retraction Watch CSV (`retractions`): seconds for a file of the real size.

Run: python benchmarks/retractions_load.py [--rows N]
The file is written with the real header and rows shaped like the real ones (titles, author
lists, institutions with several affiliations, reasons), about 850 bytes a row as in the copy
Crossref distributes; the target is well under a second for 60,000 rows.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from claimstrack.checks.examples import RETRACTION_WATCH_HEADER
from claimstrack.retractions import load_retractions

NATURES = ("Retraction",) * 8 + ("Expression of concern", "Correction", "Reinstatement")
WORDS = "migraine prevalence burden therapy randomized trial cohort outcomes patients analysis".split()


def row(number: int, rng: random.Random) -> str:
    title = " ".join(rng.choice(WORDS) for _ in range(12)).capitalize()
    institution = "; ".join(f"Department of {rng.choice(WORDS).title()}, University of {rng.choice(WORDS).title()}, "
                            f"City {rng.randint(1, 999)}, Country" for _ in range(3))
    authors = ";".join(f"Author{rng.randint(1, 99999)} Name" for _ in range(rng.randint(1, 8)))
    reason = ";".join(f"+{rng.choice(('Duplication of Image', 'Error in Data', 'Plagiarism of Article', 'Paper Mill'))}"
                      for _ in range(rng.randint(1, 4)))
    nature = rng.choice(NATURES)
    date = f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/{rng.randint(1995, 2026)} 0:00"
    pmid = str(rng.randint(10_000_000, 39_999_999)) if rng.random() < 0.6 else "0"
    return (f'{number},"{title}",(BLS) Biology - Cellular;(HSC) Medicine - Neurology;,"{institution}",'
            f"Journal of {rng.choice(WORDS).title()},Publisher,United States;China,\"{authors}\","
            f"https://example.org/{number},Research Article;,{date},10.1000/notice.{number},0,"
            f"1/1/2010 0:00,10.{rng.randint(1000, 9999)}/paper.{number},{pmid},{nature},\"{reason}\",No,See notes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=60_000)
    args = parser.parse_args()
    rng = random.Random(14)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "retraction_watch.csv"
        path.write_text(RETRACTION_WATCH_HEADER + "\n" + "\n".join(row(i, rng) for i in range(args.rows)) + "\n",
                        encoding="utf-8")
        size = path.stat().st_size
        timings, cpu = [], []
        for _ in range(3):
            started, started_cpu = time.perf_counter(), time.process_time()
            notices = load_retractions(path, path.name)
            timings.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
    print(f"{args.rows:,} rows, {size / 1e6:.1f} MB: read in {min(timings):.3f} s, {min(cpu):.3f} s of CPU (best of 3; "
          f"{len(notices.by_doi):,} DOIs, {len(notices.by_pmid):,} PMIDs indexed)")


if __name__ == "__main__":
    main()
