"""Access keys: a person's own keys, and the switch that holds a namespace's keys off."""

from __future__ import annotations

from coffer.keys.routes import OPERATIONS
from coffer.keys.service import AccessKeys
from coffer.keys.switch import KeySwitch
from coffer.store.accounts import AccountStore
from coffer.store.key_holds import KeyHoldStore
from coffer.store.users import UserStore
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    switch = KeySwitch(wiring.provider, KeyHoldStore(wiring.redis), wiring.locks)
    wiring.add(
        switch,
        AccessKeys(
            wiring.provider, wiring.locks, UserStore(wiring.redis), AccountStore(wiring.redis), switch, wiring.auditor
        ),
    )


CAPABILITY = Capability("access keys", build, OPERATIONS)
