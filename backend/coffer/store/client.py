"""One Redis connection pool per process, shared by every store: a single Redis, or a Redis Cluster."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from redis.asyncio import Redis, RedisCluster
from redis.asyncio.client import Pipeline
from redis.asyncio.cluster import ClusterPipeline
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff, NoBackoff
from redis.exceptions import ClusterDownError, SlotNotCoveredError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.maint_notifications import MaintNotificationsConfig

PREFIX = "coffer"
RedisClient = Redis | RedisCluster
RedisPipeline = Pipeline | ClusterPipeline

T = TypeVar("T")

# Commands that change nothing: running one twice answers the same, so a lost answer may be asked again.
IDEMPOTENT_COMMANDS = frozenset(
    {
        "PING", "GET", "MGET", "EXISTS", "TTL", "PTTL", "TYPE", "STRLEN", "SCAN",
        "HGET", "HMGET", "HGETALL", "HEXISTS", "HLEN", "HKEYS", "HVALS", "HSCAN",
        "SMEMBERS", "SISMEMBER", "SMISMEMBER", "SCARD", "SSCAN",
        "ZRANGE", "ZREVRANGE", "ZRANGEBYSCORE", "ZREVRANGEBYSCORE", "ZSCORE", "ZMSCORE", "ZCARD", "ZCOUNT",
        "ZRANK", "ZREVRANK", "ZSCAN", "LRANGE", "LLEN", "LINDEX", "XRANGE", "XREVRANGE", "XLEN",
    }
)  # fmt: skip
_RETRYABLE: ContextVar[bool] = ContextVar("coffer_redis_retryable", default=False)


async def read_many(redis: RedisClient, keys: list[str]) -> list[Any]:
    """MGET of keys that may lie in different hash slots: on a cluster, one MGET per slot (these reads
    need no atomicity); on one Redis, one MGET."""
    if isinstance(redis, RedisCluster):
        return list(await redis.mget_nonatomic(keys))
    return list(await redis.mget(keys))


class _IdempotentRetry(Retry):
    """redis-py's Retry, applied only while an idempotent command runs (see `_Redis.execute_command`)."""

    async def call_with_retry(
        self,
        do: Callable[[], Awaitable[T]],
        fail: Callable[..., Any],
        is_retryable: Callable[[Exception], bool] | None = None,
        with_failure_count: bool = False,
    ) -> T:
        if _RETRYABLE.get():
            return await super().call_with_retry(do, fail, is_retryable, with_failure_count)
        try:
            return await do()
        except self._supported_errors as error:
            await (fail(error, 1) if with_failure_count else fail(error))
            raise


class _Redis(Redis):
    async def execute_command(self, *args: Any, **options: Any) -> Any:
        token = _RETRYABLE.set(str(args[0]).upper() in IDEMPOTENT_COMMANDS)
        try:
            return await super().execute_command(*args, **options)  # type: ignore[no-untyped-call]
        finally:
            _RETRYABLE.reset(token)


class _RedisCluster(RedisCluster):
    """redis-py's cluster client resends every command, writes included, after a connection error or a
    timeout (it reads only the number of retries, never `_IdempotentRetry`): so its own retries are off
    and these take their place. A command is sent again only when Redis cannot have run it: the node
    refused the connection (a dead primary, until its replica takes over), the cluster answered
    CLUSTERDOWN, or the client knew no node for the slot; or when it is idempotent. Each failure makes
    the client read the slot map again, so a retry finds the promoted replica."""

    failover_seconds = 10.0  # a replica takes over 4–8 s after its primary dies (cluster-node-timeout 2–5 s)

    async def execute_command(self, *args: Any, **kwargs: Any) -> Any:
        idempotent = str(args[0]).upper() in IDEMPOTENT_COMMANDS
        deadline = time.monotonic() + self.failover_seconds
        backoff = ExponentialBackoff(cap=1.0, base=0.05)
        failures = 0
        while True:
            try:
                return await super().execute_command(*args, **kwargs)
            except (RedisConnectionError, ClusterDownError, SlotNotCoveredError) as error:
                failures += 1
                delay = backoff.compute(failures)
                if not (idempotent or never_ran(error)) or time.monotonic() + delay > deadline:
                    raise
                await asyncio.sleep(delay)


def never_ran(error: Exception) -> bool:
    """The command cannot have reached Redis: it was refused before, or the connection never opened
    (redis-py words a failed connect "Error <errno> connecting to <host>:<port>")."""
    if isinstance(error, ClusterDownError | SlotNotCoveredError):
        return True
    return isinstance(error, RedisConnectionError) and " connecting to " in str(error)


class RedisConnection:
    """The process's Redis pool; stores are built on `.redis`.

    Every command has a deadline: connecting may take `connect_timeout` seconds, an answer `timeout`
    seconds, so a hung Redis (stopped, partitioned, swapping) fails the request with an error instead
    of holding it, and its worker, for ever. No command blocks on the server (no BLPOP, no XREAD BLOCK),
    so one read timeout fits all.

    What is sent again, and why: redis-py's `Retry` wraps the whole command (connect, send, read), so on
    its own it would resend an INCR, a SET NX or a MULTI/EXEC whose answer was lost after Redis had
    applied it, and count a failed sign-in twice or claim a lease it already holds. So:
    - a timeout is never retried (`retry_on_timeout` stays off, TimeoutError is not in `retry_on_error`):
      the command may have run, and waiting again on a hung server only doubles the wait;
    - a connection error is retried (3 times, backing off from 50 ms to 1 s) only for the read-only
      commands in `IDEMPOTENT_COMMANDS`; writes, scripts and pipelines fail at the first connection
      error, and the request with them, which its caller may repeat knowing what it did;
    - connections that died while idle in the pool (Redis restarted) are not a reason to resend: the
      pool checks each connection as it hands it out and reconnects a closed one before anything is
      sent. redis-py skips that check while "maintenance notifications" (a Redis Enterprise feature)
      are on, which its default `auto` counts as, so they are switched off here.
    """

    def __init__(self, url: str, connect_timeout: float = 2.0, timeout: float = 5.0, cluster: bool = False) -> None:
        self.redis: RedisClient
        if cluster:
            self.redis = _RedisCluster.from_url(
                url,
                decode_responses=True,
                health_check_interval=10,  # the cluster pool checks no idle connection before handing it out
                socket_connect_timeout=connect_timeout,
                socket_timeout=timeout,
                retry=Retry(NoBackoff(), 0),
                maint_notifications_config=MaintNotificationsConfig(enabled=False),
            )
            return
        self.redis = _Redis.from_url(
            url,
            decode_responses=True,
            health_check_interval=30,
            socket_connect_timeout=connect_timeout,
            socket_timeout=timeout,
            retry=_IdempotentRetry(
                ExponentialBackoff(cap=1.0, base=0.05), retries=3, supported_errors=(RedisConnectionError,)
            ),
            retry_on_error=[RedisConnectionError],
            maint_notifications_config=MaintNotificationsConfig(enabled=False),
        )

    async def ping(self) -> None:
        """Raises when Redis cannot be reached (in a cluster: any primary)."""
        if isinstance(self.redis, RedisCluster):  # now, without waiting out a failover as commands do
            await RedisCluster.execute_command(self.redis, "PING", target_nodes=RedisCluster.PRIMARIES)
        else:
            await self.redis.ping()

    async def close(self) -> None:
        await self.redis.aclose()
