"""The code passes ruff with the project's rule set ([tool.ruff] in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing():
    pytest.importorskip("ruff")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, (
        "ruff found problems (many are fixed by `ruff check --fix`):\n" + result.stdout + result.stderr)
