"""A person's record changes field by field: writers at once never undo each other."""

from __future__ import annotations

import asyncio
import time
import uuid

from coffer.app import redis_connection
from coffer.settings import Settings
from coffer.store.users import UserRecord, UserStore


def _person() -> UserRecord:
    return UserRecord(
        id=uuid.uuid4().hex,
        username=f"p{uuid.uuid4().hex[:8]}",
        display_name="P",
        email="p@example.com",
        role="account-member",
        account_id="acme",
        password_hash="old-hash",
        created_at=time.time(),
    )


def test_writers_of_different_fields_at_once_all_stick(settings: Settings) -> None:
    async def run() -> UserRecord | None:
        connection = redis_connection(settings)
        store = UserStore(connection.redis)
        person = _person()
        await store.create(person)
        await asyncio.gather(
            store.update(person.id, disabled=True),
            store.update(person.id, role="account-admin"),
            store.update(person.id, last_sign_in_at=123.0),
            store.update(person.id, password_hash="new-hash", must_change_password=False),
            *(store.update(person.id, display_name=f"P{n}") for n in range(20)),
        )
        found = await store.get(person.id)
        await connection.close()
        return found

    found = asyncio.run(run())

    assert found is not None
    assert (found.disabled, found.role, found.last_sign_in_at) == (True, "account-admin", 123.0)
    assert (found.password_hash, found.must_change_password) == ("new-hash", False)


def test_a_rehash_writes_nothing_once_an_admin_reset_the_password_meanwhile(settings: Settings) -> None:
    async def run() -> tuple[UserRecord | None, UserRecord | None]:
        connection = redis_connection(settings)
        store = UserStore(connection.redis)
        person = _person()
        await store.create(person)
        await store.update(person.id, password_hash="admin-reset-hash")  # the admin, during the sign-in
        rehashed = await store.update(person.id, only_if={"password_hash": "old-hash"}, password_hash="rehash")
        found = await store.get(person.id)
        await connection.close()
        return rehashed, found

    rehashed, found = asyncio.run(run())

    assert rehashed is None
    assert found is not None and found.password_hash == "admin-reset-hash"
