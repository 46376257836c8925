"""From cumulative counters to what happened since the last reading, never negative, never twice.

The storage system's counters only grow until it restarts, when they start again at zero. A
reading from a restarted storage system (its start time changed, or any counter fell) counts
everything it shows as new; otherwise the difference to the previous reading is new. Cycles that
were missed simply make one larger difference: nothing is lost and nothing doubled.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from coffer.providers.base import OPERATIONS, BucketTraffic


@dataclass
class TrafficDelta:
    """Requests, bytes and latency of one interval; latency buckets count per bucket (not cumulative)."""

    requests: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OPERATIONS, 0))
    bytes_in: int = 0
    bytes_out: int = 0
    latency_us_sum: int = 0
    latency_buckets: dict[str, int] = field(default_factory=dict)

    @property
    def total_requests(self) -> int:
        return sum(self.requests.values())

    @property
    def empty(self) -> bool:
        return self.total_requests == 0 and self.bytes_in == 0 and self.bytes_out == 0

    def add(self, other: TrafficDelta) -> None:
        for operation, count in other.requests.items():
            self.requests[operation] = self.requests.get(operation, 0) + count
        self.bytes_in += other.bytes_in
        self.bytes_out += other.bytes_out
        self.latency_us_sum += other.latency_us_sum
        for bound, count in other.latency_buckets.items():
            self.latency_buckets[bound] = self.latency_buckets.get(bound, 0) + count

    def fields(self) -> dict[str, int]:
        """The non-zero figures, by the names they are stored under."""
        figures = {f"req:{operation}": count for operation, count in self.requests.items()}
        figures |= {"bytes_in": self.bytes_in, "bytes_out": self.bytes_out, "lat_us": self.latency_us_sum}
        figures |= {f"lat:{bound}": count for bound, count in self.latency_buckets.items()}
        return {name: value for name, value in figures.items() if value}


def _per_bucket(cumulative: dict[str, int]) -> dict[str, int]:
    """Prometheus histogram buckets are cumulative (`le`); one interval's count per bucket instead."""
    counts, below = {}, 0
    for bound, total in cumulative.items():
        counts[bound] = total - below
        below = total
    return counts


def _as_delta(traffic: BucketTraffic) -> TrafficDelta:
    return TrafficDelta(
        requests={operation: traffic.requests.get(operation, 0) for operation in OPERATIONS},
        bytes_in=traffic.bytes_in,
        bytes_out=traffic.bytes_out,
        latency_us_sum=round(traffic.latency_seconds_sum * 1_000_000),
        latency_buckets=_per_bucket(traffic.latency_buckets),
    )


def _counters(traffic: BucketTraffic) -> Iterable[tuple[str, float]]:
    yield from ((f"req:{operation}", count) for operation, count in traffic.requests.items())
    yield from (("bytes_in", traffic.bytes_in), ("bytes_out", traffic.bytes_out))
    yield ("lat_sum", traffic.latency_seconds_sum)
    yield from ((f"lat:{bound}", count) for bound, count in traffic.latency_buckets.items())


def restarted(previous: BucketTraffic, current: BucketTraffic) -> bool:
    before = dict(_counters(previous))
    return any(value < before.get(name, 0) for name, value in _counters(current))


def difference(previous: BucketTraffic | None, current: BucketTraffic, storage_restarted: bool) -> TrafficDelta:
    """What happened in the bucket since `previous` (None: the bucket is new since the last reading)."""
    if previous is None or storage_restarted or restarted(previous, current):
        return _as_delta(current)
    now, before = _as_delta(current), _as_delta(previous)
    return TrafficDelta(
        requests={operation: now.requests[operation] - before.requests[operation] for operation in OPERATIONS},
        bytes_in=now.bytes_in - before.bytes_in,
        bytes_out=now.bytes_out - before.bytes_out,
        latency_us_sum=max(0, now.latency_us_sum - before.latency_us_sum),
        latency_buckets={
            bound: count - before.latency_buckets.get(bound, 0) for bound, count in now.latency_buckets.items()
        },
    )
