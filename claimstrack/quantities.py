"""How numbers are shown to people: in messages, interval notation and number-line labels.

One compact style everywhere ("46.55M", "91.5%", "$36B", "2.5x", "48 hours"), and the full
digits of a figure's reading where a message restates what was read ("over 1,000,000,000").
"""

from __future__ import annotations

import math

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "\u20ac", "GBP": "\u00a3", "JPY": "\u00a5"}
_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"))


def format_value(value: float, kind: str = "number", unit: str | None = None, *, step: float = 0.0) -> str:
    """A short readable number: 46550000 -> '46.55M', 91.5 (percent) -> '91.5%', $ for USD.

    `step` is the distance to a neighbouring value shown beside it (the next axis tick), so a
    label keeps just enough decimals to tell the two apart; without it, up to two decimals.
    """
    if math.isinf(value):
        return "-inf" if value < 0 else "inf"
    if kind == "percent":
        return f"{_plain(value, step)}%"
    if kind == "ratio":
        return f"{_plain(value, step)}x"
    text = _compact(value, step)
    if kind == "money":
        return _with_currency(text, unit)
    if kind in ("duration", "age") and unit:
        return f"{text} {unit}"
    return text


def _with_currency(text: str, unit: str | None) -> str:
    """An amount with its currency: a symbol before it where there is one ("-$5M"), else the
    code after it ("5M CHF")."""
    symbol = CURRENCY_SYMBOLS.get(unit or "")
    if symbol:
        return f"-{symbol}{text[1:]}" if text.startswith("-") else f"{symbol}{text}"
    return f"{text} {unit}" if unit else text


def full_number(value: float | None) -> str:
    """A figure's reading with every digit: '42,000,000', '33.33' for a third; '?' for none."""
    if value is None:
        return "?"
    if abs(value) >= 1e6:
        return f"{value:,.0f}"
    return f"{round(value, 2):g}"  # 33.33 for a third, 92 for 92.0


def _compact(value: float, step: float) -> str:
    if value == 0:
        return "0"
    magnitude = max(abs(value), abs(step))
    if magnitude < 1e4:
        return _plain(value, step)  # 1,200 reads better than 1.2k
    for scale, suffix in _SCALES:
        if magnitude >= scale:
            return f"{_plain(value / scale, step / scale)}{suffix}"
    return _plain(value, step)


def _plain(value: float, step: float) -> str:
    decimals = 0
    if step > 0:
        decimals = max(0, min(6, -math.floor(math.log10(step) + 1e-9)))
    elif value != int(value):
        decimals = 2
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
