"""A lease stays with its holder while the work runs, however long, and a holder that lost it writes nothing."""

from __future__ import annotations

import anyio
import pytest

from coffer.app import redis_connection
from coffer.settings import Settings
from coffer.store.leases import Lease, LeaseLost, held, take
from coffer.store.locks import LockStore, lock_key
from coffer.store.metering import MeteringStore

TTL = 1


async def _outlast(lease: Lease, rival: LockStore, lifetimes: int) -> list[bool]:
    """Runs for several lifetimes of the lease (the slow body), trying to take it from another instance."""
    taken = []
    deadline = anyio.current_time() + lifetimes * lease.ttl_seconds
    while anyio.current_time() < deadline:
        taken.append(await take(rival, lease.name, TTL) is not None)
        await anyio.sleep(0.1)
    return taken


def test_a_lease_is_renewed_while_its_work_runs_longer_than_its_lifetime_and_nobody_else_takes_it(
    settings: Settings,
) -> None:
    async def run() -> tuple[list[bool], bool, bool]:
        mine, theirs = redis_connection(settings), redis_connection(settings)
        try:
            async with held(LockStore(mine.redis), "slow-work", TTL) as lease:
                assert lease is not None
                taken = await _outlast(lease, LockStore(theirs.redis), lifetimes=4)
                still_held = lease.held
            free_after = await take(LockStore(theirs.redis), "slow-work", TTL) is not None
            return taken, still_held, free_after
        finally:
            await mine.close()
            await theirs.close()

    taken, still_held, free_after = anyio.run(run)

    assert len(taken) > 10 and not any(taken)
    assert still_held
    assert free_after  # released when the work ended, not left to lapse


def test_while_a_lease_is_held_a_second_holder_gets_none(settings: Settings) -> None:
    async def run() -> Lease | None:
        connection = redis_connection(settings)
        try:
            async with held(LockStore(connection.redis), "one-at-a-time", TTL) as first:
                assert first is not None
                async with held(LockStore(connection.redis), "one-at-a-time", TTL) as second:
                    return second
        finally:
            await connection.close()

    assert anyio.run(run) is None


def test_a_lease_taken_over_is_lost_and_a_write_fenced_by_it_does_not_land(settings: Settings) -> None:
    async def run() -> tuple[bool, bool, dict[str, str]]:
        mine, theirs = redis_connection(settings), redis_connection(settings)
        try:
            async with held(LockStore(mine.redis), "taken-over", TTL) as lease:
                assert lease is not None
                # it lapsed (a paused process, a Redis failover) and another instance took it
                await theirs.redis.delete(lock_key("taken-over"))
                assert await take(LockStore(theirs.redis), "taken-over", 30) is not None
                with anyio.fail_after(TTL * 2):
                    await lease.lost.wait()  # the next renewal finds it gone
                with pytest.raises(LeaseLost):
                    lease.check()
                written = await MeteringStore(mine.redis).commit(
                    "taken-over",
                    lease.token,
                    reading={"late": "1"},
                    forgotten=[],
                    added=[],
                    sampled=[],
                    rankings=[],
                    latest={},
                )
                return lease.held, written, await MeteringStore(mine.redis).last_reading()
        finally:
            await mine.close()
            await theirs.close()

    still_held, written, reading = anyio.run(run)

    assert not still_held and not written and reading == {}


def test_a_lease_not_renewed_within_its_lifetime_is_no_longer_held(settings: Settings) -> None:
    async def run() -> bool:
        connection = redis_connection(settings)
        try:
            lease = await take(LockStore(connection.redis), "never-renewed", TTL)
            assert lease is not None and lease.held
            with anyio.fail_after(TTL * 3):
                while lease.held:  # noqa: ASYNC110 - the lifetime runs out on the clock, no event to wait on
                    await anyio.sleep(0.05)
            return lease.lost.is_set()
        finally:
            await connection.close()

    assert anyio.run(run)
