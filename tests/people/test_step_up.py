"""Handing out storage secrets asks for a fresh factor, even inside a valid session (DESIGN, step-up)."""

from __future__ import annotations

from ..conftest import make_settings, open_client
from ..flows import Person, first_sign_in_without_mfa
from ..mailbox import one_time_password, wait_for_mail
from .conftest import Team


def test_a_new_key_needs_a_fresh_code_of_the_caller_and_a_spent_code_does_not_count(team: Team) -> None:
    member = team.invite("saul")
    keys = f"{team.base}/{member['id']}/keys"

    missing = team.admin.post(keys, json={})
    wrong = team.admin.post(keys, json={"code": "000000"})
    factor = team.fresh_factor()
    created = team.admin.post(keys, json=factor)
    replayed = team.admin.post(keys, json=factor)

    assert missing.status_code == 422 and [error["field"] for error in missing.json()["errors"]] == ["code"]
    assert wrong.status_code == 401 and wrong.json()["type"].endswith("/invalid-code")
    assert created.status_code == 201
    assert replayed.status_code == 401
    assert len(team.admin.get(keys).json()["items"]) == 1
    assert team.admin.get("/api/v1/me").status_code == 200  # a wrong code is not a lost session


def test_people_without_mfa_confirm_with_their_password(team: Team) -> None:
    optional = make_settings(team.stack, mfa_required_default=False)
    member = team.invite("tess")
    person = Person("tess", one_time_password(wait_for_mail(team.stack, member["email"], "Your Coffer sign-in")))
    with open_client(optional, team.clock) as client:
        first_sign_in_without_mfa(client, person)

        missing = client.post("/api/v1/me/cli-credentials", json={"code": "123456"})
        wrong = client.post("/api/v1/me/cli-credentials", json={"current_password": "not my password at all"})
        minted = client.post("/api/v1/me/cli-credentials", json={"current_password": person.password})

    assert [error["field"] for error in missing.json()["errors"]] == ["current_password"]
    assert wrong.status_code == 422 and [error["field"] for error in wrong.json()["errors"]] == ["current_password"]
    assert minted.status_code == 201


def test_wrong_factors_lock_the_caller_out_like_failed_sign_ins(team: Team) -> None:
    member = team.invite("uma")
    client, uma = team.signed_in(member)
    keys = f"{team.base}/{member['id']}/keys"

    statuses = [client.post(keys, json={"code": "000000"}).status_code for _ in range(team.settings.lockout_failures)]
    locked = client.post(keys, json=team.fresh_factor(uma))

    assert statuses == [401] * team.settings.lockout_failures
    assert locked.status_code == 429 and "locked" in locked.json()["detail"]
    assert team.admin.get(f"{team.base}/{member['id']}").json()["locked_until"] is not None
