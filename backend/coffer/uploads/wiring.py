"""Uploads: sign with each person's own credentials, so they need only the provider, the clock and the audit log."""

from __future__ import annotations

from coffer.uploads.routes import OPERATIONS
from coffer.uploads.service import Uploads
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    settings = wiring.settings
    wiring.add(
        Uploads(
            wiring.provider,
            wiring.auditor,
            wiring.clock,
            settings.upload_link_seconds,
            settings.tenant_s3_endpoint(),
        )
    )


CAPABILITY = Capability("uploads", build, OPERATIONS)
