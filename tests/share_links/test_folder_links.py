"""Folder share links against real SeaweedFS: whoever holds one lists the folder, downloads a file or all as a zip.

Each file and each zip counts as one download; nothing outside the folder is reachable through the link.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from starlette.testclient import TestClient

from ..storage import service_client
from .sharing import REPORT, Sharing, fetch, token_of


def share_folder(sharing: Sharing, **body: Any) -> dict[str, Any]:
    return sharing.share(key="reports/", **body)


def test_a_folder_link_lists_the_folder_and_downloads_each_file_without_a_session(
    sharing: Sharing, stranger: TestClient
) -> None:
    service_client(sharing.settings, "s3").put_object(Bucket=sharing.bucket, Key="reportsx/near.csv", Body=b"near")
    link = share_folder(sharing)
    assert (link["kind"], link["objects"], link["size"]) == ("folder", 2, len(REPORT) + len(b"not shared"))
    token = token_of(link)

    seen = stranger.post("/api/v1/shared/inspect", json={"token": token}).json()
    assert (seen["kind"], seen["name"], seen["objects"]) == ("folder", "reports", 2)
    contents = stranger.post("/api/v1/shared/contents", json={"token": token})
    assert contents.status_code == 200, contents.text
    assert [(f["name"], f["size"]) for f in contents.json()["files"]] == [
        ("q1.csv", len(REPORT)),
        ("secret.csv", len(b"not shared")),
    ]
    assert contents.json()["truncated"] is False

    answer = stranger.post("/api/v1/shared/download", json={"token": token, "name": "q1.csv"})
    assert answer.status_code == 200, answer.text
    assert fetch(answer.json()["url"]) == REPORT
    [listed] = sharing.links()
    assert listed["downloads"] == 1  # listing is free, each file counts


def test_a_folder_link_downloads_all_its_files_as_one_zip_once(sharing: Sharing, stranger: TestClient) -> None:
    service_client(sharing.settings, "s3").put_object(Bucket=sharing.bucket, Key="reports/2024/q4.csv", Body=b"q4")
    token = token_of(share_folder(sharing))

    prepared = stranger.post("/api/v1/shared/archives", json={"token": token})
    assert prepared.status_code == 201, prepared.text
    assert prepared.json()["objects"] == 3
    archive = stranger.get(prepared.json()["url"])
    assert archive.status_code == 200, archive.text
    assert 'filename="reports.zip"' in archive.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(archive.content)) as zipped:
        assert sorted(zipped.namelist()) == ["2024/q4.csv", "q1.csv", "secret.csv"]
        assert zipped.read("q1.csv") == REPORT

    again = stranger.get(prepared.json()["url"])
    assert again.status_code == 410
    [listed] = sharing.links()
    assert listed["downloads"] == 1


def test_names_outside_the_folder_are_refused_and_spend_nothing(sharing: Sharing, stranger: TestClient) -> None:
    service_client(sharing.settings, "s3").put_object(Bucket=sharing.bucket, Key="private.csv", Body=b"private")
    token = token_of(share_folder(sharing))
    for name in ("../private.csv", "/private.csv", "2024/../../private.csv", "./q1.csv", "a//b", "nothing.csv"):
        refused = stranger.post("/api/v1/shared/download", json={"token": token, "name": name})
        assert refused.status_code == 404, (name, refused.text)
        assert refused.json()["type"].endswith("/not-in-shared-folder")
    unnamed = stranger.post("/api/v1/shared/download", json={"token": token})
    assert unnamed.status_code == 422
    one_file = token_of(sharing.share())
    assert stranger.post("/api/v1/shared/contents", json={"token": one_file}).status_code == 422
    assert [link["downloads"] for link in sharing.links()] == [0, 0]


def test_a_folder_links_password_and_limit_hold_for_listing_files_and_zip(
    sharing: Sharing, stranger: TestClient
) -> None:
    token = token_of(share_folder(sharing, password="open sesame please", download_limit=1))
    assert stranger.post("/api/v1/shared/contents", json={"token": token}).status_code == 403
    assert stranger.post("/api/v1/shared/archives", json={"token": token, "password": "guess"}).status_code == 403
    opened = {"token": token, "password": "open sesame please"}
    assert stranger.post("/api/v1/shared/contents", json=opened).status_code == 200

    prepared = stranger.post("/api/v1/shared/archives", json=opened)
    assert prepared.status_code == 201
    used_up = stranger.post("/api/v1/shared/download", json={**opened, "name": "q1.csv"})
    assert used_up.status_code == 410 and "used as many times" in used_up.json()["detail"]
    assert stranger.get(prepared.json()["url"]).status_code == 200  # the zip counted already: it still streams


def test_a_zip_asked_for_before_a_revocation_does_not_stream_after_it(sharing: Sharing, stranger: TestClient) -> None:
    link = share_folder(sharing)
    prepared = stranger.post("/api/v1/shared/archives", json={"token": token_of(link)})
    assert prepared.status_code == 201
    revoked = sharing.admin.post(f"/api/v1/accounts/{sharing.account_id}/share-links/{link['id']}/revoke")
    assert revoked.status_code == 200
    gone = stranger.get(prepared.json()["url"])
    assert gone.status_code == 410 and "revoked" in gone.json()["detail"]


def test_an_empty_folder_or_one_not_readable_is_not_shared(sharing: Sharing) -> None:
    assert sharing.share(expect=422, key="nothing-here/")["errors"][0]["field"] == "key"
    assert sharing.links() == []
