"""Signing keys live in Redis; if Redis loses them, sign-in goes on with a new key instead of failing."""

from __future__ import annotations

from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack

from ..conftest import create_platform_admin
from ..flows import Person, first_sign_in


def test_sign_in_works_after_redis_lost_the_signing_keys(
    client: TestClient, stack: EmbeddedStack, settings: object, clock: FixedClock
) -> None:
    before = client.get("/.well-known/jwks.json").json()["keys"]
    assert stack.redis is not None
    stack.redis.flush()  # every key, user and session is gone, as after a restore without them
    clock.advance(120)  # past the key cache
    created = create_platform_admin(settings)  # type: ignore[arg-type]

    first_sign_in(client, Person(created.user.username, created.one_time_password), clock)

    assert client.get("/api/v1/me").status_code == 200
    after = client.get("/.well-known/jwks.json").json()["keys"]
    assert [key["kid"] for key in after] != [key["kid"] for key in before]


def test_a_session_begun_just_after_redis_lost_the_keys_outlives_the_key_cache(
    client: TestClient, stack: EmbeddedStack, settings: object, clock: FixedClock
) -> None:
    """The instance still caches the lost key; a token signed with it would die at the next refresh."""
    assert client.get("/.well-known/jwks.json").status_code == 200  # the instance caches the first key
    assert stack.redis is not None
    stack.redis.flush()
    created = create_platform_admin(settings)  # type: ignore[arg-type]
    first_sign_in(client, Person(created.user.username, created.one_time_password), clock)

    clock.advance(61)  # past the key cache, well within the session

    assert client.get("/api/v1/me").status_code == 200
