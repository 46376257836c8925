"""Several objects or whole folders as one zip, streamed from the storage system to the browser.

The browser cannot zip what it never holds, and presigned links give one object each, so these bytes pass
through the BFF: read from the storage system a MiB at a time with the person's own credentials and
written on as zip entries (deflate at level 0, that is stored: compressing gigabytes would cost a core for little).
The BFF never holds more than a few chunks. Asking and fetching are two steps: the selection is checked
(and its size told) before any byte flows, and the fetch is a plain GET the browser saves as a file.
"""

from __future__ import annotations

import secrets
import zlib
from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime

from stream_zip import ZIP_64, AsyncMemberFile, async_stream_zip

from coffer.domain_errors import DomainError
from coffer.objects.service import file_name
from coffer.providers.base import (
    BucketNotInAccount,
    NoSuchBucket,
    ObjectEntry,
    StorageProvider,
    TemporaryCredentials,
    check_in_account,
)
from coffer.store.archives import ArchiveTicket, ArchiveTicketStore

MAX_OBJECTS = 10_000
_TICKET_SECONDS = 60


class TooManyForArchive(DomainError):
    status, slug, title = 422, "archive-too-large", "Too many objects for one zip"
    detail = f"A zip holds at most {MAX_OBJECTS:,} objects. Choose fewer, or download the folders one by one."


class NothingToArchive(DomainError):
    status, slug, title = 422, "archive-empty", "Nothing to download"
    detail = "The selection holds no objects."


class ArchiveGone(DomainError):
    status, slug, title = 410, "archive-gone", "This download has expired"
    detail = "Downloads start within a minute of asking, once. Ask for the zip again."


@dataclass(frozen=True)
class PreparedArchive:
    ticket: str
    objects: int
    bytes: int


class Archives:
    def __init__(self, provider: StorageProvider, tickets: ArchiveTicketStore) -> None:
        self._provider = provider
        self._tickets = tickets

    async def prepare(
        self,
        credentials: TemporaryCredentials,
        account_id: str,
        bucket: str,
        sid: str,
        folder: str,
        keys: list[str],
        prefixes: list[str],
    ) -> PreparedArchive:
        """Expands the folders, checks the whole selection lies in `folder` and is not too big, and keeps it
        under a ticket for a minute."""
        check_in_account(self._provider, account_id, bucket)
        chosen: dict[str, int] = {}
        try:
            for key in keys:
                details = await self._provider.object_details_as(credentials, bucket, key)
                chosen[key] = details.size
            for prefix in prefixes:
                entries: list[ObjectEntry] = await self._provider.walk_objects_as(
                    credentials, bucket, prefix, MAX_OBJECTS + 1
                )
                chosen.update((entry.key, entry.size) for entry in entries if not entry.key.endswith("/"))
                if len(chosen) > MAX_OBJECTS:
                    raise TooManyForArchive(bucket)
        except NoSuchBucket as error:
            raise BucketNotInAccount(bucket) from error
        if len(chosen) > MAX_OBJECTS:
            raise TooManyForArchive(bucket)
        if not chosen:
            raise NothingToArchive(bucket)
        ticket = secrets.token_urlsafe(24)
        name = f"{file_name(folder) if folder else bucket}.zip"
        record = ArchiveTicket(sid=sid, bucket=bucket, folder=folder, keys=sorted(chosen), name=name)
        await self._tickets.put(ticket, record, _TICKET_SECONDS)
        return PreparedArchive(ticket=ticket, objects=len(chosen), bytes=sum(chosen.values()))

    async def take(self, ticket: str, sid: str) -> ArchiveTicket:
        record = await self._tickets.take(ticket)
        if record is None or record.sid != sid:
            raise ArchiveGone(ticket)
        return record

    def stream(self, credentials: TemporaryCredentials, record: ArchiveTicket) -> AsyncIterable[bytes]:
        """The zip's bytes as they are made; an object that vanished since the ticket ends the stream."""
        now = datetime.now(UTC)

        async def members() -> AsyncIterator[AsyncMemberFile]:
            for key in record.keys:
                name = key[len(record.folder) :] if key.startswith(record.folder) else key
                yield name, now, 0o600, ZIP_64, self._provider.read_object_as(credentials, record.bucket, key)

        return async_stream_zip(members(), get_compressobj=lambda: zlib.compressobj(wbits=-zlib.MAX_WBITS, level=0))
