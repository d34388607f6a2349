"""What a rule is: one object with its code, name, category, default severity, documentation,
examples and the check that raises it (the way ruff's and pyflakes' rules are built).

This module is a leaf of the package: it imports only the value types, so every family module
can import it and nothing imports back. The list of every rule is assembled by
`claimstrack.checks.catalog` from the family modules' `RULES` tuples.

`docs/rules.md`, `claimstrack rules` and `claimstrack rule CODE` are generated from the rule
objects, and the examples of every rule are run by the tests (one that must fire, one that must
not), so the documentation cannot drift from the behaviour.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from claimstrack.model import Finding, Severity

if TYPE_CHECKING:
    from claimstrack.checks.context import CheckContext

#: A check reads the context and yields findings. Several rules may share one check (one pass
#: over the data raising related codes); it runs once when any of its rules is selected.
Check = Callable[["CheckContext"], Iterable[Finding]]


@attrs.frozen
class DividedCheck:
    """A site-wide check whose work divides into independent parts (CT201-CT203: one declared
    measure each), the findings of a part depending on that part alone. It runs as a check does,
    part after part in order; on a large site a forked copy of this process (the one that runs
    the `Rule.beside` checks, once they are done) takes parts from the end while this one takes
    them from the start, and the findings are admitted in the parts' order, so the results are
    the same."""

    #: the parts, in order (made once per run, before any process starts on them)
    parts: Callable[[CheckContext], Sequence[object]]
    #: the findings of one part
    part: Callable[[CheckContext, object], Iterable[Finding]]

    def __call__(self, context: CheckContext) -> Iterator[Finding]:
        for part in self.parts(context):
            yield from self.part(context, part)


class Category(enum.StrEnum):
    """What a rule is about; the report groups findings by it."""

    SUPPORT = "support"  # figures, claims and citations backed by evidence (CT1xx)
    CONSISTENCY = "consistency"  # figures for one declared measure disagree
    INFERRED_CONSISTENCY = "inferred-consistency"  # figures that probably measure one thing disagree
    ARITHMETIC = "arithmetic"  # a figure its own numbers cannot give (GRIM, counts and shares)
    HYGIENE = "hygiene"  # the claims library kept honest: approval, review dates, unused entries
    WORDING = "wording"  # risky phrases with no evidence
    META = "meta"  # the run itself: unreadable documents, suppressions, the baseline (CT9xx)

    @property
    def compares_figures(self) -> bool:
        """True for the rules whose findings mean figures across documents disagree."""
        return self in (Category.CONSISTENCY, Category.INFERRED_CONSISTENCY)


class Stage(enum.Enum):
    """When a rule's check runs, which is what it can read.

    Most checks read what was read from the inputs. Two meta rules judge the run itself: an
    unused suppression is known only once every other finding has met the suppressions, and a
    stale baseline entry only once the baseline has been applied.
    """

    INPUTS = 1
    AFTER_SUPPRESSIONS = 2
    AFTER_BASELINE = 3


@attrs.frozen
class Example:
    """A tiny project: relative path -> file content (pages, claims, references.bib, config).

    Content is text, or bytes for the examples of unreadable files.
    """

    files: Mapping[str, str | bytes]
    note: str = ""


@attrs.frozen
class Rule:
    """One rule: its identity, documentation, examples and check."""

    code: str
    name: str
    severity: Severity
    summary: str
    description: str
    fix: str
    fires: Example
    passes: Example
    category: Category = attrs.field(kw_only=True)
    #: the part of the rule that reads the whole run: the library, the bibliography and the
    #: records of every page (`CheckContext.pages`); it runs once, at `stage`
    check: Check | None = attrs.field(default=None, kw_only=True, eq=False, repr=False)
    #: the part that reads one page (`documents` and `occurrences` are that page's): it runs on
    #: each page in the worker processes, and its findings are cached with the page
    page_check: Check | None = attrs.field(default=None, kw_only=True, eq=False, repr=False)
    stage: Stage = attrs.field(default=Stage.INPUTS, kw_only=True)
    #: the check groups across every page and costs about as much as the other site-wide
    #: checks together: on a large site it runs in a forked process beside them (its findings
    #: sent back and admitted in its turn, so the results are the same), which then takes a
    #: share of the parts of the `DividedCheck`s
    beside: bool = attrs.field(default=False, kw_only=True)

    @property
    def family(self) -> str:
        """'CT1' for CT101: the family prefix used by select/ignore."""
        return self.code[:3]
