"""One row of the benchmark table."""

from dataclasses import dataclass


@dataclass
class Row:
    name: str
    metric: str
    value: str
    target: str


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]
