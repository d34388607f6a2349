from __future__ import annotations

import os

import pytest

from claimstrack.cli import main


@pytest.fixture
def cli(capsys):
    """Run the command line in a directory: returns (exit code, stdout, stderr)."""

    def run(args: list[str], cwd) -> tuple[int, str, str]:
        old = os.getcwd()
        os.chdir(cwd)
        try:
            code = main(args)
        finally:
            os.chdir(old)
        out, err = capsys.readouterr()
        return code, out, err

    return run
