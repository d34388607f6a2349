"""Figure extraction compiled with mypyc against the same code as Python: throughput and results.

    python benchmarks/figures_compiled.py [--megabytes 4] [--rounds 3] [--keep DIR]

The grammar (claimstrack/figures/, all but the package's __init__) is fully typed, so mypyc
compiles it as it is: this script copies the package to a temporary folder, builds the
extension modules there (a C compiler and a few minutes), then times `extract_figures` on the
prose of benchmarks/figures_throughput.py in a fresh process per build, the two builds taking
turns (CPU seconds, the best of the rounds: the machine may be shared), and checks that both
builds give the same figures (every field). Nothing in the installed package changes: shipping
compiled wheels is a packaging decision this only measures.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Run in a fresh process with PYTHONPATH set to one build: CPU seconds per density, and a hash
#: of every figure found, so the two builds' results can be compared.
_TIMED = """
import hashlib, json, sys, time
import attrs
sys.path.insert(0, {benchmarks!r})
from figures_throughput import build_prose
from claimstrack.figures import extract_figures, grammar
out = {{"module": grammar.__file__}}
for share in (0.2, 0.5):
    text = build_prose({megabytes}, share)
    start = time.process_time()
    figures = extract_figures(text)
    out[share] = time.process_time() - start
    dump = json.dumps([attrs.asdict(f) for f in figures], sort_keys=True).encode()
    out[f"{{share}} figures"] = [len(figures), hashlib.sha256(dump).hexdigest()]
out["bytes"] = {{share: len(build_prose({megabytes}, share).encode()) for share in (0.2, 0.5)}}
print(json.dumps(out))
"""


def build(folder: Path) -> Path:
    """A copy of the package under `folder` with claimstrack/figures compiled by mypyc."""
    shutil.copytree(ROOT / "claimstrack", folder / "claimstrack",
                    ignore=shutil.ignore_patterns("__pycache__"))
    modules = sorted(str(p.relative_to(folder)) for p in (folder / "claimstrack" / "figures").glob("*.py")
                     if p.name != "__init__.py")
    mypyc = Path(sys.executable).with_name("mypyc")
    subprocess.run([str(mypyc), *modules], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    return folder


def timed(tree: Path, megabytes: float) -> dict[str, object]:
    import json

    code = _TIMED.format(benchmarks=str(ROOT / "benchmarks"), megabytes=megabytes)
    result = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, PYTHONPATH=str(tree)),
                            cwd=tree, check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build in this (new) folder and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        compiled = build(folder / "compiled")
        runs: dict[str, list[dict[str, object]]] = {"python": [], "mypyc": []}
        for _ in range(args.rounds):
            runs["python"].append(timed(ROOT, args.megabytes))
            runs["mypyc"].append(timed(compiled, args.megabytes))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"load average {os.getloadavg()[0]:.1f}\n")
    print("| build | seed-like density | dense (half corpus sentences) |")
    print("| --- | ---: | ---: |")
    for name, results in runs.items():
        cells = []
        for share in ("0.2", "0.5"):
            seconds = min(float(r[share]) for r in results)  # type: ignore[arg-type]
            size = results[0]["bytes"][share]  # type: ignore[index]
            cells.append(f"{size / 1e6 / seconds:.2f} MB/s ({seconds:.2f} s)")
        print(f"| {name} | {' | '.join(cells)} |")
    same = all(runs["python"][0][f"{s} figures"] == runs["mypyc"][0][f"{s} figures"] for s in ("0.2", "0.5"))
    print(f"\nsame figures from both builds: {'yes' if same else 'NO'} "
          f"({runs['python'][0]['0.2 figures'][0]} and {runs['python'][0]['0.5 figures'][0]} figures)")  # type: ignore[index]
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
