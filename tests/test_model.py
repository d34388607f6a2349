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


def test_span_and_figure_own_init_keep_what_attrs_gave():
    # Span and Figure set their slots in an __init__ of their own (model._slot_setters): the
    # same fields by position or name, kind and hedge given as their words converted (an unknown
    # word refused), the default precision, equality, hashing, evolve and frozenness.
    from claimstrack.model import Figure, Hedge, Kind

    span = Span(start=0, end=3, line=1, column=1, end_line=1, end_column=4)
    assert span == Span(0, 3, 1, 1, 1, 4) and hash(span) == hash(Span(0, 3, 1, 1, 1, 4))
    assert attrs.astuple(span) == (0, 3, 1, 1, 1, 4)
    figure = Figure("42%", 42.0, None, None, None, None, "percent", "%", "none", None, span)
    assert figure.kind is Kind.PERCENT and figure.hedge is Hedge.NONE and figure.precision is None
    assert figure == Figure("42%", 42.0, None, None, None, None, Kind.PERCENT, "%", Hedge.NONE, None, span, None)
    assert attrs.evolve(figure, kind="count").kind is Kind.COUNT and attrs.evolve(figure, precision=1.0).precision == 1.0
    with pytest.raises(ValueError, match="is not a kind"):
        Figure("42", 42.0, None, None, None, None, "apples", None, "none", None, span)
    with pytest.raises(ValueError, match="is not a hedge"):
        Figure("42", 42.0, None, None, None, None, "count", None, "roughly-ish", None, span)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        figure.value = 1.0  # type: ignore[misc]
