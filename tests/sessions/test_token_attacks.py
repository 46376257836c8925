"""Forged, altered and misused session tokens are refused (RFC 8725)."""

from __future__ import annotations

import asyncio
import base64
import json
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.sealing import Sealer
from coffer.sessions.keys import KeyRing
from coffer.sessions.tokens import SESSION, TokenKind, TokenSigner
from coffer.settings import Settings
from coffer.store.client import RedisConnection
from coffer.store.signing_keys import SigningKeyStore

from ..flows import Person, first_sign_in

COOKIE = "__Host-coffer_session"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _parts(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    header, payload, _ = token.split(".")
    return (json.loads(base64.urlsafe_b64decode(header + "==")), json.loads(base64.urlsafe_b64decode(payload + "==")))


def sign_with_deployment_key(
    settings: Settings, clock: FixedClock, kind: TokenKind, claims: dict[str, Any], lifetime: int = 900
) -> str:
    """A token signed by the real current key, as an insider bug would produce."""

    async def work() -> str:
        connection = RedisConnection(settings.redis_url)
        try:
            keys = KeyRing(SigningKeyStore(connection.redis), Sealer(settings.master_key_bytes()), clock, 3600)
            signer = TokenSigner(keys, settings.issuer, clock)
            reserved = {"iss", "aud", "sub", "jti", "iat", "nbf", "exp"}
            extra = {key: value for key, value in claims.items() if key not in reserved}
            return await signer.sign(kind, claims["sub"], lifetime, extra)
        finally:
            await connection.close()

    return asyncio.run(work())


@pytest.fixture
def session_token(client: TestClient, admin: Person, clock: FixedClock) -> str:
    first_sign_in(client, admin, clock)
    token = client.cookies.get(COOKIE)
    assert token
    return token


def _me_with(client: TestClient, token: str) -> int:
    client.cookies.clear()
    client.cookies.set(COOKIE, token)
    return client.get("/api/v1/me").status_code


def test_the_genuine_token_is_accepted(client: TestClient, session_token: str) -> None:
    assert _me_with(client, session_token) == 200


def test_alg_none_is_refused(client: TestClient, session_token: str) -> None:
    header, payload = _parts(session_token)
    forged = f"{_b64(json.dumps({**header, 'alg': 'none'}).encode())}.{_b64(json.dumps(payload).encode())}."
    assert _me_with(client, forged) == 401


def test_hs256_signed_with_the_public_key_is_refused(client: TestClient, session_token: str) -> None:
    header, payload = _parts(session_token)
    jwks = client.get("/.well-known/jwks.json").json()
    public_x = base64.urlsafe_b64decode(jwks["keys"][0]["x"] + "==")
    body = f"{_b64(json.dumps({**header, 'alg': 'HS256'}).encode())}.{_b64(json.dumps(payload).encode())}"
    import hashlib
    import hmac

    signature = hmac.new(public_x, body.encode(), hashlib.sha256).digest()
    assert _me_with(client, f"{body}.{_b64(signature)}") == 401


def test_a_token_signed_by_another_key_under_the_real_kid_is_refused(client: TestClient, session_token: str) -> None:
    header, payload = _parts(session_token)
    forged = jwt.encode(
        payload, Ed25519PrivateKey.generate(), algorithm="EdDSA", headers={"kid": header["kid"], "typ": header["typ"]}
    )
    assert _me_with(client, forged) == 401


def test_an_unknown_kid_is_refused(client: TestClient, session_token: str) -> None:
    header, payload = _parts(session_token)
    forged = jwt.encode(
        payload, Ed25519PrivateKey.generate(), algorithm="EdDSA", headers={"kid": "not-a-key", "typ": header["typ"]}
    )
    assert _me_with(client, forged) == 401


def test_a_tampered_payload_is_refused(client: TestClient, session_token: str) -> None:
    header_part, _, signature = session_token.split(".")
    _, payload = _parts(session_token)
    payload["role"] = "platform-admin"
    payload["acct"] = None
    payload["sub"] = "someone-else"
    assert _me_with(client, f"{header_part}.{_b64(json.dumps(payload).encode())}.{signature}") == 401


def test_a_genuine_signature_with_the_wrong_audience_is_refused(
    client: TestClient, settings: Settings, clock: FixedClock, session_token: str
) -> None:
    _, payload = _parts(session_token)
    token = sign_with_deployment_key(settings, clock, TokenKind(SESSION.typ, "mfa"), payload)
    assert _me_with(client, token) == 401


def test_a_genuine_signature_from_another_issuer_is_refused(
    client: TestClient, settings: Settings, clock: FixedClock, session_token: str
) -> None:
    _, payload = _parts(session_token)
    other_issuer = settings.model_copy(update={"issuer": "someone-else"})
    token = sign_with_deployment_key(other_issuer, clock, SESSION, payload)
    assert _me_with(client, token) == 401


def test_the_same_claims_signed_by_the_deployment_key_are_accepted(
    client: TestClient, settings: Settings, clock: FixedClock, session_token: str
) -> None:
    """The control for the two tests above: only audience or issuer made them fail."""
    _, payload = _parts(session_token)
    assert _me_with(client, sign_with_deployment_key(settings, clock, SESSION, payload)) == 200


def test_an_expired_token_is_refused_as_session_expired(
    client: TestClient, session_token: str, clock: FixedClock
) -> None:
    clock.advance(15 * 60 + 1)
    client.cookies.clear()
    client.cookies.set(COOKIE, session_token)
    answer = client.get("/api/v1/me")
    assert answer.status_code == 401
    assert answer.json()["type"].endswith("/session-expired")


def test_a_token_not_yet_valid_is_refused(
    client: TestClient, settings: Settings, clock: FixedClock, session_token: str
) -> None:
    _, payload = _parts(session_token)
    future = FixedClock(clock.now() + 600)
    token = sign_with_deployment_key(settings, future, SESSION, payload)
    assert _me_with(client, token) == 401


def test_a_session_token_signed_for_longer_than_the_maximum_is_refused(
    client: TestClient, settings: Settings, clock: FixedClock, session_token: str
) -> None:
    _, payload = _parts(session_token)
    payload["auth_time"] = int(clock.now()) - 12 * 3600 + 60
    token = sign_with_deployment_key(settings, clock, SESSION, payload, lifetime=900)
    assert _me_with(client, token) == 401
