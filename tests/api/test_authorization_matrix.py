"""Every route × every role × own/other account, against one table of expectations written by hand.

Nothing here is read from the routes' own declarations: which routes are account-scoped, public or
about the caller alone is stated below, so a declaration that loses its account scope or its action
fails the matrix instead of teaching it. A route the table does not list fails the first test (add it
by hand), and any 5xx counts as a failure, never as "allowed". What `/me` announces (the actions the
console offers) is held against the same table and against the API's answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, cast

import pytest
from starlette.applications import Starlette
from starlette.routing import Route
from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings
from coffer.store.users import Role

from ..conftest import create_account_with_admin, create_user, make_settings, open_client, unique_account_id
from ..flows import Person, first_sign_in, sign_in

# public: anyone, no session. self: the caller's own person or session. platform: the whole platform,
# no account in the path. own-account: an account in the path; platform roles on any, account roles on theirs.
Scope = Literal["public", "self", "platform", "own-account"]

PLATFORM: frozenset[Role] = frozenset({"platform-admin", "platform-manager", "platform-viewer"})
STAFF: frozenset[Role] = frozenset({"platform-admin", "platform-manager"})
ADMIN: frozenset[Role] = frozenset({"platform-admin"})
ACCOUNT_ROLES: frozenset[Role] = frozenset({"account-admin", "account-member"})
EVERYONE: frozenset[Role] = PLATFORM | ACCOUNT_ROLES
ROLES: list[Role] = sorted(EVERYONE)
NOBODY: frozenset[Role] = frozenset()

A = "/api/v1/accounts/{account_id}"
AU = A + "/users/{user_id}"
PU = "/api/v1/platform-users/{user_id}"
PERSON_CHANGES = ("/disable", "/enable", "/unlock", "/reset-password", "/sign-out", "/reset-mfa", "/role", "/delete")

# (method, path) -> (scope, roles allowed). Written by hand: do not build it from the code.
ROUTES: dict[tuple[str, str], tuple[Scope, frozenset[Role]]] = {
    # sign-in steps, password reset, the public account request form, and what machines call
    ("POST", "/api/v1/auth/login"): ("public", EVERYONE),
    ("POST", "/api/v1/auth/password"): ("public", EVERYONE),
    ("POST", "/api/v1/auth/mfa/enrollment"): ("public", EVERYONE),
    ("POST", "/api/v1/auth/mfa/enrollment/confirm"): ("public", EVERYONE),
    ("POST", "/api/v1/auth/mfa/enrollment/skip"): ("public", EVERYONE),
    ("POST", "/api/v1/auth/mfa"): ("public", EVERYONE),
    ("POST", "/api/v1/auth/password-reset/ask"): ("public", EVERYONE),
    ("POST", "/api/v1/auth/password-reset/inspect"): ("public", EVERYONE),
    ("POST", "/api/v1/auth/password-reset"): ("public", EVERYONE),
    ("GET", "/api/v1/password-rules"): ("public", EVERYONE),
    ("POST", "/api/v1/account-requests"): ("public", EVERYONE),
    ("POST", "/api/v1/shared/inspect"): ("public", EVERYONE),
    ("POST", "/api/v1/shared/download"): ("public", EVERYONE),
    ("POST", "/api/v1/shared/contents"): ("public", EVERYONE),
    ("POST", "/api/v1/shared/archives"): ("public", EVERYONE),
    ("GET", "/api/v1/shared/archives/{link_id}/{ticket}"): ("public", EVERYONE),
    ("POST", "/api/v1/account-requests/confirm"): ("public", EVERYONE),
    ("GET", "/api/v1/openapi.json"): ("public", EVERYONE),
    ("GET", "/healthz"): ("public", EVERYONE),
    ("GET", "/readyz"): ("public", EVERYONE),
    ("GET", "/.well-known/jwks.json"): ("public", EVERYONE),
    ("GET", "/metrics"): ("public", EVERYONE),
    **{(method, "/api/{rest:path}"): ("public", EVERYONE) for method in ("GET", "POST", "PUT", "PATCH", "DELETE")},
    # the caller's own person and sessions
    ("POST", "/api/v1/auth/logout"): ("self", EVERYONE),
    ("POST", "/api/v1/auth/logout-all"): ("self", EVERYONE),
    ("GET", "/api/v1/me"): ("self", EVERYONE),
    ("POST", "/api/v1/me/password"): ("self", EVERYONE),
    ("POST", "/api/v1/me/recovery-codes"): ("self", EVERYONE),
    ("POST", "/api/v1/me/mfa/enrollment"): ("self", EVERYONE),
    ("POST", "/api/v1/me/mfa/enrollment/confirm"): ("self", EVERYONE),
    ("GET", "/api/v1/me/sessions"): ("self", EVERYONE),
    ("POST", "/api/v1/me/sessions/{sid}/sign-out"): ("self", EVERYONE),
    ("GET", "/api/v1/me/notifications"): ("self", EVERYONE),
    ("GET", "/api/v1/me/notifications/unread"): ("self", EVERYONE),
    ("POST", "/api/v1/me/notifications/read"): ("self", EVERYONE),
    ("POST", "/api/v1/me/cli-credentials"): ("self", ACCOUNT_ROLES),  # staff hold no storage identity
    # the platform
    ("GET", "/api/v1/security-policy"): ("platform", ADMIN),
    ("PUT", "/api/v1/security-policy/mfa"): ("platform", ADMIN),
    ("GET", "/api/v1/security-policy/signing-keys"): ("platform", ADMIN),
    ("POST", "/api/v1/security-policy/signing-keys"): ("platform", ADMIN),
    ("GET", "/api/v1/storage/features"): ("platform", EVERYONE),  # the storage system's, not an account's
    ("GET", "/api/v1/accounts"): ("platform", PLATFORM),
    ("GET", "/api/v1/account-counts"): ("platform", PLATFORM),
    ("POST", "/api/v1/accounts"): ("platform", STAFF),
    ("GET", "/api/v1/account-requests"): ("platform", PLATFORM),
    ("POST", "/api/v1/account-requests/{request_id}/approve"): ("platform", STAFF),
    ("POST", "/api/v1/account-requests/{request_id}/deny"): ("platform", STAFF),
    ("GET", "/api/v1/metering/requests"): ("platform", PLATFORM),
    ("GET", "/api/v1/metering/capacity"): ("platform", PLATFORM),
    ("GET", "/api/v1/metering/top-accounts"): ("platform", PLATFORM),
    ("GET", "/api/v1/audit"): ("platform", PLATFORM | {"account-admin"}),  # account admins see their account's
    ("GET", "/api/v1/audit/export.csv"): ("platform", PLATFORM | {"account-admin"}),
    ("GET", "/api/v1/outbox"): ("platform", ADMIN),
    ("GET", "/api/v1/platform-users"): ("platform", ADMIN),
    ("POST", "/api/v1/platform-users"): ("platform", ADMIN),
    ("GET", PU): ("platform", ADMIN),
    ("POST", PU + "/disable"): ("platform", ADMIN),
    ("POST", PU + "/enable"): ("platform", ADMIN),
    ("POST", PU + "/unlock"): ("platform", ADMIN),
    ("POST", PU + "/reset-password"): ("platform", ADMIN),
    ("POST", PU + "/sign-out"): ("platform", ADMIN),
    ("POST", PU + "/reset-mfa"): ("platform", ADMIN),
    ("POST", PU + "/role"): ("platform", ADMIN),
    ("POST", PU + "/delete"): ("platform", ADMIN),
    # one account
    ("GET", A): ("own-account", EVERYONE),
    ("POST", A + "/disable"): ("own-account", STAFF),
    ("POST", A + "/enable"): ("own-account", STAFF),
    ("POST", A + "/retry"): ("own-account", STAFF),
    ("POST", A + "/delete"): ("own-account", STAFF),
    ("GET", A + "/buckets"): ("own-account", EVERYONE),
    ("POST", A + "/buckets"): ("own-account", frozenset({"account-admin"})),  # as themselves in storage: no staff
    ("POST", A + "/buckets/{bucket}/delete"): ("own-account", frozenset({"account-admin"})),
    ("POST", A + "/buckets/{bucket}/purge"): ("own-account", frozenset({"account-admin"})),
    ("GET", A + "/buckets/{bucket}/purge"): ("own-account", frozenset({"account-admin"})),
    # objects are read with the person's own storage identity, which staff do not have in a tenant's account
    ("GET", A + "/buckets/{bucket}/objects"): ("own-account", ACCOUNT_ROLES),
    ("GET", A + "/buckets/{bucket}/object"): ("own-account", ACCOUNT_ROLES),
    ("POST", A + "/buckets/{bucket}/object/download-link"): ("own-account", ACCOUNT_ROLES),
    ("POST", A + "/buckets/{bucket}/share-links"): ("own-account", ACCOUNT_ROLES),
    ("POST", A + "/buckets/{bucket}/archives"): ("own-account", ACCOUNT_ROLES),
    ("GET", A + "/buckets/{bucket}/archives/{ticket}"): ("own-account", ACCOUNT_ROLES),
    ("GET", A + "/share-links"): ("own-account", ACCOUNT_ROLES),
    ("POST", A + "/share-links/{link_id}/revoke"): ("own-account", ACCOUNT_ROLES),
    ("GET", A + "/buckets/{bucket}/object/versions"): ("own-account", ACCOUNT_ROLES),
    ("POST", A + "/buckets/{bucket}/object/versions/download-link"): ("own-account", ACCOUNT_ROLES),
    ("POST", A + "/buckets/{bucket}/object/versions/restore"): ("own-account", ACCOUNT_ROLES),
    ("POST", A + "/buckets/{bucket}/objects/delete"): ("own-account", ACCOUNT_ROLES),
    # a bucket's settings are read and changed with the admin's own storage identity: no staff, and a
    # member's storage identity may not read a bucket's configuration either
    ("GET", A + "/buckets/{bucket}/settings"): ("own-account", frozenset({"account-admin"})),
    ("PUT", A + "/buckets/{bucket}/settings/versioning"): ("own-account", frozenset({"account-admin"})),
    ("PUT", A + "/buckets/{bucket}/settings/cors"): ("own-account", frozenset({"account-admin"})),
    ("PUT", A + "/buckets/{bucket}/settings/tags"): ("own-account", frozenset({"account-admin"})),
    ("PUT", A + "/buckets/{bucket}/settings/policy"): ("own-account", frozenset({"account-admin"})),
    ("POST", A + "/buckets/{bucket}/settings/policy/delete"): ("own-account", frozenset({"account-admin"})),
    # uploads are signed with the person's own storage identity too
    ("POST", A + "/buckets/{bucket}/uploads"): ("own-account", ACCOUNT_ROLES),
    ("POST", A + "/buckets/{bucket}/uploads/{upload_id}/part-links"): ("own-account", ACCOUNT_ROLES),
    ("GET", A + "/buckets/{bucket}/uploads/{upload_id}/parts"): ("own-account", ACCOUNT_ROLES),
    ("POST", A + "/buckets/{bucket}/uploads/{upload_id}/complete"): ("own-account", ACCOUNT_ROLES),
    ("POST", A + "/buckets/{bucket}/uploads/{upload_id}/abort"): ("own-account", ACCOUNT_ROLES),
    ("POST", A + "/buckets/{bucket}/folders"): ("own-account", ACCOUNT_ROLES),
    ("GET", A + "/mfa-policy"): ("own-account", ADMIN | {"account-admin"}),
    ("PUT", A + "/mfa-policy"): ("own-account", ADMIN | {"account-admin"}),
    ("GET", A + "/metering/requests"): ("own-account", EVERYONE),
    ("GET", A + "/metering/capacity"): ("own-account", EVERYONE),
    ("GET", A + "/usage.csv"): ("own-account", EVERYONE),
    ("GET", A + "/quota"): ("own-account", EVERYONE),
    ("PUT", A + "/quota"): ("own-account", ADMIN),
    ("PUT", A + "/buckets/{bucket}/quota"): ("own-account", ADMIN | {"account-admin"}),
    ("GET", A + "/alert-settings"): ("own-account", EVERYONE),
    ("PUT", A + "/alert-settings"): ("own-account", ADMIN | {"account-admin"}),
    ("GET", A + "/users"): ("own-account", PLATFORM | {"account-admin"}),
    ("POST", A + "/users"): ("own-account", ADMIN | {"account-admin"}),
    ("GET", AU): ("own-account", PLATFORM | {"account-admin"}),
    ("POST", AU + "/disable"): ("own-account", ADMIN | {"account-admin"}),
    ("POST", AU + "/enable"): ("own-account", ADMIN | {"account-admin"}),
    ("POST", AU + "/unlock"): ("own-account", ADMIN | {"account-admin"}),
    ("POST", AU + "/reset-password"): ("own-account", ADMIN | {"account-admin"}),
    ("POST", AU + "/sign-out"): ("own-account", ADMIN | {"account-admin"}),
    ("POST", AU + "/reset-mfa"): ("own-account", ADMIN | {"account-admin"}),
    ("POST", AU + "/role"): ("own-account", ADMIN | {"account-admin"}),
    ("POST", AU + "/delete"): ("own-account", ADMIN | {"account-admin"}),
    ("GET", AU + "/data-grant"): ("own-account", ADMIN | {"account-admin"}),
    ("PUT", AU + "/data-grant"): ("own-account", ADMIN | {"account-admin"}),
    # a person's keys: called on the caller's own person, the one a member may reach
    ("GET", AU + "/keys"): ("own-account", ADMIN | ACCOUNT_ROLES),
    ("POST", AU + "/keys"): ("own-account", ACCOUNT_ROLES),  # staff never create a tenant's key
    ("POST", AU + "/keys/{access_key_id}/deactivate"): ("own-account", ADMIN | ACCOUNT_ROLES),
    ("POST", AU + "/keys/{access_key_id}/activate"): ("own-account", ADMIN | ACCOUNT_ROLES),
    ("POST", AU + "/keys/{access_key_id}/delete"): ("own-account", ADMIN | ACCOUNT_ROLES),
}

# The action each route of a session needs, as `/me` names it. Written by hand, like ROUTES.
NEEDS: dict[str, list[tuple[str, str]]] = {
    "profile.own": [
        ("POST", "/api/v1/auth/logout"),
        ("POST", "/api/v1/auth/logout-all"),
        ("GET", "/api/v1/me"),
        ("POST", "/api/v1/me/password"),
        ("POST", "/api/v1/me/recovery-codes"),
        ("POST", "/api/v1/me/mfa/enrollment"),
        ("POST", "/api/v1/me/mfa/enrollment/confirm"),
        ("GET", "/api/v1/me/sessions"),
        ("POST", "/api/v1/me/sessions/{sid}/sign-out"),
        ("GET", "/api/v1/me/notifications"),
        ("GET", "/api/v1/me/notifications/unread"),
        ("POST", "/api/v1/me/notifications/read"),
    ],
    "cli_credentials.mint": [("POST", "/api/v1/me/cli-credentials")],
    "policy.read": [("GET", "/api/v1/security-policy"), ("GET", "/api/v1/security-policy/signing-keys")],
    "policy.manage": [("PUT", "/api/v1/security-policy/mfa"), ("POST", "/api/v1/security-policy/signing-keys")],
    "accounts.read": [
        ("GET", "/api/v1/accounts"),
        ("GET", "/api/v1/account-counts"),
        ("GET", "/api/v1/metering/requests"),
        ("GET", "/api/v1/metering/capacity"),
        ("GET", "/api/v1/metering/top-accounts"),
    ],
    "accounts.manage": [
        ("POST", "/api/v1/accounts"),
        *(("POST", A + suffix) for suffix in ("/disable", "/enable", "/retry", "/delete")),
    ],
    "requests.read": [("GET", "/api/v1/account-requests")],
    "requests.decide": [
        ("POST", "/api/v1/account-requests/{request_id}/approve"),
        ("POST", "/api/v1/account-requests/{request_id}/deny"),
    ],
    "audit.read": [("GET", "/api/v1/audit"), ("GET", "/api/v1/audit/export.csv")],
    "outbox.read": [("GET", "/api/v1/outbox")],
    "platform_users.manage": [
        ("GET", "/api/v1/platform-users"),
        ("POST", "/api/v1/platform-users"),
        ("GET", PU),
        *(("POST", PU + suffix) for suffix in PERSON_CHANGES),
    ],
    "account.read": [
        ("GET", A),
        ("GET", A + "/metering/requests"),
        ("GET", A + "/metering/capacity"),
        ("GET", A + "/usage.csv"),
        ("GET", A + "/quota"),
        ("GET", A + "/alert-settings"),
    ],
    "buckets.read": [("GET", A + "/buckets"), ("GET", "/api/v1/storage/features")],
    "buckets.manage": [
        ("POST", A + "/buckets"),
        ("POST", A + "/buckets/{bucket}/delete"),
        ("POST", A + "/buckets/{bucket}/purge"),
        ("GET", A + "/buckets/{bucket}/purge"),
        *(("PUT", A + "/buckets/{bucket}/settings/" + setting) for setting in ("versioning", "cors", "tags", "policy")),
        ("POST", A + "/buckets/{bucket}/settings/policy/delete"),
    ],
    "buckets.settings.read": [("GET", A + "/buckets/{bucket}/settings")],
    "objects.read": [
        ("GET", A + "/buckets/{bucket}/objects"),
        ("GET", A + "/buckets/{bucket}/object"),
        ("POST", A + "/buckets/{bucket}/object/download-link"),
        ("POST", A + "/buckets/{bucket}/share-links"),
        ("POST", A + "/buckets/{bucket}/archives"),
        ("GET", A + "/buckets/{bucket}/archives/{ticket}"),
        ("GET", A + "/share-links"),
        ("POST", A + "/share-links/{link_id}/revoke"),
        ("GET", A + "/buckets/{bucket}/object/versions"),
        ("POST", A + "/buckets/{bucket}/object/versions/download-link"),
    ],
    "objects.delete": [("POST", A + "/buckets/{bucket}/objects/delete")],
    "objects.write": [
        ("POST", A + "/buckets/{bucket}/object/versions/restore"),
        ("POST", A + "/buckets/{bucket}/uploads"),
        ("POST", A + "/buckets/{bucket}/uploads/{upload_id}/part-links"),
        ("GET", A + "/buckets/{bucket}/uploads/{upload_id}/parts"),
        ("POST", A + "/buckets/{bucket}/uploads/{upload_id}/complete"),
        ("POST", A + "/buckets/{bucket}/uploads/{upload_id}/abort"),
        ("POST", A + "/buckets/{bucket}/folders"),
    ],
    "quotas.account.manage": [("PUT", A + "/quota")],
    "quotas.bucket.manage": [("PUT", A + "/buckets/{bucket}/quota"), ("PUT", A + "/alert-settings")],
    "users.read": [("GET", A + "/users"), ("GET", AU)],
    "users.manage": [
        ("GET", A + "/mfa-policy"),
        ("PUT", A + "/mfa-policy"),
        ("POST", A + "/users"),
        *(("POST", AU + suffix) for suffix in PERSON_CHANGES),
        ("GET", AU + "/data-grant"),
        ("PUT", AU + "/data-grant"),
    ],
    "keys.manage": [
        ("GET", AU + "/keys"),
        *(("POST", AU + "/keys/{access_key_id}" + suffix) for suffix in ("/deactivate", "/activate", "/delete")),
    ],
    "keys.create": [("POST", AU + "/keys")],
}

# These end the caller's session: they run last, each after a fresh sign-in.
LAST = (("POST", "/api/v1/auth/logout"), ("POST", "/api/v1/auth/logout-all"))
NO_SUCH_ACCOUNT = "nosuchaccount"
OTHER_ACCOUNT = "otheracct"


def _served_routes(client: TestClient) -> set[tuple[str, str]]:
    """Every (method, path) the app answers, as Starlette holds them (HEAD comes with GET)."""
    served: set[tuple[str, str]] = set()
    for route in cast(Starlette, client.app).routes:
        assert isinstance(route, Route), f"a route of a kind the matrix cannot call: {route!r}"
        served |= {(method, route.path) for method in route.methods or () if method != "HEAD"}
    return served


def _call(client: TestClient, method: str, path: str, account_id: str, own_user_id: str = "no-such-user") -> int:
    """Calls the route on the account. Key routes go through the caller's own person (members may
    reach only theirs); people routes through a nonexistent person, so nobody is changed."""
    person = own_user_id if "/keys" in path else "no-such-user"
    concrete = path.replace("{account_id}", account_id).replace("{user_id}", person)
    concrete = re.sub(r"\{[a-z_]+(:path)?\}", "no-such-thing", concrete)
    if method == "GET":
        return client.get(concrete).status_code
    return client.request(method, concrete, json={}).status_code


def _verdict(status: int, allowed: bool) -> str | None:
    """None when the status is what the table expects; a 5xx is never an answer."""
    if status >= 500:
        return f"{status}, a server error"
    if allowed and status in (401, 403):
        return f"{status}, expected allowed"
    if not allowed and status != 403:
        return f"{status}, expected 403"
    return None


@pytest.fixture
def dev_settings(stack: EmbeddedStack) -> Settings:
    """dev_mode on, so the outbox exists and its refusal can only come from authorization."""
    return make_settings(stack, dev_mode=True)


def test_the_table_lists_exactly_the_routes_the_app_serves(dev_settings: Settings, clock: FixedClock) -> None:
    with open_client(dev_settings, clock) as client:
        served = _served_routes(client)
    assert sorted(served - ROUTES.keys()) == [], "add each new route to ROUTES by hand: scope and roles"
    assert sorted(ROUTES.keys() - served) == [], "ROUTES names a route that is gone"
    for (method, path), (scope, _) in ROUTES.items():
        assert ("{account_id}" in path) == (scope == "own-account"), f"{method} {path}: scope {scope}"


def test_each_route_of_a_session_needs_one_named_action() -> None:
    needed = [route for routes in NEEDS.values() for route in routes]
    with_session = sorted(route for route, (scope, _) in ROUTES.items() if scope != "public")
    assert sorted(needed) == with_session, "NEEDS names each route of a session once, beside ROUTES"


def test_without_a_session_only_public_routes_answer(dev_settings: Settings, clock: FixedClock) -> None:
    wrong: list[str] = []
    with open_client(dev_settings, clock) as anonymous:
        for (method, path), (scope, _) in ROUTES.items():
            status = _call(anonymous, method, path, NO_SUCH_ACCOUNT)
            if status >= 500 or (status in (401, 403) if scope == "public" else status != 401):
                wrong.append(f"{method} {path}: {status} without a session, scope {scope}")
    assert wrong == []


@dataclass
class Caller:
    role: Role
    own_account: str
    person: Person
    client: TestClient
    user_id: str


@pytest.fixture(params=ROLES)
def caller(request: pytest.FixtureRequest, dev_settings: Settings, clock: FixedClock) -> Iterator[Caller]:
    """A signed-in person of the role; their own account is a nonexistent one for platform roles."""
    role: Role = request.param
    own_account = unique_account_id("own")
    if role == "account-admin":
        created = create_account_with_admin(dev_settings, own_account, "owner")
    elif role == "account-member":
        create_account_with_admin(dev_settings, own_account, "owner")
        created = create_user(dev_settings, "member", role, own_account)
    else:
        own_account = NO_SUCH_ACCOUNT
        created = create_user(dev_settings, role.replace("platform-", ""), role)
    with open_client(dev_settings, clock) as client:
        person = Person(created.user.username, created.one_time_password)
        first_sign_in(client, person, clock)
        yield Caller(role, own_account, person, client, created.user.id)


def test_each_role_may_do_exactly_what_the_table_says(caller: Caller, clock: FixedClock) -> None:
    role, own_account, client = caller.role, caller.own_account, caller.client
    wrong: list[str] = []
    for method, path in sorted(ROUTES, key=lambda route: route in LAST):
        scope, roles = ROUTES[(method, path)]
        if scope == "public":
            continue
        if (method, path) in LAST:
            sign_in(client, caller.person, clock)
        targets = [own_account, OTHER_ACCOUNT] if scope == "own-account" else [own_account]
        for target in targets:
            allowed = role in roles and (role in PLATFORM or target == own_account)
            status = _call(client, method, path, target, caller.user_id)
            verdict = _verdict(status, allowed)
            if verdict is not None:
                wrong.append(f"{method} {path} on {target}: {verdict}")
    assert wrong == []


def test_what_me_announces_is_what_the_api_allows(caller: Caller, clock: FixedClock) -> None:
    """The console shows a control when `/me` announces its action: each announced action is answered
    without 403 (on the accounts its scope reaches), each one left out with 403, as the table says."""
    role, own_account, client = caller.role, caller.own_account, caller.client
    permissions = client.get("/api/v1/me").json()["permissions"]
    assert permissions["scope"] == ("any-account" if role in PLATFORM else "own-account")
    announced: set[str] = set(permissions["actions"])
    assert announced <= NEEDS.keys(), f"/me announces actions no route needs: {announced - NEEDS.keys()}"
    needed = [(action, route) for action, routes in NEEDS.items() for route in routes]
    wrong: list[str] = []
    for action, (method, path) in sorted(needed, key=lambda needs: needs[1] in LAST):
        scope, roles = ROUTES[(method, path)]
        if (method, path) in LAST:
            sign_in(client, caller.person, clock)
        targets = [own_account, OTHER_ACCOUNT] if scope == "own-account" else [own_account]
        for target in targets:
            reaches = scope != "own-account" or permissions["scope"] == "any-account" or target == own_account
            offered = action in announced and reaches
            if offered != (role in roles and (role in PLATFORM or target == own_account)):
                wrong.append(f"{method} {path} on {target}: /me {'offers' if offered else 'hides'} {action}")
            verdict = _verdict(_call(client, method, path, target, caller.user_id), offered)
            if verdict is not None:
                wrong.append(
                    f"{method} {path} on {target}, {action} {'announced' if offered else 'not announced'}: {verdict}"
                )
    assert wrong == []
