"""Data grants: what an admin grants a member is what the storage system lets their keys and sessions do.

Every check of storage goes around Coffer with a real S3 client: the member's own access key (their user
policy) and their session's temporary credentials (the session policy), so the storage system is seen to
enforce each grant, not only the API.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import anyio.to_thread
import botocore.exceptions
import pytest
from starlette.testclient import TestClient

from coffer.app import build_provider
from coffer.authorization import storage_access
from coffer.data_access import Access
from coffer.providers.seaweedfs import session_policy
from coffer.store.users import DataGrant

from ..conftest import open_client
from ..flows import first_sign_in
from ..storage import key_of, remove_buckets, service_client, session_s3
from .conftest import Team
from .pauses import Pause, SlowSts, client_with


@dataclass
class Member:
    id: str
    username: str
    client: TestClient


@dataclass
class Shop:
    """A team with two buckets, each holding `x.txt`, and a member signed in."""

    team: Team
    photos: str
    backups: str
    member: Member

    @property
    def grant_path(self) -> str:
        return f"{self.team.base}/{self.member.id}/data-grant"

    def grant(self, account: str, buckets: dict[str, str] | None = None, expect: int = 200) -> dict[str, Any]:
        revision = self.team.admin.get(self.grant_path).json()["revision"]
        body = {
            "account": account,
            "buckets": [{"bucket": name, "level": level} for name, level in (buckets or {}).items()],
            "revision": revision,
        }
        answer = self.team.admin.put(self.grant_path, json=body)
        assert answer.status_code == expect, answer.text
        return dict(answer.json())

    def objects(self, bucket: str) -> int:
        return self.member.client.get(f"/api/v1/accounts/{self.team.account_id}/buckets/{bucket}/objects").status_code


@pytest.fixture
def shop(team: Team) -> Iterator[Shop]:
    buckets = []
    for suffix in ("photos", "backups"):
        answer = team.admin.post(f"/api/v1/accounts/{team.account_id}/buckets", json={"suffix": suffix})
        assert answer.status_code == 201, answer.text
        buckets.append(answer.json()["name"])
        service_client(team.settings, "s3").put_object(Bucket=buckets[-1], Key="x.txt", Body=b"x")
    invited = team.invite("mia")
    client, _ = team.signed_in(invited)
    yield Shop(team, buckets[0], buckets[1], Member(invited["id"], invited["username"], client))
    remove_buckets(team.settings, buckets)


def _allowed(call: Callable[[], Any]) -> bool:
    """True when the storage system lets the call through, False when it answers AccessDenied."""
    try:
        call()
    except botocore.exceptions.ClientError as error:
        if error.response["Error"]["Code"] != "AccessDenied":
            raise
        return False
    return True


def _can(s3: Any, bucket: str) -> dict[str, bool]:
    """What the storage system lets these credentials do in the bucket: read, write, delete."""
    return {
        "read": _allowed(lambda: s3.get_object(Bucket=bucket, Key="x.txt")["Body"].read()),
        "write": _allowed(lambda: s3.put_object(Bucket=bucket, Key="probe.txt", Body=b"p")),
        "delete": _allowed(lambda: s3.delete_object(Bucket=bucket, Key="x.txt")),
    }


NOTHING = {"read": False, "write": False, "delete": False}
READ = {"read": True, "write": False, "delete": False}
READ_WRITE = {"read": True, "write": True, "delete": False}


def test_a_member_starts_with_what_members_had_and_an_admin_sees_full_access(shop: Shop) -> None:
    grant = shop.team.admin.get(shop.grant_path).json()
    assert grant == {"applies": True, "account": "read-write-delete", "buckets": [], "revision": 0}
    own = shop.team.admin.get(f"{shop.team.base}/{shop.team.admin_id}/data-grant").json()
    assert own["applies"] is False
    me = shop.member.client.get("/api/v1/me").json()
    assert me["data_access"] == {"manage": False, "account": "read-write-delete", "buckets": {}}
    assert shop.team.admin.get("/api/v1/me").json()["data_access"]["manage"] is True


def test_a_read_only_member_is_refused_every_write_by_the_storage_system_with_their_own_key(shop: Shop) -> None:
    shop.grant("read")
    s3 = key_of(shop.team.settings, shop.team.account_id, shop.member.username)

    assert _can(s3, shop.photos) == READ
    assert _can(s3, shop.backups) == READ
    assert _allowed(lambda: s3.delete_objects(Bucket=shop.photos, Delete={"Objects": [{"Key": "x.txt"}]})) is True
    assert service_client(shop.team.settings, "s3").get_object(Bucket=shop.photos, Key="x.txt")  # still there
    with pytest.raises(botocore.exceptions.ClientError):
        s3.create_multipart_upload(Bucket=shop.photos, Key="big.bin")


def test_read_write_on_one_bucket_is_confined_to_it_for_keys_and_sessions(shop: Shop) -> None:
    shop.grant("read", {shop.photos: "read-write"})
    settings, clock = shop.team.settings, shop.team.clock

    key = key_of(settings, shop.team.account_id, shop.member.username)
    assert _can(key, shop.photos) == READ_WRITE
    assert _can(key, shop.backups) == READ

    assert shop.objects(shop.backups) == 200  # the member's next request takes up the new grant
    access = Access(account="read", buckets={shop.photos: "read-write"})
    session = session_s3(settings, clock, shop.member.client, access)
    assert session is not None, "the session did not take up the new grant"
    assert _can(session, shop.photos) == READ_WRITE
    assert _can(session, shop.backups) == READ


def test_nothing_account_wide_hides_the_other_buckets_from_listings_and_the_api(shop: Shop) -> None:
    shop.grant("none", {shop.photos: "read"})
    member = shop.member.client

    listed = member.get(f"/api/v1/accounts/{shop.team.account_id}/buckets").json()["items"]
    assert [bucket["name"] for bucket in listed] == [shop.photos]
    assert shop.objects(shop.photos) == 200
    refused = member.get(f"/api/v1/accounts/{shop.team.account_id}/buckets/{shop.backups}/objects")
    assert refused.status_code == 403
    assert refused.json()["type"].endswith("/no-data-access")
    assert "An account administrator can grant it" in refused.json()["detail"]
    key = key_of(shop.team.settings, shop.team.account_id, shop.member.username)
    assert _can(key, shop.backups) == NOTHING


def test_a_change_applies_at_the_members_next_request_and_their_old_credentials_are_not_reused(shop: Shop) -> None:
    assert shop.objects(shop.backups) == 200  # the session now holds credentials for the default grant
    old = session_s3(shop.team.settings, shop.team.clock, shop.member.client, storage_access("account-member", None))
    assert old is not None

    shop.grant("none", {shop.photos: "read-write-delete"})

    assert shop.objects(shop.backups) == 403
    me = shop.member.client.get("/api/v1/me").json()
    assert me["data_access"] == {"manage": False, "account": "none", "buckets": {shop.photos: "read-write-delete"}}
    assert shop.objects(shop.photos) == 200
    new = session_s3(
        shop.team.settings,
        shop.team.clock,
        shop.member.client,
        Access(account="none", buckets={shop.photos: "read-write-delete"}),
    )
    assert new is not None
    assert _can(new, shop.backups) == NOTHING


def test_credentials_obtained_while_an_admin_changes_the_grant_are_not_used_after_it(shop: Shop, pause: Pause) -> None:
    """The member's request asks STS with the grant it read; the admin's change lands before STS answers."""
    team = shop.team
    shop.grant("read-write")  # the session's credentials are now stale: its next request asks STS
    slow = client_with(team.settings, team, lambda settings: SlowSts(build_provider(settings), pause))
    slow.cookies.update(shop.member.client.cookies)
    listing = f"/api/v1/accounts/{team.account_id}/buckets/{shop.backups}/objects"

    in_flight = pause.run_while_held(lambda: slow.get(listing), lambda: shop.grant("read"))

    assert in_flight.status_code == 200  # the request that began before the change finishes under it
    stale = session_s3(team.settings, team.clock, shop.member.client, Access(account="read-write"))
    assert stale is not None, "the slow request stored no credentials"
    assert shop.objects(shop.backups) == 200  # the member's next request
    assert session_s3(team.settings, team.clock, shop.member.client, Access(account="read-write")) is None
    fresh = session_s3(team.settings, team.clock, shop.member.client, Access(account="read"))
    assert fresh is not None
    assert _can(fresh, shop.backups) == READ


def test_two_admins_saving_the_same_revision_at_once_one_wins_and_the_other_is_told(shop: Shop) -> None:
    team = shop.team
    with open_client(team.settings, team.clock) as second:
        second.cookies.update(team.admin.cookies)
        revision = team.admin.get(shop.grant_path).json()["revision"]
        start = threading.Barrier(2)

        def save(client: TestClient, account: str) -> Any:
            start.wait()
            return client.put(shop.grant_path, json={"account": account, "buckets": [], "revision": revision})

        with ThreadPoolExecutor(2) as pool:
            answers = list(pool.map(lambda pair: save(*pair), [(team.admin, "read"), (second, "none")]))

    assert sorted(answer.status_code for answer in answers) == [200, 409]
    lost = next(answer for answer in answers if answer.status_code == 409).json()
    assert lost["type"].endswith("/grant-changed")
    won = next(answer for answer in answers if answer.status_code == 200).json()
    assert team.admin.get(shop.grant_path).json() == won


def test_many_admins_changing_one_member_at_once_leave_the_storage_policy_the_record_says(shop: Shop) -> None:
    """Each saves, and saves again on a conflict; their policy writes race, and the last one must win."""
    team = shop.team
    levels = ["read", "none", "read-write", "read-write-delete"] * 3
    settings = team.settings

    def keep_trying(level: str) -> None:
        with open_client(settings, team.clock) as client:
            client.cookies.update(team.admin.cookies)
            while True:
                revision = client.get(shop.grant_path).json()["revision"]
                body = {"account": level, "buckets": [{"bucket": shop.photos, "level": "read-write-delete"}]}
                answer = client.put(shop.grant_path, json={**body, "revision": revision})
                if answer.status_code == 200:
                    return
                assert answer.status_code == 409, answer.text

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(keep_trying, levels))

    final = team.admin.get(shop.grant_path).json()
    assert final["revision"] == len(levels)
    stored = service_client(settings, "iam").get_user_policy(
        UserName=f"{team.account_id}.{shop.member.username}", PolicyName="coffer-account"
    )["PolicyDocument"]
    document = stored if isinstance(stored, dict) else json.loads(stored)
    grant = DataGrant(account=final["account"], buckets={entry["bucket"]: entry["level"] for entry in final["buckets"]})
    expected = json.loads(session_policy(team.account_id, storage_access("account-member", grant)))
    assert document == expected


class SlowPolicy:
    """The real provider, whose first policy write waits at the pause (as a slow IAM call would)."""

    def __init__(self, real: Any, pause: Pause) -> None:
        self._real = real
        self._pause = pause
        self._held = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    async def create_account_user(self, *args: Any) -> None:
        if not self._held:
            self._held = True
            await anyio.to_thread.run_sync(self._pause.hold)
        await self._real.create_account_user(*args)


def test_a_policy_write_that_lands_after_a_later_change_is_put_right_by_its_writer(shop: Shop, pause: Pause) -> None:
    team = shop.team
    slow = client_with(team.settings, team, lambda settings: SlowPolicy(build_provider(settings), pause))
    slow.cookies.update(team.admin.cookies)
    body = {"account": "read-write", "buckets": [], "revision": 0}

    first = pause.run_while_held(lambda: slow.put(shop.grant_path, json=body), lambda: shop.grant("read"))

    assert first.status_code == 200, first.text
    assert team.admin.get(shop.grant_path).json()["account"] == "read"
    key = key_of(team.settings, team.account_id, shop.member.username)
    assert _can(key, shop.photos) == READ


def test_a_deleted_bucket_leaves_every_grant_so_one_made_again_under_its_name_starts_ungranted(shop: Shop) -> None:
    team = shop.team
    spare = team.admin.post(f"/api/v1/accounts/{team.account_id}/buckets", json={"suffix": "spare"}).json()["name"]
    shop.grant("read", {spare: "read-write-delete"})
    deleted = team.admin.post(f"/api/v1/accounts/{team.account_id}/buckets/{spare}/delete")
    assert deleted.status_code == 204, deleted.text
    assert team.admin.get(shop.grant_path).json()["buckets"] == []

    again = team.admin.post(f"/api/v1/accounts/{team.account_id}/buckets", json={"suffix": "spare"})
    assert again.status_code == 201
    try:
        key = key_of(team.settings, team.account_id, shop.member.username)
        assert _allowed(lambda: key.put_object(Bucket=spare, Key="a.txt", Body=b"a")) is False
    finally:
        remove_buckets(team.settings, [spare])


def test_bad_grants_are_refused_with_a_reason_and_change_nothing(shop: Shop) -> None:
    team = shop.team
    before = team.admin.get(shop.grant_path).json()
    other = f"{team.account_id}-nosuchbucket"

    unknown = team.admin.put(
        shop.grant_path, json={"account": "read", "buckets": [{"bucket": other, "level": "read"}], "revision": 0}
    )
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == [{"field": f"buckets.{other}", "message": f"The account has no bucket {other}."}]

    bad_level = team.admin.put(shop.grant_path, json={"account": "everything", "buckets": [], "revision": 0})
    assert bad_level.status_code == 422

    for_admin = team.admin.put(
        f"{team.base}/{team.admin_id}/data-grant", json={"account": "read", "buckets": [], "revision": 0}
    )
    assert for_admin.status_code == 409
    assert for_admin.json()["type"].endswith("/grant-not-for-admins")

    stale = team.admin.put(shop.grant_path, json={"account": "read", "buckets": [], "revision": 7})
    assert stale.status_code == 409
    assert team.admin.get(shop.grant_path).json() == before


def test_a_member_cannot_change_grants_and_the_change_is_in_the_audit_log(shop: Shop) -> None:
    team = shop.team
    refused = shop.member.client.put(
        shop.grant_path, json={"account": "read-write-delete", "buckets": [], "revision": 0}
    )
    assert refused.status_code == 403

    shop.grant("read", {shop.photos: "read-write"})

    events = team.admin.get("/api/v1/audit", params={"action": "user.data_grant", "account_id": team.account_id}).json()
    assert [(event["target"], event["detail"]) for event in events["items"]] == [
        (shop.member.id, f"account=read; {shop.photos}=read-write")
    ]


def test_staff_manage_grants_but_the_bucket_must_be_the_accounts(shop: Shop, admin: Any) -> None:
    team = shop.team
    with open_client(team.settings, team.clock) as staff:
        first_sign_in(staff, admin, team.clock)
        changed = staff.put(shop.grant_path, json={"account": "read", "buckets": [], "revision": 0})
        assert changed.status_code == 200, changed.text
        assert changed.json()["account"] == "read"
