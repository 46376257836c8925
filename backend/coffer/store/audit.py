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
        entry: dict[str | bytes, str | bytes] = {key: value for key, value in fields.items()}
        event_id = await self._redis.xadd(_STREAM, entry, maxlen=self._max_events, approximate=True)  # type: ignore[arg-type]
        return str(event_id)

    async def latest(self, count: int) -> list[tuple[str, dict[str, str]]]:
        rows = await self._redis.xrevrange(_STREAM, count=count) or []
        return [
            (str(event_id), {str(key): str(value) for key, value in (fields or {}).items()})
            for event_id, fields in rows
        ]
