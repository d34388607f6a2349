from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest


def write_project(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write an example project (relative path -> content) under root."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def make_project(tmp_path):
    def make(files: Mapping[str, str | bytes]) -> Path:
        return write_project(tmp_path, files)

    return make
