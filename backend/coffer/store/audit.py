"""The audit trail: one Redis stream, trimmed to a bounded length and age, read newest first with filters."""

from __future__ import annotations

from collections.abc import Callable

from coffer.store.client import PREFIX, RedisClient

_STREAM = f"{PREFIX}:audit"
_BATCH = 500


class AuditStore:
    def __init__(self, redis: RedisClient, max_events: int, retention_seconds: int) -> None:
        self._redis = redis
        self._max_events = max_events
        self._retention_ms = retention_seconds * 1000

    async def append(self, fields: dict[str, str]) -> str:
        """Adds the event and drops those older than the retention, measured on the stream's own (server) clock."""
        entry: dict[str | bytes, str | bytes] = {key: value for key, value in fields.items()}
        event_id = str(await self._redis.xadd(_STREAM, entry, maxlen=self._max_events, approximate=True))  # type: ignore[arg-type]
        added_ms = int(event_id.split("-")[0])
        await self._redis.xtrim(_STREAM, minid=str(added_ms - self._retention_ms), approximate=False)
        return event_id

    async def latest(self, count: int) -> list[tuple[str, dict[str, str]]]:
        return (await self.query(lambda fields: True, None, count, count))[0]

    async def query(
        self, keep: Callable[[dict[str, str]], bool], before_id: str | None, limit: int, scan_limit: int
    ) -> tuple[list[tuple[str, dict[str, str]]], str | None]:
        """Newest-first events that `keep` accepts, older than `before_id`.

        Reads at most `scan_limit` entries; returns the id to continue from when there may be more.
        """
        if before_id is not None and all(int(part) == 0 for part in before_id.split("-")):
            return [], None  # nothing is older than the first possible id (and Redis refuses "(0-0")
        upper = f"({before_id}" if before_id else "+"
        lower = "-"
        found: list[tuple[str, dict[str, str]]] = []
        scanned = 0
        last_id: str | None = None
        while scanned < scan_limit:
            rows = await self._redis.xrevrange(_STREAM, max=upper, min=lower, count=min(_BATCH, scan_limit - scanned))
            if not rows:
                return found, None
            for raw_id, raw_fields in rows:
                event_id = str(raw_id)
                last_id = event_id
                fields = {str(key): str(value) for key, value in (raw_fields or {}).items()}
                if keep(fields):
                    found.append((event_id, fields))
                    if len(found) == limit:
                        return found, event_id
            scanned += len(rows)
            upper = f"({last_id}"
        return found, last_id
