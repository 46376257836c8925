"""Data grants: what each member may do with the account's data, and their storage policy kept to it."""

from __future__ import annotations

from coffer.data_grants.routes import OPERATIONS
from coffer.data_grants.service import DataGrants
from coffer.store.users import UserStore
from coffer.users.management import People
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    wiring.add(DataGrants(UserStore(wiring.redis), wiring.get(People), wiring.provider, wiring.auditor))


CAPABILITY = Capability("data grants", build, OPERATIONS)
