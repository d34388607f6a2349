"""Shared test settings.

In CI (the CI variable set) Hypothesis runs derandomized: the same examples every run, so a
submission is judged on its code, not on which random inputs a run happened to draw. Locally it
explores new examples every run, which is where new bugs are found.
"""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
