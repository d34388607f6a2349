"""claimstrack: track numeric marketing claims and their evidence.

The public API lives here; everything else is an implementation detail.
"""

from claimstrack._version import __version__
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
