import attrs
import pytest

from claimstrack.model import Severity, Span
from claimstrack.positions import LineIndex


def test_line_index_maps_offsets_to_one_based_positions():
    index = LineIndex("ab\ncd\n\nef")
    assert index.position(0) == (1, 1)
    assert index.position(3) == (2, 1)
    assert index.position(4) == (2, 2)
    assert index.position(7) == (4, 1)
    assert index.span(3, 5) == Span(3, 5, 2, 1, 2, 3)
    assert [index.offset(*index.position(i)) for i in range(9)] == list(range(9))


def test_model_is_frozen():
    span = Span(0, 1, 1, 1, 1, 2)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        span.start = 3  # type: ignore[misc]


def test_severity_rank_orders_error_above_warning_above_info():
    assert Severity.ERROR.rank > Severity.WARNING.rank > Severity.INFO.rank
