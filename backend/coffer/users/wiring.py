"""People: creating console users, and managing the people of an account or of the platform."""

from __future__ import annotations

from coffer.keys.switch import KeySwitch
from coffer.store.accounts import AccountStore
from coffer.store.policy_marks import PolicyMarkStore
from coffer.store.users import UserStore
from coffer.users.management import People
from coffer.users.routes import OPERATIONS
from coffer.users.service import UserRegistry
from coffer.users.storage_identity import PolicyUpgrade
from coffer.verification.passwords import Passwords
from coffer.verification.regulation import Regulator
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    users = UserStore(wiring.redis)
    registry = UserRegistry(users, wiring.get(Passwords), wiring.provider, wiring.auditor, wiring.clock)
    wiring.add(
        registry,
        People(
            users,
            registry,
            wiring.get(Regulator),
            wiring.provider,
            wiring.get(KeySwitch),
            wiring.mailer,
            wiring.auditor,
            wiring.settings.public_origin,
            AccountStore(wiring.redis),
        ),
        PolicyUpgrade(users, wiring.provider, PolicyMarkStore(wiring.redis), wiring.locks),
    )


CAPABILITY = Capability("people", build, OPERATIONS)
