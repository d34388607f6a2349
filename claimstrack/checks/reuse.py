"""Site-wide findings reused from an earlier run when everything they were made from is unchanged.

A site-wide stage names its inputs by a digest of the bytes they are kept as
(`checks.records`), and keeps its findings under it in a `FindingStore` (the cache:
`claimstrack.cache`). A later run that finds the same digest takes the findings as they were and
neither restores the inputs nor compares them. A stage that works group by group (the uses of
one declared measure: CT201-CT203) is named group by group, so one edited page changes the
digest of only the groups it is part of; CT210, which groups across every page, is one stage
named by every page's readings.

Exactly right by construction: the digest covers the group's inputs byte for byte (readings,
their places and sentences, in page order), and the store is one per settings digest (tool
version and code, configuration, claims library: see `claimstrack.cache.settings_digest`), so
a stage may only be reused this way if it reads nothing else. Its name says which stage and
group it is, so two stages never share an entry.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from claimstrack.checks.records import dump_findings, load_findings
from claimstrack.model import Finding

_DIGEST = 16


class FindingStore(Protocol):
    """Where reusable findings are kept between runs, by the digest of their inputs."""

    #: the digests this run looked up or wrote (what pruning keeps)
    used: set[str]

    def get_findings(self, digest: str) -> bytes | None:
        """The bytes kept under `digest`, or None."""

    def put_findings(self, digest: str, data: bytes) -> None:
        """Keep `data` under `digest` (silently skipped when it cannot be written)."""


def inputs_digest(stage: str, inputs: Iterable[bytes]) -> str:
    """A digest of a stage's name and its inputs' bytes, in order (each one's length said, so
    that no two lists of inputs run together into the same bytes)."""
    digest = hashlib.blake2b(stage.encode("utf-8") + b"\0", digest_size=_DIGEST)
    for data in inputs:
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def reused(
    store: FindingStore | None, stage: str, inputs: Callable[[], Iterable[bytes | None]],
    compute: Callable[[], Iterable[Finding]],
) -> Iterator[Finding]:
    """The findings `compute` makes, kept in `store` under the digest of `stage` and
    `inputs()` and taken from there when an earlier run kept them. Computed without the store
    when there is none, or when an input is not bytes already (None: a page the cache does not
    keep, such as one of more figures than it holds, whose readings would be written out only
    to be hashed: a 1 MB export's 44,000 cost about as much as grouping them)."""
    if store is None:
        yield from compute()
        return
    given = list(inputs())
    known = [data for data in given if data is not None]
    if len(known) < len(given):
        yield from compute()
        return
    digest = inputs_digest(stage, known)
    data = store.get_findings(digest)
    findings = load_findings(data) if data is not None else None
    if findings is None:
        findings = tuple(compute())
        try:
            store.put_findings(digest, dump_findings(findings))
        except ValueError:  # a field the bytes cannot hold: made afresh on each run
            pass
    yield from findings
