"""Account requests: `coffer:{requests}:request:<id>` records, per-status sorted sets by creation time,
decision claims; one hash tag, as a request and its lists change together."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from coffer.store.client import PREFIX, RedisClient, read_many

RequestStatus = Literal["unconfirmed", "pending", "approved", "denied"]


class AccountRequestRecord(BaseModel):
    id: str
    organisation: str
    account_name: str
    contact_name: str
    contact_email: str
    expected_capacity_gib: int
    message: str
    status: RequestStatus = "unconfirmed"
    created_at: float
    confirmed_at: float | None = None
    decided_at: float | None = None
    decided_by: str | None = None
    reason: str | None = None
    account_id: str | None = None


def _record_key(request_id: str) -> str:
    return f"{PREFIX}:{{requests}}:request:{request_id}"


def _status_key(status: str) -> str:
    return f"{PREFIX}:{{requests}}:{status}"


def _decision_key(request_id: str) -> str:
    return f"{PREFIX}:{{requests}}:request:{request_id}:decision"


class RequestStore:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def create(self, request: AccountRequestRecord, unconfirmed_ttl_seconds: int) -> None:
        """An unconfirmed request expires with its confirmation link."""
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(_record_key(request.id), request.model_dump_json(), ex=unconfirmed_ttl_seconds)
            await pipe.execute()

    async def get(self, request_id: str) -> AccountRequestRecord | None:
        raw = await self._redis.get(_record_key(request_id))
        return None if raw is None else AccountRequestRecord.model_validate_json(raw)

    async def save(self, request: AccountRequestRecord, previous_status: RequestStatus | None) -> None:
        """Writes the record for good and moves it to its status index."""
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(_record_key(request.id), request.model_dump_json())
            if previous_status is not None and previous_status != "unconfirmed":
                pipe.zrem(_status_key(previous_status), request.id)
            pipe.zadd(_status_key(request.status), {request.id: request.created_at})
            pipe.zadd(_status_key("all"), {request.id: request.created_at})
            await pipe.execute()

    async def page(self, status: str | None, offset: int, limit: int) -> tuple[list[AccountRequestRecord], bool]:
        ids = await self._redis.zrevrange(_status_key(status or "all"), offset, offset + limit)
        raws = await read_many(self._redis, [_record_key(str(request_id)) for request_id in ids]) if ids else []
        records = [AccountRequestRecord.model_validate_json(raw) for raw in raws if raw is not None]
        return records[:limit], len(ids) > limit

    async def count(self, status: str) -> int:
        return int(await self._redis.zcard(_status_key(status)))

    async def claim_decision(self, request_id: str, decider: str) -> bool:
        """Exactly one decision per request: only the first claimer gets True."""
        return bool(await self._redis.set(_decision_key(request_id), decider, nx=True))

    async def release_decision(self, request_id: str) -> None:
        await self._redis.delete(_decision_key(request_id))
