"""Retake the README's screenshot of the worked example's HTML report in headless Chromium.

    python scripts/report_screenshot.py                 # writes docs/report-screenshot.png
    python scripts/report_screenshot.py --width 420     # another width (or --output FILE)

The report is rendered by the library (not an installed CLI), with a fixed "generated" time so
that only a change to the report changes the picture. Chromium runs headless with a new,
temporary profile and no network, component or sync traffic, and takes the top `--height`
pixels of the page at `--width`. Set CHROMIUM to use another browser binary. The header names
the project by the checkout's folder: the committed picture is taken from a checkout named
`claimstrack` (`git clone . /tmp/x/claimstrack` and run the script there).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET = REPO / "docs" / "report-screenshot.png"
GENERATED_AT = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.timezone.utc)
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
)


def chromium() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        sys.exit("report_screenshot: headless Chromium is needed (apt-get install chromium, or set CHROMIUM)")
    return found


def worked_example_html() -> str:
    sys.path.insert(0, str(REPO))
    from claimstrack.engine import check
    from claimstrack.report import render_report

    return render_report(check(root=REPO), "html", generated_at=GENERATED_AT)


def screenshot(html: str, target: Path, width: int, height: int) -> None:
    with tempfile.TemporaryDirectory(prefix="claimstrack-screenshot-") as scratch:
        page = Path(scratch) / "report.html"
        page.write_text(html, encoding="utf-8")
        result = subprocess.run(
            [chromium(), *FLAGS, f"--user-data-dir={Path(scratch) / 'profile'}",
             f"--window-size={width},{height}", "--virtual-time-budget=3000",  # let layout and paint settle
             f"--screenshot={target}", page.as_uri()],
            capture_output=True, text=True, timeout=180, check=False,
        )
    if result.returncode != 0 or not target.exists():
        sys.exit(f"report_screenshot: chromium failed ({result.returncode}): {result.stderr[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=TARGET, help=f"PNG to write (default: {TARGET.relative_to(REPO)})")
    parser.add_argument("--width", type=int, default=1280, help="window width in pixels (default: 1280)")
    parser.add_argument("--height", type=int, default=2400, help="height of the picture in pixels (default: 2400)")
    args = parser.parse_args(argv)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    if args.output.exists():
        args.output.unlink()  # so a failed run cannot leave the old picture looking new
    screenshot(worked_example_html(), args.output, args.width, args.height)
    print(f"report_screenshot: wrote {args.output} ({args.width}x{args.height})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
