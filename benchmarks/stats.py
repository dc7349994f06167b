"""Small statistics for benchmark figures: percentiles and min / median / max over runs."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from fractions import Fraction


def percentile(values: Sequence[float], share: float) -> float:
    """The ``share`` (0..1) percentile by linear interpolation, like numpy's default.

    ``statistics.quantiles(method="inclusive")`` is that interpolation; it cuts the values into
    ``n`` equal parts, so ``share`` becomes a fraction (0.95 is the 19th of 20 cuts).
    """
    if not values:
        raise ValueError("percentile of no values")
    if len(values) == 1:  # quantiles needs two points before Python 3.13; one value is every percentile
        return float(values[0])
    part = Fraction(share).limit_denominator(1000)
    if not 0 < part < 1:  # no cut at the ends: they are the least and the greatest value
        return float(min(values) if part <= 0 else max(values))
    return statistics.quantiles(values, n=part.denominator, method="inclusive")[part.numerator - 1]


def spread(runs: Sequence[float]) -> dict[str, float | list[float] | int]:
    """min / median / max of one figure over repeated runs, keeping the runs themselves."""
    return {"min": min(runs), "median": statistics.median(runs), "max": max(runs),
            "runs": [round(value, 4) for value in runs], "n": len(runs)}
