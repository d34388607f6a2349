"""claimstrack: track numeric marketing claims and their evidence.

The public API lives here; everything else is an implementation detail. Each name is loaded
from its module on first use (PEP 562), so that importing the package, which `python -m
claimstrack` and the `claimstrack` program do before anything else, loads nothing more: the
command's entry point (`claimstrack.__main__`) then guards the loading of everything it needs,
so that a Ctrl-C while the command starts ends it quietly.
"""

from typing import TYPE_CHECKING, Any

from claimstrack._version import __version__

if TYPE_CHECKING:
    from claimstrack.bib import Bibliography, format_reference, load_bibliography
    from claimstrack.checks import Rule, all_rules, get_rule
    from claimstrack.config import Config, find_config, load_config
    from claimstrack.documents import Document, parse_document, read_document
    from claimstrack.engine import Report, check
    from claimstrack.errors import (
        BibliographyError,
        ClaimstrackError,
        ConfigError,
        DocumentError,
        LibraryError,
        Problem,
        UsageError,
    )
    from claimstrack.figures import extract_figures, scan_numbers
    from claimstrack.library import Library, load_library, select_claims
    from claimstrack.library_edit import (
        add_claim,
        add_evidence,
        approve_claim,
        remove_claim,
        set_claim_status,
    )
    from claimstrack.model import (
        Claim,
        Evidence,
        Figure,
        Finding,
        Hedge,
        Kind,
        Location,
        Measure,
        NumberMention,
        Reference,
        Related,
        Severity,
        Span,
        Status,
        StatusChange,
    )

#: Where each public name is defined.
_HOMES = {
    "Bibliography": "claimstrack.bib",
    "BibliographyError": "claimstrack.errors",
    "Claim": "claimstrack.model",
    "ClaimstrackError": "claimstrack.errors",
    "Config": "claimstrack.config",
    "ConfigError": "claimstrack.errors",
    "Document": "claimstrack.documents",
    "DocumentError": "claimstrack.errors",
    "Evidence": "claimstrack.model",
    "Figure": "claimstrack.model",
    "Finding": "claimstrack.model",
    "Hedge": "claimstrack.model",
    "Kind": "claimstrack.model",
    "Library": "claimstrack.library",
    "LibraryError": "claimstrack.errors",
    "Location": "claimstrack.model",
    "Measure": "claimstrack.model",
    "NumberMention": "claimstrack.model",
    "Problem": "claimstrack.errors",
    "Reference": "claimstrack.model",
    "Related": "claimstrack.model",
    "Report": "claimstrack.engine",
    "Rule": "claimstrack.checks",
    "Severity": "claimstrack.model",
    "Span": "claimstrack.model",
    "Status": "claimstrack.model",
    "StatusChange": "claimstrack.model",
    "UsageError": "claimstrack.errors",
    "add_claim": "claimstrack.library_edit",
    "add_evidence": "claimstrack.library_edit",
    "all_rules": "claimstrack.checks",
    "approve_claim": "claimstrack.library_edit",
    "check": "claimstrack.engine",
    "extract_figures": "claimstrack.figures",
    "find_config": "claimstrack.config",
    "format_reference": "claimstrack.bib",
    "get_rule": "claimstrack.checks",
    "load_bibliography": "claimstrack.bib",
    "load_config": "claimstrack.config",
    "load_library": "claimstrack.library",
    "parse_document": "claimstrack.documents",
    "read_document": "claimstrack.documents",
    "remove_claim": "claimstrack.library_edit",
    "scan_numbers": "claimstrack.figures",
    "select_claims": "claimstrack.library",
    "set_claim_status": "claimstrack.library_edit",
}

__all__ = [
    "Bibliography",
    "BibliographyError",
    "Claim",
    "ClaimstrackError",
    "Config",
    "ConfigError",
    "Document",
    "DocumentError",
    "Evidence",
    "Figure",
    "Finding",
    "Hedge",
    "Kind",
    "Library",
    "LibraryError",
    "Location",
    "Measure",
    "NumberMention",
    "Problem",
    "Reference",
    "Related",
    "Report",
    "Rule",
    "Severity",
    "Span",
    "Status",
    "StatusChange",
    "UsageError",
    "__version__",
    "add_claim",
    "add_evidence",
    "all_rules",
    "approve_claim",
    "check",
    "extract_figures",
    "find_config",
    "format_reference",
    "get_rule",
    "load_bibliography",
    "load_config",
    "load_library",
    "parse_document",
    "read_document",
    "remove_claim",
    "scan_numbers",
    "select_claims",
    "set_claim_status",
]


def __getattr__(name: str) -> Any:
    """A public name, loaded from its module on first use (then kept here)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'claimstrack' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
