"""Each account user's session gets STS credentials, kept sealed in Redis under its `sid`.

They never reach the browser; they are refreshed shortly before they expire and deleted at
sign-out. SeaweedFS cannot revoke them, so Coffer asks for the shortest lifetime it allows.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from coffer.clock import Clock
from coffer.data_access import Access
from coffer.domain_errors import DomainError
from coffer.providers.base import StorageProvider, TemporaryCredentials
from coffer.sealing import SealBroken, Sealer
from coffer.store.credentials import CredentialStore

_STS_MIN_SECONDS = 900
_CLI_MAX_SECONDS = 3600


class SessionTooShort(DomainError):
    status, slug, title = 409, "session-too-short", "Session ends too soon"


class StorageCredentials:
    def __init__(
        self,
        provider: StorageProvider,
        store: CredentialStore,
        sealer: Sealer,
        clock: Clock,
        duration_seconds: int,
        refresh_before_seconds: int,
    ) -> None:
        self._provider = provider
        self._store = store
        self._sealer = sealer
        self._clock = clock
        self._duration = duration_seconds
        self._refresh_before = refresh_before_seconds

    async def obtain(
        self, sid: str, account_id: str, username: str, access: Access, session_end: float
    ) -> TemporaryCredentials:
        remaining = int(session_end - self._clock.now())
        duration = max(_STS_MIN_SECONDS, min(self._duration, remaining))
        credentials = await self._provider.assume_console_role(account_id, username, access, duration)
        kept = {**asdict(credentials), "access": _fingerprint(access)}
        sealed = self._sealer.seal(json.dumps(kept).encode(), f"sts:{sid}")
        await self._store.put(sid, sealed, int(credentials.expires_at - self._clock.now()))
        return credentials

    async def for_cli(
        self, account_id: str, username: str, access: Access, wanted_seconds: int, session_end: float
    ) -> TemporaryCredentials:
        """Credentials handed to the person for their own tools: never stored, never longer than an hour
        nor than their session may still last."""
        seconds = min(wanted_seconds, _CLI_MAX_SECONDS, int(session_end - self._clock.now()))
        if seconds < _STS_MIN_SECONDS:
            raise SessionTooShort(
                "Your session ends in less than 15 minutes, the shortest credentials the storage system issues. "
                "Sign in again first."
            )
        return await self._provider.assume_console_role(account_id, username, access, seconds)

    async def current(self, sid: str, access: Access) -> TemporaryCredentials | None:
        """The session's credentials, or None when missing, due for refresh, or made for other access than
        the person has now (an admin changed their data grant: it applies from their next request)."""
        sealed = await self._store.get(sid)
        if sealed is None:
            return None
        try:
            kept = json.loads(self._sealer.open(sealed, f"sts:{sid}"))
        except SealBroken:
            return None  # sealed under a master key since retired: they are only a cache, ask STS again
        if kept.pop("access", None) != _fingerprint(access):
            return None
        credentials = TemporaryCredentials(**kept)
        if credentials.expires_at - self._clock.now() < self._refresh_before:
            return None
        return credentials

    async def of_session(
        self, sid: str, account_id: str, username: str, access: Access, session_end: float
    ) -> TemporaryCredentials:
        """The session's credentials, obtained again when missing, close to expiry or made for other access."""
        return await self.current(sid, access) or await self.obtain(sid, account_id, username, access, session_end)

    async def forget(self, sid: str) -> None:
        await self._store.delete(sid)


def _fingerprint(access: Access) -> str:
    """What the credentials were made to allow, compared (not trusted) when they are used again."""
    return json.dumps([access.manage, access.account, sorted(access.buckets.items())])
