"""Journeys of issue 5 in a real browser: an account admin adds a member, who makes an access key."""

from __future__ import annotations

import re
import uuid

import boto3
import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from tests.mailbox import one_time_password, wait_for_mail

from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings

from .people import (
    Visitor,
    account_member,
    account_with_admin,
    bootstrap_admin,
    create_bucket,
    enroll_totp,
    enter_password,
    first_sign_in,
    new_password,
    platform_mfa_required,
    platform_user,
)


def add_person(page: Page, username: str, name: str, email: str) -> Locator:
    """Fills and sends the People page's "Add person" dialog; the dialog, for what it says then."""
    page.get_by_role("button", name="Add person").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Username").fill(username)
    dialog.get_by_label("Name", exact=True).fill(name)
    dialog.get_by_label("Email").fill(email)
    dialog.get_by_role("button", name="Add person").click()
    return dialog


def test_a_member_added_by_the_admin_makes_a_key_shown_once_and_the_admin_stops_it(
    page: Page, browser: Browser, base_url: str, settings: Settings, stack: EmbeddedStack
) -> None:
    account_id = "wayne" + uuid.uuid4().hex[:6]
    bucket = f"{account_id}-cave"
    owner = account_with_admin(settings, account_id, f"bruce@{account_id}.example.com")
    create_bucket(settings, bucket)  # after the account: a name whose namespace holds buckets is refused
    first_sign_in(page, owner)

    page.get_by_role("link", name="People", exact=True).click()
    add_person(page, "robin", "Dick Grayson", f"robin@{account_id}.example.com")
    expect(page.get_by_role("cell", name="robin", exact=True)).to_be_visible()

    mail = wait_for_mail(stack, f"robin@{account_id}.example.com", "Your Coffer sign-in")
    member_context = browser.new_context(base_url=base_url)
    member_page = member_context.new_page()
    robin = Visitor("robin", one_time_password(mail))
    first_sign_in(member_page, robin)
    member_page.get_by_role("link", name="Access keys").click()
    member_page.get_by_role("button", name="Create access key").click()
    confirm = member_page.get_by_role("dialog", name="Confirm it is you")
    confirm.get_by_label("Authentication code").fill("000000")
    confirm.get_by_role("button", name="Create key").click()
    expect(confirm.get_by_text("That code is wrong or was already used")).to_be_visible()
    confirm.get_by_label("Authentication code").fill(robin.code())
    confirm.get_by_role("button", name="Create key").click()
    key_id = member_page.get_by_test_id("new-access-key-id").inner_text().strip()
    secret = member_page.get_by_test_id("new-secret-access-key").inner_text().strip()
    # beside the key, where to use it: the S3 tool below is set up from what the dialog shows
    facts = member_page.get_by_role("dialog").get_by_test_id("s3-endpoint-facts").locator("code")
    endpoint, region = facts.nth(0).inner_text(), facts.nth(1).inner_text()
    member_page.get_by_role("button", name="I have stored the secret").click()
    expect(member_page.get_by_role("dialog")).to_be_hidden()
    expect(member_page.get_by_role("cell", name=key_id)).to_be_visible()
    assert secret not in member_page.content()
    member_page.reload()
    expect(member_page.get_by_role("cell", name=key_id)).to_be_visible()
    expect(member_page.get_by_test_id("s3-endpoint-facts")).to_contain_text(endpoint)  # the key page says it too
    assert secret not in member_page.content()
    member_context.close()

    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
    )
    s3.list_objects_v2(Bucket=bucket)

    page.get_by_role("button", name="Actions for robin").click()
    page.get_by_role("menuitem", name="Access keys").click()
    expect(page.get_by_role("heading", name="Access keys of robin")).to_be_visible()
    page.get_by_role("button", name="Deactivate").click()
    expect(page.get_by_text("Inactive", exact=True)).to_be_visible()
    with pytest.raises(s3.exceptions.ClientError):
        s3.list_objects_v2(Bucket=bucket)

    page.get_by_role("link", name="People", exact=True).click()
    expect(page.get_by_role("row", name="robin").get_by_text("Enrolled", exact=True)).to_be_visible()
    page.get_by_role("button", name="Actions for robin").click()
    page.get_by_role("menuitem", name="Reset MFA").click()
    page.get_by_role("dialog").get_by_role("button", name="Reset MFA").click()
    expect(page.get_by_role("row", name="robin").get_by_text("Not enrolled")).to_be_visible()

    again = browser.new_context(base_url=base_url)
    robin_again = again.new_page()
    enter_password(robin_again, robin)
    expect(robin_again.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    again.close()


def test_where_mfa_is_optional_a_member_puts_it_off_until_the_account_requires_it(
    page: Page, browser: Browser, base_url: str, settings: Settings
) -> None:
    admin = bootstrap_admin(settings)
    first_sign_in(page, admin)
    page.goto("/security-policy")
    everyone = page.get_by_role("switch", name="Require two-factor authentication for everyone")
    expect(everyone).to_be_checked()
    everyone.click()
    expect(page.get_by_text("Two-factor authentication is now up to each account.")).to_be_visible()

    account_id = "gotham" + uuid.uuid4().hex[:6]
    owner = account_with_admin(settings, account_id, f"gordon@{account_id}.example.com")
    kim = account_member(settings, account_id, "kim")
    member_context = browser.new_context(base_url=base_url)
    member = member_context.new_page()
    new_password(member, kim)
    expect(member.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    member.get_by_role("button", name="Set up later").click()
    member.get_by_role("link", name="Access keys").click()
    member.get_by_role("button", name="Create access key").click()
    confirm = member.get_by_role("dialog", name="Confirm it is you")
    expect(confirm.get_by_label("Authentication code")).to_have_count(0)
    confirm.get_by_label("Current password").fill(kim.password)
    confirm.get_by_role("button", name="Create key").click()
    expect(member.get_by_test_id("new-secret-access-key")).to_be_visible()
    member.get_by_role("button", name="I have stored the secret").click()

    owner_context = browser.new_context(base_url=base_url)
    owners_page = owner_context.new_page()
    first_sign_in(owners_page, owner)
    owners_page.get_by_role("link", name="People", exact=True).click()
    owners_page.get_by_role("switch", name="Require two-factor authentication in this account").click()
    # kim has no authenticator: signed out at once, not at some later sign-in
    expect(
        owners_page.get_by_text(
            "Two-factor authentication is now required in this account. 1 person without it was signed out"
        )
    ).to_be_visible()
    owner_context.close()

    member.reload()
    member.wait_for_url("**/sign-in**")
    enter_password(member, kim)
    expect(member.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    expect(member.get_by_role("button", name="Set up later")).to_have_count(0)
    assert len(enroll_totp(member, kim)) == 10
    member_context.close()


def test_a_person_who_put_mfa_off_sets_it_up_from_the_profile(page: Page, settings: Settings) -> None:
    platform_mfa_required(settings, False)
    viewer = platform_user(settings, "vic", "platform-viewer")
    new_password(page, viewer)
    page.get_by_role("button", name="Set up later").click()
    page.get_by_role("button", name=re.compile("^User menu of")).click()
    page.get_by_role("menuitem", name="Your profile").click()
    section = page.get_by_role("region", name="Two-factor authentication")
    expect(section.get_by_text("Two-factor authentication is not set up.")).to_be_visible()
    section.get_by_label("Current password").fill("not the password at all")
    section.get_by_role("button", name="Set up two-factor authentication").click()
    expect(section.get_by_text("That is not your current password.").first).to_be_visible()
    section.get_by_role("textbox", name="Current password").fill(viewer.password)
    section.get_by_role("button", name="Set up two-factor authentication").click()
    assert len(enroll_totp(page, viewer)) == 10

    page.get_by_role("button", name="Sign out", exact=True).click()
    page.wait_for_url("**/sign-in**")
    enter_password(page, viewer)
    expect(page.get_by_label("Authentication code")).to_be_visible()


def test_a_disabled_account_takes_no_new_person_and_the_form_keeps_what_was_typed(
    page: Page, settings: Settings
) -> None:
    admin = bootstrap_admin(settings)
    account_id = "gotham" + uuid.uuid4().hex[:6]
    account_with_admin(settings, account_id, f"jim@{account_id}.example.com")
    first_sign_in(page, admin)

    page.goto(f"/accounts/{account_id}")
    page.get_by_role("button", name="Disable", exact=True).click()
    page.get_by_role("dialog").get_by_role("button", name="Disable account").click()
    expect(page.get_by_text(re.compile("is disabled\\.$"))).to_be_visible()
    page.goto(f"/accounts/{account_id}/users")
    dialog = add_person(page, "harvey", "Harvey Dent", f"harvey@{account_id}.example.com")

    expect(dialog.get_by_text(f"The account {account_id} is disabled; enable it first.")).to_be_visible()
    expect(dialog.get_by_label("Username")).to_have_value("harvey")


def test_requiring_mfa_for_everyone_is_confirmed_first_saying_how_many_will_be_signed_out(
    page: Page, settings: Settings
) -> None:
    first_sign_in(page, bootstrap_admin(settings))
    platform_mfa_required(settings, False)
    for name in ("noor", "omar"):  # made by an admin, never signed in: no authenticator
        platform_user(settings, name, "platform-viewer")
    page.goto("/security-policy")
    everyone = page.get_by_role("switch", name="Require two-factor authentication for everyone")
    expect(everyone).not_to_be_checked()

    everyone.click()
    dialog = page.get_by_role("dialog", name="Require two-factor authentication for everyone?")
    expect(dialog).to_contain_text("2 people without an authenticator will be signed out at once")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    page.reload()
    expect(everyone).not_to_be_checked()  # cancelled: nothing was saved

    everyone.click()
    dialog.get_by_role("button", name="Require it and sign them out").click()
    expect(page.get_by_text("Two-factor authentication is now required for everyone. 2 people")).to_be_visible()
    expect(everyone).to_be_checked()
