"""Reading metering back: series of requests and capacity, platform totals, top accounts, daily usage.

Rates are per second of the interval; latency comes from the stored histogram (average from its sum,
p95 interpolated within the bucket that holds it, as Prometheus's histogram_quantile does).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from coffer.clock import Clock
from coffer.metering.resolutions import SECONDS, last_slots, slots_between
from coffer.providers.base import OPERATIONS
from coffer.store.metering import PLATFORM, MeteringStore, account_scope, bucket_scope

MAX_POINTS = 1000


@dataclass(frozen=True)
class RequestPoint:
    start: int
    requests: dict[str, int]
    bytes_in: int
    bytes_out: int
    seconds: int
    latency_avg_ms: float | None
    latency_p95_ms: float | None

    @property
    def total(self) -> int:
        return sum(self.requests.values())


@dataclass(frozen=True)
class CapacityPoint:
    start: int
    bytes_used: int | None
    objects: int | None


@dataclass(frozen=True)
class AccountFigures:
    account_id: str
    bytes_used: int | None
    objects: int | None
    requests: int


@dataclass(frozen=True)
class Window:
    """Either the last `count` intervals, or the intervals from `start` to `end` (epoch seconds)."""

    resolution: str
    count: int = 20
    start: float | None = None
    end: float | None = None


def scope_of(account_id: str | None, bucket: str | None) -> str:
    if bucket is not None:
        return bucket_scope(bucket)
    return PLATFORM if account_id is None else account_scope(account_id)


def _bound(name: str) -> float:
    return float("inf") if name == "+Inf" else float(name)


def p95_seconds(buckets: dict[str, int]) -> float | None:
    ordered = sorted(((_bound(name), count) for name, count in buckets.items()), key=lambda item: item[0])
    total = sum(count for _, count in ordered)
    if total == 0:
        return None
    rank, below, lower = 0.95 * total, 0, 0.0
    for upper, count in ordered:
        if below + count >= rank:
            if upper == float("inf"):
                return lower
            return lower + (upper - lower) * (rank - below) / count
        below, lower = below + count, upper
    return lower


def _request_point(start: int, resolution: str, stored: dict[str, str]) -> RequestPoint:
    figures = {name: int(value) for name, value in stored.items()}
    latency = {name.removeprefix("lat:"): count for name, count in figures.items() if name.startswith("lat:")}
    count = sum(latency.values())
    p95 = p95_seconds(latency)
    return RequestPoint(
        start=start,
        requests={operation: figures.get(f"req:{operation}", 0) for operation in OPERATIONS},
        bytes_in=figures.get("bytes_in", 0),
        bytes_out=figures.get("bytes_out", 0),
        seconds=SECONDS[resolution],
        latency_avg_ms=figures.get("lat_us", 0) / count / 1000 if count else None,
        latency_p95_ms=p95 * 1000 if p95 is not None else None,
    )


class Metering:
    def __init__(self, store: MeteringStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def _slots(self, window: Window) -> list[int]:
        if window.start is not None:
            end = window.end if window.end is not None else self._clock.now()
            return slots_between(window.resolution, window.start, end, MAX_POINTS)
        return last_slots(window.resolution, self._clock.now(), min(window.count, MAX_POINTS))

    async def requests(self, scope: str, window: Window) -> list[RequestPoint]:
        slots = self._slots(window)
        stored = await self._store.series("req", scope, window.resolution, slots)
        return [_request_point(slot, window.resolution, figures) for slot, figures in zip(slots, stored, strict=True)]

    async def capacity(self, scope: str, window: Window) -> list[CapacityPoint]:
        slots = self._slots(window)
        stored = await self._store.series("cap", scope, window.resolution, slots)
        return [
            CapacityPoint(
                start=slot,
                bytes_used=int(figures["bytes"]) if "bytes" in figures else None,
                objects=int(figures["objects"]) if "objects" in figures else None,
            )
            for slot, figures in zip(slots, stored, strict=True)
        ]

    async def top_accounts(self, limit: int) -> list[AccountFigures]:
        """The accounts using most capacity now, with their requests of the last 24 hours."""
        latest = {account: json.loads(value) for account, value in (await self._store.latest_capacity()).items()}
        ranked = dict(await self._store.top_accounts("1h", last_slots("1h", self._clock.now(), 24), 10_000))
        biggest = sorted(latest, key=lambda account: (-latest[account]["bytes"], account))[:limit]
        return [
            AccountFigures(
                account_id=account,
                bytes_used=latest[account]["bytes"],
                objects=latest[account]["objects"],
                requests=int(ranked.get(account, 0)),
            )
            for account in biggest
        ]
