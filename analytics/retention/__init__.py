"""Retention: how many customers stay, what keeping them longer is worth, who is slipping.

The sales lines are summed per customer and period in DuckDB (`customer_activity`);
everything after that is pure polars/Python, cheap enough for every slider move.

Definitions (rates are fractions 0–1, money is in the data set's currency):

- A customer is *active* in a period when its net revenue there is above zero, summed
  exactly (a period with credit notes only, or credit notes that cancel the purchases,
  does not count as buying).
- Customer (logo) retention into period p = customers active in p − 1 who are active
  again in p ÷ customers active in p − 1 (the *base*).
- Revenue retention (net revenue retention) into p = the base customers' net revenue in
  p ÷ their revenue in p − 1.
- Customer lifetime value CLV = m × r / (1 + d − r), with m the annual gross margin, r the
  yearly retention rate and d the yearly discount rate; expected lifetime 1 / (1 − r)
  years. The sum of m × r^k / (1 + d)^k over the years k = 1, 2, … is exactly the CLV, so
  `project_scenario` over an endless horizon converges to it.

The modules: `periods` (periods, activity, cohorts), `rates` (observed retention),
`value` (lifetime value and the scenario), `slipping` (customers at risk).
"""

from __future__ import annotations

from analytics.retention.periods import (
    BASES,
    Basis,
    NotEnoughHistoryError,
    cohorts,
    customer_activity,
    retention_periods,
)
from analytics.retention.rates import (
    ALL,
    MIN_BASE,
    MIN_BASE_DAYS,
    REST,
    latest_rates,
    period_tiers,
    retention_rates,
    tier_groups,
)
from analytics.retention.slipping import at_risk, buying_rhythm
from analytics.retention.value import (
    AcquisitionEquivalent,
    acquisition_equivalent,
    clv_multiplier,
    customer_lifetime_value,
    expected_lifetime,
    project_scenario,
    scenario_groups,
    tier_values,
)

# What the modules define, in the order of the text above; the constants last.
__all__ = [
    "ALL",
    "BASES",
    "MIN_BASE",
    "MIN_BASE_DAYS",
    "REST",
    "AcquisitionEquivalent",
    "Basis",
    "NotEnoughHistoryError",
    "acquisition_equivalent",
    "at_risk",
    "buying_rhythm",
    "clv_multiplier",
    "cohorts",
    "customer_activity",
    "customer_lifetime_value",
    "expected_lifetime",
    "latest_rates",
    "period_tiers",
    "project_scenario",
    "retention_periods",
    "retention_rates",
    "scenario_groups",
    "tier_groups",
    "tier_values",
]
