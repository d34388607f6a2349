"""CT9xx meta: unreadable documents and suppression comments that are malformed or unused.

A document that cannot be read has no text to check: the engine hands its problems to CT901's
check in the context. A suppression is unused only once every other finding has met the
suppressions, so CT903's check runs at that stage (`Stage.AFTER_SUPPRESSIONS`).
"""

from __future__ import annotations

from collections.abc import Iterator

from claimstrack.checks.context import CheckContext, location_span
from claimstrack.checks.examples import project
from claimstrack.checks.registry import Category, Rule, Stage
from claimstrack.model import Finding, Severity


def unreadable_documents(ctx: CheckContext) -> Iterator[Finding]:
    """CT901 for each problem of a document that could not be read."""
    for path, problem in ctx.unreadable:
        yield ctx.finding("CT901", path, location_span(problem.location), problem.message,
                          fingerprint=problem.message)


def malformed_suppressions(ctx: CheckContext) -> Iterator[Finding]:
    """CT902 for each suppression comment the reader could not accept."""
    for document in ctx.documents:
        for suppression in document.suppressions:
            if suppression.problem is not None:
                yield ctx.finding("CT902", document.path, location_span(suppression.location),
                                  suppression.problem, fingerprint=suppression.problem)


def unused_suppressions(ctx: CheckContext) -> Iterator[Finding]:
    """CT903 for each well-formed suppression that silenced no finding."""
    for document, suppression in ctx.unused_suppressions:
        codes = ", ".join(suppression.codes) or "all rules"
        yield ctx.finding("CT903", document.path, location_span(suppression.location),
                          f"suppression of {codes} silences nothing",
                          fingerprint=f"{','.join(suppression.codes)}|{suppression.reason}")


UNREADABLE_DOCUMENT = Rule(
    code="CT901",
    name="unreadable-document",
    severity=Severity.ERROR,
    summary="A document that cannot be read: binary, not UTF-8, or unreadable.",
    description=(
        "A page the tool cannot read is a page nobody checked. Binary files and files that are "
        "not valid UTF-8 are reported with the position of the first bad byte instead of being "
        "skipped silently."
    ),
    fix="Save the file as UTF-8, or exclude it with `exclude` in the configuration.",
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
    check=malformed_suppressions,
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


RULES = (
    UNREADABLE_DOCUMENT,
    MALFORMED_SUPPRESSION,
    UNUSED_SUPPRESSION,
)
