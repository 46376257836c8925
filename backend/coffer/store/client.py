"""One Redis connection pool per process, shared by every store."""

from __future__ import annotations

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

PREFIX = "coffer"


class RedisConnection:
    """The process's Redis pool; stores are built on `.redis`.

    After Redis restarts, every pooled connection is dead; a command on one is sent again on a new
    connection (a few times, backing off) instead of failing the request that happened to draw it.
    """

    def __init__(self, url: str) -> None:
        self.redis: Redis = Redis.from_url(
            url,
            decode_responses=True,
            health_check_interval=30,
            retry=Retry(ExponentialBackoff(cap=1.0, base=0.05), retries=3),
            retry_on_error=[RedisConnectionError, RedisTimeoutError],
        )

    async def ping(self) -> None:
        """Raises when Redis cannot be reached."""
        await self.redis.ping()

    async def close(self) -> None:
        await self.redis.aclose()
