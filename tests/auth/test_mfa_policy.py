"""Where MFA is required: by default everywhere; a platform admin may leave it to each account."""

from __future__ import annotations

from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.settings import Settings

from ..conftest import create_account_with_admin, create_user, open_client, unique_account_id
from ..flows import NEW_PASSWORD, Person, first_sign_in, first_sign_in_without_mfa, post


def _login(client: TestClient, person: Person) -> dict[str, object]:
    return post(client, "/api/v1/auth/login", {"username": person.username, "password": person.password})


def _person(settings: Settings, name: str, account_id: str | None = None) -> Person:
    role = "account-member" if account_id else "platform-viewer"
    created = create_user(settings, name, role, account_id)  # type: ignore[arg-type]
    return Person(created.user.username, created.one_time_password)


def _make_mfa_optional(settings: Settings, clock: FixedClock) -> None:
    created = create_user(settings, "root", "platform-admin")
    with open_client(settings, clock) as admin:
        first_sign_in(admin, Person("root", created.one_time_password), clock)
        answer = admin.put("/api/v1/security-policy/mfa", json={"required": False})
        assert answer.status_code == 200 and answer.json()["mfa_required"] is False
        events = admin.get("/api/v1/audit", params={"action": "policy.mfa"}).json()["items"]
        assert [(event["actor"], event["detail"]) for event in events] == [("root", "optional")]


def test_by_default_everyone_must_enroll_and_cannot_put_it_off(
    client: TestClient, settings: Settings, clock: FixedClock
) -> None:
    person = _person(settings, "vera")
    step = _login(client, person)
    step = post(client, "/api/v1/auth/password", {"challenge": step["challenge"], "new_password": NEW_PASSWORD})

    skipped = client.post("/api/v1/auth/mfa/enrollment/skip", json={"challenge": step["challenge"]})

    assert step["mfa_optional"] is False
    assert skipped.status_code == 403 and skipped.json()["type"].endswith("/mfa-required")
    assert client.get("/api/v1/me").status_code == 401
    enrollment = post(client, "/api/v1/auth/mfa/enrollment", {"challenge": step["challenge"]})
    person.totp_secret = enrollment["secret"]
    post(client, "/api/v1/auth/mfa/enrollment/confirm", {"challenge": step["challenge"], "code": person.code(clock)})
    assert client.get("/api/v1/me").json()["mfa_enrolled"] is True


def test_where_mfa_is_optional_people_set_it_up_later_from_their_profile(
    client: TestClient, settings: Settings, clock: FixedClock
) -> None:
    _make_mfa_optional(settings, clock)
    person = _person(settings, "walt")
    first_sign_in_without_mfa(client, person)
    assert client.get("/api/v1/me").json()["mfa_enrolled"] is False

    wrong_password = client.post("/api/v1/me/mfa/enrollment", json={"current_password": "not my password at all"})
    enrollment = post(client, "/api/v1/me/mfa/enrollment", {"current_password": person.password})
    person.totp_secret = enrollment["secret"]
    wrong_code = client.post("/api/v1/me/mfa/enrollment/confirm", json={"code": "000000"})
    confirmed = post(client, "/api/v1/me/mfa/enrollment/confirm", {"code": person.code(clock)})

    assert [error["field"] for error in wrong_password.json()["errors"]] == ["current_password"]
    assert wrong_code.status_code == 401
    assert len(confirmed["recovery_codes"]) == 10
    assert client.get("/api/v1/me").json()["mfa_enrolled"] is True
    assert client.post("/api/v1/me/mfa/enrollment", json={"current_password": person.password}).status_code == 409
    assert _login(client, person)["step"] == "mfa"


def test_an_account_admin_requires_mfa_for_their_account_only(settings: Settings, clock: FixedClock) -> None:
    _make_mfa_optional(settings, clock)
    strict, relaxed = unique_account_id("strict"), unique_account_id("relaxed")
    owner = create_account_with_admin(settings, strict, f"owner{strict}")
    create_account_with_admin(settings, relaxed, f"owner{relaxed}")
    strict_member, relaxed_member = _person(settings, "xena", strict), _person(settings, "yuri", relaxed)
    with open_client(settings, clock) as admin, open_client(settings, clock) as member:
        first_sign_in(admin, Person(owner.user.username, owner.one_time_password), clock)
        first_sign_in_without_mfa(member, strict_member)

        rule = admin.put(f"/api/v1/accounts/{strict}/mfa-policy", json={"required": True}).json()
        assert member.get("/api/v1/me").status_code == 401  # signed out at once, not at the next sign-in
        assert admin.get("/api/v1/me").status_code == 200  # the admin has an authenticator
        step = _login(member, strict_member)
        skipped = member.post("/api/v1/auth/mfa/enrollment/skip", json={"challenge": step["challenge"]})

        assert rule == {"platform_required": False, "account_required": True, "required": True, "signed_out": 1}
        assert (step["step"], step["mfa_optional"]) == ("enroll_mfa", False)
        assert skipped.status_code == 403
        assert admin.put(f"/api/v1/accounts/{relaxed}/mfa-policy", json={"required": True}).status_code == 403
    with open_client(settings, clock) as other:
        first_sign_in_without_mfa(other, relaxed_member)


def test_requiring_mfa_of_everyone_signs_out_at_once_whoever_has_no_authenticator(
    settings: Settings, clock: FixedClock
) -> None:
    _make_mfa_optional(settings, clock)
    enrolled = create_user(settings, "tess", "platform-admin")
    unenrolled = create_user(settings, "ugo", "platform-admin")
    with (
        open_client(settings, clock) as tess,
        open_client(settings, clock) as ugo,
        open_client(settings, clock) as walt,
    ):
        first_sign_in(tess, Person("tess", enrolled.one_time_password), clock)
        first_sign_in_without_mfa(ugo, Person("ugo", unenrolled.one_time_password))
        first_sign_in_without_mfa(walt, _person(settings, "walt"))

        refused = ugo.put("/api/v1/security-policy/mfa", json={"required": True})
        assert refused.status_code == 409 and refused.json()["type"].endswith("/mfa-yourself-first")
        assert walt.get("/api/v1/me").status_code == 200
        announced = tess.get("/api/v1/security-policy").json()["unenrolled_people"]

        required = tess.put("/api/v1/security-policy/mfa", json={"required": True})

        assert required.status_code == 200 and required.json()["signed_out"] == 2 == announced  # ugo and walt
        assert (ugo.get("/api/v1/me").status_code, walt.get("/api/v1/me").status_code) == (401, 401)
        assert tess.get("/api/v1/me").status_code == 200
        again = tess.put("/api/v1/security-policy/mfa", json={"required": True})  # already required
        assert again.json()["signed_out"] == 0
        events = tess.get("/api/v1/audit", params={"action": "policy.mfa"}).json()["items"]
        assert [event["detail"] for event in events] == [
            "required",
            "required; 2 without an authenticator signed out",
            "optional",
        ]
