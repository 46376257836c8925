"""Each account user's session gets STS credentials, kept sealed in Redis under its `sid`.

They never reach the browser; they are refreshed shortly before they expire and deleted at
sign-out. SeaweedFS cannot revoke them, so Coffer asks for the shortest lifetime it allows.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from coffer.authorization import storage_access
from coffer.clock import Clock
from coffer.domain_errors import DomainError
from coffer.providers.base import StorageProvider, TemporaryCredentials
from coffer.sealing import SealBroken, Sealer
from coffer.store.credentials import CredentialStore
from coffer.store.users import Role

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
        self, sid: str, account_id: str, username: str, role: Role, session_end: float
    ) -> TemporaryCredentials:
        remaining = int(session_end - self._clock.now())
        duration = max(_STS_MIN_SECONDS, min(self._duration, remaining))
        credentials = await self._provider.assume_console_role(account_id, username, storage_access(role), duration)
        sealed = self._sealer.seal(json.dumps(asdict(credentials)).encode(), f"sts:{sid}")
        await self._store.put(sid, sealed, int(credentials.expires_at - self._clock.now()))
        return credentials

    async def for_cli(
        self, account_id: str, username: str, role: Role, wanted_seconds: int, session_end: float
    ) -> TemporaryCredentials:
        """Credentials handed to the person for their own tools: never stored, never longer than an hour
        nor than their session may still last."""
        seconds = min(wanted_seconds, _CLI_MAX_SECONDS, int(session_end - self._clock.now()))
        if seconds < _STS_MIN_SECONDS:
            raise SessionTooShort(
                "Your session ends in less than 15 minutes, the shortest credentials the storage system issues. "
                "Sign in again first."
            )
        return await self._provider.assume_console_role(account_id, username, storage_access(role), seconds)

    async def current(self, sid: str) -> TemporaryCredentials | None:
        """The session's credentials, or None when missing or due for refresh."""
        sealed = await self._store.get(sid)
        if sealed is None:
            return None
        try:
            credentials = TemporaryCredentials(**json.loads(self._sealer.open(sealed, f"sts:{sid}")))
        except SealBroken:
            return None  # sealed under a master key since retired: they are only a cache, ask STS again
        if credentials.expires_at - self._clock.now() < self._refresh_before:
            return None
        return credentials

    async def of_session(
        self, sid: str, account_id: str, username: str, role: Role, session_end: float
    ) -> TemporaryCredentials:
        """The session's credentials, obtained again when missing or close to expiry."""
        return await self.current(sid) or await self.obtain(sid, account_id, username, role, session_end)

    async def forget(self, sid: str) -> None:
        await self._store.delete(sid)
