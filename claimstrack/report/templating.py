"""The Jinja2 environment the report's templates are rendered in (the HTML and Markdown reports)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2


def template_environment(*, autoescape: bool, filters: dict[str, Callable[..., Any]], **options: Any) -> jinja2.Environment:
    """An environment over the package's `report/templates` with `filters`, where a value the
    template names and the view lacks is an error; `options` are Jinja2's own."""
    import jinja2  # here, not at the top: a check never renders a report, and Jinja2 takes 25 ms to import

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("claimstrack.report", "templates"),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        **options,
    )
    env.filters.update(filters)
    return env
