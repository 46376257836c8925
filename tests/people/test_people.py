"""Account admins run their people, platform admins their staff; the storage system follows each change."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack

from ..conftest import create_account_with_admin, open_client, unique_account_id
from ..flows import Person, first_sign_in, sign_in
from ..mailbox import one_time_password, wait_for_mail
from ..storage import key_of, service_client
from .conftest import Team


def test_an_invited_member_gets_a_mail_signs_in_and_is_listed_with_mfa(team: Team) -> None:
    member = team.invite("bob")
    assert member["role"] == "account-member" and member["mfa_enrolled"] is False

    client, _ = team.signed_in(member)

    assert client.get("/api/v1/me").json()["role"] == "account-member"
    listed = team.admin.get(team.base, params={"q": "bob"}).json()["items"]
    assert [(user["username"], user["mfa_enrolled"], user["enabled"]) for user in listed] == [("bob", True, True)]
    assert listed[0]["last_sign_in_at"] is not None


def test_disable_ends_sessions_and_refuses_keys_and_enable_restores_them(team: Team) -> None:
    member = team.invite("carol")
    client, person = team.signed_in(member)
    bucket = f"{team.account_id}-shared"
    service_client(team.settings, "s3").create_bucket(Bucket=bucket)
    key = key_of(team.settings, team.account_id, "carol")
    key.list_objects_v2(Bucket=bucket)

    disabled = team.admin.post(f"{team.base}/{member['id']}/disable").json()

    assert disabled["enabled"] is False
    assert client.get("/api/v1/me").status_code == 401
    with pytest.raises(key.exceptions.ClientError):
        key.list_objects_v2(Bucket=bucket)
    assert client.post("/api/v1/auth/login", json={"username": "carol", "password": person.password}).status_code in (
        401,
        403,
    )

    assert team.admin.post(f"{team.base}/{member['id']}/enable").json()["enabled"] is True
    key.list_objects_v2(Bucket=bucket)
    sign_in(client, person, team.clock)
    assert client.get("/api/v1/me").status_code == 200


def test_a_locked_person_is_shown_locked_until_unlocked(team: Team) -> None:
    member = team.invite("dave")
    client, person = team.signed_in(member)
    for _ in range(5):
        client.post("/api/v1/auth/login", json={"username": "dave", "password": "wrong password again"})

    locked = team.admin.get(team.base, params={"status": "locked"}).json()["items"]
    assert [user["username"] for user in locked] == ["dave"] and locked[0]["locked_until"]

    assert team.admin.post(f"{team.base}/{member['id']}/unlock").json()["locked_until"] is None
    assert team.admin.get(team.base, params={"status": "locked"}).json()["items"] == []
    sign_in(client, person, team.clock)


def test_reset_password_mails_a_new_one_and_ends_sessions(team: Team) -> None:
    member = team.invite("erin")
    client, _ = team.signed_in(member)

    reset = team.admin.post(f"{team.base}/{member['id']}/reset-password").json()

    assert reset["must_change_password"] is True
    assert client.get("/api/v1/me").status_code == 401
    password = one_time_password(wait_for_mail(team.stack, member["email"], "password was reset"))
    step = client.post("/api/v1/auth/login", json={"username": "erin", "password": password}).json()
    assert step["step"] == "change_password"


def test_a_role_change_takes_effect_at_the_next_request(team: Team) -> None:
    member = team.invite("frank")
    client, person = team.signed_in(member)

    changed = team.admin.post(f"{team.base}/{member['id']}/role", json={"role": "account-admin"}).json()

    assert changed["role"] == "account-admin"
    assert client.get("/api/v1/me").status_code == 401
    sign_in(client, person, team.clock)
    assert client.get("/api/v1/me").json()["role"] == "account-admin"
    assert client.get(team.base).status_code == 200


def test_delete_needs_the_username_and_removes_the_storage_identity(team: Team) -> None:
    member = team.invite("grace")
    key = key_of(team.settings, team.account_id, "grace")
    one = f"{team.base}/{member['id']}"

    assert team.admin.post(one + "/delete", json={"confirm_username": "nope"}).status_code == 422
    assert team.admin.post(one + "/delete", json={"confirm_username": "grace"}).status_code == 204

    iam_users = [user["UserName"] for user in service_client(team.settings, "iam").list_users()["Users"]]
    assert f"{team.account_id}.grace" not in iam_users
    with pytest.raises(key.exceptions.ClientError):
        key.list_buckets()
    assert team.admin.get(one).status_code == 404
    assert team.invite("grace")["username"] == "grace"


def test_nobody_can_disable_demote_or_delete_themselves(team: Team) -> None:
    own = f"{team.base}/{team.admin_id}"
    assert team.admin.post(own + "/disable").status_code == 409
    assert team.admin.post(own + "/role", json={"role": "account-member"}).status_code == 409
    me = team.admin.get(own).json()
    assert team.admin.post(own + "/delete", json={"confirm_username": me["username"]}).status_code == 409


def test_account_admins_cannot_grant_platform_roles_nor_reach_other_accounts(team: Team) -> None:
    refused = team.admin.post(
        team.base, json={"username": "mallory", "display_name": "M", "email": "m@example.com", "role": "platform-admin"}
    )
    assert refused.status_code == 422 and "does not belong" in refused.json()["detail"]
    other_id = unique_account_id("other")
    stranger = create_account_with_admin(team.settings, other_id, f"owner{other_id}")

    assert team.admin.get(f"/api/v1/accounts/{other_id}/users").status_code == 403
    assert team.admin.post(f"{team.base}/{stranger.user.id}/disable").status_code == 404
    assert team.admin.get("/api/v1/platform-users").status_code == 403


def test_people_are_filtered_by_role_and_sorted_and_paged(team: Team) -> None:
    for name in ("zoe", "amy", "kim"):
        team.invite(name)
    team.invite("boss", role="account-admin")

    members = team.admin.get(team.base, params={"role": "account-member", "sort": "username"}).json()["items"]
    assert [user["username"] for user in members] == ["amy", "kim", "zoe"]
    first = team.admin.get(team.base, params={"sort": "-username", "limit": 2}).json()
    second = team.admin.get(team.base, params={"sort": "-username", "limit": 2, "cursor": first["next_cursor"]}).json()
    names = [user["username"] for user in first["items"] + second["items"]]
    assert names == ["zoe", f"owner{team.account_id}@example.com", "kim", "boss"]


def test_platform_admins_run_staff(client: TestClient, admin: Person, stack: EmbeddedStack, clock: FixedClock) -> None:
    first_sign_in(client, admin, clock)
    answer = client.post(
        "/api/v1/platform-users",
        json={"username": "maria", "display_name": "Maria", "email": "maria@example.com", "role": "platform-manager"},
    )
    assert answer.status_code == 201, answer.text
    assert one_time_password(wait_for_mail(stack, "maria@example.com", "Your Coffer sign-in"))

    staff = client.get("/api/v1/platform-users", params={"sort": "username"}).json()["items"]
    assert [(user["username"], user["role"]) for user in staff] == [
        ("admin", "platform-admin"),
        ("maria", "platform-manager"),
    ]
    wrong_scope = client.post(
        "/api/v1/platform-users",
        json={"username": "ann", "display_name": "Ann", "email": "ann@example.com", "role": "account-admin"},
    )
    assert wrong_scope.status_code == 422


def test_a_reset_authenticator_ends_sessions_and_the_person_enrolls_again(team: Team) -> None:
    member = team.invite("quinn")
    client, person = team.signed_in(member)
    old_recovery_code = person.recovery_codes[0]

    reset = team.admin.post(f"{team.base}/{member['id']}/reset-mfa").json()

    assert reset["mfa_enrolled"] is False
    assert client.get("/api/v1/me").status_code == 401
    assert "set up an authenticator app again" in wait_for_mail(team.stack, member["email"], "authenticator was reset")
    step = client.post("/api/v1/auth/login", json={"username": "quinn", "password": person.password}).json()
    assert step["step"] == "enroll_mfa"
    refused = client.post("/api/v1/auth/mfa", json={"challenge": step["challenge"], "recovery_code": old_recovery_code})
    assert refused.status_code == 401
    enrollment = client.post("/api/v1/auth/mfa/enrollment", json={"challenge": step["challenge"]}).json()
    person.totp_secret = enrollment["secret"]
    team.clock.advance(30)  # a code step is spent per person, whichever secret made it
    confirmed = client.post(
        "/api/v1/auth/mfa/enrollment/confirm", json={"challenge": step["challenge"], "code": person.code(team.clock)}
    )
    assert confirmed.status_code == 200
    assert team.admin.get(f"{team.base}/{member['id']}").json()["mfa_enrolled"] is True


def test_an_admin_ends_every_session_of_a_person_but_not_their_own(team: Team) -> None:
    member = team.invite("rosa")
    client, person = team.signed_in(member)
    with open_client(team.settings, team.clock) as elsewhere:
        sign_in(elsewhere, person, team.clock)

        ended = team.admin.post(f"{team.base}/{member['id']}/sign-out")

        assert ended.status_code == 200
        assert client.get("/api/v1/me").status_code == 401
        assert elsewhere.get("/api/v1/me").status_code == 401
    assert team.admin.post(f"{team.base}/{team.admin_id}/sign-out").status_code == 409
    assert team.admin.get("/api/v1/me").status_code == 200
    sign_in(client, person, team.clock)
    assert client.get("/api/v1/me").status_code == 200


def test_nobody_is_invited_into_an_account_that_does_not_exist(
    client: TestClient, admin: Person, settings: object, clock: FixedClock
) -> None:
    """Found by `coffer reconcile` after schemathesis: the storage user was made before any check."""
    first_sign_in(client, admin, clock)
    ghost = unique_account_id("ghost")

    answer = client.post(
        f"/api/v1/accounts/{ghost}/users",
        json={"username": "casper", "display_name": "Casper", "email": "casper@example.com", "role": "account-member"},
    )

    assert answer.status_code == 404
    assert answer.json()["type"].endswith("/account-not-found")
    names = [user["UserName"] for user in service_client(settings, "iam").list_users()["Users"]]  # type: ignore[arg-type]
    assert not any(name.startswith(f"{ghost}.") for name in names)


def test_nobody_is_invited_into_a_disabled_account_until_it_is_enabled(
    client: TestClient, admin: Person, settings: object, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)
    account_id = unique_account_id("paused")
    create_account_with_admin(settings, account_id, f"owner{account_id}")  # type: ignore[arg-type]
    assert client.post(f"/api/v1/accounts/{account_id}/disable").status_code == 200
    invite = {"username": "quinn", "display_name": "Quinn", "email": "quinn@example.com", "role": "account-member"}

    refused = client.post(f"/api/v1/accounts/{account_id}/users", json=invite)

    assert refused.status_code == 409
    assert refused.json()["detail"] == f"The account {account_id} is disabled; enable it first."
    names = [user["UserName"] for user in service_client(settings, "iam").list_users()["Users"]]  # type: ignore[arg-type]
    assert f"{account_id}.quinn" not in names
    assert client.post(f"/api/v1/accounts/{account_id}/enable").status_code == 200
    assert client.post(f"/api/v1/accounts/{account_id}/users", json=invite).status_code == 201
