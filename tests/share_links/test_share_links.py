"""Share links through the API against real SeaweedFS: anyone with the link downloads, until it stops.

The downloads are fetched from the storage system with plain HTTP, as a browser follows the redirect;
every "no longer works" is a 410 problem, never a storage error.
"""

from __future__ import annotations

import asyncio
import threading
import urllib.error
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3
import botocore.exceptions
import pytest
from starlette.testclient import TestClient

from coffer.app import build_provider
from coffer.settings import Settings

from ..conftest import create_user, open_client
from ..flows import Person, first_sign_in
from ..storage import service_client
from .sharing import REPORT, Sharing, fetch, token_of


def test_anyone_with_the_link_downloads_the_object_without_a_session(sharing: Sharing, stranger: TestClient) -> None:
    link = sharing.share()
    assert link["url"].startswith("https://testserver/s/")
    assert link["state"] == "active" and link["downloads"] == 0

    seen = stranger.post("/api/v1/shared/inspect", json={"token": token_of(link)})
    assert seen.status_code == 200, seen.text
    assert seen.json()["name"] == "q1.csv" and seen.json()["size"] == len(REPORT)
    assert seen.json()["password_required"] is False

    answer = stranger.post("/api/v1/shared/download", json={"token": token_of(link)})
    assert answer.status_code == 200, answer.text
    assert fetch(answer.json()["url"]) == REPORT

    [listed] = sharing.links()
    assert listed["downloads"] == 1 and listed["last_used_at"] is not None
    assert "url" not in listed  # the link is shown once, when made


def test_the_credentials_behind_a_download_read_exactly_that_object(sharing: Sharing) -> None:
    async def reader() -> Any:
        provider = build_provider(sharing.settings)
        try:
            return await provider.assume_object_reader(
                sharing.account_id, "alice", sharing.bucket, "reports/q1.csv", 900
            )
        finally:
            await provider.close()

    credentials = asyncio.run(reader())
    s3 = boto3.client(
        "s3",
        endpoint_url=sharing.settings.s3_endpoint,
        region_name=sharing.settings.s3_region,
        aws_access_key_id=credentials.access_key_id,
        aws_secret_access_key=credentials.secret_access_key,
        aws_session_token=credentials.session_token,
    )
    assert s3.get_object(Bucket=sharing.bucket, Key="reports/q1.csv")["Body"].read() == REPORT
    for refused in (
        lambda: s3.get_object(Bucket=sharing.bucket, Key="reports/secret.csv"),
        lambda: s3.list_objects_v2(Bucket=sharing.bucket),
        lambda: s3.put_object(Bucket=sharing.bucket, Key="reports/q1.csv", Body=b"overwritten"),
    ):
        with pytest.raises(botocore.exceptions.ClientError) as error:
            refused()
        assert error.value.response["Error"]["Code"] == "AccessDenied"


def test_the_credentials_behind_a_folder_link_read_and_list_only_that_folder(sharing: Sharing) -> None:
    async def reader() -> Any:
        provider = build_provider(sharing.settings)
        try:
            return await provider.assume_folder_reader(sharing.account_id, "alice", sharing.bucket, "reports/", 900)
        finally:
            await provider.close()

    service_client(sharing.settings, "s3").put_object(Bucket=sharing.bucket, Key="reportsx/near.csv", Body=b"near")
    credentials = asyncio.run(reader())
    s3 = boto3.client(
        "s3",
        endpoint_url=sharing.settings.s3_endpoint,
        region_name=sharing.settings.s3_region,
        aws_access_key_id=credentials.access_key_id,
        aws_secret_access_key=credentials.secret_access_key,
        aws_session_token=credentials.session_token,
    )
    listed = s3.list_objects_v2(Bucket=sharing.bucket, Prefix="reports/")
    assert [entry["Key"] for entry in listed["Contents"]] == ["reports/q1.csv", "reports/secret.csv"]
    assert s3.get_object(Bucket=sharing.bucket, Key="reports/secret.csv")["Body"].read() == b"not shared"
    for refused in (
        lambda: s3.list_objects_v2(Bucket=sharing.bucket),
        lambda: s3.list_objects_v2(Bucket=sharing.bucket, Prefix="reportsx/"),
        lambda: s3.get_object(Bucket=sharing.bucket, Key="reportsx/near.csv"),
        lambda: s3.put_object(Bucket=sharing.bucket, Key="reports/new.csv", Body=b"added"),
    ):
        with pytest.raises(botocore.exceptions.ClientError) as error:
            refused()
        assert error.value.response["Error"]["Code"] == "AccessDenied"


def test_a_password_is_asked_and_ten_wrong_ones_lock_the_link_for_a_while(
    sharing: Sharing, stranger: TestClient
) -> None:
    token = token_of(sharing.share(password="open sesame please"))
    assert stranger.post("/api/v1/shared/inspect", json={"token": token}).json()["password_required"] is True

    missing = stranger.post("/api/v1/shared/download", json={"token": token})
    assert missing.status_code == 403
    assert missing.json()["type"].endswith("/wrong-share-password")
    assert missing.json()["errors"] == [{"field": "password", "message": "That password is not right for this link."}]
    right = stranger.post("/api/v1/shared/download", json={"token": token, "password": "open sesame please"})
    assert right.status_code == 200 and fetch(right.json()["url"]) == REPORT

    for _ in range(9):  # with the missing one above: ten wrong
        wrong = stranger.post("/api/v1/shared/download", json={"token": token, "password": "guess"})
        assert wrong.status_code == 403
    locked = stranger.post("/api/v1/shared/download", json={"token": token, "password": "open sesame please"})
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) > 0

    sharing.clock.advance(901)
    assert (
        stranger.post("/api/v1/shared/download", json={"token": token, "password": "open sesame please"}).status_code
        == 200
    )


def test_a_download_limit_holds_when_many_click_at_once(sharing: Sharing, settings: Settings) -> None:
    token = token_of(sharing.share(download_limit=2))
    start = threading.Barrier(6)

    def click(_: int) -> int:
        with open_client(settings, sharing.clock) as someone:
            start.wait()
            return someone.post("/api/v1/shared/download", json={"token": token}).status_code

    with ThreadPoolExecutor(6) as pool:
        answers = sorted(pool.map(click, range(6)))

    assert answers == [200, 200, 410, 410, 410, 410]
    [listed] = sharing.links()
    assert listed["downloads"] == 2 and listed["state"] == "used-up"


def test_a_link_lives_longer_than_sigv4s_seven_days_and_dies_at_its_own_expiry(
    sharing: Sharing, stranger: TestClient
) -> None:
    token = token_of(sharing.share(days=30))
    sharing.clock.advance(20 * 86400)
    later = stranger.post("/api/v1/shared/download", json={"token": token})
    assert later.status_code == 200
    assert fetch(later.json()["url"]) == REPORT  # a presigned URL made now, so S3's 7-day cap never applies

    sharing.clock.advance(11 * 86400)
    gone = stranger.post("/api/v1/shared/inspect", json={"token": token})
    assert gone.status_code == 410
    assert gone.json()["detail"] == "This link has expired. Ask whoever shared it for a new one."


def test_a_revoked_link_dies_at_once_and_the_list_says_so(sharing: Sharing, stranger: TestClient) -> None:
    link = sharing.share()
    assert stranger.post("/api/v1/shared/download", json={"token": token_of(link)}).status_code == 200

    revoked = sharing.admin.post(f"/api/v1/accounts/{sharing.account_id}/share-links/{link['id']}/revoke")
    assert revoked.status_code == 200, revoked.text

    for route in ("inspect", "download"):
        gone = stranger.post(f"/api/v1/shared/{route}", json={"token": token_of(link)})
        assert gone.status_code == 410
        assert gone.json()["type"].endswith("/share-link-gone")
        assert "revoked" in gone.json()["detail"]
    [listed] = sharing.links()
    assert listed["state"] == "revoked" and listed["downloads"] == 1


def test_a_link_dies_with_its_creator_or_its_account_switched_off(sharing: Sharing, stranger: TestClient) -> None:
    member = create_user(sharing.settings, f"bob{sharing.account_id}", "account-member", sharing.account_id)
    with open_client(sharing.settings, sharing.clock) as bob:
        first_sign_in(bob, Person(member.user.username, member.one_time_password), sharing.clock)
        bobs = token_of(sharing.share(client=bob))
    alices = token_of(sharing.share())
    assert stranger.post("/api/v1/shared/inspect", json={"token": bobs}).status_code == 200

    disabled = sharing.admin.post(f"/api/v1/accounts/{sharing.account_id}/users/{member.user.id}/disable")
    assert disabled.status_code == 200, disabled.text
    assert stranger.post("/api/v1/shared/inspect", json={"token": bobs}).status_code == 410
    assert stranger.post("/api/v1/shared/inspect", json={"token": alices}).status_code == 200


def test_members_see_and_revoke_their_own_links_and_admins_all(sharing: Sharing) -> None:
    member = create_user(sharing.settings, f"carol{sharing.account_id}", "account-member", sharing.account_id)
    with open_client(sharing.settings, sharing.clock) as carol:
        first_sign_in(carol, Person(member.user.username, member.one_time_password), sharing.clock)
        hers = sharing.share(client=carol)
        admins = sharing.share()

        assert [link["id"] for link in sharing.links(carol)] == [hers["id"]]
        assert {link["id"] for link in sharing.links()} == {hers["id"], admins["id"]}
        refused = carol.post(f"/api/v1/accounts/{sharing.account_id}/share-links/{admins['id']}/revoke")
        assert refused.status_code == 403
        mine = carol.post(f"/api/v1/accounts/{sharing.account_id}/share-links/{hers['id']}/revoke")
        assert mine.status_code == 200
    events = sharing.admin.get("/api/v1/audit", params={"action": "share.", "account_id": sharing.account_id})
    assert sorted(event["action"] for event in events.json()["items"]) == [
        "share.create",
        "share.create",
        "share.revoke",
    ]


def test_bad_shares_are_refused_with_a_reason_and_make_no_link(sharing: Sharing) -> None:
    assert sharing.share(expect=404, key="reports/nothing-here.csv")["type"].endswith("/no-such-object")
    assert sharing.share(expect=422, days=0)["status"] == 422
    assert sharing.share(expect=422, days=4000)["status"] == 422
    assert sharing.share(expect=422, password="short")["status"] == 422
    assert sharing.share(expect=422, key="reports/*.csv")["errors"][0]["field"] == "key"
    other = sharing.admin.post(
        f"/api/v1/accounts/{sharing.account_id}/buckets/someoneelse-docs/share-links", json={"key": "a", "days": 1}
    )
    assert other.status_code == 404
    assert sharing.links() == []


def test_a_wrong_token_is_not_found_and_many_tries_from_one_address_are_slowed(
    sharing: Sharing, stranger: TestClient
) -> None:
    unknown = stranger.post("/api/v1/shared/inspect", json={"token": "x" * 43})
    assert unknown.status_code == 404
    statuses = [stranger.post("/api/v1/shared/inspect", json={"token": "y" * 43}).status_code for _ in range(60)]
    assert statuses[-1] == 429
    assert set(statuses[:59]) == {404}


def test_the_presigned_url_handed_out_lives_a_minute(sharing: Sharing, stranger: TestClient) -> None:
    answer = stranger.post("/api/v1/shared/download", json={"token": token_of(sharing.share())})
    url = answer.json()["url"]
    assert "X-Amz-Expires=60" in url
    with pytest.raises(urllib.error.HTTPError):
        fetch(url.replace("q1.csv", "secret.csv"))
