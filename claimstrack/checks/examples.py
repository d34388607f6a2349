"""Small builders for the example projects that document (and test) every rule."""

from __future__ import annotations

from collections.abc import Mapping

from claimstrack.checks.registry import Example

TODAY = "today = 2026-11-21\n"

REFERENCE = """@article{lipton2007,
  author = {Lipton, Richard B. and Bigal, Marcelo E.},
  title = {Migraine prevalence, disease burden, and the need for preventive therapy},
  journal = {Neurology},
  year = {2007},
  doi = {10.1212/01.wnl.0000252808.97649.21},
}
"""


def claim_toml(
    text: str,
    *,
    id: str = "us-prevalence",
    status: str = "approved",
    review_by: str = "2027-11-01",
    approved_on: str = "2026-11-01",
    evidence: str = 'cite = "lipton2007"\nlocator = "abstract"\n',
    extra: str = "",
) -> str:
    """A claims file with one claim; `evidence` is the body of one [[claim.evidence]] or ''."""
    approval = f'approved_by = "A. Reviewer"\napproved_on = {approved_on}\n' if status == "approved" else ""
    body = (
        f'schema = 1\n\n[[claim]]\nid = "{id}"\ntext = "{text}"\nstatus = "{status}"\n'
        f"{approval}review_by = {review_by}\n{extra}"
    )
    if evidence:
        body += f"\n[[claim.evidence]]\n{evidence}"
    return body


def project(page: str | None = None, *, claims: str | None = None, bib: str | None = REFERENCE,
            page_name: str = "content/page.md", config: str = TODAY, note: str = "",
            files: Mapping[str, str | bytes] | None = None) -> Example:
    """An example project: a page, an optional claims file and bibliography, a config."""
    contents: dict[str, str | bytes] = {"claimstrack.toml": config}
    if page is not None:
        contents[page_name] = page
    if claims is not None:
        contents["claims/claims.toml"] = claims
    if bib is not None:
        contents["references.bib"] = bib
    contents.update(files or {})
    return Example(files=contents, note=note)
