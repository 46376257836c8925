"""Token signing keys: a hash of key records by `kid` and the `kid` that signs now.

Private parts arrive already sealed; this module only stores them.
"""

from __future__ import annotations

from pydantic import BaseModel
from redis.asyncio import Redis

from coffer.store.client import PREFIX

_KEYS = f"{PREFIX}:signing-keys"
_CURRENT = f"{PREFIX}:signing-keys:current"


class SigningKeyRecord(BaseModel):
    kid: str
    algorithm: str
    private_key_sealed: str
    public_jwk: dict[str, str]
    created_at: float


class SigningKeyStore:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def add_first(self, key: SigningKeyRecord) -> bool:
        """Installs the key as current only if there is none yet (several instances start at once)."""
        await self._redis.hsetnx(_KEYS, key.kid, key.model_dump_json())
        return bool(await self._redis.set(_CURRENT, key.kid, nx=True))

    async def current_kid(self) -> str | None:
        value = await self._redis.get(_CURRENT)
        return None if value is None else str(value)

    async def all(self) -> dict[str, SigningKeyRecord]:
        raw = await self._redis.hgetall(_KEYS)
        return {str(kid): SigningKeyRecord.model_validate_json(value) for kid, value in raw.items()}
