"""Alerts: what an account's people are told when usage nears or passes its limits."""

from __future__ import annotations

from coffer.alerts.routes import OPERATIONS
from coffer.alerts.service import Alerts
from coffer.store.alerts import AlertStore
from coffer.store.users import UserStore
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    wiring.add(
        Alerts(
            AlertStore(wiring.redis),
            UserStore(wiring.redis),
            wiring.mailer,
            wiring.clock,
            wiring.settings.public_origin,
        )
    )


CAPABILITY = Capability("alerts", build, OPERATIONS)
