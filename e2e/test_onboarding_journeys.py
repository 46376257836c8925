"""Journeys of issue 4 in a real browser: a visitor asks for an account, staff approve or deny it."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Browser, Page, expect
from tests.mailbox import one_time_password, wait_for_mail
from tests.storage import remove_buckets, service_client

from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings

from .people import Visitor, first_sign_in, platform_user


def _request_an_account(page: Page, stack: EmbeddedStack, name: str, email: str) -> None:
    """The visitor's part: the public form, then the confirmation link from their mail."""
    page.goto("/sign-in")
    page.get_by_role("link", name="Request an account").click()
    page.get_by_label("Organisation").fill("Initech Ltd")
    page.get_by_label("Account name").fill(name)
    page.get_by_label("Contact name").fill("Peter Gibbons")
    page.get_by_label("Contact email").fill(email)
    page.get_by_label("Expected capacity (GiB)").fill("50")
    page.get_by_label("Message").fill("For our TPS reports.")
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("heading", name="Check your mail")).to_be_visible()

    mail = wait_for_mail(stack, email, "Confirm your Coffer account request")
    link = re.search(r"http\S+/request-account/confirm\?token=\S+", mail)
    assert link, mail
    page.goto(link.group(0))
    expect(page.get_by_role("heading", name="Request confirmed")).to_be_visible()


def _open_pending_request(staff_page: Page, staff: Visitor, name: str) -> None:
    first_sign_in(staff_page, staff)
    expect(staff_page.get_by_test_id("pending-requests-count")).to_have_text("1")
    staff_page.get_by_role("link", name=re.compile("^Account requests")).click()
    expect(staff_page.get_by_role("cell", name=name, exact=True)).to_be_visible()


def test_a_requested_account_is_approved_and_its_owner_signs_in_to_an_empty_account(
    page: Page, browser: Browser, base_url: str, settings: Settings, stack: EmbeddedStack
) -> None:
    suffix = uuid.uuid4().hex[:6]
    name, email = f"Initech{suffix}", f"peter@initech{suffix}.example.com"
    manager = platform_user(settings, "manager", "platform-manager")

    _request_an_account(page, stack, name, email)
    assert name in wait_for_mail(stack, "manager@example.com", "New account request")

    staff_context = browser.new_context(base_url=base_url)
    staff_page = staff_context.new_page()
    _open_pending_request(staff_page, manager, name)
    staff_page.get_by_role("button", name="Approve", exact=True).click()
    dialog = staff_page.get_by_role("dialog")
    expect(dialog.get_by_label("Display name")).to_have_value(name)
    expect(dialog.get_by_label("Quota (GiB)")).to_have_value("50")
    dialog.get_by_role("button", name="Approve request").click()
    expect(dialog).to_be_hidden()
    expect(staff_page.get_by_test_id("pending-requests-count")).to_be_hidden()
    staff_context.close()

    welcome = wait_for_mail(stack, email, "is ready")
    owner = Visitor(email, one_time_password(welcome))
    first_sign_in(page, owner)

    expect(page.get_by_text("Account administrator").first).to_be_visible()
    # the overview: where to connect, and the first things to do in an empty account
    expect(page.get_by_role("region", name="Connect your S3 tools")).to_contain_text(settings.s3_endpoint)
    actions = page.get_by_role("region", name="Quick actions")
    for action in ("Create a bucket", "Create an access key", "Add a person"):
        expect(actions.get_by_role("link", name=action)).to_be_visible()
    page.get_by_role("link", name="Buckets").click()
    expect(page.get_by_text("No buckets yet")).to_be_visible()


def test_a_denied_request_mails_the_reason_to_the_requester(
    page: Page, browser: Browser, base_url: str, settings: Settings, stack: EmbeddedStack
) -> None:
    suffix = uuid.uuid4().hex[:6]
    name, email = f"Globex{suffix}", f"hank@globex{suffix}.example.com"
    manager = platform_user(settings, "manager", "platform-manager")
    _request_an_account(page, stack, name, email)

    _open_pending_request(page, manager, name)
    page.get_by_role("button", name="Deny", exact=True).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("button", name="Deny request").click()
    expect(dialog.get_by_text(re.compile("reason", re.IGNORECASE)).first).to_be_visible()
    dialog.get_by_label("Reason").fill("We only serve customers in the EU.")
    dialog.get_by_role("button", name="Deny request").click()
    expect(dialog).to_be_hidden()

    declined = wait_for_mail(stack, email, "was declined")
    assert "We only serve customers in the EU." in declined
    page.get_by_role("combobox", name="Status").click()
    page.get_by_role("option", name="Denied").click()
    expect(page.get_by_text("We only serve customers in the EU.")).to_be_visible()


def test_a_name_whose_namespace_holds_the_operators_bucket_is_refused_and_the_form_keeps_its_values(
    page: Page, settings: Settings
) -> None:
    word = f"backup{uuid.uuid4().hex[:6]}"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=f"{word}-2025")
    s3.put_object(Bucket=f"{word}-2025", Key="ledger.csv", Body=b"2025\n")
    try:
        page.goto("/request-account")
        page.get_by_label("Organisation").fill("Backup Ltd")
        page.get_by_label("Account name").fill(word)
        page.get_by_label("Contact name").fill("Peter Gibbons")
        page.get_by_label("Contact email").fill(f"peter@{word}.example.com")
        page.get_by_label("Expected capacity (GiB)").fill("50")
        page.get_by_role("button", name="Send request").click()

        expect(page.get_by_text(re.compile(f"name '{word}' is taken")).first).to_be_visible()
        expect(page.get_by_label("Account name")).to_have_value(word)
        expect(page.get_by_label("Contact email")).to_have_value(f"peter@{word}.example.com")
        expect(page.get_by_role("heading", name="Check your mail")).to_be_hidden()
    finally:
        remove_buckets(settings, [f"{word}-2025"])
