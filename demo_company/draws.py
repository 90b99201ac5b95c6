"""Random draws the generator shares: Poisson counts and cumulative weights for
`random.Random.choices`. Every draw comes from the one seeded `random.Random` passed in,
so the order of the calls decides the data.
"""

from __future__ import annotations

import math
import random

__all__: list[str] = []


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson-distributed count with the given mean (normal approximation above 30)."""
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit = math.exp(-mean)
    count = 0
    product = rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _cumulative(weights: list[float] | tuple[float, ...]) -> list[float]:
    """Running sums of `weights`, for `Random.choices(cum_weights=...)`."""
    total = 0.0
    out = []
    for weight in weights:
        total += weight
        out.append(total)
    return out
