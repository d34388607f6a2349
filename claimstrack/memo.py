"""A bounded memo: answers kept by their question until there are too many, then started again.

Several stages remember answers across a run's pages (a word's reading, a frame its sentence
alone gives, which claim a sentence states): a site repeats its words and sentences, so most
questions were asked before. On a site of any size the memory must stay bounded; `BoundedMemo`
empties itself when a new answer would take it past its limit. That costs one miss per question
asked again afterwards and nothing on a hit (an order of last use, as `functools.lru_cache`
keeps, would cost on every hit).

>>> memo = BoundedMemo(2)
>>> memo.put("a", 1), memo.put("b", 2), memo.get("a")
(1, 2, 1)
>>> memo.put("c", 3), sorted(memo)
(3, ['c'])
"""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedMemo(dict[K, V]):
    """A dict of at most `limit` answers: `put` starts it again when it is full. Lookups are
    the dict's own (`get`, `[]`, `in`), at C speed."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def put(self, key: K, value: V) -> V:
        """Keep `value` for `key` (emptying the memo first when it is full); returns `value`."""
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value
