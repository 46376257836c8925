"""An account admin turns versioning on, restores an overwritten file's old version, and deletes two files."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect
from tests.storage import remove_buckets, service_client

from coffer.settings import Settings

from .people import account_with_admin, first_sign_in


def test_an_admin_turns_versioning_on_restores_an_old_version_and_deletes_two_objects(
    page: Page, settings: Settings
) -> None:
    account_id = "kent" + uuid.uuid4().hex[:6]
    owner = account_with_admin(settings, account_id, f"clark@{account_id}.example.com")
    bucket = f"{account_id}-planet"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    for key in ("a.txt", "b.txt"):
        s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
    try:
        first_sign_in(page, owner)
        page.goto(f"/accounts/{account_id}/buckets/{bucket}")
        page.get_by_role("tab", name="Settings").click()
        versioning = page.get_by_role("region", name="Versioning")
        expect(versioning.get_by_label("Versioning off")).to_be_visible()
        expect(page.get_by_role("region", name="Lifecycle rules")).to_contain_text("does not apply them")
        versioning.get_by_role("button", name="Turn versioning on").click()
        expect(versioning.get_by_label("Versioning enabled")).to_be_visible()
        assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"

        # Uploads have their own console work; here the file is written twice straight to S3.
        old = s3.put_object(Bucket=bucket, Key="report.txt", Body=b"first")["VersionId"]
        s3.put_object(Bucket=bucket, Key="report.txt", Body=b"second, much longer")

        page.reload()  # written behind the console's back: the listing read before does not know it
        page.get_by_role("tab", name="Objects").click()
        page.get_by_role("button", name="Details of report.txt").click()
        drawer = page.get_by_role("dialog", name="Object details")
        expect(drawer.get_by_role("row", name=re.compile(r"^Size .*\(19 bytes\)"))).to_be_visible()
        versions = drawer.get_by_role("region", name="Versions")
        expect(versions.get_by_role("row")).to_have_count(3)  # the header and two versions
        versions.get_by_role("button", name=f"Restore version {old}", exact=True).click()
        expect(drawer.get_by_role("row", name=re.compile(r"^Size .*\(5 bytes\)"))).to_be_visible()
        expect(versions.get_by_role("row")).to_have_count(4)
        assert s3.get_object(Bucket=bucket, Key="report.txt")["Body"].read() == b"first"
        page.keyboard.press("Escape")
        expect(drawer).to_be_hidden()

        page.get_by_role("checkbox", name="Choose a.txt").check()
        page.get_by_role("checkbox", name="Choose b.txt").check()
        page.get_by_role("button", name="Delete 2 objects").click()
        confirm = page.get_by_role("dialog", name="Delete 2 objects?")
        expect(confirm).to_contain_text("each deleted object gets a delete marker")
        confirm.get_by_role("button", name="Delete 2 objects").click()
        expect(page.get_by_text("Deleted 2 objects (2 kept behind delete markers).")).to_be_visible()
        expect(page.get_by_role("button", name="Details of a.txt")).to_have_count(0)
        expect(page.get_by_role("button", name="Details of b.txt")).to_have_count(0)
        expect(page.get_by_role("button", name="Details of report.txt")).to_be_visible()
        listed = [entry["Key"] for entry in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
        assert listed == ["report.txt"]
    finally:
        remove_buckets(settings, [bucket])
