"""Small statistics for benchmark figures: percentiles and min / median / max over runs."""

from __future__ import annotations

import statistics
from collections.abc import Sequence


def percentile(values: Sequence[float], share: float) -> float:
    """The ``share`` (0..1) percentile by linear interpolation, like numpy's default."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def spread(runs: Sequence[float]) -> dict[str, float | list[float] | int]:
    """min / median / max of one figure over repeated runs, keeping the runs themselves."""
    return {"min": min(runs), "median": statistics.median(runs), "max": max(runs),
            "runs": [round(value, 4) for value in runs], "n": len(runs)}
