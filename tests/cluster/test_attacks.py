"""The attack suite, against the running cluster through nginx: every attempt is refused.

Forged and misused tokens (RFC 8725), CSRF, cookie flags, TOTP replay and guessing, user
enumeration by status, body and timing, and the security headers of every kind of response.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import statistics
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx2 as httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from coffer.app import redis_connection
from coffer.clock import FixedClock
from coffer.embedded.cluster import LocalCluster
from coffer.sealing import Sealer
from coffer.sessions.keys import KeyRing
from coffer.sessions.tokens import SESSION, TokenKind, TokenSigner
from coffer.settings import Settings
from coffer.store.signing_keys import SigningKeyStore

from .conftest import COOKIE, Member, SignedIn, browser, create_person, first_sign_in, post

pytestmark = pytest.mark.cluster


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _parts(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    header, payload, _ = token.split(".")
    return (json.loads(base64.urlsafe_b64decode(header + "==")), json.loads(base64.urlsafe_b64decode(payload + "==")))


def _unsigned(header: dict[str, Any], payload: dict[str, Any]) -> str:
    return f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(payload).encode())}"


def sign_with_deployment_key(
    settings: Settings, at: float, kind: TokenKind, claims: dict[str, Any], lifetime: int = 900
) -> str:
    """A token signed by the real current key, as an insider bug would produce."""

    async def work() -> str:
        connection = redis_connection(settings)
        try:
            keys = KeyRing(SigningKeyStore(connection.redis), Sealer(settings.master_key_bytes()), FixedClock(at), 3600)
            signer = TokenSigner(keys, settings.issuer, FixedClock(at))
            reserved = {"iss", "aud", "sub", "jti", "iat", "nbf", "exp"}
            extra = {key: value for key, value in claims.items() if key not in reserved}
            return await signer.sign(kind, claims["sub"], lifetime, extra)
        finally:
            await connection.close()

    return asyncio.run(work())


@pytest.fixture(scope="module")
def session(cluster: LocalCluster, cluster_settings: Settings) -> Iterator[tuple[httpx.Client, Member]]:
    with browser(cluster) as client:
        person = create_person(cluster_settings)
        first_sign_in(client, person)
        yield client, person


@pytest.fixture(scope="module")
def token(session: tuple[httpx.Client, Member]) -> str:
    value = session[0].cookies.get(COOKIE)
    assert value
    return value


def _me_with(cluster: LocalCluster, token: str) -> httpx.Response:
    with browser(cluster) as client:
        client.cookies.set(COOKIE, token, domain="127.0.0.1")
        return client.get("/api/v1/me")


def test_the_genuine_token_is_accepted(cluster: LocalCluster, token: str) -> None:
    """The control: every forgery below starts from this token."""
    assert _me_with(cluster, token).status_code == 200


def test_alg_none_is_refused(cluster: LocalCluster, token: str) -> None:
    header, payload = _parts(token)
    assert _me_with(cluster, _unsigned({**header, "alg": "none"}, payload) + ".").status_code == 401


def test_hs256_signed_with_the_public_key_is_refused(cluster: LocalCluster, token: str) -> None:
    header, payload = _parts(token)
    with browser(cluster) as client:
        jwks = client.get("/.well-known/jwks.json").json()
    public_x = base64.urlsafe_b64decode(jwks["keys"][0]["x"] + "==")
    body = _unsigned({**header, "alg": "HS256"}, payload)
    signature = hmac.new(public_x, body.encode(), hashlib.sha256).digest()
    assert _me_with(cluster, f"{body}.{_b64(signature)}").status_code == 401


@pytest.mark.parametrize("kid", ["real", "unknown"])
def test_a_token_signed_by_another_key_is_refused(cluster: LocalCluster, token: str, kid: str) -> None:
    header, payload = _parts(token)
    headers = {"kid": header["kid"] if kid == "real" else "not-a-key", "typ": header["typ"]}
    forged = jwt.encode(payload, Ed25519PrivateKey.generate(), algorithm="EdDSA", headers=headers)
    assert _me_with(cluster, forged).status_code == 401


def test_a_tampered_payload_is_refused(cluster: LocalCluster, token: str) -> None:
    header_part, _, signature = token.split(".")
    _, payload = _parts(token)
    payload.update(role="platform-admin", sub="someone-else")
    assert _me_with(cluster, f"{header_part}.{_b64(json.dumps(payload).encode())}.{signature}").status_code == 401


def test_the_deployment_key_signs_an_accepted_copy(
    cluster: LocalCluster, cluster_settings: Settings, token: str
) -> None:
    """The control for the claim tests below: only the claim they change makes them fail."""
    _, payload = _parts(token)
    assert (
        _me_with(cluster, sign_with_deployment_key(cluster_settings, time.time(), SESSION, payload)).status_code == 200
    )


@pytest.mark.parametrize(
    "change",
    ["audience", "issuer", "expired", "not yet valid", "longer than the maximum"],
)
def test_genuinely_signed_tokens_with_wrong_claims_are_refused(
    cluster: LocalCluster, cluster_settings: Settings, token: str, change: str
) -> None:
    _, payload = _parts(token)
    now, kind, settings, lifetime = time.time(), SESSION, cluster_settings, 900
    if change == "audience":
        kind = TokenKind(SESSION.typ, "mfa")
    elif change == "issuer":
        settings = cluster_settings.model_copy(update={"issuer": "someone-else"})
    elif change == "expired":
        now -= 901
    elif change == "not yet valid":
        now += 600
    else:
        payload["auth_time"] = int(now) - cluster_settings.session_max_hours * 3600 + 60
    assert _me_with(cluster, sign_with_deployment_key(settings, now, kind, payload, lifetime)).status_code == 401


def test_a_signed_out_session_is_refused_on_every_instance(cluster: LocalCluster, signed_in: SignedIn) -> None:
    client, _ = signed_in()
    token = client.cookies.get(COOKIE) or ""
    assert client.post("/api/v1/auth/logout").status_code == 204
    for index in range(len(cluster.instance_ports)):  # the denied sid is shared, not per instance
        with httpx.Client(base_url=cluster.instance_url(index)) as direct:
            assert direct.get("/api/v1/me", headers={"Cookie": f"{COOKIE}={token}"}).status_code == 401


def test_a_token_from_before_a_role_change_is_refused(cluster: LocalCluster, signed_in: SignedIn) -> None:
    admin_client, _ = signed_in("platform-admin")
    viewer_client, viewer = signed_in()
    stale = viewer_client.cookies.get(COOKIE) or ""

    post(admin_client, f"/api/v1/platform-users/{viewer.user_id}/role", {"role": "platform-manager"})

    assert _me_with(cluster, stale).status_code == 401


def test_state_changes_without_the_csrf_header_are_refused(
    cluster: LocalCluster, session: tuple[httpx.Client, Member]
) -> None:
    client, _ = session
    for headers in ({"X-Coffer-CSRF": ""}, {"X-Coffer-CSRF": "0"}):
        answer = client.post("/api/v1/me/recovery-codes", json={"code": "000000"}, headers=headers)
        assert answer.status_code == 403
        assert answer.headers["content-type"] == "application/problem+json"
    with browser(cluster, csrf=False) as bare:
        bare.cookies = client.cookies
        assert bare.post("/api/v1/auth/logout").status_code == 403


def test_the_session_cookie_is_host_only_httponly_secure_and_strict(
    cluster: LocalCluster, cluster_settings: Settings
) -> None:
    with browser(cluster) as client:
        person = create_person(cluster_settings)
        first_sign_in(client, person)
        post(client, "/api/v1/auth/logout", {}, expect=204)
        challenge = post(client, "/api/v1/auth/login", {"username": person.username, "password": person.password})
        answer = client.post("/api/v1/auth/mfa", json={"challenge": challenge["challenge"], "code": person.code()})
    assert answer.status_code == 200
    cookie = answer.headers["set-cookie"]
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
    assert cookie.startswith(f"{COOKIE}=")
    assert {"httponly", "secure", "path"} <= attributes and "domain" not in attributes
    assert "samesite=strict" in cookie.lower()


def test_a_totp_code_is_accepted_once(cluster: LocalCluster, cluster_settings: Settings) -> None:
    with browser(cluster) as client:
        person = create_person(cluster_settings)
        first_sign_in(client, person)
        step = post(client, "/api/v1/auth/login", {"username": person.username, "password": person.password})
        code = person.code()
        post(client, "/api/v1/auth/mfa", {"challenge": step["challenge"], "code": code})
        again = post(client, "/api/v1/auth/login", {"username": person.username, "password": person.password})
        replayed = client.post("/api/v1/auth/mfa", json={"challenge": again["challenge"], "code": code})
    assert replayed.status_code == 401


def test_guessing_codes_locks_the_person_out_even_with_the_right_one(
    cluster: LocalCluster, cluster_settings: Settings
) -> None:
    with browser(cluster) as client:
        person = create_person(cluster_settings)
        first_sign_in(client, person)
        for guess in range(cluster_settings.lockout_failures):
            step = post(client, "/api/v1/auth/login", {"username": person.username, "password": person.password})
            wrong = client.post("/api/v1/auth/mfa", json={"challenge": step["challenge"], "code": f"{guess:06d}"})
            assert wrong.status_code == 401
        locked = client.post("/api/v1/auth/login", json={"username": person.username, "password": person.password})
    assert locked.status_code == 429
    assert "challenge" not in locked.json()


def _timed_login(client: httpx.Client, username: str) -> tuple[float, int, dict[str, Any]]:
    started = time.perf_counter()
    answer = client.post("/api/v1/auth/login", json={"username": username, "password": "not the password at all"})
    elapsed = time.perf_counter() - started
    body = answer.json()
    body.pop("instance", None)
    return elapsed, answer.status_code, body


def test_known_and_unknown_usernames_answer_alike_in_status_body_and_time(
    cluster: LocalCluster, cluster_settings: Settings
) -> None:
    known = [create_person(cluster_settings).username for _ in range(8)]
    known_times: list[float] = []
    unknown_times: list[float] = []
    with browser(cluster) as client:
        _timed_login(client, known[0])  # warm both instances' connections
        for round_ in range(3):  # below the lockout: 3 failures per known person
            for username in known:
                elapsed, status, body = _timed_login(client, username)
                known_times.append(elapsed)
                unknown_elapsed, unknown_status, unknown_body = _timed_login(client, f"nobody{uuid.uuid4().hex[:8]}")
                unknown_times.append(unknown_elapsed)
                assert (status, body) == (unknown_status, unknown_body), round_
    known_median, unknown_median = statistics.median(known_times), statistics.median(unknown_times)
    assert abs(known_median - unknown_median) / max(known_median, unknown_median) < 0.10, (
        f"median {known_median * 1000:.1f} ms for known names, {unknown_median * 1000:.1f} ms for unknown ones"
    )


@pytest.mark.parametrize(
    "path",
    ["/", "/sign-in", "/accounts/x/usage", "/api/v1/me", "/api/v1/nothing", "/healthz", "/.well-known/jwks.json"],
)
def test_every_response_carries_the_security_headers(cluster: LocalCluster, path: str) -> None:
    with browser(cluster) as client:
        answer = client.get(path)
    headers = answer.headers
    assert headers["strict-transport-security"].startswith("max-age=")
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"].split("script-src")[1].split(";")[0]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert len(headers.get_list("content-security-policy")) == 1


def test_hashed_assets_are_cached_for_long_and_the_page_not_at_all(cluster: LocalCluster) -> None:
    with browser(cluster) as client:
        page = client.get("/sign-in")
        assert page.headers["cache-control"] == "no-cache"
        script = next(part.split('"')[1] for part in page.text.split("src=")[1:] if part.startswith('"/assets/'))
        asset = client.get(script)
    assert asset.status_code == 200
    assert "immutable" in asset.headers["cache-control"]


def test_oversized_bodies_are_refused_before_reaching_an_instance(cluster: LocalCluster) -> None:
    with browser(cluster) as client:
        answer = client.post("/api/v1/auth/login", content=b"x" * (2 * 1024 * 1024))
    assert answer.status_code == 413
