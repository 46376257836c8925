"""An account admin turns versioning on, restores an overwritten file's old version, and deletes two files."""

from __future__ import annotations

import json
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


def test_a_policy_naming_another_bucket_is_explained_on_the_field_and_kept_until_fixed(
    page: Page, settings: Settings
) -> None:
    account_id = "prince" + uuid.uuid4().hex[:6]
    owner = account_with_admin(settings, account_id, f"diana@{account_id}.example.com")
    bucket = f"{account_id}-island"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    try:
        first_sign_in(page, owner)
        page.goto(f"/accounts/{account_id}/buckets/{bucket}?tab=settings")
        policy = page.get_by_role("region", name="Bucket policy")
        document = policy.get_by_label("Policy document (JSON)")
        statement = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::x/*"}
        wrong = json.dumps({"Version": "2012-10-17", "Statement": [statement]})
        document.fill(wrong)
        policy.get_by_role("button", name="Save policy").click()
        expect(policy).to_contain_text(f"a policy of this bucket may name only arn:aws:s3:::{bucket}")
        expect(document).to_have_value(wrong)

        document.fill(wrong.replace("arn:aws:s3:::x/*", f"arn:aws:s3:::{bucket}/*"))
        policy.get_by_role("button", name="Save policy").click()
        expect(policy.get_by_text("A policy is in force.")).to_be_visible()
        stored = json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"])
        assert stored["Statement"][0]["Resource"] in (f"arn:aws:s3:::{bucket}/*", [f"arn:aws:s3:::{bucket}/*"])

        tags = page.get_by_role("region", name="Tags")
        tags.get_by_role("button", name="Add tag").click()
        tags.get_by_label("Key").fill("team")
        tags.get_by_label("Value").fill("amazons")
        tags.get_by_role("button", name="Save tags").click()
        expect(page.get_by_text("Tags saved.")).to_be_visible()
        assert s3.get_bucket_tagging(Bucket=bucket)["TagSet"] == [{"Key": "team", "Value": "amazons"}]
    finally:
        s3.delete_bucket_policy(Bucket=bucket)
        remove_buckets(settings, [bucket])
