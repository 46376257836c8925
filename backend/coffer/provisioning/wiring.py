"""Provisioning: the sagas that make and delete an account end to end, and the reconciliation report."""

from __future__ import annotations

from coffer.accounts.service import Accounts
from coffer.provisioning.deletion import Deletion
from coffer.provisioning.reconcile import Reconciliation
from coffer.provisioning.saga import Provisioning
from coffer.store.accounts import AccountStore
from coffer.store.users import UserStore
from coffer.users.service import UserRegistry
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    settings = wiring.settings
    accounts, account_store = wiring.get(Accounts), AccountStore(wiring.redis)
    wiring.add(
        Provisioning(
            accounts,
            account_store,
            wiring.get(UserRegistry),
            wiring.mailer,
            wiring.provider,
            wiring.auditor,
            wiring.clock,
            settings.public_origin,
            wiring.locks,
            settings.provisioning_lease_seconds,
            settings.quota_min_bytes,
        ),
        Deletion(
            accounts,
            account_store,
            wiring.provider,
            wiring.auditor,
            wiring.clock,
            wiring.locks,
            settings.provisioning_lease_seconds,
        ),
        Reconciliation(wiring.provider, account_store, UserStore(wiring.redis)),
    )


CAPABILITY = Capability("provisioning", build)
