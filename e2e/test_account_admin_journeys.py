"""Staff run accounts from the console: create, disable, enable, delete; then read it all in the audit log."""

from __future__ import annotations

import re
import uuid

import boto3
from playwright.sync_api import Page, expect
from tests.storage import remove_buckets, service_client

from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings

from .people import account_with_admin, bootstrap_admin, create_bucket, first_sign_in, user_id_of


def test_an_admin_creates_disables_enables_and_deletes_an_account_and_audits_it(
    page: Page, settings: Settings, stack: EmbeddedStack
) -> None:
    account_id = "umbrella" + uuid.uuid4().hex[:6]
    name = f"Société Générale {account_id[-6:]}"  # letters of any language and spaces
    first_sign_in(page, bootstrap_admin(settings))

    page.get_by_role("link", name="Accounts", exact=True).click()
    page.get_by_role("link", name="New account").click()
    page.get_by_label("Account id").fill(account_id)
    page.get_by_label("Display name").fill("semi;colon")
    page.get_by_label("Contact email").fill(f"ops@{account_id}.example.com")
    page.get_by_label("Admin name").fill("Alice")
    page.get_by_label("Admin email").fill(f"alice@{account_id}.example.com")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text(re.compile("A name has 1 to 128")).first).to_be_visible()
    expect(page.get_by_label("Account id")).to_have_value(account_id)

    page.get_by_label("Display name").fill(name)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name=name)).to_be_visible()
    expect(page.get_by_role("row", name="Status active")).to_be_visible()

    page.get_by_role("button", name="Disable", exact=True).click()
    page.get_by_role("dialog").get_by_role("button", name="Disable account").click()
    expect(page.get_by_role("row", name="Status disabled")).to_be_visible()
    page.get_by_role("button", name="Enable", exact=True).click()
    page.get_by_role("dialog").get_by_role("button", name="Enable account").click()
    expect(page.get_by_role("row", name="Status active")).to_be_visible()

    page.get_by_role("button", name="Delete account").click()
    dialog = page.get_by_role("dialog")
    confirm = dialog.get_by_role("button", name="Delete account")
    expect(confirm).to_be_disabled()
    dialog.get_by_label("Type the account name to confirm").fill(name)
    confirm.click()
    expect(page.get_by_role("row", name="Status deleted")).to_be_visible()

    page.get_by_role("link", name="Accounts", exact=True).click()
    page.get_by_label("Search accounts").fill(account_id)
    expect(page.get_by_role("link", name=account_id)).to_be_visible()

    page.get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()
    page.get_by_label("Account", exact=True).fill(account_id)
    for action in ("account.create", "account.disable", "account.enable", "account.delete"):
        expect(page.get_by_role("cell", name=action, exact=True)).to_be_visible()
    named = page.get_by_role("cell", name=name, exact=True).first
    expect(named).to_be_visible()  # the account by its name, its id on hover
    expect(named.locator("[title]")).to_have_attribute("title", account_id)
    export = page.get_by_role("link", name="Export CSV")
    expect(export).to_have_attribute("href", re.compile(f"account_id={account_id}"))

    page.get_by_role("link", name="Outbox").click()
    page.get_by_text(f"Your Coffer account {name} is ready").click()
    expect(page.get_by_text("one-time password:")).to_be_visible()


def test_a_key_switched_off_stays_off_through_a_disable_and_enable_and_staff_make_no_keys(
    page: Page, settings: Settings
) -> None:
    account_id = "oscorp" + uuid.uuid4().hex[:6]
    staff = bootstrap_admin(settings)
    owner = account_with_admin(settings, account_id, f"norman@{account_id}.example.com")
    bucket = f"{account_id}-labs"
    create_bucket(settings, bucket)
    iam = service_client(settings, "iam")
    leaked, kept = (iam.create_access_key(UserName=f"{account_id}.{owner.username}")["AccessKey"] for _ in range(2))
    owner_id = user_id_of(settings, owner.username)
    first_sign_in(page, staff)

    page.goto(f"/accounts/{account_id}/users/{owner_id}/keys")
    expect(page.get_by_role("heading", name=f"Access keys of {owner.username}")).to_be_visible()
    expect(page.get_by_role("button", name="Create access key")).to_be_hidden()
    expect(page.get_by_text("only the account's own people make new ones")).to_be_visible()
    page.get_by_role("row", name=leaked["AccessKeyId"]).get_by_role("button", name="Deactivate").click()
    expect(page.get_by_role("row", name=leaked["AccessKeyId"]).get_by_text("Inactive", exact=True)).to_be_visible()

    page.goto(f"/accounts/{account_id}")
    page.get_by_role("button", name="Disable", exact=True).click()
    page.get_by_role("dialog").get_by_role("button", name="Disable account").click()
    expect(page.get_by_role("row", name="Status disabled")).to_be_visible()
    assert not lists(settings, kept, bucket)
    page.get_by_role("button", name="Enable", exact=True).click()
    page.get_by_role("dialog").get_by_role("button", name="Enable account").click()
    expect(page.get_by_role("row", name="Status active")).to_be_visible()

    page.goto(f"/accounts/{account_id}/users/{owner_id}/keys")
    expect(page.get_by_role("row", name=leaked["AccessKeyId"]).get_by_text("Inactive", exact=True)).to_be_visible()
    expect(page.get_by_role("row", name=kept["AccessKeyId"]).get_by_text("Active", exact=True)).to_be_visible()
    assert not lists(settings, leaked, bucket)
    assert lists(settings, kept, bucket)
    remove_buckets(settings, [bucket])


def lists(settings: Settings, key: dict[str, str], bucket: str) -> bool:
    """Whether S3 itself accepts the key."""
    s3 = boto3.client(
        "s3",
        endpoint_url=settings.s3_endpoint,
        region_name=settings.s3_region,
        aws_access_key_id=key["AccessKeyId"],
        aws_secret_access_key=key["SecretAccessKey"],
    )
    try:
        s3.list_objects_v2(Bucket=bucket)
    except s3.exceptions.ClientError:
        return False
    return True
