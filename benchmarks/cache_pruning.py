"""What keeping the cache bounded costs a run: the hold every run takes on the cache folder, and
the prune a run makes once a day, on the cache of a generated site (benchmarks/site_scale.py's).

Fills the site's cache with one `claimstrack check` when it has none, copies the cache folder,
then times in this process (CPU and wall): `cache_in_use` when pruning is not due (what every
run pays: the stamp's stat, the shared flock, marking the settings folder), and a due prune with
every entry used by the run, once when the entries are a day old and once when they are five
days old (then each is carried into the run's own pack: the used entries written again).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from site_scale import default_workdir, held_project, load  # this folder is on sys.path when run

from claimstrack import cache_pruning
from claimstrack.cache import LAYOUT, SITE_PREFIX, PageCache

DAY = 24 * 3600.0


def filled_cache(root: Path) -> Path:
    """The site's cache folder, made by one check when it has no entries."""
    folder = root / ".claimstrack_cache"
    if not any(folder.glob(f"pages-{LAYOUT}/*/*.pack")):
        subprocess.run([sys.executable, "-m", "claimstrack", "check", "--quiet", "-o", os.devnull], cwd=root, check=False)
    return folder


def timed(action, repeat: int = 1) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `action`, the mean of `repeat`."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        action()
    return (time.perf_counter() - wall) / repeat, (time.process_time() - cpu) / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000, help="pages of the generated site (default 10000)")
    parser.add_argument("--workdir", type=Path, default=default_workdir(),
                        help="where generated projects are kept between runs (default %(default)s, site_scale.py's)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "cache"
        with held_project(args.workdir, args.pages, 5.0, 200) as root:
            shutil.copytree(filled_cache(root), folder)
        layout = folder / f"pages-{LAYOUT}"
        settings = max((p for p in layout.iterdir() if p.is_dir()), key=lambda p: sum(1 for _ in p.glob("*.pack")))
        names = {name.removeprefix(SITE_PREFIX) for pack in settings.glob("*.pack") for name in PageCache.names_in(pack)}

        def run() -> PageCache:
            cache = PageCache(folder, settings.name)
            cache.used |= names  # a warm run looks up every page
            return cache

        def hold() -> None:
            cache = run()
            with cache_pruning.cache_in_use(cache):
                pass
            cache.close()

        def age(days: float) -> None:
            moment = time.time() - days * DAY
            for path in (*settings.rglob("*"), folder / cache_pruning.STAMP):
                os.utime(path, (moment, moment))

        print(f"# {load()}; {len(names):,} entries in the settings folder")
        (folder / cache_pruning.STAMP).touch()
        wall, cpu = timed(hold, repeat=200)
        print(f"| a run, pruning not due | {wall * 1e3:.2f} ms | {cpu * 1e3:.2f} ms |")
        for days in (1, 5):
            age(days)
            wall, cpu = timed(hold)
            print(f"| a run that prunes, entries {days} days old{' (each carried)' if days > 3.5 else ''} "
                  f"| {wall * 1e3:.1f} ms | {cpu * 1e3:.1f} ms |")
    print(f"# {load()}")


if __name__ == "__main__":
    main()
