"""Rotating the signing key and the master key while people stay signed in on several instances."""

from __future__ import annotations

import asyncio
import base64
import os
import time
import uuid

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from starlette.testclient import TestClient
from typer.testing import CliRunner

from coffer.app import connected_services
from coffer.cli import cli
from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack
from coffer.sealing import Sealer
from coffer.settings import Settings
from coffer.store.signing_keys import SigningKeyRecord, SigningKeyStore

from ..conftest import cli_environment, create_account_with_admin, make_settings, open_client, unique_account_id
from ..flows import Person, first_sign_in, sign_in

COOKIE = "__Host-coffer_session"


def _kid(client: TestClient) -> str:
    return str(jwt.get_unverified_header(client.cookies.get(COOKIE) or "")["kid"])


def _jwks_kids(client: TestClient) -> set[str]:
    return {key["kid"] for key in client.get("/.well-known/jwks.json").json()["keys"]}


def _install_ed25519_key(settings: Settings) -> str:
    """Makes an Ed25519 key current, as a deployment that signed with EdDSA before ES256 has it."""
    key = Ed25519PrivateKey.generate()
    kid = uuid.uuid4().hex[:16]
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    x = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    record = SigningKeyRecord(
        kid=kid,
        algorithm="EdDSA",
        private_key_sealed=Sealer(settings.master_key_bytes()).seal(pem, f"signing-key:{kid}"),
        public_jwk={"kty": "OKP", "crv": "Ed25519", "x": x, "kid": kid, "alg": "EdDSA", "use": "sig"},
        created_at=time.time(),
    )

    async def install() -> None:
        async with connected_services(settings) as services:
            await SigningKeyStore(services.connection.redis).rotate(record, retires_at=time.time() + 86400, now=0)

    asyncio.run(install())
    return kid


def test_after_a_rotation_every_instance_signs_with_the_new_key_and_old_sessions_go_on(
    settings: Settings, admin: Person, clock: FixedClock
) -> None:
    with open_client(settings, clock) as first, open_client(settings, clock) as second:
        first_sign_in(first, admin, clock)
        old_kid = _kid(first)
        second.cookies.set(COOKIE, first.cookies.get(COOKIE) or "")

        rotated = second.post("/api/v1/security-policy/signing-keys")

        assert rotated.status_code == 200, rotated.text
        keys = rotated.json()["keys"]
        new_kid = next(key["kid"] for key in keys if key["current"])
        assert new_kid != old_kid
        retiring = next(key for key in keys if key["kid"] == old_kid)
        assert retiring["retires_at"] is not None
        clock.advance(2)  # the other instance publishes the new key within a second
        assert _jwks_kids(first) == {old_kid, new_kid}
        # the session signed with the old key still works on both instances ...
        assert first.get("/api/v1/me").status_code == 200
        assert second.get("/api/v1/me").status_code == 200
        # ... and the instance that did not rotate signs the next sign-in with the new key at once
        with open_client(settings, clock) as third:
            sign_in(third, admin, clock)
            assert _kid(third) == new_kid

        clock.advance(24 * 3600 + 1)  # every token the old key signed has expired

        assert _jwks_kids(first) == {new_kid}


def test_sessions_signed_with_an_ed25519_key_from_before_es256_go_on_and_a_rotation_moves_to_es256(
    settings: Settings, admin: Person, clock: FixedClock
) -> None:
    legacy_kid = _install_ed25519_key(settings)
    with open_client(settings, clock) as first, open_client(settings, clock) as second:
        first_sign_in(first, admin, clock)
        legacy = jwt.get_unverified_header(first.cookies.get(COOKIE) or "")
        assert (legacy["kid"], legacy["alg"]) == (legacy_kid, "EdDSA")

        second.cookies.set(COOKIE, first.cookies.get(COOKIE) or "")
        assert second.post("/api/v1/security-policy/signing-keys").status_code == 200
        clock.advance(2)

        published = {key["kid"]: key for key in first.get("/.well-known/jwks.json").json()["keys"]}
        assert published[legacy_kid]["kty"] == "OKP"
        assert first.get("/api/v1/me").status_code == 200  # the EdDSA session goes on at both instances
        assert second.get("/api/v1/me").status_code == 200
        with open_client(settings, clock) as third:
            sign_in(third, admin, clock)
            header = jwt.get_unverified_header(third.cookies.get(COOKIE) or "")
        assert header["alg"] == "ES256"
        assert published[header["kid"]]["kty"] == "EC"


def test_rotating_and_listing_signing_keys_is_for_platform_admins_only(
    settings: Settings, client: TestClient, clock: FixedClock
) -> None:
    created = create_account_with_admin(settings, unique_account_id("rot"), "owner")
    first_sign_in(client, Person(created.user.username, created.one_time_password), clock)

    assert client.get("/api/v1/security-policy/signing-keys").status_code == 403
    assert client.post("/api/v1/security-policy/signing-keys").status_code == 403


def test_the_master_key_is_replaced_without_losing_mfa_sessions_or_signing_keys(
    stack: EmbeddedStack, clock: FixedClock
) -> None:
    """The README's procedure: announce the new key, seal with it, reseal, drop the old one."""
    old_key = base64.b64encode(os.urandom(32)).decode()
    new_key = base64.b64encode(os.urandom(32)).decode()
    before = make_settings(stack, master_key=old_key)
    announcing = make_settings(stack, master_key=old_key, master_keys_extra=new_key)
    switched = make_settings(stack, master_key=new_key, master_keys_extra=old_key)
    after = make_settings(stack, master_key=new_key)
    created = create_account_with_admin(before, unique_account_id("mk"), "owner")
    owner = Person(created.user.username, created.one_time_password)
    account_id = created.user.account_id

    with open_client(before, clock) as old_instance, open_client(announcing, clock) as announced:
        first_sign_in(old_instance, owner, clock)  # TOTP secret, signing key, STS credentials: old key
        announced.cookies.set(COOKIE, old_instance.cookies.get(COOKIE) or "")
        assert announced.get(f"/api/v1/accounts/{account_id}/buckets").status_code == 200
    with open_client(switched, clock) as new_instance:
        new_instance.cookies.set(COOKIE, old_instance.cookies.get(COOKIE) or "")
        assert new_instance.get(f"/api/v1/accounts/{account_id}/buckets").status_code == 200
        result = CliRunner().invoke(cli, ["keys", "reseal"], env=cli_environment(switched))
        assert result.exit_code == 0, result.output
        assert "Resealed 1 TOTP secrets and 1 signing keys" in result.output

    with open_client(after, clock) as only_new:
        only_new.cookies.set(COOKIE, old_instance.cookies.get(COOKIE) or "")
        # the session's STS credentials were sealed under the old key: fetched anew, the person notices nothing
        assert only_new.get(f"/api/v1/accounts/{account_id}/buckets").status_code == 200
        with open_client(after, clock) as fresh:
            sign_in(fresh, owner, clock)  # the TOTP secret opens under the new key alone
            assert fresh.get("/api/v1/me").status_code == 200


def test_keys_rotate_from_the_shell(settings: Settings, client: TestClient, admin: Person, clock: FixedClock) -> None:
    first_sign_in(client, admin, clock)
    before = _jwks_kids(client)

    result = CliRunner().invoke(cli, ["keys", "rotate"], env=cli_environment(settings))

    assert result.exit_code == 0, result.output
    clock.advance(61)  # past the key cache of this instance
    assert len(_jwks_kids(client)) == 2 and before < _jwks_kids(client)
    assert client.get("/api/v1/me").status_code == 200
