"""Instructions `extract_figures` executes on the prose of figures_throughput.py, under callgrind.

    python benchmarks/figures_instructions.py [--megabytes 0.5] [--python OTHER/.venv/bin/python ...]

CPU seconds on the shared machine move by 10 to 40% between runs of the same code (eight
sessions on two cores, and the machine's own speed drifting within the hour), which hides a
change of a few percent. The number of instructions does not depend on the load: valgrind's
callgrind counts them, and only inside the one call that extracts (the child runs it through
`itertools.starmap`, which nothing else calls there, and callgrind collects only inside
`starmap_next`), so start-up, imports and building the text do not count. The collector is
emptied and frozen just before, so what it does in the count is the extraction's own (else
when a full collection falls, over every object of the imports, moves with the allocations
of everything before: two builds differed by 7 M of 590 M for that alone). Two runs of one
build agree within about 1 M.

The text is built once here, from this tree's corpus, and every interpreter given with
`--python` (this one by default; another worktree's venv to compare an older build, since
PYTHONPATH does not override an editable install) extracts the same text.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from figures_throughput import build_prose  # noqa: E402

_CHILD = """
import gc, itertools, sys
from claimstrack.figures import extract_figures
text = open(sys.argv[1], encoding="utf-8").read()
extract_figures("warm up: 5% of 20 people")  # first calls fill the caches outside the count
gc.collect()
gc.freeze()  # the collector then starts from nothing: its work is the extraction's own
list(itertools.starmap(extract_figures, [(text,)]))
"""


def instructions(python: str, text_path: Path, out_path: Path) -> int:
    """Instructions executed inside the one timed `extract_figures` call of the child."""
    return callgrind_instructions(python, _CHILD, [str(text_path)], out_path)


def callgrind_instructions(python: str, child: str, args: Sequence[str], out_path: Path) -> int:
    """Instructions `python -c child *args` executes inside `itertools.starmap` (its one call
    there is what is counted), as callgrind counts them into `out_path`; page_stage_instructions.py
    counts its stages so too."""
    subprocess.run(
        ["valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=starmap_next",
         f"--callgrind-out-file={out_path}", python, "-c", child, *args],
        check=True, capture_output=True, env={"PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin"},
    )
    for line in out_path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    raise SystemExit(f"no totals in {out_path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=0.5)
    parser.add_argument("--python", action="append", help="an interpreter to measure (repeatable)")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed")
        return 1
    pythons = args.python or [sys.executable]
    with tempfile.TemporaryDirectory() as folder:
        for share, label in ((0.2, "seed-like"), (0.5, "dense")):
            text_path = Path(folder) / f"prose-{share}.txt"
            text_path.write_text(build_prose(args.megabytes, share), encoding="utf-8")
            for python in pythons:
                count = instructions(python, text_path, Path(folder) / "callgrind.out")
                print(f"{label}, {args.megabytes} MB: {count / 1e6:,.0f} M instructions ({python})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
