"""CT9xx meta: unreadable documents and suppression comments that are malformed or unused.

CT901 and CT903 are produced by the engine itself (a document that cannot be read has no
context to check; a suppression is unused only once every check has run).
"""

from __future__ import annotations

from collections.abc import Iterator

from claimstrack.checks.context import CheckContext, location_span
from claimstrack.checks.examples import project
from claimstrack.checks.registry import Rule, checker, register
from claimstrack.model import Finding, Severity

register(Rule(
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
))
register(Rule(
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
))
register(Rule(
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
))


@checker
def malformed_suppressions(ctx: CheckContext) -> Iterator[Finding]:
    """CT902 for each suppression comment the reader could not accept."""
    for document in ctx.documents:
        for suppression in document.suppressions:
            if suppression.problem is not None:
                yield ctx.finding("CT902", document.path, location_span(suppression.location),
                                  suppression.problem, fingerprint=suppression.problem)
