"""Moves keys written under earlier names to the names in use, once per deployment, at start.

Redis Cluster needs every key of one multi-key write in one hash slot, so families of keys written
together carry one hash tag (`{mail}`, `{requests}`, …). Data written before a family was tagged
is moved (DUMP, RESTORE with its time to live, DEL: this works across slots too), so an upgraded
deployment keeps its signing keys, mail queue and requests. Moving twice is harmless (a key already
at its new name wins), so instances starting at once need no lock. Stop instances of the earlier
version first: they would go on writing under the old names.
"""

from __future__ import annotations

import contextlib
from typing import Any

from redis.exceptions import ResponseError

from coffer.store.client import PREFIX, RedisClient

# The names in use: bump when a rule is added.
SCHEMA = 1
_SCHEMA_KEY = f"{PREFIX}:schema"
# (old prefix, new prefix): every key whose name starts with the old prefix moves.
RENAMES: tuple[tuple[str, str], ...] = (
    (f"{PREFIX}:signing-keys", f"{PREFIX}:{{signing-keys}}"),
    (f"{PREFIX}:mail:", f"{PREFIX}:{{mail}}:"),
    (f"{PREFIX}:request:", f"{PREFIX}:{{requests}}:request:"),
    (f"{PREFIX}:requests:", f"{PREFIX}:{{requests}}:"),
    (f"{PREFIX}:alert:digest:", f"{PREFIX}:alert:{{digest}}:"),
    (f"{PREFIX}:quota:blocked", f"{PREFIX}:{{quota}}:blocked"),
)


class KeyNames:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def bring_up_to_date(self) -> int:
        """Moves what earlier versions wrote; how many keys moved (0 once done)."""
        current = await self._redis.get(_SCHEMA_KEY)
        if current is not None and int(current) >= SCHEMA:
            return 0
        moved = 0
        for old, new in RENAMES:
            async for name in self._redis.scan_iter(match=_glob_escaped(old) + "*", count=500):
                moved += await self._move(str(name), new + str(name)[len(old) :])
        await self._redis.set(_SCHEMA_KEY, SCHEMA)
        return moved

    async def _move(self, old: str, new: str) -> int:
        dumped: Any = await self._redis.dump(old)
        if dumped is None:  # moved meanwhile by another instance
            return 0
        ttl = int(await self._redis.pttl(old))
        with contextlib.suppress(ResponseError):  # BUSYKEY: written at the new name already, which wins
            await self._redis.restore(new, max(ttl, 0), dumped)
        await self._redis.delete(old)
        return 1


def _glob_escaped(prefix: str) -> str:
    return "".join(f"\\{char}" if char in "*?[]\\" else char for char in prefix)
