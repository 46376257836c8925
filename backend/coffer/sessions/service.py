"""Sessions without server-side session state: a short-lived signed token, renewed while used.

A token lives `session_minutes`; activity renews it (same `sid`), never past
`session_max_hours` after sign-in. Revocation is a deny entry per `sid` (sign-out) and a
per-user version (sign out everywhere, password or role change), checked on every request.
"""

from __future__ import annotations

import uuid

from coffer.clock import Clock
from coffer.sessions.claims import SessionClaims
from coffer.sessions.tokens import SESSION, InvalidToken, TokenSigner
from coffer.store.sessions import SessionStore
from coffer.store.users import Role, UserRecord


class SessionRevoked(InvalidToken):
    """Signed out, signed out everywhere, or the user changed since the token was issued."""


class Sessions:
    def __init__(
        self,
        signer: TokenSigner,
        store: SessionStore,
        clock: Clock,
        lifetime_seconds: int,
        max_seconds: int,
        renew_after_seconds: int,
    ) -> None:
        self._signer = signer
        self._store = store
        self._clock = clock
        self._lifetime = lifetime_seconds
        self._max = max_seconds
        self._renew_after = renew_after_seconds

    async def start(self, user: UserRecord, version: int) -> tuple[str, SessionClaims]:
        now = int(self._clock.now())
        return await self._issue(user.id, uuid.uuid4().hex, version, user.role, user.account_id, now)

    async def continue_with_version(self, claims: SessionClaims, version: int, role: Role) -> tuple[str, SessionClaims]:
        """The same session (sid, sign-in time) under a new user version: the others of the user end.

        `role` is the one on record when `version` was bumped, so a role change an admin made
        meanwhile is carried on, not the role this session started with."""
        return await self._issue(claims.sub, claims.sid, version, role, claims.acct, claims.auth_time)

    async def _issue(
        self, user_id: str, sid: str, version: int, role: Role, account_id: str | None, auth_time: int
    ) -> tuple[str, SessionClaims]:
        now = int(self._clock.now())
        lifetime = min(self._lifetime, auth_time + self._max - now)
        token = await self._signer.sign(
            SESSION,
            user_id,
            lifetime,
            {
                "sid": sid,
                "ver": version,
                "role": role,
                "acct": account_id,
                "auth_time": auth_time,
            },
        )
        claims = SessionClaims(
            sub=user_id,
            sid=sid,
            ver=version,
            role=role,
            acct=account_id,
            auth_time=auth_time,
            iat=now,
            exp=now + lifetime,
        )
        return token, claims

    async def authenticate(self, token: str) -> tuple[SessionClaims, UserRecord]:
        """The token's claims and its user, unless the token is invalid or its session was ended."""
        claims = SessionClaims.from_token(await self._signer.verify(SESSION, token))
        if claims.exp > claims.auth_time + self._max:
            raise InvalidToken("session outlives its maximum")
        denied, version, user = await self._store.session_state(claims.sid, claims.sub)
        if denied or claims.ver != version or user is None or user.disabled:
            raise SessionRevoked("session was ended")
        return claims, user

    def renewal_due(self, claims: SessionClaims) -> bool:
        now = self._clock.now()
        return now - claims.iat >= self._renew_after and claims.exp < claims.auth_time + self._max

    async def renew(self, claims: SessionClaims) -> tuple[str, SessionClaims]:
        return await self._issue(claims.sub, claims.sid, claims.ver, claims.role, claims.acct, claims.auth_time)

    def absolute_end(self, claims: SessionClaims) -> int:
        return claims.auth_time + self._max

    async def end(self, claims: SessionClaims) -> None:
        await self._store.deny(claims.sub, claims.sid, self.absolute_end(claims))
