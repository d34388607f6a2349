"""A finding's content fingerprint: the key baselines and SARIF use to follow a finding across
edits, so it survives lines moving and cosmetic rewording of its sentence."""

from __future__ import annotations

import hashlib

from claimstrack.model import Finding
from claimstrack.text import fold


def content_fingerprint(finding: Finding) -> str:
    """A hex digest of rule, path and folded content: stable when lines move."""
    basis = "\x1f".join((finding.code, finding.path, fold(finding.fingerprint_text)))
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()
