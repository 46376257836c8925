"""Permanent access keys: made on request, secret shown once, confined to the account, stopped on demand."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from coffer.providers.seaweedfs import iam_user_name

from ..conftest import create_account_with_admin, unique_account_id
from ..storage import service_client
from .conftest import Team


def s3_with(team: Team, created: dict[str, Any]) -> Any:
    """An S3 client set up only from the answer: the key and where it says to use it."""
    return boto3.client(
        "s3",
        endpoint_url=created["s3"]["endpoint_url"],
        region_name=created["s3"]["region"],
        aws_access_key_id=created["access_key_id"],
        aws_secret_access_key=created["secret_access_key"],
    )


def keys_path(team: Team, user: dict[str, Any]) -> str:
    return f"{team.base}/{user['id']}/keys"


def test_a_member_creates_a_key_that_works_only_in_the_account_and_its_secret_is_shown_once(team: Team) -> None:
    member = team.invite("hana")
    client, hana = team.signed_in(member)
    own_bucket = f"{team.account_id}-docs"
    other_account = unique_account_id("elsewhere")
    service_client(team.settings, "s3").create_bucket(Bucket=own_bucket)
    service_client(team.settings, "s3").create_bucket(Bucket=f"{other_account}-docs")

    answer = client.post(keys_path(team, member), json=team.fresh_factor(hana))

    assert answer.status_code == 201 and answer.headers["cache-control"] == "no-store"
    created = answer.json()
    listed = client.get(keys_path(team, member)).json()
    assert [key["access_key_id"] for key in listed["items"]] == [created["access_key_id"]]
    assert listed["s3"] == created["s3"] == {"endpoint_url": team.settings.s3_endpoint, "region": "us-east-1"}
    assert created["secret_access_key"] not in str(listed)
    s3 = s3_with(team, created)
    s3.list_objects_v2(Bucket=own_bucket)
    with pytest.raises(s3.exceptions.ClientError):
        s3.list_objects_v2(Bucket=f"{other_account}-docs")


def test_at_most_two_keys_per_person(team: Team) -> None:
    member = team.invite("ivan")
    statuses = [team.admin.post(keys_path(team, member), json=team.fresh_factor()).status_code for _ in range(3)]
    assert statuses == [201, 201, 409]
    listed = team.admin.get(team.base, params={"q": "ivan"}).json()["items"]
    assert [(user["username"], user["access_keys"]) for user in listed] == [("ivan", 2)]
    assert "at most 2" in team.admin.post(keys_path(team, member), json=team.fresh_factor()).json()["detail"]


def test_a_deactivated_key_is_refused_until_activated_and_a_deleted_one_for_good(team: Team) -> None:
    member = team.invite("judy")
    bucket = f"{team.account_id}-logs"
    service_client(team.settings, "s3").create_bucket(Bucket=bucket)
    created = team.admin.post(keys_path(team, member), json=team.fresh_factor()).json()
    s3, one = s3_with(team, created), f"{keys_path(team, member)}/{created['access_key_id']}"
    s3.list_objects_v2(Bucket=bucket)

    assert team.admin.post(one + "/deactivate").status_code == 204
    assert team.admin.get(keys_path(team, member)).json()["items"][0]["active"] is False
    with pytest.raises(s3.exceptions.ClientError):
        s3.list_objects_v2(Bucket=bucket)
    assert team.admin.post(one + "/activate").status_code == 204
    s3.list_objects_v2(Bucket=bucket)
    assert team.admin.post(one + "/delete").status_code == 204

    with pytest.raises(s3.exceptions.ClientError):
        s3.list_objects_v2(Bucket=bucket)
    assert team.admin.get(keys_path(team, member)).json()["items"] == []


def test_members_reach_only_their_own_keys_and_keys_only_of_the_person_named(team: Team) -> None:
    kate, leo = team.invite("kate"), team.invite("leo")
    kate_client, kate_person = team.signed_in(kate)
    leos_key = team.admin.post(keys_path(team, leo), json=team.fresh_factor()).json()

    assert kate_client.get(keys_path(team, leo)).status_code == 403
    assert kate_client.post(keys_path(team, leo), json=team.fresh_factor(kate_person)).status_code == 403
    via_kate = f"{keys_path(team, kate)}/{leos_key['access_key_id']}/deactivate"
    assert kate_client.post(via_kate).status_code == 404
    assert team.admin.get(keys_path(team, leo)).json()["items"][0]["active"] is True


def test_keys_are_reached_only_through_the_persons_own_account(team: Team) -> None:
    member = team.invite("mia")
    other = unique_account_id("rival")
    create_account_with_admin(team.settings, other, f"owner{other}")
    assert team.admin.get(f"/api/v1/accounts/{other}/users/{member['id']}/keys").status_code == 403
    assert team.admin.get(f"/api/v1/accounts/{team.account_id}/users/{member['id']}/keys").status_code == 200


def test_a_disabled_person_gets_no_new_key(team: Team) -> None:
    member = team.invite("ned")
    team.admin.post(f"{team.base}/{member['id']}/disable")
    refused = team.admin.post(keys_path(team, member), json=team.fresh_factor())
    assert refused.status_code == 409 and "disabled" in refused.json()["detail"]


def key_count_listed(team: Team, username: str) -> int | None:
    (listed,) = team.admin.get(team.base, params={"q": username}).json()["items"]
    return listed["access_keys"]  # type: ignore[no-any-return]


def test_the_people_list_counts_keys_as_they_are_made_and_deleted(team: Team) -> None:
    member = team.invite("olga")
    assert key_count_listed(team, "olga") == 0

    created = team.admin.post(keys_path(team, member), json=team.fresh_factor()).json()
    assert key_count_listed(team, "olga") == 1

    team.admin.post(f"{keys_path(team, member)}/{created['access_key_id']}/delete")
    assert key_count_listed(team, "olga") == 0


def test_a_key_made_outside_the_console_is_counted_once_the_persons_keys_are_seen(team: Team) -> None:
    member = team.invite("pia")
    iam = service_client(team.settings, "iam")
    iam_name = iam_user_name(team.account_id, "pia")
    iam.create_access_key(UserName=iam_name)  # before the console ever counted: the list asks the storage
    assert key_count_listed(team, "pia") == 1

    iam.create_access_key(UserName=iam_name)  # after: the list shows what was recorded...
    assert key_count_listed(team, "pia") == 1
    assert len(team.admin.get(keys_path(team, member)).json()["items"]) == 2
    assert key_count_listed(team, "pia") == 2  # ...until the person's keys are looked at
