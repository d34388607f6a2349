"""The pre-commit hook, run by the real pre-commit against a clone of this repository.

pre-commit installs claimstrack into its own virtualenv from the clone (this needs the package
index, which CI has), then runs `claimstrack check` in a scratch project: the hook must fail on
an unsupported figure and pass on a clean page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = 'documents = ["content/**/*.md"]\ntoday = 2026-11-21\n'
UNSUPPORTED = "# Results\n\nOver 92% of patients reported less pain.\n"
CLEAN = "# About migraine\n\nMigraine is a common neurological condition.\n"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(not (ROOT / ".git").exists(), reason="the project is not a git checkout (sdist)"),
]


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False)


def git(cwd: Path, *args: str) -> None:
    result = run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args], cwd)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A clone of the committed project (the hook file must be committed for pre-commit)."""
    clone = tmp_path_factory.mktemp("hook") / "claimstrack"
    result = run(["git", "clone", "--quiet", "--no-local", str(ROOT), str(clone)], ROOT)
    assert result.returncode == 0, result.stderr
    assert (clone / ".pre-commit-hooks.yaml").is_file(), "commit .pre-commit-hooks.yaml first"
    head = run(["git", "rev-parse", "HEAD"], clone).stdout.strip()
    return clone, head


def make_project(directory: Path, page: str) -> Path:
    (directory / "content").mkdir(parents=True)
    (directory / "claimstrack.toml").write_text(CONFIG, encoding="utf-8")
    (directory / "content" / "page.md").write_text(page, encoding="utf-8")
    git(directory, "init", "--quiet")
    git(directory, "add", ".")
    return directory


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GIT_"))}
    env["PRE_COMMIT_HOME"] = str(home)
    return env


def test_try_repo_fails_on_an_unsupported_figure(hook_repo: tuple[Path, str], tmp_path: Path) -> None:
    clone, _ = hook_repo
    project = make_project(tmp_path / "site", UNSUPPORTED)
    result = run([sys.executable, "-m", "pre_commit", "try-repo", str(clone), "claimstrack", "--all-files"],
                 project, environment(tmp_path / "home"))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "claimstrack" in output and "Failed" in output
    assert "content/page.md:3:1: CT101" in output


def test_configured_hook_fails_then_passes_once_the_page_is_fixed(hook_repo: tuple[Path, str], tmp_path: Path) -> None:
    clone, head = hook_repo
    project = make_project(tmp_path / "site", UNSUPPORTED)
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {clone}\n    rev: {head}\n    hooks:\n      - id: claimstrack\n", encoding="utf-8")
    git(project, "add", ".")
    env = environment(tmp_path / "home")
    failing = run([sys.executable, "-m", "pre_commit", "run", "--all-files"], project, env)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "CT101" in failing.stdout
    (project / "content" / "page.md").write_text(CLEAN, encoding="utf-8")
    git(project, "add", ".")
    passing = run([sys.executable, "-m", "pre_commit", "run", "--all-files"], project, env)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "claimstrack" in passing.stdout and "Passed" in passing.stdout
