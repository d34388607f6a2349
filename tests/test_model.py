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


def test_hedge_kind_and_status_are_enums_that_read_as_their_words():
    import json

    import pytest

    from claimstrack import Claim, Hedge, Kind, Status, extract_figures

    [figure] = extract_figures("over 90% of patients")
    assert figure.hedge is Hedge.OVER and figure.kind is Kind.PERCENT
    assert figure.hedge == "over" and f"{figure.kind}" == "percent" and repr(figure.hedge) == "'over'"
    assert json.loads(json.dumps(figure.to_json()))["hedge"] == "over"
    assert Claim("c", "text", status="in-review").status is Status.IN_REVIEW
    with pytest.raises(ValueError, match="'pending' is not a status"):
        Claim("c", "text", status="pending")
