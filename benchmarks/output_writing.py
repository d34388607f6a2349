"""The writing stage alone: each output format of one checked site, written as `check -o` does.

    python benchmarks/output_writing.py                         # 2,000 pages, every streamed format
    python benchmarks/output_writing.py --pages 10000 --formats sarif,json
    python benchmarks/output_writing.py --pages 10000 --cache-dir .claimstrack_cache   # repeated runs

Checks the project benchmarks/site_scale.py generates (kept under the same --workdir) once, in
this process, then writes the report in each format with `write_atomic(path, render_stream(...))`
and prints the CPU seconds of that write and the memory allocated while writing (tracemalloc's
peak, in a second pass, since tracing slows the first). Streamed, that memory stays at what the
findings' order needs (the sorted list), whatever the size of the output; a renderer that built
its output whole would show the output's size here, or several times it. With `--cache-dir` the
check keeps and takes its per-page results there (relative to the project), so that after the
first run only the writing costs time.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

from site_scale import FORMATS, default_workdir, held_project, load

from claimstrack.atomic import write_atomic
from claimstrack.engine import check
from claimstrack.render import render_stream
from claimstrack.testing import write_peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages in the generated site (default 2000)")
    parser.add_argument("--formats", default=",".join(FORMATS), help=f"comma-separated (default {','.join(FORMATS)})")
    parser.add_argument("--page-kb", type=float, default=5.0, help="page size in KB (default 5)")
    parser.add_argument("--claims", type=int, default=200, help="claims in the library (default 200)")
    parser.add_argument("--cache-dir", help="per-page cache folder for the check (default: none, every page read)")
    parser.add_argument("--workdir", type=Path, default=default_workdir(),
                        help="where generated projects are kept between runs (default %(default)s, site_scale.py's)")
    args = parser.parse_args()

    with held_project(args.workdir, args.pages, args.page_kb, args.claims) as root:
        os.chdir(root)
        started = time.perf_counter()
        report = check(keep_documents=False, cache_dir=args.cache_dir)
    # The check ran with the cyclic collector paused; its first collection afterwards walks every
    # object the check made. Done here, so that the first format timed does not pay for it.
    gc.collect()
    print(f"# {load()}; python {sys.version.split()[0]}; {args.pages:,} pages checked in "
          f"{time.perf_counter() - started:.1f} s (wall): {len(report.findings):,} findings")
    print("| format | CPU s writing | MB allocated while writing | output MB |")
    print("| --- | ---: | ---: | ---: |", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        for fmt in (f for f in args.formats.split(",") if f):
            target = Path(folder) / f"out.{fmt}"
            started = time.process_time()
            write_atomic(target, render_stream(report, fmt))
            cpu = time.process_time() - started
            peak = write_peak(target, render_stream(report, fmt))
            print(f"| {fmt} | {cpu:.2f} | {peak / 2**20:.0f} | {target.stat().st_size / 1e6:.1f} |", flush=True)
    print(f"# {load()}")


if __name__ == "__main__":
    main()
