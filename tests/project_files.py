"""Writing small projects for tests: relative path -> text or bytes."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def write_project(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write every file (creating folders) under `root`; returns `root`."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root
