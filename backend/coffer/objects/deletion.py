"""Deleting many objects at once, folders included, as the person who asked.

A folder is every key under its prefix: it is listed page by page with the person's own credentials
and deleted a thousand keys per call (S3's DeleteObjects limit). In a versioned bucket the storage
system keeps the data and writes delete markers; the answer counts them. Keys the storage system
refuses are reported with its reason, and the deletion goes on with the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.domain_errors import DomainError
from coffer.providers.base import (
    BucketNotInAccount,
    DeletionFailure,
    NoSuchBucket,
    StorageProvider,
    TemporaryCredentials,
    check_in_account,
)

BATCH = 1000


class NothingToDelete(DomainError):
    status, slug, title = 422, "nothing-to-delete", "Nothing chosen"
    detail = "Choose at least one object or folder to delete."


@dataclass(frozen=True)
class DeletionReport:
    deleted: int
    delete_markers: int
    failed: list[DeletionFailure]


class ObjectDeletion:
    def __init__(self, provider: StorageProvider, auditor: Auditor) -> None:
        self._provider = provider
        self._auditor = auditor

    async def delete(
        self,
        credentials: TemporaryCredentials,
        account_id: str,
        bucket: str,
        keys: list[str],
        prefixes: list[str],
        actor: str,
        ip: str,
    ) -> DeletionReport:
        if not keys and not prefixes:
            raise NothingToDelete()
        check_in_account(self._provider, account_id, bucket)
        deleted = markers = 0
        failed: list[DeletionFailure] = []
        pending: list[str] = []
        seen: set[str] = set()

        async def flush() -> None:
            nonlocal deleted, markers
            done = await self._provider.delete_objects_as(credentials, bucket, pending)
            deleted += len(done.deleted)
            markers += done.delete_markers
            failed.extend(done.failed)
            pending.clear()

        async def add(key: str) -> None:
            if key in seen:
                return
            seen.add(key)
            pending.append(key)
            if len(pending) == BATCH:
                await flush()

        try:
            for key in keys:
                await add(key)
            for prefix in prefixes:
                token: str | None = None
                while True:
                    # Listed before each batch is deleted: the storage system's token stays valid across it.
                    found, token = await self._provider.list_keys_as(credentials, bucket, prefix, token)
                    for key in found:
                        await add(key)
                    if token is None:
                        break
            if pending:
                await flush()
        except NoSuchBucket as error:
            raise BucketNotInAccount(bucket) from error
        report = DeletionReport(deleted=deleted, delete_markers=markers, failed=failed)
        await self._auditor.record(
            AuditEvent(
                action=events.OBJECTS_DELETE,
                actor=actor,
                result="failure" if failed and not deleted else "success",
                target=bucket,
                account_id=account_id,
                ip=ip,
                detail=f"{deleted} deleted ({markers} delete markers), {len(failed)} refused;"
                f" keys {len(keys)}, folders {', '.join(prefixes) or 'none'}"[:500],
            )
        )
        return report
