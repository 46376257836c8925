"""Writes audit events to the store with the time they happened."""

from __future__ import annotations

from dataclasses import asdict, dataclass

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

    async def search(
        self, audit_filter: AuditFilter, before_id: str | None, limit: int, scan_limit: int = 20_000
    ) -> tuple[list[tuple[str, dict[str, str]]], str | None]:
        return await self._store.query(audit_filter.keeps, before_id, limit, scan_limit)


@dataclass(frozen=True)
class AuditFilter:
    """Which events to show; `account_id` is forced to their own account for account admins."""

    actor: str = ""
    account_id: str = ""
    action: str = ""
    since: float | None = None
    until: float | None = None

    def keeps(self, fields: dict[str, str]) -> bool:
        at = float(fields.get("at", "0"))
        return (
            (not self.actor or fields.get("actor", "").casefold() == self.actor.casefold())
            and (not self.account_id or fields.get("account_id") == self.account_id)
            and (not self.action or fields.get("action", "").startswith(self.action))
            and (self.since is None or at >= self.since)
            and (self.until is None or at <= self.until)
        )
