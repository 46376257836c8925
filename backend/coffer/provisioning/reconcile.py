"""Reconciliation: what the storage system holds that no Coffer record accounts for.

A crash between a storage call and the record of its outcome could leave an IAM user or a bucket
that no account or person owns; this check finds them (`coffer reconcile`), it changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from coffer.providers.base import StorageProvider
from coffer.store.accounts import AccountStore
from coffer.store.users import UserStore


@dataclass(frozen=True)
class Orphans:
    storage_users: list[str]  # "<account>.<username>": no such account, or no such person in it
    buckets: list[str]  # in an account's namespace, of an account that does not exist (or was deleted)

    def __bool__(self) -> bool:
        return bool(self.storage_users or self.buckets)


class Reconciliation:
    def __init__(self, provider: StorageProvider, accounts: AccountStore, users: UserStore) -> None:
        self._provider = provider
        self._accounts = accounts
        self._users = users

    async def orphans(self) -> Orphans:
        inventory = await self._provider.inventory()
        live: dict[str, bool] = {}

        async def account_lives(account_id: str) -> bool:
            if account_id not in live:
                record = await self._accounts.get(account_id)
                live[account_id] = record is not None and record.status != "deleted"
            return live[account_id]

        storage_users = []
        for account_id, usernames in sorted(inventory.users.items()):
            for username in sorted(usernames):
                person = await self._users.get_by_username(username) if await account_lives(account_id) else None
                if person is None or person.account_id != account_id:
                    storage_users.append(f"{account_id}.{username}")
        buckets = []
        for bucket in sorted(inventory.buckets):
            owner = self._provider.account_of_bucket(bucket)
            if owner is not None and not await account_lives(owner):
                buckets.append(bucket)
        return Orphans(storage_users=storage_users, buckets=buckets)
