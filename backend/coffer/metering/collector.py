"""The metering collector: samples the storage system and writes per-bucket, per-account and platform figures.

Every BFF instance runs one, but only the holder of the leader lease (in Redis, renewed in the
background while a cycle runs, however long it takes: `coffer.store.leases`) collects; when the
leader dies another instance takes over within one lease lifetime. Each cycle is written in one
transaction fenced by the lease, and the counters it started from are stored with it, so a new
leader goes on from exactly where the old one stopped.

A capacity cycle costs what changed, not what is stored: counting a bucket means listing every
object in it (SeaweedFS's own figures are volume statistics: `s3.bucket.list` reports compressed
sizes and chunks, not objects), so only buckets whose exact request counters show a write since
their last count are listed again; the others keep their count. Changes no S3 request shows
(lifecycle expiry, writes through the filer, a gateway missing from `storage_metrics_urls`) are
caught by recounting every bucket at least every `recount_seconds`.

With several S3 gateways each exports its own counters (no gateway label) and restarts on its own:
the collector keeps each gateway's last reading apart, takes each one's difference and adds them up.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable

import anyio

from coffer.clock import Clock
from coffer.metering.deltas import TrafficDelta, difference
from coffer.metering.resolutions import CAPACITY_RESOLUTIONS, REQUEST_RESOLUTIONS, SECONDS, slot_start
from coffer.providers.base import (
    LIST,
    BucketTraffic,
    BucketUsage,
    GatewayReadings,
    StorageProvider,
    StorageUnavailable,
    TrafficReading,
)
from coffer.store.leases import Lease, take
from coffer.store.locks import LockStore
from coffer.store.metering import (
    PLATFORM,
    BucketSample,
    Figures,
    MeteringStore,
    Ranking,
    account_scope,
    bucket_scope,
)

LOCK = "metering-collector"
_STARTED = "__started_at"
_RANKED = ("1h", "1d")
_READS = ("GET", LIST)  # HEAD is counted as GET; every other request may have changed the bucket
_log = logging.getLogger("coffer.metering")


@dataclasses.dataclass
class _Previous:
    """What each gateway's counters showed at the last cycle (none yet: it is new, or Coffer is)."""

    gateways: dict[str, TrafficReading]
    legacy_fields: list[str] = dataclasses.field(default_factory=list)  # stored before gateways were told apart


def _field(gateway: str, name: str) -> str:
    """A gateway's counter of one bucket in the stored reading; no bucket name holds `|`."""
    return f"{gateway}|{name}"


class Collector:
    def __init__(
        self,
        provider: StorageProvider,
        store: MeteringStore,
        locks: LockStore,
        clock: Clock,
        *,
        requests_seconds: int,
        capacity_seconds: int,
        leader_ttl_seconds: int,
        retention_seconds: dict[str, int],
        recount_seconds: int = 86_400,
        after_capacity: Callable[[dict[str, BucketUsage]], Awaitable[None]] | None = None,
        daily: Callable[[], Awaitable[object]] | None = None,
    ) -> None:
        self._provider = provider
        self._store = store
        self._locks = locks
        self._clock = clock
        self._requests_seconds = requests_seconds
        self._capacity_seconds = capacity_seconds
        self._ttl = leader_ttl_seconds
        self._retention = retention_seconds
        self._recount_seconds = recount_seconds
        self._after_capacity = after_capacity
        self._daily = daily
        self._lease: Lease | None = None
        self._previous: _Previous | None = None

    @property
    def leads(self) -> bool:
        return self._lease is not None and self._lease.held

    async def lead(self) -> bool:
        """Keeps or takes the lead; True while this collector is the one that writes."""
        if self._lease is not None and await self._lease.renew():
            return True
        self._lease = await take(self._locks, LOCK, self._ttl)
        self._previous = None  # whatever was remembered may be stale: go on from what is stored
        return self._lease is not None

    async def step_down(self) -> None:
        if self._lease is not None:
            await self._lease.release()
        self._lease, self._previous = None, None

    # -- requests ------------------------------------------------------------------------------

    async def collect_requests(self) -> bool:
        """One request cycle; False when this collector does not lead (nothing written)."""
        if self._lease is None:
            return False
        async with self._lease.kept() as lease:
            return await self._collect_requests(lease)

    async def _collect_requests(self, lease: Lease) -> bool:
        readings = await self._provider.read_traffic()
        own_lists = await self._store.own_lists()
        previous = self._previous or await self._load_previous()
        deltas: dict[str, TrafficDelta] = defaultdict(TrafficDelta)
        changed: dict[str, str] = {}
        forgotten = list(previous.legacy_fields)
        for gateway, reading in readings.gateways.items():
            before = previous.gateways.get(gateway)
            if before is not None:  # a gateway's first reading only marks where its counting starts
                restarted = before.started_at is not None and reading.started_at not in (None, before.started_at)
                for bucket, traffic in reading.buckets.items():
                    deltas[bucket].add(difference(before.buckets.get(bucket), traffic, restarted))
            seen = before.buckets if before is not None else {}
            changed |= {
                _field(gateway, bucket): json.dumps(dataclasses.asdict(traffic))
                for bucket, traffic in reading.buckets.items()
                if seen.get(bucket) != traffic
            }
            changed[_field(gateway, _STARTED)] = json.dumps(reading.started_at)
            forgotten += [_field(gateway, bucket) for bucket in seen if bucket not in reading.buckets]
        kept = {gateway: previous.gateways[gateway] for gateway in readings.unreachable if gateway in previous.gateways}
        for gateway, before in previous.gateways.items():
            if gateway not in readings.gateways and gateway not in readings.unreachable:  # no longer configured
                forgotten += [_field(gateway, bucket) for bucket in before.buckets] + [_field(gateway, _STARTED)]
        still_served = {
            bucket for reading in (*readings.gateways.values(), *kept.values()) for bucket in reading.buckets
        }
        gone = {bucket for before in previous.gateways.values() for bucket in before.buckets} - still_served
        own_lists_taken = _take_own_lists(deltas, own_lists)
        now = self._clock.now()
        added, rankings = self._request_figures(deltas, now)
        written = await self._store.commit(
            LOCK,
            lease.token,
            reading=changed,
            forgotten=forgotten,
            gone_buckets=sorted(gone),
            added=added,
            sampled=[],
            rankings=rankings,
            latest={},
            own_lists_taken=own_lists_taken,
        )
        return self._after(written, _Previous({**kept, **readings.gateways}))

    async def _load_previous(self) -> _Previous:
        gateways: dict[str, TrafficReading] = {}
        buckets: dict[str, dict[str, BucketTraffic]] = defaultdict(dict)
        legacy: list[str] = []
        for field, value in (await self._store.last_reading()).items():
            gateway, bar, name = field.rpartition("|")
            if not bar:
                legacy.append(field)
            elif name == _STARTED:
                gateways[gateway] = TrafficReading(started_at=json.loads(value), buckets=buckets[gateway])
            else:
                buckets[gateway][name] = BucketTraffic(**json.loads(value))
        return _Previous(gateways, legacy)

    def _request_figures(self, deltas: dict[str, TrafficDelta], now: float) -> tuple[list[Figures], list[Ranking]]:
        by_scope: dict[str, TrafficDelta] = defaultdict(TrafficDelta)
        by_account: dict[str, int] = defaultdict(int)
        for bucket, delta in deltas.items():
            if delta.empty:
                continue
            by_scope[bucket_scope(bucket)].add(delta)
            by_scope[PLATFORM].add(delta)
            account_id = self._provider.account_of_bucket(bucket)
            if account_id is not None:
                by_scope[account_scope(account_id)].add(delta)
                by_account[account_id] += delta.total_requests
        added = [
            Figures(scope, resolution, slot_start(resolution, now), delta.fields(), self._ttl_of(resolution))
            for scope, delta in by_scope.items()
            for resolution in REQUEST_RESOLUTIONS
        ]
        rankings = [
            Ranking(resolution, slot_start(resolution, now), account_id, requests, self._ttl_of(resolution))
            for account_id, requests in by_account.items()
            if requests
            for resolution in _RANKED
        ]
        return added, rankings

    # -- capacity ------------------------------------------------------------------------------

    async def collect_capacity(self) -> bool:
        """One capacity cycle: bytes and objects of every bucket, summed per account and platform."""
        if self._lease is None:
            return False
        async with self._lease.kept() as lease:
            return await self._collect_capacity(lease)

    async def _collect_capacity(self, lease: Lease) -> bool:
        names = await self._provider.bucket_names()
        reading = await self._provider.read_traffic()  # before counting: a write meanwhile shows next time
        now = self._clock.now()
        kept: dict[str, BucketSample] = {}
        for name, sample in zip(names, await self._store.latest_samples_of(names), strict=True):
            if sample is not None and self._still_exact(sample, reading, name, now):
                kept[name] = sample
        counted = await self._provider.bucket_usage([name for name in names if name not in kept])
        await self._store.add_own_lists({bucket: used.list_requests for bucket, used in counted.items()})
        usage = {
            **{name: BucketUsage(bytes_used=sample.bytes, objects=sample.objects) for name, sample in kept.items()},
            **counted,
        }
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        totals[PLATFORM] = [0, 0]
        accounts: set[str] = set()
        for bucket, used in usage.items():
            scopes = [bucket_scope(bucket), PLATFORM]
            account_id = self._provider.account_of_bucket(bucket)
            if account_id is not None:
                scopes.append(account_scope(account_id))
                accounts.add(account_id)
            for scope in scopes:
                totals[scope][0] += used.bytes_used
                totals[scope][1] += used.objects
        sampled = [
            Figures(
                scope,
                resolution,
                slot_start(resolution, now),
                {"bytes": used_bytes, "objects": objects},
                self._ttl_of(resolution),
            )
            for scope, (used_bytes, objects) in totals.items()
            for resolution in CAPACITY_RESOLUTIONS
        ]
        latest = {
            account_id: json.dumps(
                {
                    "bytes": totals[account_scope(account_id)][0],
                    "objects": totals[account_scope(account_id)][1],
                    "at": now,
                }
            )
            for account_id in accounts
        }
        latest_buckets = {
            bucket: BucketSample(
                bytes=used.bytes_used,
                objects=used.objects,
                at=now,
                counted_at=kept[bucket].counted_at if bucket in kept else now,
                started_at=reading.started_at,
                writes=_writes(reading, bucket),
            ).model_dump_json()
            for bucket, used in usage.items()
        }
        if not lease.held:
            return self._after(False, None)
        written = await self._store.commit(
            LOCK,
            lease.token,
            reading={},
            forgotten=[],
            added=[],
            sampled=sampled,
            rankings=[],
            latest=latest,
            latest_buckets=latest_buckets,
        )
        if written and self._after_capacity is not None:
            await self._after_capacity(usage)  # quotas follow the new sample
        return self._after(written, self._previous)

    def _still_exact(self, sample: BucketSample, reading: GatewayReadings, bucket: str, now: float) -> bool:
        """A bucket's last count still holds when no request that may change it was made since."""
        return (
            reading.started_at is not None  # without counters, every bucket is counted
            and sample.started_at == reading.started_at  # counters restart with the storage system
            and sample.writes == _writes(reading, bucket)
            and sample.counted_at is not None
            and now - sample.counted_at < self._recount_seconds
        )

    def _after(self, written: bool, previous: _Previous | None) -> bool:
        if written:
            self._previous = previous
        else:
            _log.info("metering: lost the lead; another instance collects now")
            self._lease, self._previous = None, None
        return written

    def _ttl_of(self, resolution: str) -> int:
        return self._retention[resolution] + SECONDS[resolution]

    # -- the loop ------------------------------------------------------------------------------

    async def run(self) -> None:
        """Collects until cancelled; a storage outage skips cycles (the next one catches up)."""
        next_capacity = 0.0
        while True:
            started = self._clock.now()
            try:
                if await self.lead():
                    await self.collect_requests()
                    if self._lease is not None and started >= next_capacity:
                        await self.collect_capacity()
                        next_capacity = started + self._capacity_seconds
                        if self._daily is not None and self._lease is not None:
                            async with self._lease.kept():
                                await self._daily()  # e.g. the alert digests, once a day
            except StorageUnavailable as error:
                _log.warning("metering: storage unavailable, cycle skipped: %s", error)
            except Exception:
                _log.exception("metering: cycle failed")
            await anyio.sleep(max(0.5, self._requests_seconds - (self._clock.now() - started)))


def _writes(reading: GatewayReadings, bucket: str) -> int:
    """Requests to the bucket, on every gateway since it started, that may have changed what it holds."""
    return sum(
        count
        for traffic in reading.bucket(bucket)
        for operation, count in traffic.requests.items()
        if operation not in _READS
    )


def _take_own_lists(deltas: dict[str, TrafficDelta], own_lists: dict[str, int]) -> dict[str, int]:
    """Takes Coffer's own LIST requests (counting objects) out of the buckets' deltas: tenants are not
    billed for them. A listing that finished just after a reading is taken out of the next one, so
    the totals are exact even when an interval is off by one request."""
    taken = {}
    for bucket, delta in deltas.items():
        take = min(own_lists.get(bucket, 0), delta.requests.get(LIST, 0))
        if take > 0:
            delta.requests[LIST] -= take
            taken[bucket] = take
    return taken
