"""One Redis connection pool per process, shared by every store."""

from __future__ import annotations

from redis.asyncio import Redis

PREFIX = "coffer"


class RedisConnection:
    """The process's Redis pool; stores are built on `.redis`."""

    def __init__(self, url: str) -> None:
        self.redis: Redis = Redis.from_url(url, decode_responses=True, health_check_interval=30)

    async def ping(self) -> None:
        """Raises when Redis cannot be reached."""
        await self.redis.ping()

    async def close(self) -> None:
        await self.redis.aclose()
