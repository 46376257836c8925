"""Revocation data of stateless sessions: a deny entry per signed-out `sid`, read with the user's version.

The check reads the user record in the same command (one MGET within one hash slot), so an authenticated request
costs one Redis round trip whatever it needs of its user.
"""

from __future__ import annotations

from coffer.store.client import PREFIX, RedisClient
from coffer.store.users import UserRecord, denied_session_key, record_key, sessions_key, version_key


def _used_token_key(jti: str) -> str:
    return f"{PREFIX}:token:used:{jti}"


class SessionStore:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def deny(self, user_id: str, sid: str, until: float) -> None:
        """The `sid` stays refused until its longest possible expiry."""
        await self._redis.set(denied_session_key(user_id, sid), "1", exat=max(int(until) + 1, 1))

    async def session_state(self, sid: str, user_id: str) -> tuple[bool, int, UserRecord | None]:
        """(is the sid denied, the user's current version, the user) in one round trip."""
        denied, version, record = await self._redis.mget(
            denied_session_key(user_id, sid), version_key(user_id), record_key(user_id)
        )
        user = UserRecord.model_validate_json(record) if record is not None else None
        return bool(denied), int(version) if version is not None else 0, user

    async def remember(self, user_id: str, sid: str, entry: str) -> None:
        await self._redis.hset(sessions_key(user_id), sid, entry)

    async def remembered(self, user_id: str) -> dict[str, str]:
        return {str(sid): str(entry) for sid, entry in (await self._redis.hgetall(sessions_key(user_id))).items()}

    async def remembered_one(self, user_id: str, sid: str) -> str | None:
        entry = await self._redis.hget(sessions_key(user_id), sid)
        return None if entry is None else str(entry)

    async def denied_among(self, user_id: str, sids: list[str]) -> set[str]:
        """Which of these sessions were signed out, in one round trip (the keys share the user's slot)."""
        if not sids:
            return set()
        flags = await self._redis.mget([denied_session_key(user_id, sid) for sid in sids])
        return {sid for sid, flag in zip(sids, flags, strict=True) if flag}

    async def forget(self, user_id: str, *sids: str) -> None:
        if sids:
            await self._redis.hdel(sessions_key(user_id), *sids)

    async def forget_all(self, user_id: str) -> None:
        await self._redis.delete(sessions_key(user_id))

    async def spend_token(self, jti: str, ttl_seconds: int) -> bool:
        """A single-use token is accepted once: True only for the first spender."""
        return bool(await self._redis.set(_used_token_key(jti), "1", nx=True, ex=max(ttl_seconds, 1)))
