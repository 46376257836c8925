"""Which access keys Coffer switched off, and why: `coffer:acct:{<id>}:key-holds`, a hash key id → hold.

A hold names the key's owner (their username) and the reasons it is off: the account is disabled,
the person is disabled, or both. Enabling removes one reason; a key is switched back on only when
no reason is left. A key its owner or an admin switched off carries no hold, so nothing but its
owner turns it on again. Changes are made by one switcher at a time (a lease per account), so the
hash is read and written whole under that lease.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from coffer.store.client import PREFIX, RedisClient

HoldReason = Literal["account", "person"]
_REASONS: tuple[HoldReason, ...] = ("account", "person")


@dataclass
class KeyHold:
    username: str
    reasons: set[HoldReason] = field(default_factory=set)

    def encode(self) -> str:
        return f"{self.username}|{','.join(sorted(self.reasons))}"

    @classmethod
    def decode(cls, raw: str) -> KeyHold:
        username, _, reasons = raw.rpartition("|")
        return cls(username, {reason for reason in _REASONS if reason in reasons.split(",")})


def _holds_key(account_id: str) -> str:
    return f"{PREFIX}:acct:{{{account_id}}}:key-holds"


class KeyHoldStore:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def holds(self, account_id: str) -> dict[str, KeyHold]:
        raw = await self._redis.hgetall(_holds_key(account_id))
        return {str(key_id): KeyHold.decode(str(value)) for key_id, value in raw.items()}

    async def hold_of(self, account_id: str, access_key_id: str) -> KeyHold | None:
        raw = await self._redis.hget(_holds_key(account_id), access_key_id)
        return None if raw is None else KeyHold.decode(str(raw))

    async def write(self, account_id: str, holds: dict[str, KeyHold]) -> None:
        """Stores these holds; a hold with no reason left is removed."""
        kept = {key_id: hold.encode() for key_id, hold in holds.items() if hold.reasons}
        gone = [key_id for key_id, hold in holds.items() if not hold.reasons]
        async with self._redis.pipeline(transaction=True) as pipe:
            for key_id, value in kept.items():
                pipe.hset(_holds_key(account_id), key_id, value)
            if gone:
                pipe.hdel(_holds_key(account_id), *gone)
            await pipe.execute()

    async def forget(self, account_id: str, access_key_id: str) -> None:
        """The key was switched off by a person, or deleted: Coffer no longer holds it."""
        await self._redis.hdel(_holds_key(account_id), access_key_id)
