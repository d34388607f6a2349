"""Disjoint sets (union-find): which items a run's links join into one group."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from typing import Generic, TypeVar

_Key = TypeVar("_Key", bound=Hashable)


class DisjointSets(Generic[_Key]):
    """Items joined into groups; each group is named by its root, the item `union` keeps."""

    def __init__(self, items: tuple[_Key, ...] | list[_Key] = ()) -> None:
        self._parent: dict[_Key, _Key] = {item: item for item in items}

    def add(self, item: _Key) -> None:
        self._parent.setdefault(item, item)

    def find(self, item: _Key) -> _Key:
        """The root of the item's group (an item never added is a group of its own)."""
        self.add(item)
        while self._parent[item] != item:
            self._parent[item] = self._parent[self._parent[item]]
            item = self._parent[item]
        return item

    def union(self, a: _Key, b: _Key) -> None:
        """Join the groups of `a` and `b`; the root of `a`'s stays the root."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self._parent[root_b] = root_a

    def items(self) -> list[_Key]:
        """Every item, in the order first added."""
        return list(self._parent)

    def components(self) -> dict[_Key, list[_Key]]:
        """Every group's members by its root, each in the order first added."""
        grouped: dict[_Key, list[_Key]] = defaultdict(list)
        for item in self.items():
            grouped[self.find(item)].append(item)
        return grouped
