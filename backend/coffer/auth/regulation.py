"""Brute-force regulation of sign-in (as authelia's regulator): failures per username and per IP.

Usernames are regulated whether or not they exist, so a lock tells nothing about existence.
`lockout_failures` failures within `lockout_minutes` lock the username for `lockout_minutes`;
each client IP may try `ip_attempts_per_minute` times a minute.
"""

from __future__ import annotations

from coffer.clock import Clock
from coffer.store.regulation import RegulationStore


class Locked(Exception):
    def __init__(self, until: float) -> None:
        super().__init__("locked")
        self.until = until


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__("rate limited")
        self.retry_after = retry_after


def _subject(username: str) -> str:
    return username.strip().casefold()[:128]


class Regulator:
    def __init__(
        self,
        store: RegulationStore,
        clock: Clock,
        max_failures: int,
        lockout_seconds: int,
        ip_attempts_per_minute: int,
    ) -> None:
        self._store = store
        self._clock = clock
        self._max_failures = max_failures
        self._lockout = lockout_seconds
        self._ip_limit = ip_attempts_per_minute

    async def admit_attempt(self, ip: str) -> None:
        """Counts an attempt from this IP; raises RateLimited past the limit."""
        attempts = await self._store.add_event("ip", ip, self._clock.now(), 60)
        if attempts > self._ip_limit:
            raise RateLimited(60)

    async def ensure_unlocked(self, username: str) -> None:
        until = await self.locked_until(username)
        if until is not None:
            raise Locked(until)

    async def record_failure(self, username: str) -> bool:
        """Counts a failure; True when this failure locked the username."""
        now = self._clock.now()
        failures = await self._store.add_event("user", _subject(username), now, self._lockout)
        if failures >= self._max_failures:
            await self._store.lock("user", _subject(username), now + self._lockout, self._lockout)
            await self._store.clear_events("user", _subject(username))
            return True
        return False

    async def record_success(self, username: str) -> None:
        await self._store.clear_events("user", _subject(username))

    async def locked_until(self, username: str) -> float | None:
        (until,) = await self.locked_until_many([username])
        return until

    async def locked_until_many(self, usernames: list[str]) -> list[float | None]:
        """When each username's lock ends; None where none holds now (an ended lock is no lock)."""
        now = self._clock.now()
        ends = await self._store.locked_until_many("user", [_subject(username) for username in usernames])
        return [until if until is not None and until > now else None for until in ends]

    async def unlock(self, username: str) -> None:
        await self._store.unlock("user", _subject(username))
