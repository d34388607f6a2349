"""CT9xx meta: unreadable documents, readable files the documents globs leave out, and
suppression comments that are malformed or unused.

A document that cannot be read has no text to check: the engine hands its problems to CT901's
check in the context. A suppression is unused only once every other finding has met the
suppressions, so CT903's check runs at that stage (`Stage.AFTER_SUPPRESSIONS`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath

from claimstrack.checks.context import CheckContext, location_span
from claimstrack.checks.examples import project, simple_pdf
from claimstrack.checks.registry import Category, Rule, Stage
from claimstrack.globs import glob_root
from claimstrack.model import Finding, Severity
from claimstrack.paths import shown_path


def unreadable_documents(ctx: CheckContext) -> Iterator[Finding]:
    """CT901 for each problem of a document that could not be read, each path the documents
    search matched but could not read, and each cited source copy that could not be read."""
    for path, problem in ctx.unreadable:
        yield ctx.finding("CT901", path, location_span(problem.location), problem.message,
                          fingerprint=problem.message)
    for copy, why in ctx.sources.unreadable(_cited_keys(ctx)):
        message = f"source copy cannot be read: {why}; quotes and figures citing it are not checked against it"
        yield ctx.finding("CT901", shown_path(copy, Path(ctx.root)), None, message, fingerprint=message)


def _cited_keys(ctx: CheckContext) -> set[str]:
    """Every citation key whose source copy a quote or figure check would read."""
    keys = {evidence.cite for claim in ctx.library.claims for evidence in claim.evidence}
    keys.update(key for occurrence in ctx.occurrences for key in occurrence.cites)
    return keys


def malformed_suppressions(ctx: CheckContext) -> Iterator[Finding]:
    """CT902 for each suppression comment the reader could not accept."""
    for document in ctx.documents:
        for suppression in document.suppressions:
            if suppression.problem is not None:
                yield ctx.finding("CT902", document.path, location_span(suppression.location),
                                  suppression.problem, fingerprint=suppression.problem)


def unused_suppressions(ctx: CheckContext) -> Iterator[Finding]:
    """CT903 for each well-formed suppression that silenced no finding."""
    for path, suppression in ctx.unused_suppressions:
        codes = ", ".join(suppression.codes) or "all rules"
        yield ctx.finding("CT903", path, location_span(suppression.location),
                          f"suppression of {codes} silences nothing",
                          fingerprint=f"{','.join(suppression.codes)}|{suppression.reason}")


def left_out_documents(ctx: CheckContext) -> Iterator[Finding]:
    """CT905 for each readable file under the documents globs' roots that no glob takes."""
    settings = shown_path(Path(ctx.config.path), Path(ctx.root)) if ctx.config.path else "the configuration"
    for path in ctx.left_out:
        suggestion = _glob_for(path, ctx.config.documents)
        yield ctx.finding("CT905", path, None,
                          f"not checked: no `documents` glob in {settings} takes this file; "
                          f"add \"{suggestion}\" to check it, or `exclude` it", fingerprint=path)


def pages_without_text(ctx: CheckContext) -> Iterator[Finding]:
    """CT906 for each PDF with pages that have no text layer (scanned pages)."""
    for document in ctx.documents:
        empty = [number for number, count in enumerate(document.pages, 1) if count == 0]
        if not empty:
            continue
        if len(empty) == len(document.pages):
            what = (f"no text layer on any of its {len(empty)} page{'s' if len(empty) > 1 else ''} "
                    "(a scanned PDF?): none of its figures can be checked")
        else:
            listed = ", ".join(map(str, empty))
            what = (f"page{'s' if len(empty) > 1 else ''} {listed} of {len(document.pages)} "
                    "have no text layer (scanned?): their figures cannot be checked")
        yield ctx.finding("CT906", document.path, None, f"{what}; run OCR on it and check the result",
                          fingerprint=what)


def _glob_for(path: str, documents: Sequence[str]) -> str:
    """A glob like the configured ones that takes `path`: its suffix below the deepest glob root."""
    roots = [root for root in map(glob_root, documents) if not root or path.startswith(f"{root}/")]
    root = max(roots, key=len, default="")
    suffix = PurePosixPath(path).suffix
    return f"{root}/**/*{suffix}" if root else f"**/*{suffix}"


UNREADABLE_DOCUMENT = Rule(
    code="CT901",
    name="unreadable-document",
    severity=Severity.ERROR,
    summary="A document or source copy that cannot be read: binary, not UTF-8, damaged, or not a file.",
    description=(
        "A page the tool cannot read is a page nobody checked. Binary files and files that are "
        "not valid UTF-8 are reported with the position of the first bad byte instead of being "
        "skipped silently. So is every path the `documents` globs match that is no readable "
        "file (a broken symlink, a symlink loop, a FIFO, a folder named like a page, a folder "
        "that cannot be listed, a link out of the project root), and every cited source copy "
        "that cannot be read (a damaged PDF, a PDF without the pdf extra), since the quote and "
        "figure checks would otherwise pass it over."
    ),
    fix=("Save the file as UTF-8, repair or replace the file, or exclude it with `exclude` in "
         "the configuration; pass `--allow-outside-root` to read a link out of the project."),
    fires=project(None, files={"content/latin1.txt": b"Caf\xe9 prices rose 20%.\n"}),
    passes=project("Cafe prices rose.\n", page_name="content/page.txt"),
    category=Category.META,
    check=unreadable_documents,
)


MALFORMED_SUPPRESSION = Rule(
    code="CT902",
    name="malformed-suppression",
    severity=Severity.ERROR,
    summary="A `claimstrack:` comment that cannot be read, or has no reason.",
    description=(
        "Suppressions must say what they silence and why: "
        "`<!-- claimstrack: ignore[CT101] reason=\"...\" -->`. A suppression without a reason, "
        "with an unknown directive or with a malformed code silences nothing and is reported."
    ),
    fix="Write the comment as `<!-- claimstrack: ignore[CODE] reason=\"why\" -->`.",
    fires=project("<!-- claimstrack: ignore[CT101] -->\nOver 90% of patients improve.\n"),
    passes=project('<!-- claimstrack: ignore[CT101] reason="quoted from a customer review" -->\n'
                   "Over 90% of patients improve.\n"),
    category=Category.META,
    page_check=malformed_suppressions,
)


UNUSED_SUPPRESSION = Rule(
    code="CT903",
    name="unused-suppression",
    severity=Severity.WARNING,
    summary="A suppression comment that silences nothing.",
    description=(
        "A suppression outlives the problem it silenced when the copy changes. An unused one is "
        "reported so that it can be removed before it hides a future problem."
    ),
    fix="Delete the comment.",
    fires=project('<!-- claimstrack: ignore[CT101] reason="press kit" -->\nMigraine is common.\n'),
    passes=project('<!-- claimstrack: ignore[CT101] reason="press kit" -->\nOver 90% of patients improve.\n'),
    category=Category.META,
    check=unused_suppressions,
    stage=Stage.AFTER_SUPPRESSIONS,
)


DOCUMENT_LEFT_OUT = Rule(
    code="CT905",
    name="document-left-out",
    severity=Severity.WARNING,
    summary="A file in a format claimstrack reads, under the documents' folders, that no `documents` glob takes.",
    description=(
        "A page nobody checked must not pass in silence. When the `documents` globs name some "
        "formats only (`content/**/*.md`), a Word or HTML page beside the Markdown ones would be "
        "skipped and the run would report nothing. Every readable file (.txt, .md, .html, "
        ".docx, ...) below the folders the globs start from (content/ for `content/**/*.md`; "
        "for a glob that starts at the project, the folders of the documents it took) that no "
        "glob takes is reported. Files that `exclude` names were left out on purpose and are "
        "not. The text output also prints a notice on standard error."
    ),
    fix="Add a glob for the file's format to `documents` (`claimstrack init` writes one for every format), or `exclude` it.",
    fires=project("Migraine is common.\n", config='today = 2026-11-21\ndocuments = ["content/**/*.md"]\n',
                  files={"content/faq.html": "<p>Migraine is common.</p>\n"}),
    passes=project("Migraine is common.\n", config='today = 2026-11-21\ndocuments = ["content/**/*.md"]\n'
                   'exclude = ["content/archive/**"]\n',
                   files={"content/archive/faq.html": "<p>Migraine is common.</p>\n"}),
    category=Category.META,
    check=left_out_documents,
)


PDF_WITHOUT_TEXT = Rule(
    code="CT906",
    name="pdf-without-text",
    severity=Severity.WARNING,
    summary="A PDF page with no text layer (a scan): its figures cannot be read.",
    description=(
        "A brochure scanned to PDF is a picture of text: there is nothing to read the figures "
        "from, and a run that said nothing would pass a page nobody checked. Each PDF with "
        "pages that carry no text is reported, naming the pages (or saying that none has text)."
    ),
    fix="Export the PDF from the layout program with its text, or run OCR on it (e.g. ocrmypdf).",
    fires=project(None, config='today = 2026-11-21\ndocuments = ["content/**/*.pdf"]\n',
                  files={"content/scan.pdf": simple_pdf("Over 90% of patients improve.", "")}),
    passes=project(None, config='today = 2026-11-21\ndocuments = ["content/**/*.pdf"]\n',
                   files={"content/brochure.pdf": simple_pdf("Migraine is common.")}),
    category=Category.META,
    page_check=pages_without_text,
)


RULES = (
    UNREADABLE_DOCUMENT,
    MALFORMED_SUPPRESSION,
    UNUSED_SUPPRESSION,
    DOCUMENT_LEFT_OUT,
    PDF_WITHOUT_TEXT,
)
