"""Zip downloads through the API against real SeaweedFS: what comes out is what was put in."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.objects import archives
from coffer.settings import Settings

from ..conftest import create_account_with_admin, create_user, open_client, unique_account_id
from ..flows import Person, first_sign_in
from ..storage import remove_buckets, service_client

BIG = os.urandom(40 * 1024 * 1024)
FILES = {
    "photos/2024/beach.jpg": os.urandom(300_000),
    "photos/2024/deep/sea.jpg": b"sea",
    "photos/cover.png": BIG,
    "photos/empty.txt": b"",
    "readme.md": b"# top",
}


@dataclass
class Shelf:
    account_id: str
    bucket: str
    client: TestClient
    settings: Settings
    clock: FixedClock

    def prepare(self, client: TestClient | None = None, expect: int = 201, **body: Any) -> dict[str, Any]:
        path = f"/api/v1/accounts/{self.account_id}/buckets/{self.bucket}/archives"
        answer = (client or self.client).post(path, json=body)
        assert answer.status_code == expect, answer.text
        return dict(answer.json())

    def fetch(self, url: str, client: TestClient | None = None) -> zipfile.ZipFile:
        answer = (client or self.client).get(url)
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"] == "application/zip"
        return zipfile.ZipFile(io.BytesIO(answer.content))


@pytest.fixture
def shelf(settings: Settings, client: TestClient, clock: FixedClock) -> Iterator[Shelf]:
    account_id = unique_account_id("zip")
    created = create_account_with_admin(settings, account_id, f"alice{account_id}")
    bucket = f"{account_id}-media"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    for key, body in FILES.items():
        s3.put_object(Bucket=bucket, Key=key, Body=body)
    s3.put_object(Bucket=bucket, Key="photos/made-in-console/", Body=b"")  # a "new folder" marker
    first_sign_in(client, Person(created.user.username, created.one_time_password), clock)
    yield Shelf(account_id, bucket, client, settings, clock)
    remove_buckets(settings, [bucket])


def test_a_folder_and_a_chosen_file_come_out_as_one_zip_with_the_same_bytes(shelf: Shelf) -> None:
    prepared = shelf.prepare(folder="", prefixes=["photos/"], keys=["readme.md"])
    assert prepared["objects"] == 5
    assert prepared["bytes"] == sum(len(body) for body in FILES.values())

    archive = shelf.fetch(prepared["url"])

    assert archive.testzip() is None  # every entry's CRC checks
    assert sorted(archive.namelist()) == sorted(FILES)
    for key, body in FILES.items():
        assert archive.read(key) == body


def test_entries_are_named_from_the_folder_shown(shelf: Shelf) -> None:
    prepared = shelf.prepare(folder="photos/2024/", prefixes=["photos/2024/"])
    assert sorted(shelf.fetch(prepared["url"]).namelist()) == ["beach.jpg", "deep/sea.jpg"]


def test_a_ticket_streams_once_and_only_for_the_session_that_asked(shelf: Shelf) -> None:
    member = create_user(shelf.settings, f"bob{shelf.account_id}", "account-member", shelf.account_id)
    url = shelf.prepare(keys=["readme.md"])["url"]
    with open_client(shelf.settings, shelf.clock) as bob:
        first_sign_in(bob, Person(member.user.username, member.one_time_password), shelf.clock)
        stolen = bob.get(url)
        assert stolen.status_code == 410
    url = shelf.prepare(keys=["readme.md"])["url"]
    assert shelf.fetch(url).read("readme.md") == b"# top"
    again = shelf.client.get(url)
    assert again.status_code == 410
    assert again.json()["detail"].startswith("Downloads start within a minute of asking, once.")


def test_a_selection_too_big_empty_or_missing_is_refused_before_any_byte(
    shelf: Shelf, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archives, "MAX_OBJECTS", 3)
    assert shelf.prepare(expect=422, prefixes=["photos/"])["type"].endswith("/archive-too-large")
    assert shelf.prepare(expect=422, prefixes=["nothing-here/"])["type"].endswith("/archive-empty")
    assert shelf.prepare(expect=404, keys=["no-such.txt"])["type"].endswith("/no-such-object")
    other = shelf.client.post(f"/api/v1/accounts/{shelf.account_id}/buckets/someoneelse-media/archives", json={})
    assert other.status_code == 404


def test_a_member_without_read_access_to_the_bucket_gets_no_zip(shelf: Shelf) -> None:
    member = create_user(shelf.settings, f"eve{shelf.account_id}", "account-member", shelf.account_id)
    grant = shelf.client.put(
        f"/api/v1/accounts/{shelf.account_id}/users/{member.user.id}/data-grant",
        json={"account": "none", "buckets": [], "revision": 0},
    )
    assert grant.status_code == 200, grant.text
    with open_client(shelf.settings, shelf.clock) as eve:
        first_sign_in(eve, Person(member.user.username, member.one_time_password), shelf.clock)
        refused = shelf.prepare(client=eve, expect=403, keys=["readme.md"])
        assert refused["type"].endswith("/no-data-access")
