"""An account admin uploads a folder into a bucket and watches it go; a cancelled upload leaves nothing behind."""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, Route, expect
from tests.storage import service_client

from coffer.settings import Settings

from .people import account_member, account_with_admin, first_sign_in

MIB = 1024 * 1024


def _slow_uploads(page: Page, bytes_per_second: int) -> None:
    """Chromium's own network throttling, so the progress of a local upload can be watched moving."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": bytes_per_second},
    )


def _wait_for_intermediate_progress(page: Page, label: str) -> int:
    """Waits (checking every frame) until the bar shows a value strictly between 0 and 100; returns it."""
    handle = page.wait_for_function(
        """label => {
            const bar = document.querySelector(`[role=progressbar][aria-label="${label}"]`);
            const value = bar ? Number(bar.getAttribute('aria-valuenow')) : 0;
            return value > 0 && value < 100 ? value : null;
        }""",
        arg=label,
        polling="raf",
        timeout=60_000,
    )
    return int(handle.json_value())


def _pending_uploads(s3: Any, bucket: str) -> list[str]:
    return [upload["Key"] for upload in s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])]


def _empty_and_remove(s3: Any, bucket: str) -> None:
    for upload in s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []):
        s3.abort_multipart_upload(Bucket=bucket, Key=upload["Key"], UploadId=upload["UploadId"])
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for entry in page.get("Contents", []):
            s3.delete_object(Bucket=bucket, Key=entry["Key"])
    s3.delete_bucket(Bucket=bucket)


def test_an_account_admin_uploads_a_folder_watches_progress_and_finds_the_files_inside(
    page: Page, settings: Settings, tmp_path: Path
) -> None:
    account_id = "prince" + uuid.uuid4().hex[:6]
    owner = account_with_admin(settings, account_id, f"diana@{account_id}.example.com")
    bucket = f"{account_id}-island"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    folder = tmp_path / "themyscira"
    folder.mkdir()
    big = os.urandom(64 * MIB)
    (folder / "big.bin").write_bytes(big)
    (folder / "notes.txt").write_bytes(b"lasso of truth\n")
    (folder / "map.csv").write_bytes(b"x,y\n" * 1000)
    try:
        first_sign_in(page, owner)
        page.goto(f"/accounts/{account_id}/buckets/{bucket}")
        expect(page.get_by_text("This bucket is empty")).to_be_visible()
        _slow_uploads(page, 16 * MIB)

        page.get_by_label("Folder to upload").set_input_files(folder)

        uploads = page.get_by_label("Uploads", exact=True)
        expect(uploads.get_by_role("listitem")).to_have_count(3)
        assert 0 < _wait_for_intermediate_progress(page, "Upload of themyscira/big.bin") < 100
        assert 0 < _wait_for_intermediate_progress(page, "All uploads") < 100
        expect(uploads).to_contain_text("left")  # speed and time left while it runs
        expect(page.get_by_role("progressbar", name="All uploads")).to_have_attribute(
            "aria-valuenow", "100", timeout=120_000
        )
        expect(uploads).to_contain_text("3 of 3 files")

        page.get_by_role("button", name="themyscira").click()  # the listing was read again: the folder is there
        expect(page.get_by_role("button", name="Details of big.bin")).to_be_visible()
        rows = {
            name: page.get_by_role("row").filter(has=page.get_by_role("button", name=f"Details of {name}"))
            for name in ("big.bin", "notes.txt", "map.csv")
        }
        expect(rows["big.bin"]).to_contain_text("64 MiB")
        expect(rows["notes.txt"]).to_contain_text("15 B")
        expect(rows["map.csv"]).to_contain_text("3.91 KiB")
        body = s3.get_object(Bucket=bucket, Key="themyscira/big.bin")["Body"].read()
        assert body == big
        assert _pending_uploads(s3, bucket) == []
    finally:
        _empty_and_remove(s3, bucket)


def test_cancelling_an_upload_aborts_it_and_leaves_no_stray_multipart_upload(
    page: Page, settings: Settings, tmp_path: Path
) -> None:
    account_id = "kyle" + uuid.uuid4().hex[:6]
    owner = account_with_admin(settings, account_id, f"selina@{account_id}.example.com")
    bucket = f"{account_id}-loot"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    big = tmp_path / "diamonds.bin"
    big.write_bytes(os.urandom(64 * MIB))
    try:
        first_sign_in(page, owner)
        page.goto(f"/accounts/{account_id}/buckets/{bucket}")
        expect(page.get_by_text("This bucket is empty")).to_be_visible()
        _slow_uploads(page, 4 * MIB)

        page.get_by_label("Files to upload").set_input_files(big)
        _wait_for_intermediate_progress(page, "Upload of diamonds.bin")
        assert _pending_uploads(s3, bucket) == ["diamonds.bin"]  # started on the server, parts arriving

        page.get_by_role("button", name="Cancel diamonds.bin").click()

        expect(page.get_by_label("Uploads", exact=True)).to_have_count(0)
        deadline = time.monotonic() + 15
        while _pending_uploads(s3, bucket) and time.monotonic() < deadline:
            time.sleep(0.2)  # polling the storage system for the abort to land
        assert _pending_uploads(s3, bucket) == []
        assert s3.list_objects_v2(Bucket=bucket).get("KeyCount") == 0
    finally:
        _empty_and_remove(s3, bucket)


def test_a_part_that_keeps_failing_fails_the_file_and_retry_resumes_from_the_parts_done(
    page: Page, settings: Settings, tmp_path: Path
) -> None:
    account_id = "gordon" + uuid.uuid4().hex[:6]
    owner = account_with_admin(settings, account_id, f"jim@{account_id}.example.com")
    bucket = f"{account_id}-precinct"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    data = os.urandom(24 * MIB)  # three parts of 8 MiB
    (tmp_path / "case.bin").write_bytes(data)
    broken = {"on": True, "refused": 0}
    sent: list[str] = []

    def part_two(route: Route) -> None:
        if broken["on"]:
            broken["refused"] += 1
            route.abort("connectionreset")
        else:
            route.continue_()

    try:
        first_sign_in(page, owner)
        page.goto(f"/accounts/{account_id}/buckets/{bucket}")
        expect(page.get_by_text("This bucket is empty")).to_be_visible()
        page.on("request", lambda request: sent.append(request.url) if request.method == "PUT" else None)
        page.route(lambda url: "partNumber=2&" in url or url.endswith("partNumber=2"), part_two)

        page.get_by_label("Files to upload").set_input_files(tmp_path / "case.bin")

        row = page.get_by_role("listitem", name="case.bin")
        expect(row).to_contain_text("Failed", timeout=60_000)  # after its retries
        expect(row).to_contain_text("connection to the storage system was lost")
        assert broken["refused"] == 4  # the first try and three retries
        assert [part for part in ("partNumber=1&", "partNumber=3&") if any(part in url for url in sent)] == [
            "partNumber=1&",
            "partNumber=3&",
        ]
        broken["on"] = False
        sent.clear()

        row.get_by_role("button", name="Retry case.bin").click()

        expect(row).to_contain_text("Uploaded", timeout=60_000)
        assert [url for url in sent if "partNumber=" in url and "partNumber=2&" not in url] == []  # resumed
        expect(page.get_by_role("button", name="Details of case.bin")).to_be_visible()  # the listing refreshed
        assert s3.get_object(Bucket=bucket, Key="case.bin")["Body"].read() == data
        assert _pending_uploads(s3, bucket) == []
    finally:
        _empty_and_remove(s3, bucket)


def test_a_member_drops_files_on_the_page_and_makes_a_new_folder(page: Page, settings: Settings) -> None:
    account_id = "allen" + uuid.uuid4().hex[:6]
    account_with_admin(settings, account_id, f"barry@{account_id}.example.com")
    member = account_member(settings, account_id, f"iris@{account_id}.example.com")
    bucket = f"{account_id}-lab"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    try:
        first_sign_in(page, member)
        page.goto(f"/accounts/{account_id}/buckets/{bucket}")
        expect(page.get_by_text("This bucket is empty")).to_be_visible()

        page.get_by_role("button", name="New folder").click()
        page.get_by_label("Folder name").fill("experiments")
        page.get_by_role("button", name="Create folder").click()
        page.get_by_role("button", name="experiments").click()
        expect(page.get_by_text("This folder is empty")).to_be_visible()

        # What a browser does on a drop of two files from the desktop (dragover first, then drop).
        page.evaluate(
            """() => {
                const files = new DataTransfer();
                files.items.add(new File(['speed force'], 'notes.txt', { type: 'text/plain' }));
                files.items.add(new File([new Uint8Array(2048)], 'data.bin'));
                const event = (type) => new DragEvent(type, { dataTransfer: files, bubbles: true, cancelable: true });
                document.body.dispatchEvent(event('dragover'));
                document.body.dispatchEvent(event('drop'));
            }"""
        )

        expect(page.get_by_role("button", name="Details of notes.txt")).to_be_visible()
        expect(page.get_by_role("button", name="Details of data.bin")).to_be_visible()
        assert s3.get_object(Bucket=bucket, Key="experiments/notes.txt")["Body"].read() == b"speed force"
        assert s3.head_object(Bucket=bucket, Key="experiments/notes.txt")["ContentType"] == "text/plain"
        assert s3.head_object(Bucket=bucket, Key="experiments/data.bin")["ContentLength"] == 2048
    finally:
        _empty_and_remove(s3, bucket)


def test_closing_the_page_mid_upload_aborts_the_upload_on_the_server(
    page: Page, settings: Settings, tmp_path: Path
) -> None:
    account_id = "quinn" + uuid.uuid4().hex[:6]
    owner = account_with_admin(settings, account_id, f"harley@{account_id}.example.com")
    bucket = f"{account_id}-mallet"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    big = tmp_path / "heavy.bin"
    big.write_bytes(os.urandom(64 * MIB))
    try:
        first_sign_in(page, owner)
        page.goto(f"/accounts/{account_id}/buckets/{bucket}")
        expect(page.get_by_text("This bucket is empty")).to_be_visible()
        _slow_uploads(page, 4 * MIB)
        page.get_by_label("Files to upload").set_input_files(big)
        _wait_for_intermediate_progress(page, "Upload of heavy.bin")
        assert _pending_uploads(s3, bucket) == ["heavy.bin"]

        page.close()  # the tab goes away with its upload unfinished

        deadline = time.monotonic() + 15
        while _pending_uploads(s3, bucket) and time.monotonic() < deadline:
            time.sleep(0.2)  # polling the storage system for the abort the page sent as it went
        assert _pending_uploads(s3, bucket) == []
    finally:
        _empty_and_remove(s3, bucket)
