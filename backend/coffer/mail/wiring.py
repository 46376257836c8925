"""The outbox: mail Coffer sent or is about to send (the mailer itself is a boundary of the wiring)."""

from __future__ import annotations

from coffer.mail.routes import OPERATIONS
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    """Nothing of its own: the outbox reads the mailer every capability shares."""


CAPABILITY = Capability("outbox", build, OPERATIONS)
