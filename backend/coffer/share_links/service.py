"""Share links: anyone with the link downloads one object or a folder's files, for as long as Coffer says.

The link is `<console>/s/<token>`; Coffer checks it on every use (revoked, expired, used up, its creator
or account switched off) and only then makes a presigned URL that lives a minute, signed with temporary
credentials that may read exactly that object (or list and read exactly that folder). So a revocation holds
at once, and a leaked presigned URL is worth a minute of one file. A folder link (a key ending in "/") lists
its files live, downloads them one by one or as one zip; each download, file or zip, counts against its limit.
The token is kept only as its SHA-256; a password as its argon2id hash.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import AsyncIterable
from dataclasses import dataclass
from pathlib import PurePosixPath

import anyio.to_thread

from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.clock import Clock
from coffer.domain_errors import DomainError, FieldProblem
from coffer.objects.archives import MAX_OBJECTS, Archives, PreparedArchive
from coffer.providers.base import ObjectEntry, StorageProvider, TemporaryCredentials, check_in_account
from coffer.store.accounts import AccountStore
from coffer.store.archives import ArchiveTicket
from coffer.store.regulation import RegulationStore
from coffer.store.share_links import ShareLinkRecord, ShareLinkStore
from coffer.store.users import UserStore
from coffer.verification.passwords import Passwords
from coffer.verification.regulation import RateLimited

_STS_SECONDS = 900  # the shortest the storage system issues; the presigned URL itself lives far less
_PER_LINK_PER_MINUTE = 30
_PER_IP_PER_MINUTE = 60
_WRONG_PASSWORDS_PER_LINK = 10  # in 15 minutes: then the link answers 429 until the window passes
_WRONG_PASSWORD_WINDOW = 900
MAX_DAYS = 3650
LISTED_FILES = 1000  # a folder link's page lists this many; the zip holds up to the archive limit


class ShareLinkGone(DomainError):
    """Expired, revoked, used up, or its creator or account is switched off: the same friendly answer."""

    status, slug, title = 410, "share-link-gone", "This link no longer works"

    @property
    def detail(self) -> str:
        return {
            "expired": "This link has expired.",
            "revoked": "This link was revoked by the person who shared it or an administrator.",
            "used-up": "This link has been used as many times as it allows.",
        }.get(str(self), "This link no longer works.") + " Ask whoever shared it for a new one."


class NoSuchShareLink(DomainError):
    status, slug, title = 404, "share-link-not-found", "No such link"
    detail = "There is no such link. Check that it was copied whole."


class WrongSharePassword(DomainError):
    status, slug, title = 403, "wrong-share-password", "Wrong password"
    detail = "That password is not right for this link."

    @property
    def field_problems(self) -> tuple[FieldProblem, ...]:
        return (FieldProblem("password", self.detail),)


class NotShareable(DomainError):
    status, slug, title = 422, "not-shareable", "Cannot be shared"

    @property
    def field_problems(self) -> tuple[FieldProblem, ...]:
        return (FieldProblem("key", str(self)),)


class NotInSharedFolder(DomainError):
    status, slug, title = 404, "not-in-shared-folder", "No such file in this folder"

    @property
    def detail(self) -> str:
        return f"The shared folder holds no file named {str(self)!r}."


class NotYourLink(DomainError):
    status, slug, title = 403, "forbidden", "Not allowed"
    detail = "Only whoever shared a link and the account's administrators can revoke it."


@dataclass(frozen=True)
class NewShareLink:
    record: ShareLinkRecord
    token: str  # only in this answer


@dataclass(frozen=True)
class SharedObject:
    record: ShareLinkRecord

    @property
    def name(self) -> str:
        return PurePosixPath(self.record.key).name or self.record.key

    @property
    def is_folder(self) -> bool:
        return is_folder_key(self.record.key)


@dataclass(frozen=True)
class SharedFile:
    name: str  # relative to the shared folder
    size: int
    last_modified: float | None


@dataclass(frozen=True)
class SharedFolder:
    files: list[SharedFile]
    truncated: bool


def is_folder_key(key: str) -> bool:
    return key.endswith("/")


def _checked_name(name: str | None) -> str:
    """A file's name inside a shared folder, refused when it could climb out of it (SeaweedFS keeps keys
    as filer paths, so `../x` must never reach it)."""
    if not name:
        raise NotShareable("Name the file of the folder to download.")
    parts = name.split("/")
    if name.startswith("/") or any(part in ("", ".", "..") for part in parts) or "\\" in name:
        raise NotInSharedFolder(name)
    return name


def _archive_owner(link_id: str) -> str:
    """Whom a zip ticket belongs to, in place of a session id."""
    return f"share:{link_id}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ShareLinks:
    def __init__(
        self,
        store: ShareLinkStore,
        users: UserStore,
        accounts: AccountStore,
        limits: RegulationStore,
        passwords: Passwords,
        provider: StorageProvider,
        auditor: Auditor,
        clock: Clock,
        archives: Archives,
        link_seconds: int,
        endpoint: str,
    ) -> None:
        self._store = store
        self._archives = archives
        self._users = users
        self._accounts = accounts
        self._limits = limits
        self._passwords = passwords
        self._provider = provider
        self._auditor = auditor
        self._clock = clock
        self._link_seconds = link_seconds
        self._endpoint = endpoint

    async def share(
        self,
        credentials: TemporaryCredentials,
        account_id: str,
        bucket: str,
        key: str,
        days: int,
        password: str | None,
        download_limit: int | None,
        creator_id: str,
        creator_username: str,
        ip: str,
    ) -> NewShareLink:
        """A link to one object, or a folder's files, the person may read (their own credentials look it up
        first, so nobody shares what they cannot read)."""
        check_in_account(self._provider, account_id, bucket)
        if "*" in key or "?" in key:
            raise NotShareable("An object whose name holds * or ? cannot be shared by link.")
        if is_folder_key(key):
            entries = await self._provider.walk_objects_as(credentials, bucket, key, MAX_OBJECTS + 1)
            files = [entry for entry in entries if not entry.key.endswith("/")]
            if not files:
                raise NotShareable("The folder holds no files to share.")
            size, objects = sum(entry.size for entry in files), len(files)
        else:
            size, objects = (await self._provider.object_details_as(credentials, bucket, key)).size, 1
        now = self._clock.now()
        hashed = await anyio.to_thread.run_sync(self._passwords.hash, password) if password else None
        token = secrets.token_urlsafe(32)
        record = ShareLinkRecord(
            id=uuid.uuid4().hex,
            account_id=account_id,
            bucket=bucket,
            key=key,
            size=size,
            objects=objects,
            creator_id=creator_id,
            creator_username=creator_username,
            created_at=now,
            expires_at=now + days * 86400,
            password_hash=hashed,
            download_limit=download_limit,
        )
        await self._store.create(record, token_hash(token))
        await self._audit(events.SHARE_CREATE, creator_username, record, ip, f"{bucket}/{key}; {days} days")
        return NewShareLink(record, token)

    async def of_account(self, account_id: str, only_creator: str | None) -> list[ShareLinkRecord]:
        links = await self._store.of_account(account_id)
        mine = [link for link in links if only_creator is None or link.creator_id == only_creator]
        return sorted(mine, key=lambda link: link.created_at, reverse=True)

    async def revoke(
        self, account_id: str, link_id: str, by_id: str, by: str, is_admin: bool, ip: str
    ) -> ShareLinkRecord:
        link = await self._store.get(link_id)
        if link is None or link.account_id != account_id:
            raise NoSuchShareLink(link_id)
        if not is_admin and link.creator_id != by_id:
            raise NotYourLink(link_id)
        if link.revoked_at is not None:
            return link
        revoked = await self._store.revoke(link_id, self._clock.now(), by)
        if revoked is None:
            raise NoSuchShareLink(link_id)
        await self._audit(events.SHARE_REVOKE, by, revoked, ip, f"{link.bucket}/{link.key}")
        return revoked

    async def look(self, token: str, ip: str) -> SharedObject:
        """What the link's page shows before a download; raises ShareLinkGone when it no longer works."""
        await self._throttle(None, ip)
        link = await self._live(token)
        return SharedObject(link)

    async def contents(self, token: str, password: str | None, ip: str) -> SharedFolder:
        """A folder link's files as they are now (not counted as a download), read with credentials that may
        list only that folder."""
        link = await self._opened(token, password, ip)
        if not is_folder_key(link.key):
            raise NotShareable("This link shares one file, not a folder.")
        reader = await self._folder_reader(link)
        entries: list[ObjectEntry] = await self._provider.walk_objects_as(
            reader, link.bucket, link.key, LISTED_FILES + 1
        )
        files = [
            SharedFile(entry.key[len(link.key) :], entry.size, entry.last_modified)
            for entry in entries
            if not entry.key.endswith("/")
        ]
        return SharedFolder(files[:LISTED_FILES], truncated=len(entries) > LISTED_FILES)

    async def download(self, token: str, password: str | None, ip: str, name: str | None = None) -> str:
        """Counts a download and answers a presigned URL living `link_seconds`, made with credentials that
        may read only this object (or only this folder, for the file `name` in it)."""
        link = await self._opened(token, password, ip)
        if is_folder_key(link.key):
            key = link.key + _checked_name(name)
            reader = await self._folder_reader(link)
            first = await self._provider.walk_objects_as(reader, link.bucket, key, 1)
            if not first or first[0].key != key:  # the reader may list, not read tags: so no details call
                raise NotInSharedFolder(name)
        else:
            key = link.key
            reader = await self._provider.assume_object_reader(
                link.account_id, link.creator_username, link.bucket, link.key, _STS_SECONDS
            )
        spent = await self._spend(link, ip, f"download {key}")
        return await self._provider.download_link_as(
            reader, spent.bucket, key, PurePosixPath(key).name, self._link_seconds, self._endpoint
        )

    async def archive(self, token: str, password: str | None, ip: str) -> tuple[str, PreparedArchive]:
        """A folder link's files as one zip: counts one download and keeps the selection under a ticket for
        a minute; the zip itself streams from `open_archive`."""
        link = await self._opened(token, password, ip)
        if not is_folder_key(link.key):
            raise NotShareable("This link shares one file, not a folder.")
        reader = await self._folder_reader(link)
        prepared = await self._archives.prepare(
            reader, link.account_id, link.bucket, _archive_owner(link.id), link.key, [], [link.key]
        )
        await self._spend(link, ip, f"zip of {prepared.objects} files")
        return link.id, prepared

    async def open_archive(self, link_id: str, ticket: str) -> tuple[TemporaryCredentials, ArchiveTicket]:
        """The zip's ticket, taken once; the link is checked again, so a revocation stops a zip not started."""
        record = await self._archives.take(ticket, _archive_owner(link_id))
        link = await self._store.get(link_id)
        if link is None:
            raise NoSuchShareLink(link_id)
        await self._check_live(link, spending=False)
        return await self._folder_reader(link), record

    def stream_archive(self, reader: TemporaryCredentials, record: ArchiveTicket) -> AsyncIterable[bytes]:
        return self._archives.stream(reader, record)

    async def _opened(self, token: str, password: str | None, ip: str) -> ShareLinkRecord:
        link = await self._live(token)
        await self._throttle(link, ip)
        if link.password_hash is not None:
            await self._check_password(link.id, link.password_hash, password)
        return link

    async def _spend(self, link: ShareLinkRecord, ip: str, detail: str) -> ShareLinkRecord:
        verdict, spent = await self._store.spend(link.id, self._clock.now())
        if verdict != "spent" or spent is None:
            raise ShareLinkGone(verdict)
        await self._audit(events.SHARE_DOWNLOAD, "anonymous", spent, ip, f"{detail} ({spent.downloads})")
        return spent

    async def _folder_reader(self, link: ShareLinkRecord) -> TemporaryCredentials:
        return await self._provider.assume_folder_reader(
            link.account_id, link.creator_username, link.bucket, link.key, _STS_SECONDS
        )

    async def _check_password(self, link_id: str, password_hash: str, password: str | None) -> None:
        """Ten wrong passwords in a window lock the link's password for the window, before any is tried."""
        now = self._clock.now()
        [until] = await self._limits.locked_until_many("share-password", [link_id])
        if until is not None and until > now:
            raise RateLimited(int(until - now) + 1)
        if password:
            right: bool = await anyio.to_thread.run_sync(self._passwords.verify, password_hash, password)
            if right:
                return
        wrong = await self._limits.add_event("share-password", link_id, now, _WRONG_PASSWORD_WINDOW)
        if wrong >= _WRONG_PASSWORDS_PER_LINK:
            await self._limits.lock("share-password", link_id, now + _WRONG_PASSWORD_WINDOW, _WRONG_PASSWORD_WINDOW)
        raise WrongSharePassword(link_id)

    async def _live(self, token: str) -> ShareLinkRecord:
        link = await self._store.by_token_hash(token_hash(token))
        if link is None:
            raise NoSuchShareLink("")
        await self._check_live(link, spending=True)
        return link

    async def _check_live(self, link: ShareLinkRecord, spending: bool) -> None:
        """`spending` false for a zip whose download was already counted: the limit reached is then no bar."""
        now = self._clock.now()
        if link.revoked_at is not None:
            raise ShareLinkGone("revoked")
        if link.expires_at <= now:
            raise ShareLinkGone("expired")
        if spending and link.download_limit is not None and link.downloads >= link.download_limit:
            raise ShareLinkGone("used-up")
        creator = await self._users.get(link.creator_id)
        account = await self._accounts.get(link.account_id)
        if creator is None or creator.disabled or account is None or account.status != "active":
            raise ShareLinkGone("switched-off")

    async def _throttle(self, link: ShareLinkRecord | None, ip: str) -> None:
        now = self._clock.now()
        if await self._limits.add_event("share-ip", ip, now, 60) > _PER_IP_PER_MINUTE:
            raise RateLimited(60)
        if link is not None and await self._limits.add_event("share-link", link.id, now, 60) > _PER_LINK_PER_MINUTE:
            raise RateLimited(60)

    async def _audit(self, action: str, actor: str, link: ShareLinkRecord, ip: str, detail: str) -> None:
        await self._auditor.record(
            AuditEvent(
                action=action,
                actor=actor,
                result="success",
                target=link.id,
                account_id=link.account_id,
                ip=ip,
                detail=detail,
            )
        )
