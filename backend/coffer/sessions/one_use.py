"""Tokens that work once: a sign-in step's challenge, a password-reset link, an account-request link.

Redeeming one checks, in this order, what every such token needs: its signature, kind and time
window (the signer); for a person's token, that the person still exists, is enabled and has the
version the token carries, so a password change or "sign out everywhere" ends it; and, when the
token is used rather than only looked at, that its `jti` was not spent before, spending it for the
rest of the token's life.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coffer.clock import Clock
from coffer.sessions.tokens import InvalidToken, TokenKind, TokenSigner
from coffer.store.sessions import SessionStore
from coffer.store.users import UserRecord, UserStore

_SPENT_AFTER_EXPIRY_SECONDS = 60


class OneUseTokens:
    def __init__(self, signer: TokenSigner, spent: SessionStore, users: UserStore, clock: Clock) -> None:
        self._signer = signer
        self._spent = spent
        self._users = users
        self._clock = clock

    async def issue(self, kind: TokenKind, subject: str, lifetime_seconds: float, claims: dict[str, Any]) -> str:
        return await self._signer.sign(kind, subject, lifetime_seconds, claims)

    async def issue_for_person(self, kind: TokenKind, user_id: str, lifetime_seconds: float, **claims: Any) -> str:
        """A token that ends when the person's version changes."""
        version = await self._users.version(user_id)
        return await self._signer.sign(kind, user_id, lifetime_seconds, {**claims, "ver": version})

    async def redeem(self, kind: TokenKind, token: str, *, spend: bool) -> dict[str, Any]:
        """The token's claims; raises InvalidToken when it is not valid, or was spent already."""
        claims = await self._signer.verify(kind, token)
        if spend:
            await self.spend(claims)
        return claims

    async def redeem_for_person(
        self, kind: TokenKind, token: str, *, spend: bool, expect: Mapping[str, object] | None = None
    ) -> tuple[UserRecord, dict[str, Any]]:
        """The person the token names, and its claims; `expect` names claims that must have these values."""
        claims = await self._signer.verify(kind, token)
        if any(claims.get(name) != value for name, value in (expect or {}).items()):
            raise InvalidToken("token is for another step")
        user = await self._users.get(str(claims["sub"]))
        if user is None or user.disabled or claims.get("ver") != await self._users.version(user.id):
            raise InvalidToken("the person changed since the token was issued")
        if spend:
            await self.spend(claims)
        return user, claims

    async def spend(self, claims: dict[str, Any]) -> None:
        """Raises InvalidToken when the token was spent before."""
        left = int(claims["exp"] - self._clock.now())
        if not await self._spent.spend_token(str(claims["jti"]), left + _SPENT_AFTER_EXPIRY_SECONDS):
            raise InvalidToken("token was used already")
