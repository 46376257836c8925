"""The object browser: reads with each person's own credentials, so it needs only the provider."""

from __future__ import annotations

from coffer.objects.routes import OPERATIONS
from coffer.objects.service import ObjectBrowser
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    settings = wiring.settings
    wiring.add(
        ObjectBrowser(
            wiring.provider,
            wiring.clock,
            settings.download_link_seconds,
            settings.public_s3_endpoint or settings.s3_endpoint,
        )
    )


CAPABILITY = Capability("objects", build, OPERATIONS)
