"""Quotas: limits per account and bucket, enforced on the storage system; crossing one raises alerts."""

from __future__ import annotations

from coffer.alerts.service import Alerts
from coffer.quotas.routes import OPERATIONS
from coffer.quotas.service import Quotas
from coffer.store.accounts import AccountStore
from coffer.store.metering import MeteringStore
from coffer.store.quotas import QuotaStore
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    wiring.add(
        Quotas(
            QuotaStore(wiring.redis),
            AccountStore(wiring.redis),
            MeteringStore(wiring.redis),
            wiring.locks,
            wiring.provider,
            wiring.auditor,
            wiring.settings.quota_min_bytes,
            wiring.clock,
            after_enforce=wiring.get(Alerts).evaluate,
        )
    )


CAPABILITY = Capability("quotas", build, OPERATIONS)
