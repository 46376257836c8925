"""The object browser: reads with each person's own credentials; zip downloads keep their tickets in Redis."""

from __future__ import annotations

from coffer.objects.archives import Archives
from coffer.objects.routes import OPERATIONS
from coffer.objects.service import ObjectBrowser
from coffer.store.archives import ArchiveTicketStore
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    settings = wiring.settings
    wiring.add(
        ObjectBrowser(
            wiring.provider,
            wiring.clock,
            settings.download_link_seconds,
            settings.public_s3_endpoint or settings.s3_endpoint,
        ),
        Archives(wiring.provider, ArchiveTicketStore(wiring.redis)),
    )


CAPABILITY = Capability("objects", build, OPERATIONS)
