"""Share links: `coffer:share:{<id>}` JSON records, found by the SHA-256 of their token, listed per account.

The token itself is never stored: a stolen dump of Redis opens no link. A download is spent atomically
(WATCH/MULTI), so a link with a limit of one gives one download however many people click at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel

from coffer.store.client import PREFIX, RedisClient, RedisPipeline, read_many
from coffer.store.records import rewrite


class ShareLinkRecord(BaseModel):
    id: str
    account_id: str
    bucket: str
    key: str
    size: int
    objects: int = 1  # a folder's files when it was shared
    creator_id: str
    creator_username: str
    created_at: float
    expires_at: float
    password_hash: str | None = None
    download_limit: int | None = None
    downloads: int = 0
    last_used_at: float | None = None
    revoked_at: float | None = None
    revoked_by: str | None = None


Spent = Literal["spent", "gone", "used-up", "revoked", "expired"]


def _record_key(link_id: str) -> str:
    return f"{PREFIX}:share:{{{link_id}}}"


def _token_key(token_hash: str) -> str:
    return f"{PREFIX}:share-token:{token_hash}"


def _account_key(account_id: str) -> str:
    return f"{PREFIX}:acct:{{{account_id}}}:shares"


class ShareLinkStore:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def create(self, record: ShareLinkRecord, token_hash: str) -> None:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(_record_key(record.id), record.model_dump_json())
            pipe.set(_token_key(token_hash), record.id)
            pipe.sadd(_account_key(record.account_id), record.id)
            await pipe.execute()

    async def get(self, link_id: str) -> ShareLinkRecord | None:
        raw = await self._redis.get(_record_key(link_id))
        return None if raw is None else ShareLinkRecord.model_validate_json(raw)

    async def by_token_hash(self, token_hash: str) -> ShareLinkRecord | None:
        link_id = await self._redis.get(_token_key(token_hash))
        return None if link_id is None else await self.get(str(link_id))

    async def of_account(self, account_id: str) -> list[ShareLinkRecord]:
        ids = sorted(str(link_id) for link_id in await self._redis.smembers(_account_key(account_id)))
        if not ids:
            return []
        raws = await read_many(self._redis, [_record_key(link_id) for link_id in ids])
        return [ShareLinkRecord.model_validate_json(raw) for raw in raws if raw is not None]

    async def revoke(self, link_id: str, at: float, by: str) -> ShareLinkRecord | None:
        """Marks the link revoked (kept, with its counts, for the account's list); None when missing."""
        return await self._change(
            link_id, lambda record: record.model_copy(update={"revoked_at": at, "revoked_by": by})
        )

    async def spend(self, link_id: str, now: float) -> tuple[Spent, ShareLinkRecord | None]:
        """Counts one download if the link still allows one, in one transaction with the check."""
        verdict: list[Spent] = ["gone"]

        def plan(raw: str) -> Callable[[RedisPipeline], None] | None:
            record = ShareLinkRecord.model_validate_json(raw)
            if record.revoked_at is not None:
                verdict[:] = ["revoked"]
                return None
            if record.expires_at <= now:
                verdict[:] = ["expired"]
                return None
            if record.download_limit is not None and record.downloads >= record.download_limit:
                verdict[:] = ["used-up"]
                return None
            spent = record.model_copy(update={"downloads": record.downloads + 1, "last_used_at": now})
            verdict[:] = ["spent"]

            def writes(pipe: RedisPipeline) -> None:
                pipe.set(_record_key(link_id), spent.model_dump_json())

            return writes

        await rewrite(self._redis, _record_key(link_id), plan)
        return verdict[0], await self.get(link_id)

    async def _change(
        self, link_id: str, change: Callable[[ShareLinkRecord], ShareLinkRecord]
    ) -> ShareLinkRecord | None:
        written: list[ShareLinkRecord] = []

        def plan(raw: str) -> Callable[[RedisPipeline], None] | None:
            changed = change(ShareLinkRecord.model_validate_json(raw))
            written[:] = [changed]

            def writes(pipe: RedisPipeline) -> None:
                pipe.set(_record_key(link_id), changed.model_dump_json())

            return writes

        return written[0] if await rewrite(self._redis, _record_key(link_id), plan) else None
