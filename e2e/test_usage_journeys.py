"""Journeys of issue 6 in a real browser: usage charts that move with real S3 traffic, quotas and alerts."""

from __future__ import annotations

import os
import re
import time
import uuid
from typing import Any

import boto3
import pytest
from playwright.sync_api import Browser, Page, expect
from tests.mailbox import wait_for_mail

from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings

from .people import account_member, account_quota, account_with_admin, bootstrap_admin, first_sign_in


def _make_key(page: Page, visitor: Any) -> tuple[str, str]:
    page.get_by_role("link", name="Access keys").click()
    page.get_by_role("button", name="Create access key").click()
    confirm = page.get_by_role("dialog", name="Confirm it is you")
    confirm.get_by_label("Authentication code").fill(visitor.code())
    confirm.get_by_role("button", name="Create key").click()
    key_id = page.get_by_test_id("new-access-key-id").inner_text().strip()
    secret = page.get_by_test_id("new-secret-access-key").inner_text().strip()
    page.get_by_role("button", name="I have stored the secret").click()
    return key_id, secret


def _operator(settings: Settings) -> Any:
    """The platform's service identity, as the operator's own tools hold it."""
    return _s3(settings, settings.storage_access_key, settings.storage_secret_key.get_secret_value())


def _interval(page: Page, label: str) -> None:
    """Mantine's segmented control hides its radios behind their labels: click the label, as a person does."""
    page.get_by_role("radiogroup", name="Interval").get_by_text(label, exact=True).click()
    expect(page.get_by_role("radio", name=label)).to_be_checked()


def _auto_refresh(page: Page) -> None:
    page.get_by_role("switch", name="Auto-refresh").click()
    expect(page.get_by_role("switch", name="Auto-refresh")).to_be_checked()


def _s3(settings: Settings, key_id: str, secret: str) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=settings.s3_endpoint,
        region_name=settings.s3_region,
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
    )


def test_a_member_uploads_with_a_key_and_sees_the_usage_charts_move(
    page: Page, browser: Browser, base_url: str, settings: Settings
) -> None:
    account_id = "stark" + uuid.uuid4().hex[:6]
    owner = account_with_admin(settings, account_id, f"tony@{account_id}.example.com")
    owner_context = browser.new_context(base_url=base_url)
    owners_page = owner_context.new_page()
    first_sign_in(owners_page, owner)
    key_id, secret = _make_key(owners_page, owner)
    owner_context.close()
    bucket = f"{account_id}-armor"
    _s3(settings, key_id, secret).create_bucket(Bucket=bucket)

    pepper = account_member(settings, account_id, "pepper")
    first_sign_in(page, pepper)
    s3 = _s3(settings, *_make_key(page, pepper))
    page.get_by_role("link", name="Usage", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("^Usage of"))).to_be_visible()
    _interval(page, "10 s")
    requests = page.get_by_role("figure", name="Requests per second")
    expect(requests).to_be_visible()

    for number in range(3):
        s3.put_object(Bucket=bucket, Key=f"suit{number}", Body=os.urandom(40_000))
    s3.get_object(Bucket=bucket, Key="suit0")["Body"].read()
    _auto_refresh(page)

    expect(page.get_by_test_id("card-objects")).to_have_text("3", timeout=30_000)
    expect(page.get_by_test_id("card-used-capacity")).to_contain_text("KiB")
    expect(requests.get_by_text("No usage recorded yet")).to_have_count(0, timeout=30_000)
    expect(requests.get_by_text("PUT (uploads)")).to_be_visible()  # the legend says what each line is
    _interval(page, "1 h")
    expect(page).to_have_url(re.compile("1h"))
    expect(page.get_by_role("figure", name="Capacity").get_by_text("No usage recorded yet")).to_have_count(0)
    page.get_by_role("combobox", name="Bucket").click()
    page.get_by_role("option", name=bucket).click()
    expect(page.get_by_test_id("card-objects")).to_have_text("3")
    quota_card = page.get_by_role("region", name=f"Quota used by {bucket}")
    expect(quota_card).to_contain_text("No quota of its own")  # the bucket's quota, not the account's


def test_staff_see_platform_totals_and_the_top_accounts(page: Page, settings: Settings) -> None:
    admin = bootstrap_admin(settings)
    account_id = "wayne" + uuid.uuid4().hex[:6]
    account_with_admin(settings, account_id, f"bruce@{account_id}.example.com")
    operator = _operator(settings)
    operator.create_bucket(Bucket=f"{account_id}-cave")
    operator.put_object(Bucket=f"{account_id}-cave", Key="batmobile", Body=os.urandom(10_000))
    first_sign_in(page, admin)

    page.get_by_role("link", name="Usage", exact=True).click()
    expect(page.get_by_role("heading", name="Platform usage")).to_be_visible()
    _auto_refresh(page)
    top = page.get_by_role("table", name="Top accounts")
    expect(top.get_by_role("link", name=re.compile(account_id, re.IGNORECASE))).to_be_visible(timeout=30_000)
    top.get_by_role("link", name=re.compile(account_id, re.IGNORECASE)).click()
    expect(page.get_by_role("heading", name=re.compile("^Usage of"))).to_be_visible()
    # the account's page has its own switch: until the first capacity sample it rightly shows 0 objects
    _auto_refresh(page)
    expect(page.get_by_test_id("card-objects")).to_have_text("1", timeout=30_000)
    # the account's own page reads the same sample, and says when it was taken
    page.goto(f"/accounts/{account_id}")
    expect(page.get_by_role("row", name=re.compile("^Objects"))).to_contain_text("1")
    expect(page.get_by_role("row", name=re.compile("^Measured"))).to_contain_text("Objects and bytes as of")


def test_a_platform_admin_sets_a_quota_the_storage_refuses_writes_and_the_alert_arrives(
    page: Page, settings: Settings, stack: EmbeddedStack
) -> None:
    admin = bootstrap_admin(settings)
    account_id = "oscorp" + uuid.uuid4().hex[:6]
    account_with_admin(settings, account_id, f"norman@{account_id}.example.com")
    bucket = f"{account_id}-labs"
    operator = _operator(settings)
    operator.create_bucket(Bucket=bucket)
    for number in range(3):
        operator.put_object(Bucket=bucket, Key=f"formula{number}", Body=os.urandom(40_000))
    started = time.time()
    first_sign_in(page, admin)

    page.goto(f"/accounts/{account_id}/usage")
    quotas = page.get_by_role("region", name="Quotas")
    # wait for a measurement that saw all three objects (117 KiB), not one taken while they were uploaded
    expect(quotas.get_by_role("row", name=re.compile(bucket))).to_contain_text("117", timeout=30_000)
    quotas.get_by_role("button", name="Set account quota").click()
    dialog = page.get_by_role("dialog", name="Account quota")
    dialog.get_by_label("Quota (GiB)").fill("0.0001")  # about 105 KiB, less than the 117 KiB stored
    dialog.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Quota saved.")).to_be_visible()

    expect(quotas.get_by_role("alert").filter(has_text="Over quota")).to_be_visible()
    expect(quotas.get_by_role("row", name=re.compile(bucket)).get_by_text("Writes refused")).to_be_visible()
    with pytest.raises(operator.exceptions.ClientError):
        operator.put_object(Bucket=bucket, Key="one-more", Body=b"x")
    operator.get_object(Bucket=bucket, Key="formula0")["Body"].read()
    assert "of its quota (exceeded)" in wait_for_mail(stack, "admin@localhost", "Quota exceeded", since=started)

    page.get_by_role("button", name="Notifications").click()
    expect(page.get_by_role("heading", name="Notifications")).to_be_visible()
    expect(page.get_by_text(f"The account {account_id} has reached").first).to_be_visible()
    page.get_by_role("button", name="Mark all as read").click()

    page.goto(f"/accounts/{account_id}/usage")
    page.get_by_role("region", name="Quotas").get_by_role("button", name="Set account quota").click()
    dialog = page.get_by_role("dialog", name="Account quota")
    dialog.get_by_label("Quota (GiB)").fill("1")
    dialog.get_by_role("button", name="Save").click()
    expect(page.get_by_role("row", name=re.compile(bucket)).get_by_text("Writable")).to_be_visible()
    operator.put_object(Bucket=bucket, Key="one-more", Body=b"x")


def test_a_tenant_over_quota_reads_the_same_figure_everywhere_and_why_writes_fail(
    page: Page, settings: Settings
) -> None:
    """What the tenant sees when their account is full: the alert in the console without having asked
    for mail, the bucket saying since when writes are refused, one figure on the card and the section."""
    bootstrap_admin(settings)
    account_id = "stark" + uuid.uuid4().hex[:6]
    owner = account_with_admin(settings, account_id, f"pepper@{account_id}.example.com")
    bucket = f"{account_id}-suits"
    operator = _operator(settings)
    operator.create_bucket(Bucket=bucket)
    operator.put_object(Bucket=bucket, Key="mark-1", Body=os.urandom(30_000))
    first_sign_in(page, owner)
    page.goto(f"/accounts/{account_id}/usage")
    quotas = page.get_by_role("region", name="Quotas")
    expect(quotas.get_by_role("row", name=re.compile(bucket))).to_contain_text("29.3 KiB", timeout=30_000)
    account_quota(settings, account_id, 27_000)  # 30,000 bytes stored: 111.1 % of it

    page.goto(f"/accounts/{account_id}/buckets/{bucket}")
    refused = page.get_by_role("alert").filter(has_text="Writes refused: over quota")
    expect(refused).to_contain_text("Since")
    expect(refused).to_contain_text("InternalError")
    with pytest.raises(operator.exceptions.ClientError):
        operator.put_object(Bucket=bucket, Key="mark-2", Body=b"x")

    page.goto(f"/accounts/{account_id}/usage")
    card = page.get_by_test_id("card-quota-used")
    expect(card).to_have_text("111.1%")
    expect(page.get_by_role("region", name="Quotas")).to_contain_text("(111.1%)")
    expect(page.get_by_role("progressbar", name="Account quota")).to_have_attribute("aria-valuetext", "111.1%")

    expect(page.get_by_role("button", name="Notifications")).to_have_accessible_description("1 unread")
    page.get_by_role("button", name="Notifications").click()
    expect(page.get_by_text(f"The account {account_id} has reached 111.1 % of its quota (exceeded)")).to_be_visible()


def test_the_charts_of_a_page_span_one_time(page: Page, settings: Settings) -> None:
    """Capacity is sampled every 10 minutes, requests every 10 seconds: at any interval the four charts
    still show the same stretch of time, and each says which."""
    admin = bootstrap_admin(settings)
    first_sign_in(page, admin)
    page.goto("/usage")
    spans = page.get_by_role("figure").get_by_test_id("chart-span")
    for interval in ("1 min", "1 h", "10 s"):
        _interval(page, interval)
        expect(spans).to_have_count(4)
        expect(page.get_by_role("figure").first).not_to_have_attribute("aria-busy", "true")
        texts = spans.all_inner_texts()
        assert len(set(texts)) == 1, (interval, texts)
