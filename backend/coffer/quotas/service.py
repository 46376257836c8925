"""Quotas that the storage system enforces: an account quota (bytes, optionally objects) set by platform
admins, and bucket quotas set by account admins.

Usage is the logical size from the last capacity sample. A bucket over its own quota, or any bucket of
an account over the account's quota, is made read-only in the storage system: writes fail, reads and
deletes go on. Deleting data or raising the quota makes it writable again at the next sample, or at
once when the quota changes. Enforcement is therefore as fresh as the last sample (DESIGN: eventually
consistent; the console shows when that sample was taken).
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import anyio

from coffer.alerts.service import QuotaUse
from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.clock import Clock
from coffer.domain_errors import DomainError, FieldProblem
from coffer.providers.base import BucketNotInAccount, BucketUsage, StorageProvider, StorageUnavailable
from coffer.quotas.levels import is_over
from coffer.store.accounts import AccountRecord, AccountStore
from coffer.store.leases import Lease, LeaseLost, wait_for
from coffer.store.locks import LockStore
from coffer.store.metering import MeteringStore
from coffer.store.quotas import BucketQuotaRecord, QuotaStore

_LOCK = "{quota}:enforcement"  # in the hash slot of the keys it fences
# Held briefly and renewed while enforcement runs, so that an instance dying with it blocks the
# others' quota changes for seconds, not minutes.
_LOCK_SECONDS = 10
_WAIT_SECONDS = 120
_log = logging.getLogger("coffer.quotas")


def _size(size: int) -> str:
    for unit, factor in (("TiB", 1024**4), ("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= factor:
            return f"{size / factor:g} {unit}"
    return f"{size} bytes"


class QuotaTooSmall(DomainError):
    status, slug, title = 422, "quota-too-small", "Quota too small"

    def __init__(self, field: str, minimum: int) -> None:
        super().__init__(f"A quota must be at least {minimum} bytes.")
        self.field = field
        self.minimum = minimum

    @property
    def detail(self) -> str:
        if self.field == "quota_objects":
            return "An object quota must be at least 1."
        if self.field == "quota_bytes":
            return f"A quota must be at least {_size(self.minimum)}."
        return str(self)

    @property
    def field_problems(self) -> tuple[FieldProblem, ...]:
        return (FieldProblem(self.field, self.detail),)


class InvalidThresholds(DomainError):
    """Warning must come before critical, both between 1 and 99 %."""

    status, slug, title = 422, "invalid-thresholds", "Invalid thresholds"
    detail = "The warning threshold must be below the critical one."

    @property
    def field_problems(self) -> tuple[FieldProblem, ...]:
        return (FieldProblem("critical_percent", self.detail),)


@dataclass(frozen=True)
class BucketQuotaState:
    name: str
    quota_bytes: int | None
    warning_percent: int
    critical_percent: int
    bytes_used: int | None
    objects: int | None
    writes_blocked: bool
    writes_blocked_since: float | None  # None: not blocked, or blocked before the time was kept


@dataclass(frozen=True)
class AccountQuotaState:
    account_id: str
    quota_bytes: int | None
    quota_objects: int | None
    warning_percent: int
    critical_percent: int
    bytes_used: int | None
    objects: int | None
    sampled_at: float | None
    buckets: list[BucketQuotaState]


def account_totals(usage: dict[str, BucketUsage], account_of: dict[str, str | None]) -> dict[str, BucketUsage]:
    """Each account's bytes and objects: the sum over its buckets."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for bucket, used in usage.items():
        account_id = account_of[bucket]
        if account_id is not None:
            totals[account_id][0] += used.bytes_used
            totals[account_id][1] += used.objects
    return {account_id: BucketUsage(bytes_used=used, objects=objects) for account_id, (used, objects) in totals.items()}


def over_quota(
    usage: dict[str, BucketUsage],
    account_of: dict[str, str | None],
    totals: dict[str, BucketUsage],
    accounts: dict[str, AccountRecord],
    bucket_quotas: dict[str, BucketQuotaRecord],
) -> set[str]:
    """The buckets whose writes must be refused now."""
    blocked = set()
    for bucket, used in usage.items():
        account = accounts.get(account_of[bucket] or "")
        quota = bucket_quotas.get(bucket)
        if quota is not None and is_over(used.bytes_used, quota.bytes):
            blocked.add(bucket)
        elif account is not None:
            total = totals[account.id]
            if (account.quota_bytes is not None and is_over(total.bytes_used, account.quota_bytes)) or (
                account.quota_objects is not None and is_over(total.objects, account.quota_objects)
            ):
                blocked.add(bucket)
    return blocked


def quota_uses(
    usage: dict[str, BucketUsage],
    account_of: dict[str, str | None],
    totals: dict[str, BucketUsage],
    accounts: dict[str, AccountRecord],
    bucket_quotas: dict[str, BucketQuotaRecord],
) -> list[QuotaUse]:
    """Every quota with what is used of it, for alerts."""
    uses = []
    for bucket, used in usage.items():
        account_id = account_of[bucket]
        if account_id is None:
            continue
        quota = bucket_quotas.get(bucket)
        if quota is not None:
            uses.append(
                QuotaUse(
                    f"bucket:{bucket}",
                    account_id,
                    f"bucket {bucket}",
                    "bytes",
                    used.bytes_used,
                    quota.bytes,
                    quota.warning_percent,
                    quota.critical_percent,
                )
            )
    for account_id, total in totals.items():
        used_bytes, objects = total.bytes_used, total.objects
        account = accounts.get(account_id)
        if account is None:
            continue
        for unit, used_amount, limit in (
            ("bytes", used_bytes, account.quota_bytes),
            ("objects", objects, account.quota_objects),
        ):
            if limit is not None:
                uses.append(
                    QuotaUse(
                        f"account:{account_id}:{unit}",
                        account_id,
                        f"account {account_id}",
                        unit,  # type: ignore[arg-type]
                        used_amount,
                        limit,
                        account.quota_warning_percent,
                        account.quota_critical_percent,
                    )
                )
    return uses


def _check_thresholds(warning: int, critical: int) -> None:
    if not 1 <= warning < critical <= 99:
        raise InvalidThresholds


class Quotas:
    def __init__(
        self,
        store: QuotaStore,
        accounts: AccountStore,
        metering: MeteringStore,
        locks: LockStore,
        provider: StorageProvider,
        auditor: Auditor,
        min_bytes: int,
        clock: Clock,
        after_enforce: Callable[[list[QuotaUse]], Awaitable[None]] | None = None,
    ) -> None:
        self._clock = clock
        self._store = store
        self._accounts = accounts
        self._metering = metering
        self._locks = locks
        self._provider = provider
        self._auditor = auditor
        self._min_bytes = min_bytes
        self._after_enforce = after_enforce

    async def set_account_quota(
        self,
        account: AccountRecord,
        quota_bytes: int | None,
        quota_objects: int | None,
        thresholds: tuple[int, int],
        actor: str,
        ip: str,
    ) -> AccountQuotaState:
        _check_thresholds(*thresholds)
        if quota_bytes is not None and quota_bytes < self._min_bytes:
            raise QuotaTooSmall("quota_bytes", self._min_bytes)
        if quota_objects is not None and quota_objects < 1:
            raise QuotaTooSmall("quota_objects", 1)
        warning, critical = thresholds

        def with_quota(fresh: AccountRecord) -> AccountRecord:
            fresh.quota_bytes, fresh.quota_objects = quota_bytes, quota_objects
            fresh.quota_warning_percent, fresh.quota_critical_percent = warning, critical
            return fresh

        # Only the quota fields are written, onto the record as it is now: a disable meanwhile stays.
        await self._accounts.update(account.id, with_quota)
        await self._audit(actor, ip, account.id, account.id, f"bytes={quota_bytes} objects={quota_objects}")
        await self.enforce()
        return await self.state(account.id)

    async def set_bucket_quota(
        self, account_id: str, bucket: str, quota_bytes: int | None, thresholds: tuple[int, int], actor: str, ip: str
    ) -> AccountQuotaState:
        _check_thresholds(*thresholds)
        if self._provider.account_of_bucket(bucket) != account_id or bucket not in await self._buckets_now(account_id):
            raise BucketNotInAccount(bucket)
        if quota_bytes is not None and quota_bytes < self._min_bytes:
            raise QuotaTooSmall("quota_bytes", self._min_bytes)
        warning, critical = thresholds
        record = (
            None
            if quota_bytes is None
            else BucketQuotaRecord(bytes=quota_bytes, warning_percent=warning, critical_percent=critical)
        )
        await self._store.set_bucket_quota(bucket, record)
        await self._audit(actor, ip, bucket, account_id, f"bytes={quota_bytes}")
        await self.enforce()
        return await self.state(account_id)

    async def state(self, account_id: str) -> AccountQuotaState:
        account = await self._accounts.get(account_id)
        latest = {bucket: json.loads(value) for bucket, value in (await self._metering.latest_bucket_usage()).items()}
        mine = sorted(await self._buckets_now(account_id))
        quotas, blocked = await self._store.bucket_quotas(), await self._store.blocked_since()
        measured = [bucket for bucket in mine if bucket in latest]
        sampled = [latest[bucket]["at"] for bucket in measured]
        return AccountQuotaState(
            account_id=account_id,
            quota_bytes=account.quota_bytes if account else None,
            quota_objects=account.quota_objects if account else None,
            warning_percent=account.quota_warning_percent if account else 80,
            critical_percent=account.quota_critical_percent if account else 90,
            bytes_used=sum(latest[bucket]["bytes"] for bucket in measured) if measured else None,
            objects=sum(latest[bucket]["objects"] for bucket in measured) if measured else None,
            sampled_at=min(sampled) if sampled else None,
            buckets=[
                BucketQuotaState(
                    name=bucket,
                    quota_bytes=quotas[bucket].bytes if bucket in quotas else None,
                    warning_percent=quotas[bucket].warning_percent if bucket in quotas else 80,
                    critical_percent=quotas[bucket].critical_percent if bucket in quotas else 90,
                    bytes_used=latest[bucket]["bytes"] if bucket in latest else None,
                    objects=latest[bucket]["objects"] if bucket in latest else None,
                    writes_blocked=bucket in blocked,
                    writes_blocked_since=blocked.get(bucket),
                )
                for bucket in mine
            ],
        )

    async def _buckets_now(self, account_id: str) -> set[str]:
        """The account's buckets as the storage system lists them now, so one made a minute ago gets its
        quota before the next capacity sample, and a deleted one is gone at once; the last samples' buckets
        when the storage system does not answer (the page still shows what was measured)."""
        try:
            return {bucket.name for bucket in await self._provider.list_account_buckets(account_id)}
        except StorageUnavailable:
            latest = await self._metering.latest_bucket_usage()
            return {bucket for bucket in latest if self._provider.account_of_bucket(bucket) == account_id}

    async def _bucket_usage(self) -> dict[str, BucketUsage]:
        latest = await self._metering.latest_bucket_usage()
        return {
            bucket: BucketUsage(bytes_used=int(value["bytes"]), objects=int(value["objects"]))
            for bucket, value in ((bucket, json.loads(raw)) for bucket, raw in latest.items())
        }

    async def enforce(self, usage: dict[str, BucketUsage] | None = None) -> None:
        """Makes the storage system refuse writes exactly to the buckets over a quota now.

        One enforcement at a time across instances (two at once could undo each other's last step):
        an enforcement that lost its lease stops at once, and the instance holding it now enforces
        from fresh figures."""
        lease = await wait_for(self._locks, _LOCK, _LOCK_SECONDS, _WAIT_SECONDS)
        try:
            async with lease.kept():
                await self._enforce(usage, lease)
        except LeaseLost:
            _log.warning("quotas: lost the enforcement lease mid-run; stopped, another instance enforces")
        finally:
            with anyio.CancelScope(shield=True):
                await lease.release()

    async def _enforce(self, usage: dict[str, BucketUsage] | None, lease: Lease) -> None:
        usage = usage if usage is not None else await self._bucket_usage()
        account_of = {bucket: self._provider.account_of_bucket(bucket) for bucket in usage}
        ids = sorted({account for account in account_of.values() if account is not None})
        accounts = {account.id: account for account in await self._accounts.get_many(ids)}
        bucket_quotas = await self._store.bucket_quotas()
        totals = account_totals(usage, account_of)
        wanted = over_quota(usage, account_of, totals, accounts, bucket_quotas)
        current = await self._store.blocked()
        for bucket in sorted(wanted - current):
            lease.check()
            await self._provider.set_bucket_writable(bucket, False)
            await self._store.mark(bucket, True, lease, self._clock.now())
        for bucket in sorted(current - wanted):
            lease.check()
            if bucket in usage:  # a deleted bucket needs no unblocking in the storage system
                await self._provider.set_bucket_writable(bucket, True)
            await self._store.mark(bucket, False, lease, self._clock.now())
        if self._after_enforce is not None:
            await self._after_enforce(quota_uses(usage, account_of, totals, accounts, bucket_quotas))

    async def _audit(self, actor: str, ip: str, target: str, account_id: str, detail: str) -> None:
        await self._auditor.record(
            AuditEvent(
                action=events.QUOTA_SET,
                actor=actor,
                result="success",
                target=target,
                account_id=account_id,
                ip=ip,
                detail=detail,
            )
        )
