"""A whole site, checked as a user runs it: `claimstrack check` on thousands of real-sized pages.

    python benchmarks/site_scale.py                       # 1,000 pages, every format (about a minute)
    python benchmarks/site_scale.py --pages 1000,5000,10000,20000
    python benchmarks/site_scale.py --pages 10000 --formats text,json --repeat 2 --page-kb 5

Generates a project (once per size, kept under --workdir so repeated runs reuse it; by default
a folder of the user's own in the temporary folder, and one run at a time uses a project: a
second waits for the first, see `taking_turns`): pages of
about `--page-kb` KB (a third each Markdown, HTML with navigation and footer, plain text) with
a figure every ~400 characters, a claims library of `--claims` claims over as many declared
measures, and a bibliography. Pages state approved claims (some cited), alter them, repeat
figures that no claim covers (most pages agree on each quantity, a few disagree: inferred
measures), give counts beside shares, number words and filler prose.

Each run is a fresh `python -m claimstrack check` child process, its output going where a user
would send it: text and GitHub annotations to stdout (here a file), JSON, SARIF and JUnit to
`-o FILE`. Printed per run: wall time, CPU time (user + system of the child and its workers,
from os.wait4), peak RSS (the largest single process, from wait4; and the whole process tree,
sampled from /proc every 20 ms), the per-page cost (wall / pages) and the output size.

The cache rows run the text format three times on one project: cold (cache folder removed),
warm (nothing changed) and warm after one page was edited. Use --no-cache-runs to skip them.
The machine's load average is printed before and after, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import getpass
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from figures_throughput import FILLER as THROUGHPUT_FILLER  # this folder is on sys.path when run

FORMATS = ("text", "json", "sarif", "junit", "github")
CONDITIONS = ("migraine", "asthma", "diabetes", "insomnia", "arthritis", "depression", "obesity", "acne",
              "eczema", "tinnitus")
PLACES = (("in the United States", "us"), ("worldwide", "world"), ("in the UK", "uk"), ("in Canada", "canada"),
          ("in Europe", "europe"))
POPULATIONS = ("people", "adults", "women", "children")
VERBS = ("have", "live with", "are diagnosed with", "report symptoms of")
FILLER = (
    *THROUGHPUT_FILLER,  # the sentences the extraction benchmark pads with, and more
    "Every plan is reviewed with the referring physician before the first visit.",
    "The waiting rooms are quiet, and appointments rarely run late.",
    "Insurance questions are handled by a dedicated coordinator at each location.",
    "Our nurses follow up after every visit to see how you are doing.",
)
EXTRAS = (
    "Twenty-three of our patients joined the program last spring.",
    "In our clinic, 23 of 25 patients ({pct}%) reported relief after three sessions.",
    "Our infusions are clinically proven to stop attacks.",
    "The program starts at $1,200 per session, with a 15% discount for members.",
    "We opened our third location in 2019, and the fourth in March 2023.",
    "More than half of new patients are referred by a neurologist.",
    "Visits last about 45 minutes, and most patients need four to six sessions.",
)


# ---------------------------------------------------------------------------------------------
# The generated project


def quantities(count: int) -> list[dict[str, object]]:
    """`count` distinct quantities: condition x place x population x verb, with a true value."""
    rng = random.Random(11)
    found = []
    for condition in CONDITIONS:
        for place, place_key in PLACES:
            for population in POPULATIONS:
                for verb in VERBS:
                    percent = rng.random() < 0.5
                    value = round(rng.uniform(2, 40), 1) if percent else rng.randrange(2, 90)
                    found.append({"condition": condition, "place": place, "place_key": place_key,
                                  "population": population, "verb": verb, "percent": percent, "value": value})
    rng.shuffle(found)
    return found[:count]


def wording(q: dict[str, object], value: object, hedge: str = "About") -> str:
    amount = f"{value}% of {q['population']}" if q["percent"] else f"{value} million {q['population']}"
    return f"{hedge} {amount} {q['place']} {q['verb']} {q['condition']}"


def write_library(root: Path, claims: list[dict[str, object]]) -> None:
    parts = ["schema = 1\n"]
    bib = []
    for index, q in enumerate(claims):
        key = f"m{index:04d}"
        kind = "percent" if q["percent"] else "count"
        parts.append(f'\n[measure.{key}]\ndescription = "quantity {index}"\nkind = "{kind}"\n')
        status = ("approved", "approved", "approved", "draft", "in-review")[index % 5]
        parts.append(f'\n[[claim]]\nid = "claim-{index:04d}"\ntext = "{wording(q, q["value"])}"\n'
                     f'measure = "{key}"\nstatus = "{status}"\n')
        if status == "approved":
            parts.append('approved_by = "A. Reviewer"\napproved_on = 2026-11-01\nreview_by = 2027-11-01\n')
            parts.append(f'\n[[claim.evidence]]\ncite = "source{index:04d}"\nlocator = "abstract"\n')
            bib.append(f"@article{{source{index:04d},\n  author = {{Author, A.}},\n  title = {{Source {index}}},\n"
                       f"  journal = {{Journal}},\n  year = {{2020}},\n  doi = {{10.1000/example.{index}}},\n}}\n")
    (root / "claims").mkdir(parents=True, exist_ok=True)
    (root / "claims" / "claims.toml").write_text("".join(parts), encoding="utf-8")
    (root / "references.bib").write_text("".join(bib), encoding="utf-8")


def figure_sentence(rng: random.Random, claims: list[dict[str, object]], inferred: list[dict[str, object]],
                    markdown: bool) -> str:
    """One sentence with a figure: a claim (maybe cited, maybe altered) or an inferred quantity."""
    roll = rng.random()
    if roll < 0.35:
        index = rng.randrange(len(claims))
        q = claims[index]
        if rng.random() < 0.1:
            value = round(float(q["value"]) * 1.3, 1) if q["percent"] else int(q["value"]) + 7  # type: ignore[arg-type]
            return wording(q, value) + "."
        cite = f" [@source{index:04d}]" if markdown and rng.random() < 0.3 else ""
        return wording(q, q["value"]) + cite + "."
    if roll < 0.9:
        q = rng.choice(inferred)
        value = q["value"]
        if rng.random() < 0.04:  # a page that disagrees with the rest of the site
            value = round(float(value) * 1.5, 1) if q["percent"] else int(value) * 2  # type: ignore[arg-type]
        return wording(q, value, hedge=rng.choice(("About", "Roughly", "Nearly", "An estimated"))) + "."
    return rng.choice(EXTRAS).format(pct=rng.choice((92, 91)))


def page_text(rng: random.Random, kind: str, number: int, size: int, *, claims: list[dict[str, object]],
              inferred: list[dict[str, object]]) -> str:
    """About `size` characters of page: a figure sentence every ~400 characters of prose."""
    paragraphs: list[str] = []
    written = 0
    since_figure = 0
    while written < size:
        sentences = []
        for _ in range(rng.randrange(3, 6)):
            if since_figure >= 330:
                sentence = figure_sentence(rng, claims, inferred, kind == "md")
                since_figure = 0
            else:
                sentence = rng.choice(FILLER)
            since_figure += len(sentence) + 1
            sentences.append(sentence)
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        written += len(paragraph) + 2
    title = f"Page {number}: living with {CONDITIONS[number % len(CONDITIONS)]}"
    if kind == "md":
        body = []
        for i, paragraph in enumerate(paragraphs):
            if i % 4 == 3:
                body.append(f"## Section {i // 4 + 1}")
            body.append(paragraph)
        return f"---\ntitle: {title}\n---\n\n# {title}\n\n" + "\n\n".join(body) + "\n"
    if kind == "html":
        body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
        return (f"<!DOCTYPE html>\n<html><head><title>{title}</title></head><body>\n"
                f'<nav><a href="/">Home</a> <a href="/about">About</a> <a href="/contact">Contact</a></nav>\n'
                f"<main><h1>{title}</h1>\n{body}\n</main>\n<footer>Copyright 2026 Example Clinic</footer>\n"
                f"</body></html>\n")
    return f"{title}\n\n" + "\n\n".join(paragraphs) + "\n"


def generate(root: Path, pages: int, page_kb: float, claim_count: int, seed: int = 2026) -> None:
    """Write the project under `root`: configuration, claims, bibliography and pages."""
    everything = quantities(claim_count + 150)
    claims, inferred = everything[:claim_count], everything[claim_count:]
    root.mkdir(parents=True, exist_ok=True)
    (root / "claimstrack.toml").write_text(
        'documents = ["content/**/*.md", "content/**/*.html", "content/**/*.txt"]\ntoday = 2026-11-21\n',
        encoding="utf-8")
    write_library(root, claims)
    rng = random.Random(seed)
    size = int(page_kb * 1000)
    for number in range(pages):
        folder = root / "content" / f"section{number % 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        kind = ("md", "html", "txt")[number % 3]
        text = page_text(rng, kind, number, size, claims=claims, inferred=inferred)
        (folder / f"page{number:05d}.{kind}").write_text(text, encoding="utf-8")
    (root / ".generated").write_text("ok\n", encoding="utf-8")


def default_workdir() -> Path:
    """The user's own folder for generated projects in the temporary folder: two users never
    share (nor overwrite) one."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        user = str(os.getuid())
    return Path(tempfile.gettempdir()) / f"claimstrack-site-scale-{user}"


@contextlib.contextmanager
def taking_turns(root: Path) -> Iterator[None]:
    """Hold the project at `root` while the block generates and measures it: a run writes its
    outputs, its cache and an edited page into the project, so a second run waits for the
    first (an exclusive flock on ROOT.lock beside it) instead of sharing them."""
    root.parent.mkdir(parents=True, exist_ok=True)
    with open(root.parent / f"{root.name}.lock", "a+b") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"# waiting for another run of {root} to end", flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield  # the lock goes with the file


def project(workdir: Path, pages: int, page_kb: float, claim_count: int) -> Path:
    """The project of these sizes under `workdir`, generated unless it was (take it with
    `held_project`)."""
    root = project_root(workdir, pages, page_kb, claim_count)
    if not (root / ".generated").exists():
        shutil.rmtree(root, ignore_errors=True)
        started = time.perf_counter()
        generate(root, pages, page_kb, claim_count)
        megabytes = sum(p.stat().st_size for p in (root / "content").rglob("*.*")) / 1e6
        print(f"# generated {pages:,} pages ({megabytes:.1f} MB) in {time.perf_counter() - started:.1f} s: {root}",
              flush=True)
    return root


def project_root(workdir: Path, pages: int, page_kb: float, claim_count: int) -> Path:
    return workdir / f"site-{pages}-{page_kb:g}kb-{claim_count}c"


@contextlib.contextmanager
def held_project(workdir: Path, pages: int, page_kb: float, claim_count: int) -> Iterator[Path]:
    """`project`, held (`taking_turns`) while the block measures it: every benchmark that runs
    a check in a generated project (this one, cache_pruning.py, output_writing.py) holds it."""
    with taking_turns(project_root(workdir, pages, page_kb, claim_count)):
        yield project(workdir, pages, page_kb, claim_count)


# ---------------------------------------------------------------------------------------------
# Running the CLI


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21]) * page
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack.extend(children.get(current, ()))
    return total


def run_check(root: Path, fmt: str, extra: list[str]) -> dict[str, float]:
    """One `claimstrack check` in a fresh child process: wall, CPU, peak RSS, output size."""
    out_file = root / f"out.{fmt}"
    command = [sys.executable, "-m", "claimstrack", "check", "--format", fmt, *extra]
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    to_stdout = fmt in ("text", "github")
    if not to_stdout:
        command += ["-o", str(out_file)]
    peak_tree = 0
    started = time.perf_counter()
    with open(out_file if to_stdout else os.devnull, "wb") as stdout:
        child = subprocess.Popen(command, cwd=root, stdout=stdout, stderr=subprocess.PIPE, env=env)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak_tree
            while not done.is_set():
                peak_tree = max(peak_tree, tree_rss(child.pid))
                done.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
        child.returncode = os.waitstatus_to_exitcode(status)
        stderr = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
    if child.returncode not in (0, 1):
        raise SystemExit(f"claimstrack check --format {fmt} failed ({child.returncode}):\n{stderr[-2000:]}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": usage.ru_maxrss / 1024,
        "tree": peak_tree / 2**20,
        "output": out_file.stat().st_size / 1e6,
    }


def best(runs: list[dict[str, float]]) -> dict[str, float]:
    """The fastest of repeated runs (least disturbed by other load), with the highest memory."""
    fastest = min(runs, key=lambda r: r["wall"])
    return {**fastest, "rss": max(r["rss"] for r in runs), "tree": max(r["tree"] for r in runs)}


def row(label: str, pages: int, r: dict[str, float]) -> str:
    return (f"| {pages:,} | {label} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['rss']:.0f} | {r['tree']:.0f} | "
            f"{1000 * r['wall'] / pages:.2f} | {r['output']:.1f} |")


def edit_one_page(root: Path) -> None:
    """Change one figure-free sentence on one page, as a pull request would."""
    page = next(iter(sorted((root / "content").rglob("*.md"))))
    text = page.read_text(encoding="utf-8")
    # toggled by the words it adds, so that every call changes the page (a page an earlier edit
    # left holding "Truly" elsewhere once went unchanged, and its "edited" run was a warm one)
    edited = text.replace("Truly, our", "Our", 1) if "Truly, our" in text else text.replace("Our", "Truly, our", 1)
    if edited == text:
        raise SystemExit(f"the edit leaves {page} unchanged: it holds no \"Our\" to edit")
    page.write_text(edited, encoding="utf-8")


def cache_runs(root: Path, pages: int, repeat: int) -> list[str]:
    """Cold, warm and warm-after-one-edit runs of the text format, if the CLI has a cache."""
    rows = []
    cache = root / ".claimstrack_cache"
    colds, warms, edits = [], [], []
    for _ in range(repeat):
        shutil.rmtree(cache, ignore_errors=True)
        colds.append(run_check(root, "text", []))
        warms.append(run_check(root, "text", []))
        edit_one_page(root)
        edits.append(run_check(root, "text", []))
    rows.append(row("text, cache cold", pages, best(colds)))
    rows.append(row("text, cache warm", pages, best(warms)))
    rows.append(row("text, warm, 1 page edited", pages, best(edits)))
    return rows


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="1000", help="comma-separated page counts (default 1000)")
    parser.add_argument("--formats", default=",".join(FORMATS), help=f"comma-separated (default {','.join(FORMATS)})")
    parser.add_argument("--page-kb", type=float, default=5.0, help="page size in KB (default 5)")
    parser.add_argument("--claims", type=int, default=200, help="claims in the library (default 200)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each row; the fastest is shown")
    parser.add_argument("--workdir", type=Path, default=default_workdir(),
                        help="where generated projects are kept between runs (default %(default)s: the "
                             "user's own; runs of one project take turns, holding a lock on PROJECT.lock there)")
    parser.add_argument("--no-cache-runs", action="store_true", help="skip the cold/warm cache rows")
    args = parser.parse_args()

    formats = [f for f in args.formats.split(",") if f]
    sizes = [int(p) for p in args.pages.split(",") if p]
    workdir: Path = args.workdir
    print(f"# {load()}; python {sys.version.split()[0]}; {args.page_kb:g} KB pages, {args.claims} claims")
    print("| pages | run | wall s | CPU s | peak RSS MB (largest process) | peak RSS MB (process tree) "
          "| ms/page (wall) | output MB |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |", flush=True)
    for pages in sizes:
        with held_project(workdir, pages, args.page_kb, args.claims) as root:
            for fmt in formats:
                # Formats are compared without the cache, so that each row does the whole work.
                runs = [run_check(root, fmt, ["--no-cache"] if _has_cache_flag() else []) for _ in range(args.repeat)]
                print(row(fmt, pages, best(runs)), flush=True)
            if not args.no_cache_runs:
                for line in cache_runs(root, pages, args.repeat):
                    print(line, flush=True)
    print(f"# {load()}")


def _has_cache_flag() -> bool:
    result = subprocess.run([sys.executable, "-m", "claimstrack", "check", "--help"], capture_output=True, text=True)
    return "--no-cache" in result.stdout


if __name__ == "__main__":
    main()
