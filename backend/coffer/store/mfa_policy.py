"""Where MFA is required: a platform-wide flag and the set of accounts whose admins require it."""

from __future__ import annotations

from coffer.store.client import PREFIX, RedisClient

_PLATFORM_KEY = f"{PREFIX}:policy:mfa"
_ACCOUNTS_KEY = f"{PREFIX}:policy:mfa:accounts"


class MfaPolicyStore:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def platform_required(self, default: bool) -> bool:
        value = await self._redis.hget(_PLATFORM_KEY, "required")
        return default if value is None else value == "1"

    async def set_platform_required(self, required: bool) -> None:
        await self._redis.hset(_PLATFORM_KEY, "required", "1" if required else "0")

    async def account_required(self, account_id: str) -> bool:
        return bool(await self._redis.sismember(_ACCOUNTS_KEY, account_id))

    async def set_account_required(self, account_id: str, required: bool) -> None:
        if required:
            await self._redis.sadd(_ACCOUNTS_KEY, account_id)
        else:
            await self._redis.srem(_ACCOUNTS_KEY, account_id)

    async def required_for(self, account_id: str | None, default: bool) -> bool:
        """Both flags in one round trip: required when the platform or the person's account says so."""
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.hget(_PLATFORM_KEY, "required")
            pipe.sismember(_ACCOUNTS_KEY, account_id or "")
            platform, account = await pipe.execute()
        platform_required = default if platform is None else platform == "1"
        return platform_required or (account_id is not None and bool(account))
