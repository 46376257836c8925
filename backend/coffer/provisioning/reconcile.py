"""Reconciliation: what the storage system holds that no Coffer record accounts for.

A crash between a storage call and the record of its outcome could leave an IAM user or a bucket
that no account or person owns; this check finds them (`coffer reconcile`), it changes nothing.
A bucket named like `<word>-…` where no account was ever called `<word>` is not Coffer's doing
(Coffer makes an account's record before anything in its namespace, and tenants reach only their
own): the operator's own buckets, say. Those are listed apart and are not orphans.
"""

from __future__ import annotations

from dataclasses import dataclass

from coffer.providers.base import StorageProvider
from coffer.store.accounts import AccountStore
from coffer.store.users import UserStore


@dataclass(frozen=True)
class Orphans:
    storage_users: list[str]  # "<account>.<username>": no such account, or no such person in it
    buckets: list[str]  # in the namespace of a deleted account
    foreign_buckets: list[str]  # in no account's namespace, ever: not Coffer's

    def __bool__(self) -> bool:
        return bool(self.storage_users or self.buckets)


class Reconciliation:
    def __init__(self, provider: StorageProvider, accounts: AccountStore, users: UserStore) -> None:
        self._provider = provider
        self._accounts = accounts
        self._users = users

    async def orphans(self) -> Orphans:
        inventory = await self._provider.inventory()
        known: dict[str, str | None] = {}

        async def status_of(account_id: str) -> str | None:
            """The account's status; None when no account was ever called so."""
            if account_id not in known:
                record = await self._accounts.get(account_id)
                known[account_id] = None if record is None else record.status
            return known[account_id]

        async def account_lives(account_id: str) -> bool:
            return await status_of(account_id) not in (None, "deleted")

        storage_users = []
        for account_id, usernames in sorted(inventory.users.items()):
            for username in sorted(usernames):
                person = await self._users.get_by_username(username) if await account_lives(account_id) else None
                if person is None or person.account_id != account_id:
                    storage_users.append(f"{account_id}.{username}")
        buckets, foreign = [], []
        for bucket in sorted(inventory.buckets):
            owner = self._provider.account_of_bucket(bucket)
            status = None if owner is None else await status_of(owner)
            if status is None:
                foreign.append(bucket)
            elif status == "deleted":
                buckets.append(bucket)
        return Orphans(storage_users=storage_users, buckets=buckets, foreign_buckets=foreign)
