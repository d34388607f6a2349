"""Instructions each part of the page stage executes on the pages of site_scale.py, under callgrind.

    python benchmarks/page_stage_instructions.py [--pages 300] [--stages page,read,...]
        [--workdir DIR] [--python OTHER/.venv/bin/python ...]

The page stage is what a worker does for every page of a cold run (`engine._PageWork`: read
the page, find its figures, match them, run the page rules, read the measure frames, encode
the record). CPU seconds on the shared machine drift by up to 40% within the hour, which hides a
change of a few percent; the instructions do not. As in figures_instructions.py, the child runs
one stage over every page inside one `itertools.starmap` call and callgrind counts only there:
what a stage needs first (the pages read, their figures, their occurrences) is made before.

Stages: `page` (the whole per-page function), `read` (bytes to Document, sentences included),
`figures` (extraction, each repeated block once), `match` (the figures given: sentences
matched to claims, occurrences made), `frames` (`inferred_readings`: measure frames and
readings), `uses` (declared-measure uses), `rules` (every selected page check). Memos start
empty in each child, as in a worker. The site is the one site_scale.py generates (2,000 pages
of 5 KB, kept under --workdir); every interpreter given with `--python` (this one by default;
another worktree's venv for an older build) reads the same pages.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from figures_instructions import callgrind_instructions  # noqa: E402
from site_scale import default_workdir, held_project  # noqa: E402

STAGES = ("page", "read", "figures", "match", "frames", "uses", "rules")

_CHILD = """
import gc, itertools, os, sys
from pathlib import Path
import attrs
import claimstrack.checks.page as page_stage
import claimstrack.engine as engine
from claimstrack.checks.consistency_rules import inferred_readings, measure_uses
from claimstrack.documents import document_from_bytes
from claimstrack.matching import Matcher

root, stage, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
os.chdir(root)
config = engine.load_project_config(root=root)
library = engine.load_project_library(config)
bibliography = engine.load_project_bibliography(config)
files = engine._document_files(None, config, root).files[:count]
matcher = Matcher(library.claims)
context = engine.CheckContext(
    root=root, config=config, today=config.today_for(None), documents=(), occurrences=(), library=library,
    bibliography=bibliography, rules=engine.rules_by_code(), page_checks=engine.page_checks(config, engine.all_rules()),
    wording_figures=matcher.figures_by_wording(), retractions=engine._load_retractions(config, root))
engine.in_worker = lambda: True  # the record is encoded, as a worker sends it
work = engine._PageWork(root, matcher, engine.ReferenceIndex(bibliography), context, None, False)
pages = [(file.read_bytes(), file, str(file)) for file in files]
document_from_bytes(*pages[0])  # a reader's lazy imports, outside the count
if stage == "page":
    calls, run = [(file,) for _, file, _ in pages], work
elif stage == "read":
    calls, run = pages, document_from_bytes
else:
    documents = [engine.resolve_numbered(document_from_bytes(*page), work.references) for page in pages]
    found = {id(d.text): list(page_stage.page_figures(d.text)) for d in documents}
    extract = page_stage.page_figures
    page_stage.page_figures = lambda text: found[id(text)]
    if stage == "figures":
        calls, run = [(d.text,) for d in documents], lambda text: list(extract(text))
    elif stage == "match":
        calls, run = [(d, matcher) for d in documents], page_stage.scan_document
    else:
        occurrences = [page_stage.scan_document(d, matcher) for d in documents]
        views = [attrs.evolve(context, documents=(d,), occurrences=o) for d, o in zip(documents, occurrences)]
        checks = context.page_checks
        calls, run = {
            "frames": ([(o,) for o in occurrences], inferred_readings),
            "uses": ([(v,) for v in views], lambda view: list(measure_uses(view))),
            "rules": ([(v,) for v in views], lambda view: [f for check in checks for f in check(view)]),
        }[stage]
gc.collect()
gc.freeze()  # the collector starts from nothing: its work is the stage's own
list(itertools.starmap(run, calls))
"""


def instructions(python: str, site: Path, stage: str, pages: int, out_path: Path) -> int:
    """Instructions executed inside the child's one `starmap` over the stage's calls."""
    return callgrind_instructions(python, _CHILD, [str(site), stage, str(pages)], out_path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300, help="pages of the site counted (default 300)")
    parser.add_argument("--stages", default=",".join(STAGES), help=f"comma-separated, of {', '.join(STAGES)}")
    parser.add_argument("--workdir", type=Path, default=default_workdir(), help="where site_scale.py keeps its sites")
    parser.add_argument("--python", action="append", help="an interpreter to measure (repeatable)")
    args = parser.parse_args(argv)
    stages = [stage for stage in args.stages.split(",") if stage]
    unknown = sorted(set(stages) - set(STAGES))
    if unknown:
        parser.error(f"unknown stage {unknown[0]!r}: use {', '.join(STAGES)}")
    if shutil.which("valgrind") is None:
        print("valgrind is not installed")
        return 1
    pythons = args.python or [sys.executable]
    with held_project(args.workdir, 2000, 5, 200) as site, tempfile.TemporaryDirectory() as folder:
        for stage in stages:
            for python in pythons:
                count = instructions(python, site, stage, args.pages, Path(folder) / "callgrind.out")
                print(f"{stage}: {count / 1e6:,.1f} M instructions, {count / args.pages / 1e6:.3f} M a page "
                      f"({args.pages} pages; {python})", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
