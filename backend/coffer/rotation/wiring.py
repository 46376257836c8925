"""Rotating the signing keys and the master key."""

from __future__ import annotations

from coffer.rotation.routes import OPERATIONS
from coffer.rotation.service import KeyRotation
from coffer.sessions.keys import KeyRing
from coffer.store.users import UserStore
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    wiring.add(KeyRotation(wiring.get(KeyRing), UserStore(wiring.redis), wiring.sealer, wiring.auditor))


CAPABILITY = Capability("key rotation", build, OPERATIONS)
