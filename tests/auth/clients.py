"""Clients at addresses of their own, as the deployment's nginx tells the instances (X-Forwarded-For)."""

from __future__ import annotations

from collections.abc import Iterator

from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.settings import Settings

from ..conftest import open_client

OWNER_IP = "198.51.100.7"
STRANGER_IP = "203.0.113.66"


def client_from(settings: Settings, clock: FixedClock, ip: str) -> Iterator[TestClient]:
    """An open client whose requests come from `ip` (the settings must trust proxy headers)."""
    with open_client(settings, clock) as client:
        client.headers["X-Forwarded-For"] = ip
        yield client
