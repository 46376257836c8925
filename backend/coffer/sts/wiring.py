"""Temporary storage credentials for the signed-in person, for the console and the CLI."""

from __future__ import annotations

from coffer.store.credentials import CredentialStore
from coffer.sts.routes import OPERATIONS
from coffer.sts.service import StorageCredentials
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    settings = wiring.settings
    wiring.add(
        StorageCredentials(
            wiring.provider,
            CredentialStore(wiring.redis),
            wiring.sealer,
            wiring.clock,
            settings.sts_duration_seconds,
            settings.sts_refresh_before_seconds,
        )
    )


CAPABILITY = Capability("storage credentials", build, OPERATIONS)
