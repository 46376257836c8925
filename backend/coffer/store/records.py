"""Read-modify-write of one stored record, atomic against every other writer (WATCH/MULTI, retried)."""

from __future__ import annotations

from collections.abc import Callable

from redis.exceptions import WatchError

from coffer.store.client import RedisClient, RedisPipeline

# Given the record as stored now, the writes to make (queued on the transaction), or None for none.
Plan = Callable[[str], Callable[[RedisPipeline], None] | None]


async def rewrite(redis: RedisClient, key: str, plan: Plan) -> bool:
    """Runs `plan` on the fresh record and its writes in one transaction; when another writer changed
    the record in between, `plan` runs again on what that writer left. False when the record is
    missing or `plan` wrote nothing."""
    async with redis.pipeline(transaction=True) as pipe:
        while True:
            try:
                await pipe.watch(key)
                raw = await pipe.get(key)
                writes = None if raw is None else plan(str(raw))
                if writes is None:
                    await pipe.unwatch()  # type: ignore[no-untyped-call]
                    return False
                pipe.multi()  # type: ignore[no-untyped-call]
                writes(pipe)
                await pipe.execute()
                return True
            except WatchError:
                continue
