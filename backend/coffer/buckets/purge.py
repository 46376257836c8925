"""Deleting a bucket with all its data: typed confirmation, then a purge in the background with progress.

Emptying a bucket of hundreds of thousands of objects takes longer than a request, and longer than the
admin's temporary storage credentials live; so the admin's request only checks (the bucket's name typed
exactly, the bucket in their account, their own credentials reaching it), records the purge and starts it
as a task of this instance. The work deletes batch after batch with the platform service identity,
recording its progress after each, then deletes the bucket and what Coffer kept about it (quota, grants).

The work runs under the lease `bucket-purge:<bucket>`, renewed while it runs, so one instance purges a
bucket at a time. An instance that dies leaves the purge `running` with its lease lapsing; every
instance's resumer (`resume_stalled`) takes such a purge over and runs it to the end. A refusal of the
storage system leaves it `failed` with the reason; starting again retries. An instance that shuts down
stops its purges between two batches, so the count stays exact; after a crash it may be off by the one
batch that was under way.
"""

from __future__ import annotations

import asyncio
import logging

from coffer.audit import events
from coffer.audit.events import AuditEvent, Result
from coffer.audit.service import Auditor
from coffer.clock import Clock
from coffer.data_grants.service import DataGrants
from coffer.domain_errors import DomainError, FieldProblem
from coffer.providers.base import (
    BucketNotInAccount,
    NoSuchBucket,
    StorageProvider,
    StorageRefused,
    StorageUnavailable,
    TemporaryCredentials,
    check_in_account,
)
from coffer.store.bucket_purges import BucketPurgeRecord, BucketPurgeStore, PurgeState
from coffer.store.leases import Lease, LeaseLost, held
from coffer.store.locks import LockStore
from coffer.store.quotas import QuotaStore

CONFIRM_FIELD = "confirm_name"
_log = logging.getLogger("coffer.buckets.purge")


class PurgeNotConfirmed(DomainError):
    """All of a bucket's data goes only when its name was typed exactly: no wrong row by a slip."""

    status, slug, title = 422, "purge-not-confirmed", "Not confirmed"

    @property
    def detail(self) -> str:
        return f"Type the bucket's name, {self}, exactly to confirm."

    @property
    def field_problems(self) -> tuple[FieldProblem, ...]:
        return (FieldProblem(CONFIRM_FIELD, self.detail),)


class NoPurge(DomainError):
    status, slug, title = 404, "no-bucket-purge", "No purge"

    @property
    def detail(self) -> str:
        return f"No deletion with all data was started for the bucket {self}."


class _Stopping(Exception):
    """The instance shuts down: the purge stops between two batches, for another instance to go on with."""


def lease_name(bucket: str) -> str:
    return f"bucket-purge:{bucket}"


class BucketPurges:
    def __init__(
        self,
        store: BucketPurgeStore,
        quotas: QuotaStore,
        grants: DataGrants,
        provider: StorageProvider,
        auditor: Auditor,
        clock: Clock,
        leases: LockStore,
        lease_seconds: int,
    ) -> None:
        self._store = store
        self._quotas = quotas
        self._grants = grants
        self._provider = provider
        self._auditor = auditor
        self._clock = clock
        self._leases = leases
        self._lease_seconds = lease_seconds
        self._tasks: set[asyncio.Task[bool]] = set()
        self._stopping = asyncio.Event()

    async def start(
        self,
        account_id: str,
        bucket: str,
        confirm_name: str,
        credentials: TemporaryCredentials,
        actor: str,
        ip: str,
    ) -> BucketPurgeRecord:
        """The purge as recorded now: a new one started in the background, or the one running already."""
        check_in_account(self._provider, account_id, bucket)
        if confirm_name != bucket:
            raise PurgeNotConfirmed(bucket)
        try:  # the admin's own credentials must reach it: the storage system checks the account a second time
            await self._provider.list_objects_as(credentials, bucket, "", 1, None)
        except NoSuchBucket:
            raise BucketNotInAccount(bucket) from None
        now = self._clock.now()
        record = BucketPurgeRecord(
            account_id=account_id, bucket=bucket, state="running", started_at=now, updated_at=now, actor=actor, ip=ip
        )
        record, started = await self._store.start(record)
        if started:
            await self._audit(record, "success", "started")
            task = asyncio.create_task(self._run_in_background(account_id, bucket), name=f"purge {bucket}")
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return record

    async def get(self, account_id: str, bucket: str) -> BucketPurgeRecord:
        check_in_account(self._provider, account_id, bucket)
        record = await self._store.get(account_id, bucket)
        if record is None:
            raise NoPurge(bucket)
        return record

    async def resume_stalled(self) -> list[str]:
        """Runs to the end every running purge whose lease is free (its instance died, or the storage system
        did not answer); the buckets it ran."""
        resumed: list[str] = []
        for account_id, bucket in await self._store.running():
            if await self._run(account_id, bucket):
                resumed.append(bucket)
        return resumed

    async def close(self, grace_seconds: float = 3.0) -> None:
        """Stops this instance's purges (at shutdown) after the batch each is deleting, so the count stays
        exact; one still busy after `grace_seconds` is cancelled. Their leases are released and their
        records stay running, so another instance's resumer goes on with them."""
        self._stopping.set()
        tasks = list(self._tasks)
        if not tasks:
            return
        _, busy = await asyncio.wait(tasks, timeout=grace_seconds)
        for task in busy:
            task.cancel()
        await asyncio.gather(*busy, return_exceptions=True)

    async def _run_in_background(self, account_id: str, bucket: str) -> bool:
        """A task nobody awaits: what it raises is logged (Redis gone, say), and the resumer goes on later."""
        try:
            return await self._run(account_id, bucket)
        except Exception:
            _log.exception("purging %s stopped; an instance's resumer goes on with it", bucket)
            return False

    async def _run(self, account_id: str, bucket: str) -> bool:
        """Purges under the lease; False when another holder has it or the purge no longer runs."""
        async with held(self._leases, lease_name(bucket), self._lease_seconds) as lease:
            if lease is None:
                return False
            record = await self._store.get(account_id, bucket)
            if record is None or record.state != "running":
                return False
            try:
                await self._purge(record, lease)
            except (LeaseLost, _Stopping):
                return True  # another instance goes on with it
            except StorageUnavailable:
                await self._note(record, "The storage system did not answer; the deletion goes on by itself.")
            except StorageRefused as error:
                await self._finish(record, "failed", f"The storage system refused: {error}"[:300])
            except Exception:
                _log.exception("purging %s failed", bucket)
                await self._finish(record, "failed", "The deletion stopped on an unexpected error; try again.")
            return True

    async def _purge(self, record: BucketPurgeRecord, lease: Lease) -> None:
        account_id, bucket = record.account_id, record.bucket
        while True:
            if self._stopping.is_set():
                raise _Stopping
            lease.check()
            deleted = await self._provider.purge_batch(bucket)
            if deleted == 0:
                break
            lease.check()
            await self._progress(account_id, bucket, deleted)
        lease.check()
        await self._provider.delete_bucket(bucket)
        # A bucket made again under this name is a new bucket: it starts without the old one's quota or grants.
        await self._quotas.set_bucket_quota(bucket, None)
        await self._grants.forget_bucket(account_id, bucket)
        await self._finish(record, "done", None)

    async def _progress(self, account_id: str, bucket: str, deleted: int) -> None:
        now = self._clock.now()

        def counted(fresh: BucketPurgeRecord) -> BucketPurgeRecord | None:
            if fresh.state != "running":
                return None
            return fresh.model_copy(
                update={"objects_deleted": fresh.objects_deleted + deleted, "updated_at": now, "error": None}
            )

        await self._store.update(account_id, bucket, counted)

    async def _note(self, record: BucketPurgeRecord, error: str) -> None:
        def noted(fresh: BucketPurgeRecord) -> BucketPurgeRecord | None:
            return None if fresh.state != "running" else fresh.model_copy(update={"error": error})

        await self._store.update(record.account_id, record.bucket, noted)

    async def _finish(self, record: BucketPurgeRecord, state: PurgeState, error: str | None) -> None:
        now = self._clock.now()

        def finished(fresh: BucketPurgeRecord) -> BucketPurgeRecord | None:
            if fresh.state != "running":
                return None
            return fresh.model_copy(update={"state": state, "error": error, "updated_at": now, "finished_at": now})

        written = await self._store.update(record.account_id, record.bucket, finished)
        if written is not None:
            detail = f"{written.objects_deleted} objects deleted" + (f"; {error}" if error else "")
            await self._audit(written, "success" if state == "done" else "failure", detail)

    async def _audit(self, record: BucketPurgeRecord, result: Result, detail: str) -> None:
        await self._auditor.record(
            AuditEvent(
                action=events.BUCKET_PURGE,
                actor=record.actor,
                result=result,
                target=record.bucket,
                account_id=record.account_id,
                ip=record.ip,
                detail=detail,
            )
        )
