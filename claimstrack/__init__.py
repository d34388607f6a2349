"""claimstrack: track numeric marketing claims and their evidence.

The public API lives here; everything else is an implementation detail.
"""

from claimstrack.errors import (
    BibliographyError,
    ClaimstrackError,
    ConfigError,
    DocumentError,
    LibraryError,
    Problem,
    UsageError,
)
from claimstrack.model import (
    Claim,
    Evidence,
    Figure,
    Finding,
    Location,
    Measure,
    NumberMention,
    Reference,
    Related,
    Severity,
    Span,
)

__version__ = "0.1.0"

__all__ = [
    "BibliographyError",
    "Claim",
    "ClaimstrackError",
    "ConfigError",
    "DocumentError",
    "Evidence",
    "Figure",
    "Finding",
    "LibraryError",
    "Location",
    "Measure",
    "NumberMention",
    "Problem",
    "Reference",
    "Related",
    "Severity",
    "Span",
    "UsageError",
    "__version__",
]
