"""A deployment upgraded from before the hash tags keeps what it had: signing keys, mail, requests, quotas."""

from __future__ import annotations

import asyncio

import redis

from coffer.app import redis_connection
from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings
from coffer.store.key_names import KeyNames


def test_keys_written_under_the_untagged_names_move_once_with_their_values_and_lifetimes(
    stack: EmbeddedStack, settings: Settings
) -> None:
    assert stack.redis is not None
    old = redis.Redis.from_url(settings.redis_url, decode_responses=True)
    old.hset("coffer:signing-keys", "kid1", '{"kid": "kid1"}')
    old.set("coffer:signing-keys:current", "kid1")
    old.zadd("coffer:mail:due", {"m1": 5.0})
    old.set("coffer:mail:m1", '{"id": "m1"}', ex=3600)
    old.set("coffer:request:r1:decision", "approve")
    old.zadd("coffer:requests:pending", {"r1": 1.0})
    old.hset("coffer:quota:blocked-at", "acme-data", "7")
    old.set("coffer:{mail}:m2", "newer")  # written by this version already
    old.set("coffer:mail:m2", "older")

    async def upgrade() -> tuple[int, int]:
        connection = redis_connection(settings)
        try:
            names = KeyNames(connection.redis)
            return await names.bring_up_to_date(), await names.bring_up_to_date()
        finally:
            await connection.close()

    first, second = asyncio.run(upgrade())
    assert (first, second) == (8, 0)
    assert old.hget("coffer:{signing-keys}", "kid1") == '{"kid": "kid1"}'
    assert old.get("coffer:{signing-keys}:current") == "kid1"
    assert old.zscore("coffer:{mail}:due", "m1") == 5.0
    assert old.get("coffer:{mail}:m1") == '{"id": "m1"}' and 3500 < old.ttl("coffer:{mail}:m1") <= 3600
    assert old.get("coffer:{requests}:request:r1:decision") == "approve"
    assert old.zscore("coffer:{requests}:pending", "r1") == 1.0
    assert old.hget("coffer:{quota}:blocked-at", "acme-data") == "7"
    assert old.get("coffer:{mail}:m2") == "newer"
    assert [key for key in old.scan_iter("coffer:*") if "{" not in key and key != "coffer:schema"] == []
    old.close()
