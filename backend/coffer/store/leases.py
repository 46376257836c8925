"""Leases that stay held for as long as their work runs.

A lease is a named lock in Redis with a lifetime (`LockStore`): it lapses by itself when its holder
dies, so another instance takes the work over. Work can run longer than any lifetime chosen in
advance (a capacity cycle over millions of objects, a provisioning step waiting for the storage
system), so while a body runs under `kept()` a background task renews the lease every third of its
lifetime; the lifetime then only bounds how long a dead holder blocks the others.

A holder loses its lease when a renewal finds it expired or taken, or when it could not renew in
time (Redis unreachable, the process paused): `held` is False from the moment the lease may have
lapsed in Redis, measured from the start of the last renewal that succeeded, and `lost` is set.
Writes to Redis are fenced exactly: a store writes in a transaction that checks the lease's token
(`MeteringStore.commit`, `QuotaStore.mark`), so a write after the lease was lost does not land.
Calls to the storage system cannot be fenced that way; the work checks `held` before each one.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import anyio
from redis.exceptions import RedisError

from coffer.store.locks import LockStore


class LeaseLost(Exception):
    """The lease lapsed or was taken over while its work ran: that work must write nothing more."""

    def __init__(self, name: str) -> None:
        super().__init__(f"lost the lease {name}")
        self.name = name


class Lease:
    """A lease this process holds; the clock is the event loop's monotonic one, never the wall clock."""

    def __init__(self, locks: LockStore, name: str, token: str, ttl_seconds: int, asked_at: float) -> None:
        self.name = name
        self.token = token
        self.ttl_seconds = ttl_seconds
        self.lost = anyio.Event()
        self._locks = locks
        self._valid_until = asked_at + ttl_seconds

    @property
    def held(self) -> bool:
        if not self.lost.is_set() and anyio.current_time() >= self._valid_until:
            self.lost.set()  # no renewal got through in time: someone else may hold it now
        return not self.lost.is_set()

    def check(self) -> None:
        """Raises LeaseLost unless the lease is still held."""
        if not self.held:
            raise LeaseLost(self.name)

    async def renew(self) -> bool:
        """Extends the lease by its lifetime from now; False (and `lost`) when it had lapsed or was taken."""
        if not self.held:
            return False
        asked_at = anyio.current_time()
        if await self._locks.renew(self.name, self.token, self.ttl_seconds) and asked_at < self._valid_until:
            self._valid_until = asked_at + self.ttl_seconds
            return True
        self.lost.set()
        return False

    @contextlib.asynccontextmanager
    async def kept(self) -> AsyncIterator[Lease]:
        """Renews the lease in the background every third of its lifetime while the body runs.

        What the body raises comes out as it was, not wrapped in an ExceptionGroup by the task group
        of the renewal, so callers keep catching StorageUnavailable, LeaseLost and the like."""
        try:
            async with anyio.create_task_group() as group:
                group.start_soon(self._keep)
                try:
                    yield self
                finally:
                    group.cancel_scope.cancel()
        except BaseExceptionGroup as raised:
            if len(raised.exceptions) == 1:
                raise raised.exceptions[0] from None
            raise

    async def _keep(self) -> None:
        while self.held:
            await anyio.sleep(self.ttl_seconds / 3)
            try:
                await self.renew()
            except (RedisError, OSError):
                continue  # Redis did not answer: try again; `held` ends when the lifetime runs out

    async def release(self) -> None:
        """Gives the lease up (only our own hold: never one that lapsed and was taken by someone else)."""
        self.lost.set()
        await self._locks.release(self.name, self.token)


async def take(locks: LockStore, name: str, ttl_seconds: int) -> Lease | None:
    """The lease when it was free; None while someone holds it."""
    asked_at = anyio.current_time()
    token = await locks.acquire(name, ttl_seconds)
    return None if token is None else Lease(locks, name, token, ttl_seconds, asked_at)


async def wait_for(locks: LockStore, name: str, ttl_seconds: int, timeout_seconds: float) -> Lease:
    """The lease as soon as it is free; TimeoutError after `timeout_seconds`."""
    with anyio.fail_after(timeout_seconds):
        while True:
            lease = await take(locks, name, ttl_seconds)
            if lease is not None:
                return lease
            await anyio.sleep(0.1)


@contextlib.asynccontextmanager
async def held(locks: LockStore, name: str, ttl_seconds: int) -> AsyncIterator[Lease | None]:
    """The lease, renewed while the body runs and released after it; None while someone else holds it."""
    lease = await take(locks, name, ttl_seconds)
    if lease is None:
        yield None
        return
    try:
        async with lease.kept():
            yield lease
    finally:
        with anyio.CancelScope(shield=True):
            await lease.release()
