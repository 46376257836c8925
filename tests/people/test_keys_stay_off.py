"""Off stays off: an enable switches on only what its disable switched off, checked at the S3 level."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from starlette.testclient import TestClient

from coffer.app import connected_services
from coffer.clock import FixedClock
from coffer.keys.service import AccessKeys, KeyLimit
from coffer.store.users import UserStore

from ..flows import Person, first_sign_in
from .conftest import Team
from .test_access_keys import keys_path, s3_with


def works(s3: Any, bucket: str) -> bool:
    try:
        s3.list_objects_v2(Bucket=bucket)
    except s3.exceptions.ClientError:
        return False
    return True


def two_keys(team: Team, user: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    first = team.admin.post(keys_path(team, user), json=team.fresh_factor())
    second = team.admin.post(keys_path(team, user), json=team.fresh_factor())
    assert first.status_code == second.status_code == 201, (first.text, second.text)
    return first.json(), second.json()


@pytest.fixture
def staff(team: Team, admin: Person) -> TestClient:
    client: TestClient = team.opened.enter_context(TestClient(team.admin.app, base_url="https://testserver"))
    client.headers["X-Coffer-CSRF"] = "1"
    first_sign_in(client, admin, team.clock)
    return client


@pytest.fixture
def bucket(team: Team) -> str:
    from ..storage import service_client

    name = f"{team.account_id}-data"
    service_client(team.settings, "s3").create_bucket(Bucket=name)
    return name


def test_a_key_switched_off_after_a_leak_stays_off_through_a_disable_and_enable_of_the_account(
    team: Team, staff: TestClient, bucket: str
) -> None:
    member = team.invite("lena")
    leaked, kept = two_keys(team, member)
    assert team.admin.post(f"{keys_path(team, member)}/{leaked['access_key_id']}/deactivate").status_code == 204

    assert staff.post(f"/api/v1/accounts/{team.account_id}/disable").status_code == 200
    assert not works(s3_with(team, kept), bucket)
    assert staff.post(f"/api/v1/accounts/{team.account_id}/enable").status_code == 200

    assert not works(s3_with(team, leaked), bucket)
    assert works(s3_with(team, kept), bucket)
    listed = {key["access_key_id"]: key["active"] for key in staff.get(keys_path(team, member)).json()["items"]}
    assert listed == {leaked["access_key_id"]: False, kept["access_key_id"]: True}


def test_a_disabled_person_keeps_their_keys_off_when_their_account_is_enabled(
    team: Team, staff: TestClient, bucket: str
) -> None:
    member, colleague = team.invite("mira"), team.invite("nils")
    [mira_key, _] = two_keys(team, member)
    [nils_key, _] = two_keys(team, colleague)
    assert team.admin.post(f"{team.base}/{member['id']}/disable").status_code == 200

    assert staff.post(f"/api/v1/accounts/{team.account_id}/disable").status_code == 200
    assert staff.post(f"/api/v1/accounts/{team.account_id}/enable").status_code == 200

    assert not works(s3_with(team, mira_key), bucket)
    assert works(s3_with(team, nils_key), bucket)
    assert staff.post(f"{team.base}/{member['id']}/enable").status_code == 200
    assert works(s3_with(team, mira_key), bucket)


def test_a_person_enabled_while_their_account_is_disabled_gets_their_keys_back_only_with_the_account(
    team: Team, staff: TestClient, bucket: str
) -> None:
    member = team.invite("olga")
    [key, _] = two_keys(team, member)
    assert staff.post(f"{team.base}/{member['id']}/disable").status_code == 200
    assert staff.post(f"/api/v1/accounts/{team.account_id}/disable").status_code == 200
    assert staff.post(f"{team.base}/{member['id']}/enable").status_code == 200

    assert not works(s3_with(team, key), bucket)
    assert staff.post(f"/api/v1/accounts/{team.account_id}/enable").status_code == 200
    assert works(s3_with(team, key), bucket)


def test_a_key_held_off_by_a_disable_cannot_be_switched_on_by_hand(team: Team, staff: TestClient) -> None:
    member = team.invite("pia")
    [key, _] = two_keys(team, member)
    assert team.admin.post(f"{team.base}/{member['id']}/disable").status_code == 200

    answer = team.admin.post(f"{keys_path(team, member)}/{key['access_key_id']}/activate")

    assert answer.status_code == 409
    assert "enable" in answer.json()["detail"]


def test_platform_admins_manage_but_never_create_a_tenant_persons_keys(
    team: Team, staff: TestClient, bucket: str, clock: FixedClock
) -> None:
    member = team.invite("quinn")
    [key, _] = two_keys(team, member)

    created = staff.post(keys_path(team, member), json={"current_password": "irrelevant"})
    deactivated = staff.post(f"{keys_path(team, member)}/{key['access_key_id']}/deactivate")
    deleted = staff.post(f"{keys_path(team, member)}/{key['access_key_id']}/delete")

    assert created.status_code == 403
    assert "secret" not in created.text
    assert (deactivated.status_code, deleted.status_code) == (204, 204)


def test_in_a_disabled_account_nobody_creates_keys(team: Team, staff: TestClient) -> None:
    member = team.invite("rosa")
    assert staff.post(f"/api/v1/accounts/{team.account_id}/disable").status_code == 200

    async def create() -> Any:
        async with connected_services(team.settings) as services:
            user = await UserStore(services.redis).get(member["id"])
            with pytest.raises(KeyLimit) as refused:
                await services.get(AccessKeys).create(user, "owner", "")
            return refused.value

    refused = asyncio.run(create())

    assert "active account" in str(refused)
    assert staff.get(keys_path(team, member)).json()["items"] == []
