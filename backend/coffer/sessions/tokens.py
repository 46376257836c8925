"""Signing and verifying Coffer's JWTs (RFC 8725).

Each kind of token has its own `typ` header and audience, so a challenge token can never
stand in for a session token or the reverse. The algorithm is pinned per signing key: a token is
verified only with the algorithm the key its `kid` names was made for (see `keys`); time claims
are checked against the injected clock.

`nbf` and `iat` allow `CLOCK_LEEWAY_SECONDS` (30 s) of clock difference: every instance signs with
its own clock, so without it a token issued by an instance a second ahead is refused by the others
until their clocks catch up (RFC 7519 §4.1.4–4.1.5 allow "some small leeway"; NTP keeps real clocks
far closer). `exp` has none: a token ends when it says, so no token's life is stretched by the
leeway (the attack suite's "not yet valid" token is 10 minutes ahead, far past it).

A token whose signature was verified is remembered (bounded, in process) so that the next
request with it skips the signature check; its time window is still checked every time, and
revocation is checked by the session layer on every request.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import jwt

from coffer.clock import Clock
from coffer.sessions.keys import ALGORITHMS, KeyRing, NoSuchKey


@dataclass(frozen=True)
class TokenKind:
    typ: str
    audience: str


# The fixed lives of the link tokens sent by mail; sessions and challenges live as the settings say.
EMAIL_LINK_SECONDS = 24 * 3600
PASSWORD_RESET_SECONDS = 30 * 60

SESSION = TokenKind("coffer-session+jwt", "coffer-console")
CHALLENGE = TokenKind("coffer-challenge+jwt", "mfa")
EMAIL_LINK = TokenKind("coffer-email-link+jwt", "account-request-confirmation")
PASSWORD_RESET = TokenKind("coffer-password-reset+jwt", "password-reset")

_REQUIRED = ["iss", "aud", "exp", "iat", "nbf", "sub", "jti"]
CLOCK_LEEWAY_SECONDS = 30
_VERIFIED_KEPT = 4096
_MAX_HEADER_CHARS = 512


class InvalidToken(Exception):
    """Signature, kind, issuer, audience or time window is wrong."""


class ExpiredToken(InvalidToken):
    """The token was valid once; its time is over."""


class TokenSigner:
    def __init__(self, keys: KeyRing, issuer: str, clock: Clock) -> None:
        self._keys = keys
        self._issuer = issuer
        self._clock = clock
        self._verified: OrderedDict[tuple[str, str], dict[str, Any]] = OrderedDict()

    async def sign(self, kind: TokenKind, subject: str, lifetime_seconds: float, claims: dict[str, Any]) -> str:
        signing = await self._keys.signing_key()
        now = int(self._clock.now())
        payload = {
            **claims,
            "iss": self._issuer,
            "aud": kind.audience,
            "sub": subject,
            "jti": uuid.uuid4().hex,
            "iat": now,
            "nbf": now,
            "exp": now + int(lifetime_seconds),
        }
        headers = {"kid": signing.kid, "typ": kind.typ}
        return jwt.encode(payload, signing.key, algorithm=signing.algorithm, headers=headers)

    async def verify(self, kind: TokenKind, token: str) -> dict[str, Any]:
        remembered = self._verified.get((kind.typ, token))
        claims = dict(remembered) if remembered is not None else await self._verify_signature(kind, token)
        now = self._clock.now()
        if not all(isinstance(claims[name], int) for name in ("exp", "nbf", "iat")):
            raise InvalidToken("time claims must be integers")
        if claims["nbf"] > now + CLOCK_LEEWAY_SECONDS or claims["iat"] > now + CLOCK_LEEWAY_SECONDS:
            raise InvalidToken("token not valid yet")
        if claims["exp"] <= now:
            self._verified.pop((kind.typ, token), None)
            raise ExpiredToken("token expired")
        if remembered is None:
            self._verified[(kind.typ, token)] = dict(claims)
            if len(self._verified) > _VERIFIED_KEPT:
                self._verified.popitem(last=False)
        return claims

    async def _verify_signature(self, kind: TokenKind, token: str) -> dict[str, Any]:
        kid = _named_kid(token)
        try:
            key = await self._keys.public_key(kid)
            decoded = jwt.api_jwt.decode_complete(
                token,
                key.key,
                algorithms=[key.algorithm],
                audience=kind.audience,
                issuer=self._issuer,
                options={"require": _REQUIRED, "verify_exp": False, "verify_nbf": False, "verify_iat": False},
            )
        except NoSuchKey as error:
            raise InvalidToken("unknown key") from error
        except jwt.PyJWTError as error:
            raise InvalidToken(str(error)) from error
        header = decoded["header"]
        if header.get("typ") != kind.typ or header.get("kid") != kid or header.get("alg") not in ALGORITHMS:
            raise InvalidToken("wrong kind of token")
        claims: dict[str, Any] = decoded["payload"]
        return claims


def _named_kid(token: str) -> str:
    """The `kid` the token's header names, only to pick the key: pyjwt then checks the whole token
    (header included) with that key's one algorithm, and `_verify_signature` checks the verified
    header again. Reading it here instead of with pyjwt saves a second full parse of the token."""
    segment = token.split(".", 1)[0]
    if len(segment) > _MAX_HEADER_CHARS:
        raise InvalidToken("malformed token")
    try:
        header = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise InvalidToken("malformed token") from error
    kid = header.get("kid") if isinstance(header, dict) else None
    if not isinstance(kid, str):
        raise InvalidToken("token names no key")
    return kid
