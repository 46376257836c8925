"""Uploads of files and folders, made by the browser straight to the storage system.

Coffer never touches an upload's bytes, so its memory stays flat whatever the size (a 5 GiB file
costs it the same few kilobytes as a 5 KiB one): it only signs short-lived links with the person's
own STS credentials (a whole small file in one PUT, or one part of a multipart upload each), reads
which parts the storage system holds (resuming a dropped upload from there, and completing from
that list instead of trusting ETags from the browser), and aborts an upload that is given up, so
no stray multipart upload is left holding space. Each call is checked to lie in the person's
account before the storage system is asked, and the storage system checks it a second time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.clock import Clock
from coffer.domain_errors import DomainError
from coffer.providers.base import (
    BucketNotInAccount,
    NoSuchBucket,
    StorageProvider,
    TemporaryCredentials,
    UploadedPart,
    check_in_account,
)

MIB = 1024 * 1024
MAX_OBJECT_SIZE = 5 * 1024 * 1024 * MIB  # 5 TiB, S3's largest object
MAX_PARTS = 10_000  # S3's most parts in one upload
MIN_PART_SIZE = 5 * MIB  # S3's smallest part, but the last
PART_SIZE = 8 * MIB  # parts are at least this, bigger when a file needs more than MAX_PARTS of them
SINGLE_PUT_MAX = 16 * MIB  # smaller files go in one PUT: no upload to complete or to leave behind
_UPLOAD_ID = re.compile(r"[A-Za-z0-9._~+=-]{1,1024}")


class UploadTooLarge(DomainError):
    status, slug, title = 422, "upload-too-large", "File too large"
    detail = "A file can be at most 5 TiB."


class PartNumberOutOfRange(DomainError):
    status, slug, title = 422, "part-number-out-of-range", "No such part"

    @property
    def detail(self) -> str:
        return f"Part {self} is not part of this upload: parts are numbered from 1 to the upload's last part."


class UploadIncomplete(DomainError):
    """Completing would make an object with parts missing or of the wrong size: nothing is joined."""

    status, slug, title = 409, "upload-incomplete", "Upload incomplete"


class InvalidUploadId(DomainError):
    status, slug, title = 422, "invalid-upload-id", "Invalid upload id"
    detail = "That is not an upload id the storage system gives."


class InvalidFolderName(DomainError):
    status, slug, title = 422, "invalid-folder-name", "Invalid folder name"


@dataclass(frozen=True)
class UploadPlan:
    """How a file goes up: one PUT link (`url`), or a multipart upload of `parts` parts of `part_size`."""

    key: str
    part_size: int
    parts: int
    upload_id: str | None = None
    url: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    expires_at: float | None = None


@dataclass(frozen=True)
class PartLink:
    part_number: int
    url: str


@dataclass(frozen=True)
class CompletedUpload:
    key: str
    size: int
    etag: str


def part_size_for(size: int) -> int:
    """PART_SIZE, or the smallest whole number of MiB that keeps a file within MAX_PARTS parts."""
    needed = -(-size // MAX_PARTS)
    return max(PART_SIZE, -(-needed // MIB) * MIB)


def part_count(size: int, part_size: int) -> int:
    return max(1, -(-size // part_size))


def check_parts(parts: list[UploadedPart], size: int) -> None:
    """The parts make exactly the file announced: numbered 1..n without a gap, each but the last of the
    same size, the sizes adding up. Otherwise completing would make a different object silently."""
    if not parts:
        raise UploadIncomplete("No part of the file has arrived yet.")
    part_size = part_size_for(size)
    expected = part_count(size, part_size)
    present = {part.part_number for part in parts}
    missing = [number for number in range(1, expected + 1) if number not in present]
    if missing:
        shown = ", ".join(str(number) for number in missing[:10]) + (" …" if len(missing) > 10 else "")
        raise UploadIncomplete(f"{len(missing)} of {expected} parts have not arrived: {shown}.")
    total = sum(part.size for part in parts)
    if len(parts) != expected or total != size:
        raise UploadIncomplete(f"The parts hold {total} bytes in {len(parts)} parts, not the file's {size} bytes.")


class Uploads:
    def __init__(
        self, provider: StorageProvider, auditor: Auditor, clock: Clock, link_seconds: int, link_endpoint: str
    ) -> None:
        self._provider = provider
        self._auditor = auditor
        self._clock = clock
        self._link_seconds = link_seconds
        self._link_endpoint = link_endpoint

    def _check_namespace(self, account_id: str, bucket: str, upload_id: str | None = None) -> None:
        check_in_account(self._provider, account_id, bucket)
        if upload_id is not None and not _UPLOAD_ID.fullmatch(upload_id):
            raise InvalidUploadId(upload_id)

    async def start(
        self, credentials: TemporaryCredentials, account_id: str, bucket: str, key: str, size: int, content_type: str
    ) -> UploadPlan:
        """A small file gets one PUT link; a large one a started multipart upload and its part size."""
        self._check_namespace(account_id, bucket)
        if size > MAX_OBJECT_SIZE:
            raise UploadTooLarge(str(size))
        expires_at = self._clock.now() + self._link_seconds
        try:
            if size < SINGLE_PUT_MAX:
                url = await self._provider.upload_link_as(
                    credentials, bucket, key, content_type, self._link_seconds, self._link_endpoint
                )
                return UploadPlan(
                    key=key,
                    part_size=size,
                    parts=1,
                    url=url,
                    headers=(("Content-Type", content_type),),
                    expires_at=expires_at,
                )
            upload_id = await self._provider.start_multipart_upload_as(credentials, bucket, key, content_type)
        except NoSuchBucket as error:
            raise BucketNotInAccount(bucket) from error
        part_size = part_size_for(size)
        return UploadPlan(key=key, part_size=part_size, parts=part_count(size, part_size), upload_id=upload_id)

    async def sign_parts(
        self,
        credentials: TemporaryCredentials,
        account_id: str,
        bucket: str,
        key: str,
        upload_id: str,
        part_numbers: list[int],
    ) -> tuple[list[PartLink], float]:
        """Links for the parts asked (a retried part gets a fresh one), living `link_seconds`."""
        self._check_namespace(account_id, bucket, upload_id)
        for number in part_numbers:
            if not 1 <= number <= MAX_PARTS:
                raise PartNumberOutOfRange(str(number))
        expires_at = self._clock.now() + self._link_seconds
        links = [
            PartLink(
                number,
                await self._provider.upload_part_link_as(
                    credentials, bucket, key, upload_id, number, self._link_seconds, self._link_endpoint
                ),
            )
            for number in part_numbers
        ]
        return links, expires_at

    async def parts_done(
        self, credentials: TemporaryCredentials, account_id: str, bucket: str, key: str, upload_id: str
    ) -> list[UploadedPart]:
        """What the storage system already holds: a resumed upload sends only the rest."""
        self._check_namespace(account_id, bucket, upload_id)
        try:
            return await self._provider.uploaded_parts_as(credentials, bucket, key, upload_id)
        except NoSuchBucket as error:
            raise BucketNotInAccount(bucket) from error

    async def complete(
        self,
        credentials: TemporaryCredentials,
        account_id: str,
        bucket: str,
        key: str,
        upload_id: str,
        size: int,
        actor: str,
        ip: str,
    ) -> CompletedUpload:
        """Joins the parts the storage system lists (not ETags the browser reports), once they make the file."""
        parts = await self.parts_done(credentials, account_id, bucket, key, upload_id)
        check_parts(parts, size)
        etag = await self._provider.complete_multipart_upload_as(credentials, bucket, key, upload_id, parts)
        await self._auditor.record(
            AuditEvent(
                action=events.OBJECT_UPLOAD,
                actor=actor,
                result="success",
                target=f"{bucket}/{key}",
                account_id=account_id,
                ip=ip,
                detail=f"{size} bytes in {len(parts)} parts",
            )
        )
        return CompletedUpload(key=key, size=size, etag=etag)

    async def abort(
        self, credentials: TemporaryCredentials, account_id: str, bucket: str, key: str, upload_id: str
    ) -> None:
        """Drops the upload and its parts (a cancel, or a file given up). Idempotent."""
        self._check_namespace(account_id, bucket, upload_id)
        try:
            await self._provider.abort_multipart_upload_as(credentials, bucket, key, upload_id)
        except NoSuchBucket as error:
            raise BucketNotInAccount(bucket) from error

    async def create_folder(
        self, credentials: TemporaryCredentials, account_id: str, bucket: str, prefix: str, name: str
    ) -> str:
        """S3 has no folders: an empty object named `<prefix><name>/` shows as one until something is in it."""
        self._check_namespace(account_id, bucket)
        if prefix and not prefix.endswith("/"):
            raise InvalidFolderName('The folder it goes in ends in "/" (or is "" for the top of the bucket).')
        if "/" in name or name.strip() != name or name in (".", ".."):
            raise InvalidFolderName("A folder name has no slash, no leading or trailing spaces, and is not . or ..")
        key = f"{prefix}{name}/"
        if len(key.encode()) > 1024:
            raise InvalidFolderName("The folder's full key would be longer than 1,024 bytes.")
        try:
            await self._provider.create_folder_as(credentials, bucket, key)
        except NoSuchBucket as error:
            raise BucketNotInAccount(bucket) from error
        return key
