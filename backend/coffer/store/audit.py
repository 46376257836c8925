"""The audit trail: one Redis stream, trimmed to a bounded length."""

from __future__ import annotations

from redis.asyncio import Redis

from coffer.store.client import PREFIX

_STREAM = f"{PREFIX}:audit"


class AuditStore:
    def __init__(self, redis: Redis, max_events: int) -> None:
        self._redis = redis
        self._max_events = max_events

    async def append(self, fields: dict[str, str]) -> str:
        event_id: str = await self._redis.xadd(_STREAM, fields, maxlen=self._max_events, approximate=True)
        return event_id

    async def latest(self, count: int) -> list[tuple[str, dict[str, str]]]:
        rows = await self._redis.xrevrange(_STREAM, count=count)
        return [(event_id, dict(fields)) for event_id, fields in rows]
