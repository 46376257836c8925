"""The audit log's pages (the auditor itself is a boundary of the wiring)."""

from __future__ import annotations

from coffer.audit.routes import OPERATIONS
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    """Nothing of its own: the log's pages read the auditor every capability shares."""


CAPABILITY = Capability("audit log", build, OPERATIONS)
