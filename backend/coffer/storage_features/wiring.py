"""The storage system's features: read from the provider, so nothing is built."""

from __future__ import annotations

from coffer.storage_features.routes import OPERATIONS
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    """The provider is a boundary every capability already has: nothing to add."""


CAPABILITY = Capability("storage features", build, OPERATIONS)
