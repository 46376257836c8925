"""Known devices (OWASP "device cookies"): a browser where a person opened a session is theirs.

Failed sign-ins lock the pair (username, client), so strangers lock out only clients that carry no
device cookie for that username, while the person's own browser keeps working. The cookie is sealed
with the master key (AES-GCM, its own purpose), so it is neither readable nor forgeable and cannot
stand in for any other token; it names the username and a random device id, and ends by itself.
One browser may be known for a few usernames (shared admin workstations), newest first.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

from coffer.clock import Clock
from coffer.sealing import SealBroken, Sealer

_PURPOSE = "coffer-device-cookie"
_KEEP = 5  # usernames one browser is known for
_MAX_TOKEN = 4096


def device_cookie_name(secure: bool) -> str:
    """`__Host-` needs Secure; plain-http loopback development drops both, like the session cookie."""
    return "__Host-coffer_device" if secure else "coffer_device"


def subject_of(username: str) -> str:
    """How a username is regulated: the same for every spelling a person may type."""
    return username.strip().casefold()[:128]


@dataclass(frozen=True)
class _Entry:
    subject: str
    device: str
    expires_at: int


class KnownDevices:
    def __init__(self, sealer: Sealer, clock: Clock, lifetime_seconds: int) -> None:
        self._sealer = sealer
        self._clock = clock
        self.lifetime_seconds = lifetime_seconds

    def device_of(self, token: str | None, username: str) -> str | None:
        """The device id this browser is known by for this username; None for an untrusted client."""
        subject = subject_of(username)
        return next((entry.device for entry in self._entries(token) if entry.subject == subject), None)

    def remember(self, token: str | None, username: str) -> tuple[str, str]:
        """The browser's new device cookie after a session opened for this username, and its device id.

        A device already known for the username keeps its id (its own failure count goes on with it).
        """
        subject = subject_of(username)
        entries = self._entries(token)
        device = next((entry.device for entry in entries if entry.subject == subject), None) or secrets.token_urlsafe(
            16
        )
        fresh = _Entry(subject, device, int(self._clock.now()) + self.lifetime_seconds)
        kept = [fresh, *(entry for entry in entries if entry.subject != subject)][:_KEEP]
        payload = json.dumps([[entry.subject, entry.device, entry.expires_at] for entry in kept]).encode()
        return self._sealer.seal(payload, _PURPOSE), device

    def _entries(self, token: str | None) -> list[_Entry]:
        if not token or len(token) > _MAX_TOKEN:
            return []
        try:
            raw = json.loads(self._sealer.open(token, _PURPOSE))
            entries = [_Entry(str(subject), str(device), int(expires)) for subject, device, expires in raw]
        except (SealBroken, ValueError, TypeError):
            return []
        now = self._clock.now()
        return [entry for entry in entries if entry.expires_at > now]
