"""Throughput of a whole `claimstrack check`: documents per second and peak memory.

Run: python benchmarks/check_corpus.py [--documents 10000] [--profile]

Generates a corpus in a temporary directory (Markdown, text and HTML pages of about 1 KB,
each with several figures, some stating approved claims with citations, some drifting, some
unsupported), a claims library and a bibliography, then times `engine.check()` and rendering
the result as text and SARIF. Peak memory is the resident set size of this process and of the
largest worker process (the engine forks workers for large corpora).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import resource
import tempfile
import time
from pathlib import Path

CLAIMS = [
    ("us-prevalence", "Approximately 42 million Americans live with migraine", "us-migraine-prevalence"),
    ("responders", "over 92% of patients reported greater than 50% reduction in pain", "ketamine-responder-rate"),
    ("annual-cost", "migraine costs as high as $36 billion annually", "us-migraine-cost"),
    ("chronic-share", "about 2% of adults have chronic migraine", "chronic-migraine-share"),
]

FILLER = [
    "Our clinic has offered infusion therapy since it opened its doors.",
    "Talk to your physician about whether this treatment is right for you.",
    "Patients describe the visits as calm and unhurried.",
    "The team reviews every plan with the referring neurologist.",
]

DRIFT = [
    "Almost 49 million people in the United States have migraine.",
    "Up to 3 in 4 patients respond within one week.",
    "More than 1,200 infusions were given last year.",
    "Roughly 15% of the world's population lives with migraine.",
]

CLAIMS_TOML_HEAD = "schema = 1\n"
CLAIM_TEMPLATE = """
[[claim]]
id = "{id}"
text = "{text}"
measure = "{measure}"
status = "approved"
approved_by = "A. Reviewer"
approved_on = 2026-11-01
review_by = 2027-11-01

[[claim.evidence]]
cite = "source{index}"
locator = "abstract"
"""

BIB_TEMPLATE = """@article{{source{index},
  author = {{Author, A.}},
  title = {{Source {index}}},
  journal = {{Journal}},
  year = {{2020}},
  doi = {{10.1000/example.{index}}},
}}
"""


def page_sentences(rng: random.Random) -> list[str]:
    """About 1 KB of prose: claims (some cited), drifting figures and filler."""
    sentences = []
    for _ in range(8):
        roll = rng.random()
        if roll < 0.35:
            _, text, _ = rng.choice(CLAIMS)
            sentences.append(text[0].upper() + text[1:] + ".")
        elif roll < 0.6:
            sentences.append(rng.choice(DRIFT))
        else:
            sentences.append(rng.choice(FILLER))
    return sentences


def render_page(kind: str, title: str, sentences: list[str]) -> str:
    if kind == "md":
        return f"# {title}\n\n" + "\n\n".join(sentences) + "\n"
    if kind == "html":
        body = "".join(f"<p>{s}</p>" for s in sentences)
        return f"<!DOCTYPE html><html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>\n"
    return f"{title}\n\n" + "\n\n".join(sentences) + "\n"


def generate(root: Path, documents: int, seed: int = 2026) -> None:
    """Write the corpus, claims library, bibliography and configuration under `root`."""
    rng = random.Random(seed)
    (root / "claimstrack.toml").write_text("today = 2026-11-21\n", encoding="utf-8")
    (root / "claims").mkdir()
    claims = "".join(
        CLAIM_TEMPLATE.format(id=cid, text=text, measure=measure, index=i)
        for i, (cid, text, measure) in enumerate(CLAIMS)
    )
    (root / "claims" / "claims.toml").write_text(CLAIMS_TOML_HEAD + claims, encoding="utf-8")
    (root / "references.bib").write_text("".join(BIB_TEMPLATE.format(index=i) for i in range(len(CLAIMS))),
                                         encoding="utf-8")
    for number in range(documents):
        folder = root / "content" / f"section{number % 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        kind = ("md", "txt", "html")[number % 3]
        text = render_page(kind, f"Page {number}", page_sentences(rng))
        (folder / f"page{number:05d}.{kind}").write_text(text, encoding="utf-8")


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory (MB) of this process and of its largest finished child."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--profile", action="store_true", help="print the 25 most expensive functions")
    args = parser.parse_args()

    from claimstrack.engine import check
    from claimstrack.render import render

    with tempfile.TemporaryDirectory(prefix="claimstrack-bench-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        generate(root, args.documents)
        generated = time.perf_counter() - started

        profiler = cProfile.Profile() if args.profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        report = check(root=root)
        if profiler:
            profiler.disable()
        checked = time.perf_counter() - started

        started = time.perf_counter()
        text = render(report, "text")
        rendered_text = time.perf_counter() - started
        started = time.perf_counter()
        sarif = render(report, "sarif")
        rendered_sarif = time.perf_counter() - started

    own, child = peak_rss_mb()
    print(f"documents:        {len(report.documents):,} (generated in {generated:.1f} s)")
    print(f"figures:          {len(report.occurrences):,}")
    print(f"findings:         {len(report.findings):,}")
    print(f"check:            {checked:.2f} s = {len(report.documents) / checked:,.0f} documents/s")
    print(f"render text:      {rendered_text:.2f} s ({len(text) / 1e6:.1f} MB)")
    print(f"render sarif:     {rendered_sarif:.2f} s ({len(sarif) / 1e6:.1f} MB)")
    print(f"peak memory:      {own:.0f} MB (this process), {child:.0f} MB (largest worker)")
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
        print(out.getvalue())


if __name__ == "__main__":
    main()
