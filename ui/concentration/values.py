"""What the profitability-versus-size page measures profitability by: the customers'
gross margin, or their customer profit (gross margin − the cost to serve,
`analytics.profit`). The page's switch picks one; the builders name it with these keys.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = ["MEASURE_NAME_KEYS", "PCT_KEYS", "VALUES", "VALUE_KEYS", "Value"]

Value = Literal["margin", "profit"]
VALUES: tuple[Value, ...] = get_args(Value)
# The value's name: a chart axis, a tooltip, a table header, the switch's options.
VALUE_KEYS: dict[str, str] = {
    "margin": "profit.switch.gross_margin",
    "profit": "profit.switch.customer_profit",
}
# The value as a share of revenue.
PCT_KEYS: dict[str, str] = {
    "margin": "criterion.margin_pct",
    "profit": "conc.measure.profit_pct",
}
# The quadrant's two measures of profitability, by value.
MEASURE_NAME_KEYS: dict[str, dict[str, str]] = {
    "margin": {"margin_pct": "conc.measure.margin_pct", "margin": "conc.measure.margin"},
    "profit": {"margin_pct": "conc.measure.profit_pct", "margin": "conc.measure.profit"},
}
