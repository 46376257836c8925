"""The names behind the ids an audit event records: people and accounts as the log's readers know them.

Events keep ids or usernames (a person may be renamed or deleted; the record must not change); the
log's pages add the current names beside them, looked up in a few batched reads per page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from coffer.store.accounts import AccountStore
from coffer.store.users import UserStore

_USER_ID = re.compile(r"[0-9a-f]{32}")


class AuditNames:
    def __init__(self, users: UserStore, accounts: AccountStore) -> None:
        self._users = users
        self._accounts = accounts

    async def of_people(self, targets: Iterable[str]) -> dict[str, str]:
        """Targets that name a person, by id or by username → "Display Name (username)"; the rest
        (buckets, keys, links, accounts) are not people and get no name here."""
        wanted = {target for target in targets if target}
        by_id = await self._users.get_many(sorted(target for target in wanted if _USER_ID.fullmatch(target)))
        by_username = await self._users.get_many_by_username(sorted(wanted))
        names: dict[str, str] = {}
        for person in (*by_username, *by_id):
            name = f"{person.display_name} ({person.username})"
            names.update({key: name for key in (person.id, person.username) if key in wanted})
        return names

    async def of_accounts(self, account_ids: Iterable[str]) -> dict[str, str]:
        ids = sorted({account_id for account_id in account_ids if account_id and account_id != "-"})
        accounts = await self._accounts.get_many(ids) if ids else []
        return {account.id: account.display_name for account in accounts}
