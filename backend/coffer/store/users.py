"""Console users: `coffer:user:{<id>}` JSON records, a unique username index, and per-user keys.

The version counter (`ver`) and the recovery-code set live beside the record so that the
session check reads one small key and a recovery code is spent atomically (SREM).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel

from coffer.data_access import DataLevel
from coffer.store.client import PREFIX, RedisClient, RedisPipeline, read_many
from coffer.store.records import rewrite

Role = Literal["platform-admin", "platform-manager", "platform-viewer", "account-admin", "account-member"]


class DataGrant(BaseModel):
    """A member's access to the account's data, set by its admins (`coffer.data_access` says what it means);
    `revision` grows with each change, so two admins editing at once cannot overwrite each other unseen."""

    account: DataLevel
    buckets: dict[str, DataLevel] = {}
    revision: int = 0


class UserRecord(BaseModel):
    id: str
    username: str
    display_name: str
    email: str
    role: Role
    account_id: str | None = None
    password_hash: str
    must_change_password: bool = True
    totp_secret_sealed: str | None = None
    disabled: bool = False
    created_at: float
    last_sign_in_at: float | None = None
    data_grant: DataGrant | None = None  # members only; None: what every member had before grants existed


def record_key(user_id: str) -> str:
    return f"{PREFIX}:user:{{{user_id}}}"


def _username_key(username: str) -> str:
    return f"{PREFIX}:username:{username.casefold()}"


def version_key(user_id: str) -> str:
    return f"{PREFIX}:user:{{{user_id}}}:ver"


def denied_session_key(user_id: str, sid: str) -> str:
    """Beside the user's other keys (same hash slot), so the session check is one MGET."""
    return f"{PREFIX}:user:{{{user_id}}}:denied:{sid}"


def sessions_key(user_id: str) -> str:
    """The user's signed-in sessions (sid → what the person sees about it), beside their other keys."""
    return f"{PREFIX}:user:{{{user_id}}}:sessions"


def _recovery_key(user_id: str) -> str:
    return f"{PREFIX}:user:{{{user_id}}}:recovery"


def _access_key_count_key(user_id: str) -> str:
    return f"{PREFIX}:user:{{{user_id}}}:access-keys"


def _account_users_key(account_id: str) -> str:
    return f"{PREFIX}:acct:{{{account_id}}}:users"


_PLATFORM_USERS = f"{PREFIX}:users:platform"


_DELETE_IF_OWNED = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class UserStore:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def create(self, user: UserRecord) -> bool:
        """Claims the username atomically; False when it is taken (case-insensitively).

        The name, the person's keys (`{<user id>}`) and their membership lie in three hash slots, so
        they are written in an order that a crash between two steps leaves harmless: the name is
        claimed, the person joins the list (a member without a record is skipped by every read), and
        the record and its version are written together last, which is what makes the person exist."""
        claimed = await self._redis.set(_username_key(user.username), user.id, nx=True)
        if not claimed:
            return False
        members = _PLATFORM_USERS if user.account_id is None else _account_users_key(user.account_id)
        await self._redis.sadd(members, user.id)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(record_key(user.id), user.model_dump_json())
            pipe.set(version_key(user.id), 1)
            await pipe.execute()
        return True

    async def get(self, user_id: str) -> UserRecord | None:
        raw = await self._redis.get(record_key(user_id))
        return None if raw is None else UserRecord.model_validate_json(raw)

    async def get_by_username(self, username: str) -> UserRecord | None:
        user_id = await self._redis.get(_username_key(username))
        return None if user_id is None else await self.get(str(user_id))

    async def update(
        self, user_id: str, *, only_if: dict[str, object] | None = None, **changes: object
    ) -> UserRecord | None:
        """Writes only the named fields onto the record as it is now, atomically (WATCH/MULTI, retried).

        A record is never written back whole from an old read: a sign-in that finishes after an
        admin's disable, or a password change beside a role change, cannot undo the other's fields.
        `only_if` makes it a compare-and-set: nothing is written unless those fields still hold
        those values (a rehash at sign-in must not undo an admin's password reset meanwhile).
        None when the user no longer exists or `only_if` no longer holds.
        """
        unknown = set(changes) - set(UserRecord.model_fields)
        if unknown:
            raise ValueError(f"unknown user fields: {sorted(unknown)}")
        written: list[UserRecord] = []

        def plan(raw: str) -> Callable[[RedisPipeline], None] | None:
            current = UserRecord.model_validate_json(raw)
            if only_if and any(getattr(current, name) != value for name, value in only_if.items()):
                return None
            changed = UserRecord.model_validate(current.model_copy(update=changes).model_dump())
            written[:] = [changed]

            def writes(pipe: RedisPipeline) -> None:
                pipe.set(record_key(user_id), changed.model_dump_json())

            return writes

        return written[0] if await rewrite(self._redis, record_key(user_id), plan) else None

    async def version(self, user_id: str) -> int:
        raw = await self._redis.get(version_key(user_id))
        return int(raw) if raw is not None else 0

    async def bump_version(self, user_id: str) -> int:
        """Ends every session of the user issued before this call."""
        return int(await self._redis.incr(version_key(user_id)))

    async def replace_recovery_codes(self, user_id: str, code_hashes: list[str]) -> None:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.delete(_recovery_key(user_id))
            if code_hashes:
                pipe.sadd(_recovery_key(user_id), *code_hashes)
            await pipe.execute()

    async def spend_recovery_code(self, user_id: str, code_hash: str) -> bool:
        """True once per code: SREM removes it in the same step that checks it."""
        return bool(await self._redis.srem(_recovery_key(user_id), code_hash))

    async def recovery_codes_left(self, user_id: str) -> int:
        return int(await self._redis.scard(_recovery_key(user_id)))

    async def account_user_ids(self, account_id: str) -> set[str]:
        return {str(member) for member in await self._redis.smembers(_account_users_key(account_id))}

    async def platform_user_ids(self) -> set[str]:
        return {str(member) for member in await self._redis.smembers(_PLATFORM_USERS)}

    async def get_many_by_username(self, usernames: list[str]) -> list[UserRecord]:
        """The people of these usernames that exist, in two round trips whatever their number."""
        if not usernames:
            return []
        ids = await read_many(self._redis, [_username_key(username) for username in usernames])
        return await self.get_many([str(user_id) for user_id in ids if user_id is not None])

    async def get_many(self, user_ids: list[str]) -> list[UserRecord]:
        if not user_ids:
            return []
        raws = await read_many(self._redis, [record_key(user_id) for user_id in user_ids])
        return [UserRecord.model_validate_json(raw) for raw in raws if raw is not None]

    async def record_access_key_count(self, user_id: str, count: int) -> None:
        """How many access keys the storage system last said the person has, for lists of people."""
        await self._redis.set(_access_key_count_key(user_id), count)

    async def access_key_counts(self, user_ids: list[str]) -> list[int | None]:
        """The recorded counts, None where none was recorded yet."""
        if not user_ids:
            return []
        raws = await read_many(self._redis, [_access_key_count_key(user_id) for user_id in user_ids])
        return [None if raw is None else int(raw) for raw in raws]

    async def delete(self, user: UserRecord) -> None:
        """Removes the record, its username and per-user keys; the bumped-away version ends sessions.

        The person's own keys go first and together (from then on no session of theirs is accepted),
        then the name, only while it is still theirs, then the membership."""
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.delete(record_key(user.id), version_key(user.id), _recovery_key(user.id), sessions_key(user.id))
            pipe.delete(_access_key_count_key(user.id))
            await pipe.execute()
        await self._redis.eval(_DELETE_IF_OWNED, 1, _username_key(user.username), user.id)
        members = _PLATFORM_USERS if user.account_id is None else _account_users_key(user.account_id)
        await self._redis.srem(members, user.id)

    async def all_user_ids(self) -> list[str]:
        """Every user's id, by scanning (for rare whole-deployment jobs such as resealing)."""
        prefix = f"{PREFIX}:user:{{"
        return [str(key)[len(prefix) : -1] async for key in self._redis.scan_iter(match=f"{prefix}*}}", count=500)]

    async def replace_totp_secret(self, user_id: str, old_sealed: str, new_sealed: str) -> bool:
        """Swaps the sealed TOTP secret only if nobody changed it meanwhile (resealing runs beside sign-ins)."""
        swapped = await self.update(user_id, only_if={"totp_secret_sealed": old_sealed}, totp_secret_sealed=new_sealed)
        return swapped is not None

    async def any_user_exists(self) -> bool:
        async for _ in self._redis.scan_iter(match=f"{PREFIX}:username:*", count=10):
            return True
        return False
