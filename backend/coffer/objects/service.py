"""Reading a bucket's objects as the signed-in person: folders, pages, details and download links.

Every call goes to the storage system with the person's own temporary credentials, whose session
policy confines them to their account's namespace; a bucket outside it is refused here first, so
no call is even made for it. Coffer never reads an object's bytes: a download is a short-lived
presigned link the browser follows to the storage system itself.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass

from coffer.clock import Clock
from coffer.domain_errors import DomainError
from coffer.providers.base import (
    BucketNotInAccount,
    NoSuchBucket,
    ObjectDetails,
    ObjectListing,
    StorageProvider,
    TemporaryCredentials,
    check_in_account,
)

MAX_PAGE = 1000


class InvalidCursor(DomainError):
    status, slug, title = 422, "invalid-cursor", "Invalid page cursor"
    detail = "The page cursor is not valid for this folder; start again from the first page."


@dataclass(frozen=True)
class ObjectPage:
    listing: ObjectListing
    next_cursor: str | None


@dataclass(frozen=True)
class DownloadLink:
    url: str
    expires_at: float


def _folder_mark(prefix: str) -> str:
    """Binds a cursor to its folder without carrying the folder's name again: URLs stay short."""
    return hashlib.sha256(prefix.encode()).hexdigest()[:16]


def encode_cursor(prefix: str, token: str) -> str:
    """The storage system's continuation token, bound to the folder it continues."""
    fields = {"p": _folder_mark(prefix), "t": token}
    return base64.urlsafe_b64encode(json.dumps(fields, ensure_ascii=False).encode()).decode()


def decode_cursor(prefix: str, cursor: str) -> str:
    try:
        fields = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise InvalidCursor(cursor) from error
    if not isinstance(fields, dict) or fields.get("p") != _folder_mark(prefix) or not isinstance(fields.get("t"), str):
        raise InvalidCursor(cursor)
    return str(fields["t"])


def file_name(key: str) -> str:
    """What a downloaded object is saved as: the last part of its key."""
    return key.rstrip("/").rsplit("/", 1)[-1] or "download"


class ObjectBrowser:
    def __init__(self, provider: StorageProvider, clock: Clock, link_seconds: int, link_endpoint: str) -> None:
        self._provider = provider
        self._clock = clock
        self._link_seconds = link_seconds
        self._link_endpoint = link_endpoint

    async def page(
        self,
        credentials: TemporaryCredentials,
        account_id: str,
        bucket: str,
        prefix: str,
        limit: int,
        cursor: str | None,
    ) -> ObjectPage:
        """One page of the folder at `prefix`; a folder of thousands of objects is read page by page."""
        check_in_account(self._provider, account_id, bucket)
        token = decode_cursor(prefix, cursor) if cursor else None
        try:
            listing = await self._provider.list_objects_as(credentials, bucket, prefix, min(limit, MAX_PAGE), token)
        except NoSuchBucket as error:
            raise BucketNotInAccount(bucket) from error
        next_cursor = encode_cursor(prefix, listing.next_token) if listing.next_token else None
        return ObjectPage(listing=listing, next_cursor=next_cursor)

    async def details(self, credentials: TemporaryCredentials, account_id: str, bucket: str, key: str) -> ObjectDetails:
        check_in_account(self._provider, account_id, bucket)
        try:
            return await self._provider.object_details_as(credentials, bucket, key)
        except NoSuchBucket as error:
            raise BucketNotInAccount(bucket) from error

    async def download_link(
        self, credentials: TemporaryCredentials, account_id: str, bucket: str, key: str
    ) -> DownloadLink:
        """A link that lives `link_seconds`, made only for an object the person can read now (so a
        missing one is a readable 404 here, not an XML error in a new tab)."""
        await self.details(credentials, account_id, bucket, key)
        expires_at = self._clock.now() + self._link_seconds
        url = await self._provider.download_link_as(
            credentials, bucket, key, file_name(key), self._link_seconds, self._link_endpoint
        )
        return DownloadLink(url=url, expires_at=expires_at)
