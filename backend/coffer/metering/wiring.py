"""Metering: usage series read by the console, and the collector that samples the storage system."""

from __future__ import annotations

from coffer.alerts.service import Alerts
from coffer.metering.collector import Collector
from coffer.metering.routes import OPERATIONS
from coffer.metering.service import Metering
from coffer.quotas.service import Quotas
from coffer.store.metering import MeteringStore
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    settings = wiring.settings
    store = MeteringStore(wiring.redis)
    wiring.add(
        Metering(store, wiring.clock),
        Collector(
            wiring.provider,
            store,
            wiring.locks,
            wiring.clock,
            requests_seconds=settings.metering_requests_seconds,
            capacity_seconds=settings.metering_capacity_seconds,
            leader_ttl_seconds=settings.metering_leader_ttl_seconds,
            retention_seconds={
                resolution: hours * 3600 for resolution, hours in settings.metering_retention_hours.items()
            },
            recount_seconds=settings.metering_recount_hours * 3600,
            after_capacity=wiring.get(Quotas).enforce,
            daily=wiring.get(Alerts).send_daily_digests,
        ),
    )


CAPABILITY = Capability("metering", build, OPERATIONS)
