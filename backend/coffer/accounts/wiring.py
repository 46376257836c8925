"""Accounts: their records, status and namespace."""

from __future__ import annotations

from coffer.accounts.routes import OPERATIONS
from coffer.accounts.service import Accounts
from coffer.keys.switch import KeySwitch
from coffer.store.accounts import AccountStore
from coffer.store.metering import MeteringStore
from coffer.store.users import UserStore
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    wiring.add(
        Accounts(
            AccountStore(wiring.redis),
            UserStore(wiring.redis),
            MeteringStore(wiring.redis),
            wiring.provider,
            wiring.get(KeySwitch),
            wiring.auditor,
            wiring.clock,
        )
    )


CAPABILITY = Capability("accounts", build, OPERATIONS)
