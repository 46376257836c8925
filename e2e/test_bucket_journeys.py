"""An account admin makes and deletes the account's buckets from the console (one holding data after a second,
typed confirmation, with its progress shown); members only look."""

from __future__ import annotations

import re
import uuid
from concurrent.futures import ThreadPoolExecutor

from playwright.sync_api import Page, expect
from tests.storage import remove_buckets, service_client

from coffer.settings import Settings

from .people import account_member, account_with_admin, create_bucket, first_sign_in


def _stored_buckets(settings: Settings, account_id: str) -> list[str]:
    names = [bucket["Name"] for bucket in service_client(settings, "s3").list_buckets()["Buckets"]]
    return [name for name in names if name.startswith(f"{account_id}-")]


def test_an_account_admin_creates_a_bucket_after_a_refused_name_and_deletes_it_once_empty(
    page: Page, settings: Settings
) -> None:
    account_id = "wayne" + uuid.uuid4().hex[:6]
    bucket = f"{account_id}-photos"
    first_sign_in(page, account_with_admin(settings, account_id, f"bruce@{account_id}.example.com"))

    page.get_by_role("link", name="Buckets", exact=True).click()
    expect(page.get_by_text("No buckets yet")).to_be_visible()
    page.get_by_role("button", name="Create bucket").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text(f"{account_id}-", exact=True)).to_be_visible()
    dialog.get_by_label("Bucket name").fill("my_photos")
    dialog.get_by_role("button", name="Create bucket").click()
    refusal = "A bucket name has only lowercase letters, digits, hyphens (-) and dots (.)."
    expect(dialog.get_by_text(refusal)).to_be_visible()
    expect(dialog.get_by_label("Bucket name")).to_have_value("my_photos")
    assert _stored_buckets(settings, account_id) == []

    dialog.get_by_label("Bucket name").fill("photos")
    dialog.get_by_role("button", name="Create bucket").click()
    expect(page.get_by_role("row", name=bucket)).to_be_visible()
    expect(dialog).to_be_hidden()
    assert _stored_buckets(settings, account_id) == [bucket]

    s3 = service_client(settings, "s3")
    s3.put_object(Bucket=bucket, Key="holiday.jpg", Body=b"sun")
    page.get_by_role("button", name=f"Delete bucket {bucket}").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete bucket").click()
    expect(page.get_by_role("dialog").get_by_text(f"The bucket {bucket} still holds objects.")).to_be_visible()
    page.get_by_role("dialog").get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("row", name=bucket)).to_be_visible()
    assert s3.get_object(Bucket=bucket, Key="holiday.jpg")["Body"].read() == b"sun"

    s3.delete_object(Bucket=bucket, Key="holiday.jpg")
    page.get_by_role("button", name=f"Delete bucket {bucket}").click()
    expect(page.get_by_role("dialog").get_by_text("still holds objects")).to_be_hidden()
    page.get_by_role("dialog").get_by_role("button", name="Delete bucket").click()
    expect(page.get_by_text("No buckets yet")).to_be_visible()
    expect(page.get_by_role("row", name=bucket)).to_be_hidden()
    assert _stored_buckets(settings, account_id) == []


def test_a_member_sees_the_buckets_but_no_create_or_delete(page: Page, settings: Settings) -> None:
    account_id = "kent" + uuid.uuid4().hex[:6]
    bucket = f"{account_id}-farm"
    account_with_admin(settings, account_id, f"martha@{account_id}.example.com")
    create_bucket(settings, bucket)
    first_sign_in(page, account_member(settings, account_id, f"clark{account_id}"))

    page.get_by_role("link", name="Buckets", exact=True).click()
    expect(page.get_by_role("row", name=bucket)).to_be_visible()
    expect(page.get_by_role("button", name="Create bucket")).to_be_hidden()
    expect(page.get_by_role("button", name=f"Delete bucket {bucket}")).to_be_hidden()
    remove_buckets(settings, [bucket])


def test_an_account_admin_deletes_a_bucket_with_all_its_data_after_typing_its_name(
    page: Page, settings: Settings
) -> None:
    account_id = "stark" + uuid.uuid4().hex[:6]
    bucket = f"{account_id}-armor"
    first_sign_in(page, account_with_admin(settings, account_id, f"tony@{account_id}.example.com"))
    create_bucket(settings, bucket)
    s3 = service_client(settings, "s3")
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda n: s3.put_object(Bucket=bucket, Key=f"mark-{n:04}", Body=b"x"), range(3000)))

    page.get_by_role("link", name="Buckets", exact=True).click()
    page.get_by_role("button", name=f"Delete bucket {bucket}").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete bucket").click()
    expect(page.get_by_role("dialog").get_by_text(f"The bucket {bucket} still holds objects.")).to_be_visible()
    page.get_by_role("dialog").get_by_role("button", name="Delete the bucket and all its data").click()

    dialog = page.get_by_role("dialog", name=f"Delete {bucket} and all its data?")
    confirm = dialog.get_by_role("button", name="Delete bucket and all data")
    expect(confirm).to_be_disabled()
    dialog.get_by_label("Type the bucket name to confirm").fill(bucket.upper())
    dialog.get_by_label("I understand the objects cannot be recovered").check()
    expect(confirm).to_be_disabled()
    dialog.get_by_label("Type the bucket name to confirm").fill(bucket)
    expect(confirm).to_be_enabled()
    confirm.click()

    expect(dialog).to_be_hidden()
    progress = page.get_by_role("status", name=f"Deleting bucket {bucket}")
    expect(progress).to_contain_text(re.compile(r"Deleting… [\d,]+ objects? deleted"))
    expect(page.get_by_text("No buckets yet")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("row", name=bucket)).to_be_hidden()
    assert _stored_buckets(settings, account_id) == []
