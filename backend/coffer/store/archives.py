"""Zip downloads waiting to be fetched: one small record per ticket, living a minute, fetched once."""

from __future__ import annotations

from pydantic import BaseModel

from coffer.store.client import PREFIX, RedisClient


class ArchiveTicket(BaseModel):
    sid: str  # the session that asked: nobody else's request streams it
    bucket: str
    folder: str  # entries are named relative to it
    keys: list[str]
    name: str


def _key(ticket: str) -> str:
    return f"{PREFIX}:archive:{ticket}"


class ArchiveTicketStore:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def put(self, ticket: str, record: ArchiveTicket, ttl_seconds: int) -> None:
        await self._redis.set(_key(ticket), record.model_dump_json(), ex=ttl_seconds)

    async def take(self, ticket: str) -> ArchiveTicket | None:
        """The ticket's record, deleted in the same step: a ticket streams once."""
        raw = await self._redis.getdel(_key(ticket))
        return None if raw is None else ArchiveTicket.model_validate_json(raw)
