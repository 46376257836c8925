"""The object browser: reads with each person's own credentials; zip downloads keep their tickets in Redis."""

from __future__ import annotations

from coffer.objects.archives import Archives
from coffer.objects.deletion import ObjectDeletion
from coffer.objects.routes import OPERATIONS
from coffer.objects.service import ObjectBrowser
from coffer.objects.version_routes import OPERATIONS as VERSION_OPERATIONS
from coffer.objects.versions import ObjectVersions
from coffer.store.archives import ArchiveTicketStore
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    settings = wiring.settings
    link_endpoint = settings.tenant_s3_endpoint()
    wiring.add(
        ObjectBrowser(
            wiring.provider,
            wiring.clock,
            settings.download_link_seconds,
            link_endpoint,
        ),
        ObjectVersions(wiring.provider, wiring.auditor, wiring.clock, settings.download_link_seconds, link_endpoint),
        ObjectDeletion(wiring.provider, wiring.auditor),
        Archives(wiring.provider, ArchiveTicketStore(wiring.redis)),
    )


CAPABILITY = Capability("objects", build, [*OPERATIONS, *VERSION_OPERATIONS])
