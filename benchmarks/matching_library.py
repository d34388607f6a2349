"""How claim matching scales with the size of the claims library.

Run: python benchmarks/matching_library.py

Builds libraries of 10, 100 and 1,000 claims from a vocabulary of 400 words and times
`Matcher.match` on 2,000 sentences, a tenth of them altered copies of a claim. Prints
sentences per second and how many matched.
"""

from __future__ import annotations

import random
import time

from claimstrack.figures import extract_figures
from claimstrack.matching import Matcher
from claimstrack.model import Claim

VOCABULARY = [f"{a}{b}" for a in ("mig", "pat", "adu", "rel", "pai", "hea", "inf", "the", "cli", "wom",
                                  "chi", "cos", "pre", "tre", "stu", "red", "sle", "ast", "all", "bac")
              for b in ("ra", "ne", "lo", "ti", "ve", "su", "mo", "ka", "de", "po",
                        "ri", "za", "te", "bu", "fo", "ga", "le", "xi", "no", "wa")]


def claim_text(rng: random.Random) -> str:
    return (f"About {rng.randint(2, 99)}% of {' '.join(rng.sample(VOCABULARY, 4))} "
            f"reported {' '.join(rng.sample(VOCABULARY, 4))}")


def main() -> None:
    rng = random.Random(2026)
    for size in (10, 100, 1000):
        claims = [Claim(id=f"c{i}", text=claim_text(rng), status="approved") for i in range(size)]
        started = time.perf_counter()
        matcher = Matcher(claims)
        prepared = time.perf_counter() - started
        sentences = []
        for i in range(2000):
            if i % 10 == 0:  # an altered copy of a claim: another figure, same words
                text = claims[rng.randrange(size)].text.replace("About", "About 1", 1) + "."
            else:
                text = claim_text(rng).replace("About", "Over") + "."
            sentences.append((text, extract_figures(text)))
        started = time.perf_counter()
        matched = sum(matcher.match(text, figures) is not None for text, figures in sentences)
        elapsed = time.perf_counter() - started
        print(f"{size:>5} claims: prepared in {prepared:.3f} s; {len(sentences) / elapsed:,.0f} sentences/s; "
              f"{matched} of {len(sentences)} matched")


if __name__ == "__main__":
    main()
