"""Profitability versus size: the Pareto curve, the whale curve and the quadrants.

Pure polars over the per-customer table from `analytics.metrics` (`customer_id`,
`revenue`, `gross_margin`; the margin is null where the export has no cost), cheap enough
to run on every widget move. The one exception is `group_revenue`, the SQL that a margin
assumed per product group needs.

Units: money in the data set's currency, summed exactly (decimals; the curves hand
floats of the exact running sums to charts); shares are fractions (0.8, not 80) and may pass
1 where losses exist (the whale curve peaks above 100 % of the total margin when some
customers lose money).

Definitions:

- Pareto curve: customers sorted by a value (revenue, or margin), largest first (ties by
  customer id), with the cumulative value and its share of the total. "N customers make
  80 % of revenue": the smallest N whose cumulative revenue reaches 80 % of the total.
- Whale curve: the Pareto curve of the gross margin. Its *peak* is the highest cumulative
  margin (counting the empty start, 0), as a share of the total margin: what the
  profitable customers earn before the loss-makers erode it.
- Quadrants: revenue (size) against profitability (margin share of revenue, or the
  margin itself). A customer on or above the size cut is large; on or above the
  profitability cut, profitable. Core = large and profitable; the others are
  `large_unprofitable`, `small_profitable` and `small_unprofitable`.
- Margin source: `data` when the margins come from the export's cost, `assumed` when a
  margin stated by the team (a share of revenue, overall or per product group) stands in
  for at least one customer's unknown margin, `none` when no margin is known at all.

The modules: `margins`, `curves` (Pareto, whale, the headline numbers), `quadrants` and
`thinning` (lighter charts).
"""

from __future__ import annotations

from analytics.concentration.curves import (
    PARETO_SHARE,
    TOP_SHARE,
    ConcentrationSummary,
    TopShares,
    WhalePeak,
    concentration_summary,
    customers_for_share,
    pareto_curve,
    top_revenue_shares,
    whale_curve,
    whale_peak,
)
from analytics.concentration.margins import (
    MARGIN_ASSUMED,
    MARGIN_DATA,
    MARGIN_NONE,
    MarginSource,
    assumption_groups,
    group_revenue,
    margin_source,
    with_margin,
)
from analytics.concentration.quadrants import (
    MEASURES,
    QUADRANTS,
    Measure,
    Quadrant,
    QuadrantCuts,
    assign_quadrants,
    quadrant_cuts,
    quadrant_summary,
)
from analytics.concentration.thinning import (
    thin_curve,
    thin_points,
)

__all__ = [
    "MARGIN_ASSUMED",
    "MARGIN_DATA",
    "MARGIN_NONE",
    "MEASURES",
    "PARETO_SHARE",
    "QUADRANTS",
    "TOP_SHARE",
    "ConcentrationSummary",
    "MarginSource",
    "Measure",
    "Quadrant",
    "QuadrantCuts",
    "TopShares",
    "WhalePeak",
    "assign_quadrants",
    "assumption_groups",
    "concentration_summary",
    "customers_for_share",
    "group_revenue",
    "margin_source",
    "pareto_curve",
    "quadrant_cuts",
    "quadrant_summary",
    "thin_curve",
    "thin_points",
    "top_revenue_shares",
    "whale_curve",
    "whale_peak",
    "with_margin",
]
