"""An object's versions as a person sees them: listed, downloaded and restored with their own credentials.

A restore is a copy of the old version over the key made inside the storage system (no byte passes
through Coffer): it becomes the latest version and every version in between stays.
"""

from __future__ import annotations

from dataclasses import dataclass

from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.clock import Clock
from coffer.domain_errors import DomainError
from coffer.objects.service import file_name
from coffer.providers.base import (
    BucketNotInAccount,
    NoSuchBucket,
    NoSuchObject,
    ObjectVersion,
    StorageProvider,
    TemporaryCredentials,
    check_in_account,
)


class NoSuchVersion(DomainError):
    status, slug, title = 404, "no-such-version", "No such version"

    @property
    def detail(self) -> str:
        return f"The object has no version {self}."


class DeleteMarkerChosen(DomainError):
    status, slug, title = 409, "delete-marker", "A delete marker holds no data"

    @property
    def detail(self) -> str:
        return (
            f"Version {self} is a delete marker: it holds nothing to download or restore. Choose a version before it."
        )


@dataclass(frozen=True)
class VersionLink:
    url: str
    expires_at: float


class ObjectVersions:
    def __init__(
        self, provider: StorageProvider, auditor: Auditor, clock: Clock, link_seconds: int, link_endpoint: str
    ) -> None:
        self._provider = provider
        self._auditor = auditor
        self._clock = clock
        self._link_seconds = link_seconds
        self._link_endpoint = link_endpoint

    async def versions(
        self, credentials: TemporaryCredentials, account_id: str, bucket: str, key: str
    ) -> list[ObjectVersion]:
        """Newest first; an object never written with versioning on has one version, "null"."""
        check_in_account(self._provider, account_id, bucket)
        try:
            found = await self._provider.object_versions_as(credentials, bucket, key)
        except NoSuchBucket as error:
            raise BucketNotInAccount(bucket) from error
        if not found:
            raise NoSuchObject(key)
        return found

    async def _version(
        self, credentials: TemporaryCredentials, account_id: str, bucket: str, key: str, version_id: str
    ) -> ObjectVersion:
        for version in await self.versions(credentials, account_id, bucket, key):
            if version.version_id == version_id:
                if version.delete_marker:
                    raise DeleteMarkerChosen(version_id)
                return version
        raise NoSuchVersion(version_id)

    async def download_link(
        self, credentials: TemporaryCredentials, account_id: str, bucket: str, key: str, version_id: str
    ) -> VersionLink:
        """A short-lived link to one version, made only for a version that exists and holds data."""
        await self._version(credentials, account_id, bucket, key, version_id)
        expires_at = self._clock.now() + self._link_seconds
        url = await self._provider.version_download_link_as(
            credentials, bucket, key, version_id, file_name(key), self._link_seconds, self._link_endpoint
        )
        return VersionLink(url=url, expires_at=expires_at)

    async def restore(
        self,
        credentials: TemporaryCredentials,
        account_id: str,
        bucket: str,
        key: str,
        version_id: str,
        actor: str,
        ip: str,
    ) -> list[ObjectVersion]:
        """Makes the version the latest again; answers the versions as they are now."""
        await self._version(credentials, account_id, bucket, key, version_id)
        try:
            await self._provider.restore_version_as(credentials, bucket, key, version_id)
        except NoSuchObject as error:  # deleted for good between the check and the copy
            raise NoSuchVersion(version_id) from error
        await self._auditor.record(
            AuditEvent(
                action=events.OBJECT_RESTORE,
                actor=actor,
                result="success",
                target=f"{bucket}/{key}",
                account_id=account_id,
                ip=ip,
                detail=f"version {version_id}",
            )
        )
        return await self.versions(credentials, account_id, bucket, key)
