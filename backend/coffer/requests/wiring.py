"""Account requests: the public form, its confirmation mail, and the operator's decision."""

from __future__ import annotations

from coffer.accounts.service import Accounts
from coffer.provisioning.saga import Provisioning
from coffer.requests.routes import OPERATIONS
from coffer.requests.service import AccountRequests
from coffer.sessions.one_use import OneUseTokens
from coffer.store.regulation import RegulationStore
from coffer.store.requests import RequestStore
from coffer.users.service import UserRegistry
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    wiring.add(
        AccountRequests(
            RequestStore(wiring.redis),
            RegulationStore(wiring.redis),
            wiring.get(OneUseTokens),
            wiring.get(Accounts),
            wiring.get(Provisioning),
            wiring.get(UserRegistry),
            wiring.mailer,
            wiring.auditor,
            wiring.clock,
            wiring.settings.public_origin,
        )
    )


CAPABILITY = Capability("account requests", build, OPERATIONS)
