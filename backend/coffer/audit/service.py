"""Writes audit events to the store with the time they happened."""

from __future__ import annotations

from dataclasses import asdict

from coffer.audit.events import AuditEvent
from coffer.clock import Clock
from coffer.store.audit import AuditStore


class Auditor:
    def __init__(self, store: AuditStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def record(self, event: AuditEvent) -> None:
        fields = {key: str(value) for key, value in asdict(event).items()}
        fields["at"] = repr(self._clock.now())
        await self._store.append(fields)

    async def latest(self, count: int = 50) -> list[dict[str, str]]:
        return [fields for _, fields in await self._store.latest(count)]
