"""Site-wide findings reused from an earlier run when everything they were made from is unchanged.

A site-wide stage names its inputs by a digest of the bytes they are kept as
(`checks.records`), and keeps its findings under it in a `FindingStore` (the cache:
`claimstrack.cache`). A later run that finds the same digest takes the findings as they were and
neither restores the inputs nor compares them. A stage that works group by group (the uses of
one declared measure: CT201-CT203) is named group by group, so one edited page changes the
digest of only the groups it is part of. CT210 groups across every page: its grouping (each
group's members named by their places, `checks.records.dump_group`) is kept under the digest
of what grouping reads of every page's readings (not where the figures stand), and each group's
findings under the digest of the group and its pages' readings (`reused_groups`). An edit that
only moves a page's figures regroups nothing and compares again only the groups with a figure
on that page; one that changes what a figure says groups every page again, as before.

Exactly right by construction: the digest covers the group's inputs byte for byte (readings,
their places and sentences, in page order), and the store is one per settings digest (tool
version and code, configuration, claims library: see `claimstrack.cache.settings_digest`), so
a stage may only be reused this way if it reads nothing else. Its name says which stage and
group it is, so two stages never share an entry.
"""

from __future__ import annotations

import array
import functools
import hashlib
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol

import attrs

from claimstrack.checks.context import InferredGroups
from claimstrack.checks.records import (
    GroupPlace,
    dump_findings,
    dump_group,
    dump_grouping,
    load_findings,
    load_group,
    load_grouping,
    readings_digests,
)
from claimstrack.checks.records import group_id as _group_id
from claimstrack.consistency.inferred import Group
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

    def has_findings(self, digest: str) -> bool:
        """Whether something is kept under `digest` (without reading it)."""


def inputs_digest(stage: str, inputs: Iterable[bytes]) -> str:
    """A digest of a stage's name and its inputs' bytes, in order (each one's length said, so
    that no two lists of inputs run together into the same bytes)."""
    given = list(inputs)
    # every length first, then every input: the same bytes as each length before its input would
    # tell apart, in a few calls into C rather than two for each input (300,000 inputs in a warm run)
    lengths = array.array("Q", map(len, given))
    if sys.byteorder != "little":
        lengths.byteswap()
    digest = hashlib.blake2b(stage.encode("utf-8") + b"\0", digest_size=_DIGEST)
    digest.update(len(given).to_bytes(8, "little"))
    digest.update(lengths.tobytes())
    digest.update(b"".join(given))
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


class _StaleGrouping(Exception):
    """A kept grouping names a group that no grouping of the run's pages makes (bytes damaged
    in a way their seal did not tell): the kept grouping is a miss."""


def reused_groups(
    store: FindingStore | None, inferred: InferredGroups, compare: Callable[[Group], Iterable[Finding]],
) -> Iterator[Finding]:
    """`compare(group)` for each of the run's inferred groups in their order (CT210), a group's
    findings taken from `store` when an earlier run compared the same group over the same
    readings, and the grouping itself taken from there when no page's readings changed in what
    grouping reads. Without a store, or with a page whose readings were never bytes (see
    `reused`), every group is made and compared as without a cache."""
    named = _grouping_name(store, inferred)
    if store is None or named is None:
        for group in inferred.groups():
            yield from compare(group)
        return
    name, whole = named
    kept = store.get_findings(name)
    grouping = load_grouping(kept) if kept is not None else None
    if grouping is not None:
        try:  # every group's findings before the first is given: a stale group is a miss of the whole
            found = list(_grouped(store, grouping, (), whole, compare=compare, inferred=inferred))
        except _StaleGrouping:
            found = None
        if found is not None:
            yield from found
            return
    made = inferred.groups()
    grouping = _grouping(made, inferred)
    if grouping is None:  # a member the pages' readings do not name: compared, not kept
        for group in made:
            yield from compare(group)
        return
    store.put_findings(name, dump_grouping(grouping))
    yield from _grouped(store, grouping, made, whole, compare=compare, inferred=inferred)


def grouping_kept(store: FindingStore | None, inferred: InferredGroups) -> bool:
    """Whether `store` keeps the grouping of these pages' readings: CT210 then groups nothing
    (`reused_groups`) and compares only the groups with a figure on a changed page."""
    named = _grouping_name(store, inferred)
    return store is not None and named is not None and store.has_findings(named[0])


def _grouping_name(store: FindingStore | None, inferred: InferredGroups) -> tuple[str, list[bytes]] | None:
    """The name the grouping of `inferred`'s pages is kept under (the digest of what grouping
    reads of every page's readings, and the rejected groups), with the digest of each page's
    readings whole; None without a store, or when a page's readings were never bytes."""
    if store is None:
        return None
    digests = [readings_digests(page.readings) for page in inferred.pages]
    if any(digest is None for digest in digests):
        return None
    name = inputs_digest(f"inferred grouping, rejected {sorted(inferred.rejected)}",
                         [digest[1] for digest in digests if digest is not None])
    return name, [digest[0] for digest in digests if digest is not None]


def _grouped(store: FindingStore, grouping: Sequence[tuple[Sequence[int], bytes]], made: Sequence[Group],
             whole: Sequence[bytes], *, compare: Callable[[Group], Iterable[Finding]],
             inferred: InferredGroups) -> Iterator[Finding]:
    """The findings of each group of `grouping` (those `made` in this run, if any, in its
    order), each reused when its group and its pages' readings are unchanged."""
    for number, (pages, data) in enumerate(grouping):
        yield from reused(store, "inferred group", functools.partial(_group_inputs, data, pages, whole),
                          functools.partial(_compared, compare, made[number] if made else None, data, inferred))


def _group_inputs(data: bytes, pages: Sequence[int], whole: Sequence[bytes]) -> list[bytes]:
    """What a group's findings are made from: the group (its members' places) and the digests
    of its pages' readings."""
    return [data, *(whole[page] for page in pages)]


def _compared(compare: Callable[[Group], Iterable[Finding]], made: Group | None, data: bytes,
              inferred: InferredGroups) -> Iterable[Finding]:
    """The findings of a group: the one grouped in this run, else the one `data` names."""
    group = made if made is not None else load_group(data, lambda page: inferred.pages[page].readings)
    if group is None:  # bytes that name no group of these pages: the grouping made afresh
        group = {fresh.id: fresh for fresh in inferred.groups()}.get(_group_id(data) or "")
    if group is None:
        raise _StaleGrouping(_group_id(data))
    return compare(group)


def _grouping(groups: Sequence[Group], inferred: InferredGroups) -> tuple[tuple[tuple[int, ...], bytes], ...] | None:
    """Each group as the numbers of its pages and its bytes (`dump_group`), its members named
    by their places among the pages' readings (found by their sites, one object per reading);
    None when a member is not found there."""
    places: dict[int, tuple[int, int]] = {}
    for number, page in enumerate(inferred.pages):
        for index, reading in enumerate(page.readings):
            if reading.ref is None or places.setdefault(id(reading.ref), (number, index)) != (number, index):
                return None
    grouping = []
    for group in groups:
        located: list[GroupPlace] = []
        for member in group.readings:
            found = places.get(id(member.ref))
            if found is None:
                return None
            own = inferred.pages[found[0]].readings[found[1]]
            if member is own:
                located.append((*found, None))
            elif member == attrs.evolve(own, frame=member.frame):
                located.append((*found, member.frame))
            else:
                return None
        grouping.append((tuple(sorted({page for page, _, _ in located})), dump_group(group, located)))
    return tuple(grouping)
