"""Bucket settings: changed with each admin's own credentials, so they need only the provider and the audit log."""

from __future__ import annotations

from coffer.bucket_settings.routes import OPERATIONS
from coffer.bucket_settings.service import BucketSettings
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    wiring.add(BucketSettings(wiring.provider, wiring.auditor))


CAPABILITY = Capability("bucket settings", build, OPERATIONS)
