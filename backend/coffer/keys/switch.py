"""Off stays off: disabling an account or a person switches off exactly the keys that were on, and
enabling switches back on exactly those, once no other reason holds them.

A key deactivated after a leak, by its owner or an admin, is never switched on by an enable; a
disabled person's keys stay off when their account is enabled, and the other way round. What was
switched off is recorded before the storage system is asked, so an instance dying halfway leaves a
record that the next enable restores from.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from coffer.domain_errors import DomainError
from coffer.providers.base import StorageProvider
from coffer.store.key_holds import HoldReason, KeyHold, KeyHoldStore
from coffer.store.leases import wait_for
from coffer.store.locks import LockStore

_LEASE_SECONDS = 30
_WAIT_SECONDS = 15  # a disable and an enable of one account at once: the second waits for the first


class KeysBusy(DomainError):
    """Another disable or enable of the same account is switching its keys right now."""

    status, slug, title = 409, "keys-busy", "Keys are being switched"


class KeySwitch:
    def __init__(self, provider: StorageProvider, holds: KeyHoldStore, locks: LockStore) -> None:
        self._provider = provider
        self._holds = holds
        self._locks = locks

    async def hold(self, account_id: str, reason: HoldReason, username: str | None = None) -> None:
        """Switches off every key that is on (of one person, or of the whole account) for `reason`."""
        async with self._lease(account_id):
            listing = (
                await self._provider.account_access_keys(account_id)
                if username is None
                else {username: await self._provider.list_access_keys(account_id, username)}
            )
            holds = await self._holds.holds(account_id)
            changed: dict[str, KeyHold] = {}
            switched_off: list[tuple[str, str]] = []
            for owner, keys in listing.items():
                for key in keys:
                    held = holds.get(key.access_key_id)
                    if key.active:
                        changed[key.access_key_id] = KeyHold(owner, {reason} | (held.reasons if held else set()))
                        switched_off.append((owner, key.access_key_id))
                    elif held is not None:
                        held.reasons.add(reason)  # off for another reason already: now for both
                        changed[key.access_key_id] = held
            await self._holds.write(account_id, changed)
            await self._provider.set_keys_active(account_id, switched_off, False)

    async def release(self, account_id: str, reason: HoldReason, username: str | None = None) -> None:
        """Drops `reason` from the keys it holds; those held for nothing else are switched on again."""
        async with self._lease(account_id):
            holds = await self._holds.holds(account_id)
            released: dict[str, KeyHold] = {}
            for key_id, held in holds.items():
                if (username is None or held.username == username) and reason in held.reasons:
                    held.reasons.discard(reason)
                    released[key_id] = held
            switched_on = [(held.username, key_id) for key_id, held in released.items() if not held.reasons]
            await self._provider.set_keys_active(account_id, switched_on, True)
            await self._holds.write(account_id, released)

    async def held_for(self, account_id: str, access_key_id: str) -> set[HoldReason]:
        """Why Coffer keeps the key off; empty when it does not."""
        held = await self._holds.hold_of(account_id, access_key_id)
        return set() if held is None else held.reasons

    async def forget(self, account_id: str, access_key_id: str) -> None:
        """Someone switched the key off (or deleted it) on purpose: no enable may switch it on."""
        await self._holds.forget(account_id, access_key_id)

    @contextlib.asynccontextmanager
    async def _lease(self, account_id: str) -> AsyncIterator[None]:
        try:
            lease = await wait_for(self._locks, f"key-switch:{account_id}", _LEASE_SECONDS, _WAIT_SECONDS)
        except TimeoutError as error:
            raise KeysBusy("The account's keys are being switched right now; try again in a moment.") from error
        try:
            async with lease.kept():
                yield
        finally:
            await lease.release()
