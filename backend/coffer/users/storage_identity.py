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
from coffer.store.users import UserStore


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
