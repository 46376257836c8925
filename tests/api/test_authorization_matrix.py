"""Every API operation × every role × own/other account, against one explicit table of expectations.

The table is written here by hand, not derived from the code's own table, so a wrong entry in
`coffer.authorization` shows up as a failure. A new operation without an expectation fails the first test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from starlette.testclient import TestClient

from coffer.api.operations import Operation
from coffer.app import OPERATIONS
from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings
from coffer.store.users import Role

from ..conftest import create_account_with_admin, create_user, make_settings, open_client, unique_account_id
from ..flows import Person, first_sign_in, sign_in

PLATFORM: frozenset[Role] = frozenset({"platform-admin", "platform-manager", "platform-viewer"})
STAFF: frozenset[Role] = frozenset({"platform-admin", "platform-manager"})
EVERYONE: frozenset[Role] = PLATFORM | {"account-admin", "account-member"}
ROLES: list[Role] = sorted(EVERYONE)

PUBLIC = {
    "signIn",
    "changeInitialPassword",
    "startMfaEnrollment",
    "confirmMfaEnrollment",
    "skipMfaEnrollment",
    "verifyMfa",
    "requestAccount",
    "confirmAccountRequest",
    "askPasswordReset",
    "inspectPasswordReset",
    "completePasswordReset",
}

PEOPLE_OPERATIONS = [
    ("list", "s"),
    ("invite", ""),
    ("get", ""),
    ("disable", ""),
    ("enable", ""),
    ("unlock", ""),
    ("resetPasswordOf", ""),
    ("resetMfaOf", ""),
    ("endSessionsOf", ""),
    ("changeRoleOf", ""),
    ("delete", ""),
]

# operation id -> (roles allowed on any account, roles allowed on their own account only)
EXPECTED: dict[str, tuple[frozenset[Role], frozenset[Role]]] = {
    "getMe": (EVERYONE, frozenset()),
    "changeOwnPassword": (EVERYONE, frozenset()),
    "newRecoveryCodes": (EVERYONE, frozenset()),
    "startOwnMfaEnrollment": (EVERYONE, frozenset()),
    "confirmOwnMfaEnrollment": (EVERYONE, frozenset()),
    "setPlatformMfaRequirement": (frozenset({"platform-admin"}), frozenset()),
    "getAccountMfaPolicy": (frozenset({"platform-admin"}), frozenset({"account-admin"})),
    "setAccountMfaPolicy": (frozenset({"platform-admin"}), frozenset({"account-admin"})),
    "listOwnSessions": (EVERYONE, frozenset()),
    "getSecurityPolicy": (frozenset({"platform-admin"}), frozenset()),
    "listSigningKeys": (frozenset({"platform-admin"}), frozenset()),
    "rotateSigningKey": (frozenset({"platform-admin"}), frozenset()),
    "endOwnSession": (EVERYONE, frozenset()),
    "signOut": (EVERYONE, frozenset()),
    "signOutEverywhere": (EVERYONE, frozenset()),
    "listAccounts": (PLATFORM, frozenset()),
    "createAccount": (STAFF, frozenset()),
    "getAccount": (PLATFORM, frozenset({"account-admin", "account-member"})),
    "disableAccount": (STAFF, frozenset()),
    "enableAccount": (STAFF, frozenset()),
    "retryAccountProvisioning": (STAFF, frozenset()),
    "deleteAccount": (STAFF, frozenset()),
    "listAccountBuckets": (PLATFORM, frozenset({"account-admin", "account-member"})),
    "listAccountRequests": (PLATFORM, frozenset()),
    "approveAccountRequest": (STAFF, frozenset()),
    "denyAccountRequest": (STAFF, frozenset()),
    "listAuditEvents": (PLATFORM | {"account-admin"}, frozenset()),
    "exportAuditEvents": (PLATFORM | {"account-admin"}, frozenset()),
    "listOutbox": (frozenset({"platform-admin"}), frozenset()),
    "getAccountRequestSeries": (PLATFORM, frozenset({"account-admin", "account-member"})),
    "getAccountCapacitySeries": (PLATFORM, frozenset({"account-admin", "account-member"})),
    "exportAccountUsage": (PLATFORM, frozenset({"account-admin", "account-member"})),
    "getPlatformRequestSeries": (PLATFORM, frozenset()),
    "getPlatformCapacitySeries": (PLATFORM, frozenset()),
    "listTopAccounts": (PLATFORM, frozenset()),
    "getAccountQuota": (PLATFORM, frozenset({"account-admin", "account-member"})),
    "setAccountQuota": (frozenset({"platform-admin"}), frozenset()),
    "setBucketQuota": (frozenset({"platform-admin"}), frozenset({"account-admin"})),
    "listNotifications": (EVERYONE, frozenset()),
    "countUnreadNotifications": (EVERYONE, frozenset()),
    "markNotificationsRead": (EVERYONE, frozenset()),
    "getAlertSettings": (PLATFORM, frozenset({"account-admin", "account-member"})),
    "setAlertSettings": (frozenset({"platform-admin"}), frozenset({"account-admin"})),
    "mintCliCredentials": (frozenset(), frozenset({"account-admin", "account-member"})),
    **{
        f"{verb}AccountUser{plural}": (frozenset({"platform-admin"}), frozenset({"account-admin"}))
        for verb, plural in PEOPLE_OPERATIONS
    },
    **{
        f"{verb}PlatformUser{plural}": (frozenset({"platform-admin"}), frozenset())
        for verb, plural in PEOPLE_OPERATIONS
    },
    **{
        operation_id: (frozenset({"platform-admin"}), frozenset({"account-admin", "account-member"}))
        for operation_id in (
            "listAccessKeys",
            "createAccessKey",
            "deactivateAccessKey",
            "activateAccessKey",
            "deleteAccessKey",
        )
    },
}

# These end the caller's session: they run last, each after a fresh sign-in.
LAST = ("signOut", "signOutEverywhere")
NO_SUCH_ACCOUNT = "nosuchaccount"


def _ordered() -> list[Operation]:
    return sorted(OPERATIONS, key=lambda operation: operation.operation_id in LAST)


def _call(client: TestClient, operation: Operation, account_id: str, own_user_id: str = "no-such-user") -> int:
    """Calls the operation on the account. Key operations go through the caller's own person (members
    may reach only theirs); people operations through a nonexistent person, so nobody is changed."""
    person = own_user_id if "/keys" in operation.path else "no-such-user"
    path = operation.path.replace("{account_id}", account_id).replace("{user_id}", person)
    path = re.sub(r"\{[a-z_]+\}", "no-such-thing", path)
    if operation.method == "GET":
        return client.get(path).status_code
    return client.request(operation.method, path, json={} if operation.body else None).status_code


def test_every_operation_has_exactly_one_expectation() -> None:
    declared = {operation.operation_id for operation in OPERATIONS}
    assert declared - PUBLIC - EXPECTED.keys() == set(), "add the new operation to the matrix"
    assert (PUBLIC | EXPECTED.keys()) - declared == set(), "the matrix names an operation that is gone"
    assert PUBLIC & EXPECTED.keys() == set()
    for operation in OPERATIONS:
        assert operation.needs_session == (operation.operation_id not in PUBLIC), operation.operation_id


@pytest.fixture
def dev_settings(stack: EmbeddedStack) -> Settings:
    """dev_mode on, so the outbox exists and its refusal can only come from authorization."""
    return make_settings(stack, dev_mode=True)


def test_without_a_session_only_public_operations_answer(dev_settings: Settings, clock: FixedClock) -> None:
    with open_client(dev_settings, clock) as anonymous:
        for operation in OPERATIONS:
            status = _call(anonymous, operation, NO_SUCH_ACCOUNT)
            if operation.operation_id in PUBLIC:
                assert status not in (401, 403), operation.operation_id
            else:
                assert status == 401, operation.operation_id


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


def test_each_role_may_do_exactly_what_the_matrix_says(caller: Caller, clock: FixedClock) -> None:
    role, own_account, client = caller.role, caller.own_account, caller.client
    wrong: list[str] = []
    for operation in _ordered():
        if operation.operation_id in PUBLIC:
            continue
        if operation.operation_id in LAST:
            sign_in(client, caller.person, clock)
        anywhere, own_only = EXPECTED[operation.operation_id]
        targets = [own_account, "otheracct"] if operation.account_param else [own_account]
        for target in targets:
            allowed = role in anywhere or (role in own_only and target == own_account)
            status = _call(client, operation, target, caller.user_id)
            if (status in (401, 403)) if allowed else (status != 403):
                wrong.append(
                    f"{operation.operation_id} on {target}: {status}, expected {'allowed' if allowed else 403}"
                )
    assert wrong == []
