"""`claimstrack check` end to end on hostile inputs: CPU time and peak memory per input.

Each input is written into a fresh project (the worked example's claims and bibliography) and
checked by the installed command line in its own process, once per output format, each with
an empty per-page cache (and the package's bytecode written first, as an installed package
has it); the table lists the worst format's CPU seconds (user + system, so other load on the machine counts
less) and peak resident memory. Target: every 1 MB input under 3 s and
500 MB (issue 13). Run from the repository root:

    python benchmarks/hostile.py                      # every input, every format
    python benchmarks/hostile.py --formats text json  # fewer formats
    python benchmarks/hostile.py --only digits        # inputs whose name contains "digits"
    python benchmarks/hostile.py --only lists --each  # and every format's figures, after the table
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from figures_hostile import hostile_inputs  # noqa: E402

from claimstrack.testing import docx_bytes  # noqa: E402

REPOSITORY = Path(__file__).resolve().parents[1]
FORMATS = ("text", "json", "sarif", "github", "junit", "markdown")
REPORT_FORMATS = ("html", "markdown")
TIME_LIMIT, MEMORY_LIMIT_MB = 3.0, 500.0

#: name -> (file name in content/, its bytes)
Inputs = dict[str, tuple[str, bytes]]


def word_story(megabytes: float = 1.8) -> bytes:
    """The Word story: a .docx of `megabytes`, stored (about 1 MB of text), one short paragraph
    with two figures said again and again."""
    paragraph = "<w:p><w:r><w:t>Over 90% of the 25 patients in our clinic agree.</w:t></w:r></w:p>"
    return docx_bytes(paragraph * int(megabytes * 1_000_000 // len(paragraph)), compression=zipfile.ZIP_STORED)


def repeat(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def issue_inputs() -> Inputs:
    """The reproducers of issue 13, at the sizes it names."""
    text: dict[str, str] = {
        "digits '1234567890 ' x 100 KB": repeat("1234567890 ", 100_000),
        "digits '1234567890 ' x 400 KB": repeat("1234567890 ", 400_000),
        "digits '1234567890 ' x 1 MB": repeat("1234567890 ", 1_000_000),
        "shares '5% of ' x 200 KB": repeat("5% of ", 200_000),
        "shares '5% of ' x 1 MB": repeat("5% of ", 1_000_000),
        "shares one per line x 1 MB": repeat("5% of 25 patients improved\n", 1_000_000),
        "prose, one line, n = 25 x 1 MB": repeat("Over 92% of patients (n = 25) improved and ", 1_000_000),
        "range to 400 nines, x 1 MB": repeat("between 2 and " + "9" * 400 + " people. ", 1_000_000),
        "dotted capital I 'İ' x 1 MB": repeat("İstanbul clinic: over 90% of patients ", 1_000_000),
    }
    inputs = {name: ("page.txt", value.encode()) for name, value in text.items()}
    inputs["markdown 40 nested blockquotes x 1 MB"] = (
        "page.md", repeat(">" * 40 + " Over 90% of patients agree.\n", 1_000_000).encode())
    inputs["markdown 10 nested lists x 1 MB"] = (
        "page.md", repeat("".join("  " * i + "- Over 90% agree\n" for i in range(10)), 1_000_000).encode())
    inputs["docx 1.8 MB story, stored (1 MB of text)"] = ("deck.docx", word_story())
    inputs["docx bomb unpacking 42 MB (refused)"] = (
        "deck.docx", docx_bytes("<w:p><w:r><w:t>" + repeat("5% of ", 7_000_000) + "</w:t></w:r></w:p>"))
    inputs["docx 3,000 nested paragraphs"] = (
        "deck.docx", docx_bytes("<w:p><w:r><w:t>Over 90% agree.</w:t></w:r>" * 3000 + "</w:p>" * 3000))
    inputs["docx story over the cap (refused)"] = (
        "deck.docx", docx_bytes("<w:p><w:r><w:t>" + repeat("5% of ", 60_000_000) + "</w:t></w:r></w:p>"))
    return inputs


def all_inputs(megabytes: float) -> Inputs:
    size = int(megabytes * 1_000_000)
    extractor = {f"extractor: {name}": ("page.txt", text.encode()) for name, text in hostile_inputs(size).items()}
    return {**issue_inputs(), **extractor}


def make_project(root: Path, file_name: str, content: bytes) -> None:
    shutil.copytree(REPOSITORY / "claims", root / "claims")
    shutil.copy(REPOSITORY / "references.bib", root / "references.bib")
    (root / "claimstrack.toml").write_text("today = 2026-11-21\n", encoding="utf-8")
    (root / "content").mkdir()
    (root / "content" / file_name).write_bytes(content)


#: Runs the command and prints its CPU seconds and peak memory. The benchmark holds its inputs
#: in memory, and Linux carries a process's peak memory across fork and exec, so the command is
#: started from this small launcher instead, whose child starts small.
_LAUNCHER = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code)
"""


def run(args: list[str], cwd: Path, cold: bool = False) -> tuple[float, float, int]:
    """(CPU seconds, peak resident MB, exit code) of one command in its own process; `cold`
    empties the per-page cache first, so that every format pays for reading and checking the
    page (and for writing the cache), not only the first one run."""
    if cold:
        shutil.rmtree(cwd / ".claimstrack_cache", ignore_errors=True)
    command = [sys.executable, "-c", _LAUNCHER, sys.executable, "-m", "claimstrack", *args]
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=True)
    seconds, peak_kb, code = result.stdout.split()
    return float(seconds), int(peak_kb) / 1024, int(code)  # ru_maxrss is in KB on Linux


#: Writes the bytecode of the claimstrack package the command runs, as `pip install` does.
_COMPILE = "import claimstrack, compileall, os; compileall.compile_dir(os.path.dirname(claimstrack.__file__), quiet=1)"


def compile_package() -> None:
    """Compile the package's modules before anything is timed. A package pip installed has its
    bytecode; an editable install writes it on first import, unless PYTHONDONTWRITEBYTECODE is
    set (as on the development machine), and then every run compiles about 110 modules from
    source first: 0.15 CPU s of start-up a user does not pay."""
    with tempfile.TemporaryDirectory() as folder:  # as the checks run: not from the repository
        subprocess.run([sys.executable, "-c", _COMPILE], cwd=folder, check=True)


def commands(formats: list[str], reports: list[str]) -> list[tuple[str, list[str]]]:
    checks = [(f"check {fmt}", ["check", "--format", fmt, "-o", f"out.{fmt}"]) for fmt in formats]
    return checks + [(f"report {fmt}", ["report", "--format", fmt, "-o", f"report.{fmt}"]) for fmt in reports]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", nargs="*", default=list(FORMATS), choices=FORMATS)
    parser.add_argument("--reports", nargs="*", default=list(REPORT_FORMATS), choices=REPORT_FORMATS)
    parser.add_argument("--only", help="inputs whose name contains this text")
    parser.add_argument("--megabytes", type=float, default=1.0, help="size of the extractor inputs")
    parser.add_argument("--each", action="store_true", help="also list every format's CPU s and MB per input")
    args = parser.parse_args(argv)
    inputs = {k: v for k, v in all_inputs(args.megabytes).items() if not args.only or args.only in k}
    runs = commands(args.formats, args.reports)
    compile_package()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}; {len(runs)} runs per input: "
          + ", ".join(name for name, _ in runs))
    print("\n| hostile input | size | check: worst CPU s | check: worst MB | worst format | report: worst CPU s | report: worst MB | exit codes | on target |")
    print("| --- | ---: | ---: | ---: | --- | ---: | ---: | --- | --- |")
    failures = 0
    each: list[str] = []
    for name, (file_name, content) in inputs.items():
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            make_project(root, file_name, content)
            results = [(label, *run(command, root, cold=True)) for label, command in runs]
        checks = [r for r in results if r[0].startswith("check")] or [("check -", 0.0, 0.0, 0)]
        reports = [r for r in results if r[0].startswith("report")] or [("report -", 0.0, 0.0, 0)]
        slowest = max(checks, key=lambda r: r[1])
        codes = ",".join(sorted({str(r[3]) for r in results}))
        # the issue's target holds for every output format: the review reports as well as check's
        over = (max(r[1] for r in results) > TIME_LIMIT or max(r[2] for r in results) > MEMORY_LIMIT_MB
                or "2" in codes.split(","))
        failures += over
        each += [f"| {name} | {label} | {seconds:.2f} | {peak:.0f} | {code} |" for label, seconds, peak, code in results]
        print(f"| {name} | {_size(len(content))} | {slowest[1]:.2f} | {max(r[2] for r in checks):.0f} "
              f"| {slowest[0].split()[1]} | {max(r[1] for r in reports):.2f} | {max(r[2] for r in reports):.0f} "
              f"| {codes} | {'**no**' if over else 'yes'} |")
    if args.each:
        print("\n| hostile input | run | CPU s | peak MB | exit code |\n| --- | --- | ---: | ---: | ---: |")
        print("\n".join(each))
    print(f"\n{len(inputs)} inputs; {failures} over {TIME_LIMIT:g} s / {MEMORY_LIMIT_MB:g} MB in some check "
          "format or review report, or ending in a usage error")
    return 1 if failures else 0


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{count / 1e3:.0f} KB"


if __name__ == "__main__":
    raise SystemExit(main())
