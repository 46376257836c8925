"""Token signing keys: a hash of key records by `kid` and the `kid` that signs now.

Private parts arrive already sealed; this module only stores them.
"""

from __future__ import annotations

from pydantic import BaseModel
from redis.exceptions import WatchError

from coffer.store.client import PREFIX, RedisClient

# One hash tag: rotation changes both at once (key_names.py moved the untagged names).
_KEYS = f"{PREFIX}:{{signing-keys}}"
_CURRENT = f"{PREFIX}:{{signing-keys}}:current"


class SigningKeyRecord(BaseModel):
    kid: str
    algorithm: str
    private_key_sealed: str
    public_jwk: dict[str, str]
    created_at: float
    # Set when another key replaced this one: the moment the last token it signed has expired.
    retires_at: float | None = None


class SigningKeyStore:
    def __init__(self, redis: RedisClient) -> None:
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

    async def rotate(self, new: SigningKeyRecord, retires_at: float, now: float) -> None:
        """Makes `new` current, gives the replaced key its retirement time and drops retired keys, at once."""
        async with self._redis.pipeline(transaction=True) as pipe:
            while True:
                try:
                    await pipe.watch(_KEYS, _CURRENT)
                    current = await pipe.get(_CURRENT)
                    records = {
                        str(kid): SigningKeyRecord.model_validate_json(value)
                        for kid, value in (await pipe.hgetall(_KEYS)).items()
                    }
                    pipe.multi()  # type: ignore[no-untyped-call]
                    for kid, record in records.items():
                        if record.retires_at is not None and record.retires_at <= now:
                            pipe.hdel(_KEYS, kid)
                    if current is not None and str(current) in records:
                        replaced = records[str(current)].model_copy(update={"retires_at": retires_at})
                        pipe.hset(_KEYS, replaced.kid, replaced.model_dump_json())
                    pipe.hset(_KEYS, new.kid, new.model_dump_json())
                    pipe.set(_CURRENT, new.kid)
                    await pipe.execute()
                    return
                except WatchError:
                    continue  # another instance changed the keys meanwhile: decide again on what is there now

    async def replace_sealed(self, kid: str, old_sealed: str, new_sealed: str) -> bool:
        """Swaps the sealed private part if it is still `old_sealed` (resealing under a new master key)."""
        async with self._redis.pipeline(transaction=True) as pipe:
            try:
                await pipe.watch(_KEYS)
                raw = await pipe.hget(_KEYS, kid)
                if raw is None:
                    return False
                record = SigningKeyRecord.model_validate_json(raw)
                if record.private_key_sealed != old_sealed:
                    return False
                pipe.multi()  # type: ignore[no-untyped-call]
                pipe.hset(_KEYS, kid, record.model_copy(update={"private_key_sealed": new_sealed}).model_dump_json())
                await pipe.execute()
                return True
            except WatchError:
                return False
