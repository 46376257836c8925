"""A person's storage policy follows their record (role, data grant), also when two changes race.

Two admins changing one person at once each write the record atomically, but their policy writes to the
storage system may land in either order. So each writer, after writing the policy, reads the record again
and writes once more if it changed meanwhile: whoever writes last has just seen the record it wrote, and
the policy in force is the one the record says.
"""

from __future__ import annotations

from coffer.authorization import storage_access
from coffer.data_access import Access
from coffer.providers.base import StorageProvider
from coffer.store.leases import held
from coffer.store.locks import LockStore
from coffer.store.policy_marks import PolicyMarkStore
from coffer.store.users import UserStore

_LEASE_SECONDS = 60


class StorageIdentity:
    def __init__(self, store: UserStore, provider: StorageProvider) -> None:
        self._store = store
        self._provider = provider

    async def follow_record(self, user_id: str) -> None:
        """Writes the person's storage policy until it is the one their record says (no-op for staff)."""
        written: Access | None = None
        while True:
            user = await self._store.get(user_id)
            if user is None or user.account_id is None:
                return
            access = storage_access(user.role, user.data_grant)
            if access == written:
                return
            await self._provider.create_account_user(user.account_id, user.username, access)
            written = access


class PolicyUpgrade:
    """After an upgrade that changes what a level allows (the provider's `policy_mark`), every person's
    stored policy is written again once, by one instance, so keys made before the upgrade follow too."""

    def __init__(self, store: UserStore, provider: StorageProvider, marks: PolicyMarkStore, locks: LockStore) -> None:
        self._store = store
        self._provider = provider
        self._marks = marks
        self._locks = locks
        self._identity = StorageIdentity(store, provider)

    async def bring_up_to_date(self) -> int:
        """How many people's policies were written again (0 when they were up to date or another instance
        is at it)."""
        mark = self._provider.policy_mark
        if await self._marks.get() == mark:
            return 0
        async with held(self._locks, "storage-policies", _LEASE_SECONDS) as lease:
            if lease is None or await self._marks.get() == mark:
                return 0
            written = 0
            async with lease.kept():
                for user_id in sorted(await self._store.all_user_ids()):
                    lease.check()
                    user = await self._store.get(user_id)
                    if user is not None and user.account_id is not None:
                        await self._identity.follow_record(user_id)
                        written += 1
            await self._marks.set(mark)
            return written
