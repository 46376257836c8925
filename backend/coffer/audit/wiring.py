"""The audit log's pages (the auditor itself is a boundary of the wiring)."""

from __future__ import annotations

from coffer.audit.names import AuditNames
from coffer.audit.routes import OPERATIONS
from coffer.store.accounts import AccountStore
from coffer.store.users import UserStore
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    """The log's pages read the auditor every capability shares, and the names behind its ids."""
    wiring.add(AuditNames(UserStore(wiring.redis), AccountStore(wiring.redis)))


CAPABILITY = Capability("audit log", build, OPERATIONS)
