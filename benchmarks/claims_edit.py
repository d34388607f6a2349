"""Latency of one claims-file edit, and many writers at once.

Run: python benchmarks/claims_edit.py [--claims 1000] [--writers 20]

Builds a claims file shaped like the worked example's (a section comment, a `[measure.*]`
table before each claim, notes, one evidence table) with N claims, then times each library
edit (approve, set-status, add evidence, add, remove) on it, median of 5 runs, and checks that
each edit changed only the lines it must (lines removed from the file other than the edited
claim's status/approval lines: must be 0). Then starts W processes that edit the same file at
once and reports the wall time and whether every write is in the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from claimstrack.library import load_library
from claimstrack.library_edit import add_claim, add_evidence, approve_claim, remove_claim, set_claim_status
from claimstrack.model import Claim, Evidence

ON = dt.date(2026, 12, 1)


def claims_file(count: int) -> str:
    parts = ["# A large claims library.\n\nschema = 1\n"]
    for i in range(count):
        parts.append(
            f"\n# --- Claim {i} {'-' * 70}\n\n"
            f'[measure.m{i}]\ndescription = "Share of adults, survey {i}"\nkind = "percent"\nvalue = {i % 90 + 5}\n\n'
            f'[[claim]]\nid = "c{i}"\ntext = "About {i % 90 + 5}% of adults report it"\nmeasure = "m{i}"\n'
            f'status = "approved"\napproved_by = "A. Reviewer"\napproved_on = 2026-11-01\nreview_by = 2027-11-01\n'
            f'notes = """\\\nSurvey {i}: the share is stable across waves; re-check when the next wave is out."""\n\n'
            f'[[claim.evidence]]\ncite = "survey{i}"\nlocator = "Table {i % 7 + 1}"\nquote = "{i % 90 + 5}% of adults"\nn = {1000 + i}\n'
        )
    return "".join(parts)


EDITS = {
    "approve": lambda p, i: approve_claim(p, f"c{i}", by="B. Reviewer", on=ON),
    "set-status": lambda p, i: set_claim_status(p, f"c{i}", "in-review", by="E", on=ON),
    "add evidence": lambda p, i: add_evidence(p, f"c{i}", Evidence("extra", "p. 2")),
    "add claim": lambda p, i: add_claim(p, Claim(id=f"new{i}", text="t")),
    "remove": lambda p, i: remove_claim(p, f"c{i}"),
}
ALLOWED_REMOVALS = ("-status", "-approved_by", "-approved_on")


def time_edits(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claims.toml"
        text = claims_file(count)
        print(f"claims file: {count} claims, {len(text) / 1024:.0f} KB, {text.count(chr(10))} lines")
        path.write_text(text, encoding="utf-8")
        loads = []
        for _ in range(5):
            started = time.perf_counter()
            load_library([path], Path(folder))
            loads.append((time.perf_counter() - started) * 1000)
        print(f"{'load':<14}{statistics.median(loads):>10.1f}")
        print(f"{'edit':<14}{'median ms':>10}{'other lines removed':>22}")
        for name, edit in EDITS.items():
            times, stray = [], 0
            for run in range(5):
                path.write_text(text, encoding="utf-8")
                index = count // 2 + run
                started = time.perf_counter()
                edit(path, index)
                times.append((time.perf_counter() - started) * 1000)
                after = path.read_text(encoding="utf-8")
                removed = [line for line in difflib.unified_diff(text.splitlines(), after.splitlines(), lineterm="", n=0)
                           if line.startswith("-") and not line.startswith("---")]
                if name != "remove":
                    stray += sum(1 for line in removed if not line.startswith(ALLOWED_REMOVALS))
            print(f"{name:<14}{statistics.median(times):>10.1f}{stray:>22}")


_WRITER = """
import sys
from pathlib import Path
from claimstrack.library_edit import add_claim
from claimstrack.model import Claim
add_claim(Path(sys.argv[1]), Claim(id="w" + sys.argv[2], text="t"))
"""


def concurrent_writers(writers: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claims.toml"
        path.write_text(claims_file(50), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        started = time.perf_counter()
        processes = [subprocess.Popen([sys.executable, "-c", _WRITER, str(path), str(i)], env=env)
                     for i in range(writers)]
        codes = [process.wait() for process in processes]
        elapsed = time.perf_counter() - started
        written = sum(1 for claim in load_library([path], Path(folder)) if claim.id.startswith("w"))
        print(f"{writers} concurrent writers: {elapsed:.1f} s wall, {codes.count(0)} succeeded, "
              f"{written} of {writers} writes in the file")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--writers", type=int, default=20)
    args = parser.parse_args()
    time_edits(args.claims)
    concurrent_writers(args.writers)


if __name__ == "__main__":
    main()
