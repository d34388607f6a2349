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


def simple_pdf(*pages: str) -> bytes:
    """A PDF with one page per text, each shown in Helvetica (an empty text: a page with no
    text layer, as a scan has), built by hand so that examples need no PDF writer."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", font]
    kids = []
    for text in pages:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        stream = f"BT /F1 11 Tf 40 700 Td ({escaped}) Tj ET".encode("latin-1") if text else b""
        objects.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {len(objects)} 0 R "
                       "/Resources << /Font << /F1 3 0 R >> >> >>".encode())
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


#: The header of the Retraction Watch CSV as Crossref distributes it.
RETRACTION_WATCH_HEADER = ("Record ID,Title,Subject,Institution,Journal,Publisher,Country,Author,URLS,"
                           "ArticleType,RetractionDate,RetractionDOI,RetractionPubMedID,OriginalPaperDate,"
                           "OriginalPaperDOI,OriginalPaperPubMedID,RetractionNature,Reason,Paywalled,Notes")


def retraction_csv(rows: list[tuple[str, str, str, str, str]], pmid: str = "0") -> str:
    """A Retraction Watch CSV with one notice per (record id, nature, date, original DOI, reason)."""
    lines = [RETRACTION_WATCH_HEADER]
    for record, nature, date, doi, reason in rows:
        lines.append(f'{record},"A paper",(HSC) Medicine,,Neurology,Publisher,United States,"Doe, J",,'
                     f'Research Article,{date},10.1000/notice.{record},0,1/1/2007 0:00,{doi},{pmid},'
                     f'{nature},{reason},No,')
    return "\n".join(lines) + "\n"
