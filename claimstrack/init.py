"""`claimstrack init`: set a repository up for claimstrack without touching what is there.

Adds `[tool.claimstrack]` to an existing pyproject.toml (keeping every comment and key, with
tomlkit), or writes claimstrack.toml; creates a starter claims file and an empty references.bib
when they are missing. Files that exist are never overwritten, so running it twice changes
nothing the second time.
"""

from __future__ import annotations

from pathlib import Path

import tomlkit

from claimstrack.atomic import write_atomic
from claimstrack.config import DEFAULT_DOCUMENTS
from claimstrack.errors import ConfigError, Problem, UsageError
from claimstrack.model import Location

CLAIMS_TEMPLATE = """\
# The claims library: every approved wording of a numeric claim and the evidence behind it.
# Schema: docs/claims-file.md. Approve a claim with `claimstrack claims approve ID --by NAME`.
schema = 1

# [measure.us-migraine-prevalence]        # optional: what one quantity is, and its value
# description = "People in the US with migraine"
# kind = "count"
# unit = "people"
# value = 39000000

# [[claim]]
# id = "us-migraine-prevalence"
# text = "An estimated 39 million people in the United States have migraine"
# measure = "us-migraine-prevalence"
# status = "draft"
#
# [[claim.evidence]]
# cite = "lipton2007"                     # a key in references.bib
# locator = "abstract"
# quote = "verbatim words from the source"
"""

BIB_TEMPLATE = "% The sources your claims cite, one BibTeX entry each (with a doi, pmid, url or isbn).\n"

SETTINGS = {
    "documents": list(DEFAULT_DOCUMENTS),  # every format claimstrack reads
    "claims": "claims",
    "bibliography": "references.bib",
}


def init_project(root: Path) -> list[str]:
    """Set up `root` for claimstrack; returns what was created or changed, one line each. A
    `root` that is not a folder is a UsageError."""
    if not root.is_dir():
        raise UsageError(f"not a directory: {root}")
    done = [_configure(root)]
    claims = root / "claims" / "claims.toml"
    if not (root / "claims").exists():
        claims.parent.mkdir(parents=True)
        write_atomic(claims, CLAIMS_TEMPLATE)
        done.append("created claims/claims.toml")
    bib = root / "references.bib"
    if not bib.exists():
        write_atomic(bib, BIB_TEMPLATE)
        done.append("created references.bib")
    return [line for line in done if line]


def _configure(root: Path) -> str:
    if (root / "claimstrack.toml").exists():
        return ""
    pyproject = root / "pyproject.toml"
    if not pyproject.exists():
        document = tomlkit.document()
        document.add(tomlkit.comment("claimstrack settings: docs/configuration.md"))
        for key, value in SETTINGS.items():
            document[key] = value
        write_atomic(root / "claimstrack.toml", tomlkit.dumps(document))
        return "created claimstrack.toml"
    text = pyproject.read_text(encoding="utf-8")
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as error:
        location = Location("pyproject.toml", error.line, error.col)
        raise ConfigError("cannot add [tool.claimstrack]", [Problem(location, f"invalid TOML: {error}")]) from None
    tool = document.get("tool")
    if tool is not None and "claimstrack" in tool:
        return ""
    table = tomlkit.table()
    for key, value in SETTINGS.items():
        table[key] = value
    if tool is None:
        tool = tomlkit.table(is_super_table=True)
        document["tool"] = tool
    tool["claimstrack"] = table
    write_atomic(pyproject, tomlkit.dumps(document))
    return "added [tool.claimstrack] to pyproject.toml"
