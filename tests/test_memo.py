"""BoundedMemo: answers kept by their question, never more than its limit."""

from __future__ import annotations

import doctest

from claimstrack import memo
from claimstrack.memo import BoundedMemo


def test_answers_are_kept_until_the_memo_is_full_then_it_starts_again() -> None:
    kept: BoundedMemo[str, int] = BoundedMemo(3)
    assert [kept.put(word, len(word)) for word in ("a", "bb", "ccc")] == [1, 2, 3]
    assert dict(kept) == {"a": 1, "bb": 2, "ccc": 3} and kept.get("bb") == 2
    assert kept.put("dddd", 4) == 4
    assert dict(kept) == {"dddd": 4}  # full: started again with the new answer


def test_many_questions_never_take_it_past_its_limit() -> None:
    kept: BoundedMemo[int, int] = BoundedMemo(100)
    for number in range(10_000):
        kept.put(number, number * 2)
        assert len(kept) <= 100
    assert kept[9_999] == 19_998


def test_the_module_example_holds() -> None:
    assert doctest.testmod(memo).failed == 0
