"""Journeys of issue 3 in a real browser: the admin's first sign-in and return, alice's buckets."""

from __future__ import annotations

import re
import time
import uuid
from urllib.parse import quote, urlsplit

from playwright.sync_api import Browser, Page, expect
from tests.mailbox import wait_for_mail

from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings

from .people import (
    NEW_PASSWORD,
    Visitor,
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


def test_admin_first_sign_in_then_sign_out_and_back_with_totp_and_replay_refused(
    page: Page, settings: Settings
) -> None:
    admin = bootstrap_admin(settings)

    recovery_codes = first_sign_in(page, admin)

    assert len(recovery_codes) == 10
    expect(page.get_by_text("Platform administrator").first).to_be_visible()
    expect(page.get_by_role("region", name="Accounts", exact=True)).to_be_visible()  # the staff overview's cards
    page.get_by_role("button", name=re.compile("^User menu of")).click()
    page.get_by_role("menuitem", name="Your profile").click()
    expect(page.get_by_text("admin", exact=True).first).to_be_visible()
    expect(page.get_by_text("Session ends").first).to_be_visible()

    page.get_by_role("button", name="Sign out", exact=True).click()
    page.wait_for_url("**/sign-in**")

    enter_password(page, admin)
    code = admin.code()
    page.get_by_label("Authentication code").fill(code)
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_text("Platform administrator").first).to_be_visible()

    page.get_by_role("button", name="Sign out", exact=True).click()
    page.wait_for_url("**/sign-in**")
    enter_password(page, admin)
    page.get_by_label("Authentication code").fill(code)
    page.get_by_role("button", name="Verify").click()

    expect(page.get_by_text("That code is wrong or was already used")).to_be_visible()
    expect(page.get_by_label("Authentication code")).to_have_value(code)


def test_wrong_password_is_explained_and_the_username_kept(page: Page, settings: Settings) -> None:
    bootstrap_admin(settings)
    enter_password(page, Visitor("admin", "certainly not it"))

    expect(page.get_by_text("Wrong username or password.")).to_be_visible()
    expect(page.get_by_label("Username")).to_have_value("admin")


def test_account_admin_sees_her_accounts_buckets_listed_with_temporary_credentials(
    page: Page, settings: Settings
) -> None:
    account_id = "acme" + uuid.uuid4().hex[:6]
    alice = account_with_admin(settings, account_id, f"alice{account_id}@example.com")
    create_bucket(settings, f"{account_id}-photos")

    first_sign_in(page, alice)
    expect(page.get_by_text("Account administrator").first).to_be_visible()
    page.get_by_role("link", name="Buckets").click()

    expect(page.get_by_role("cell", name=f"{account_id}-photos", exact=True)).to_be_visible()


def test_signing_out_elsewhere_sends_the_page_to_sign_in(page: Page, settings: Settings) -> None:
    admin = bootstrap_admin(settings)
    first_sign_in(page, admin)
    expect(page.get_by_text("Platform administrator").first).to_be_visible()

    page.context.request.post("/api/v1/auth/logout-all", headers={"X-Coffer-CSRF": "1"})
    page.reload()

    page.wait_for_url("**/sign-in**")


def test_forgot_password_mails_a_link_that_still_asks_for_the_totp_code(
    page: Page, settings: Settings, stack: EmbeddedStack
) -> None:
    admin = bootstrap_admin(settings)
    first_sign_in(page, admin)
    page.get_by_role("button", name="Sign out", exact=True).click()
    page.wait_for_url("**/sign-in**")

    asked_at = time.time()
    page.get_by_role("link", name="Forgot password?").click()
    expect(page.get_by_role("heading", name="Forgot your password?")).to_be_visible()
    page.get_by_label("Username").fill("admin")
    page.get_by_role("button", name="Send link").click()
    expect(page.get_by_role("status")).to_contain_text("If that username is known")
    mail = wait_for_mail(stack, "admin@localhost", "Reset your Coffer password", since=asked_at)
    link = re.search(r"http\S+/reset-password\?token=\S+", mail)
    assert link, mail

    page.goto(link.group(0))
    new_password = "lighthouse keeper saffron 1907"
    page.get_by_label("New password", exact=True).fill(new_password)
    page.get_by_label("Repeat new password").fill(new_password)
    page.get_by_role("button", name="Set new password").click()
    expect(page.get_by_text("Enter the 6-digit code.")).to_be_visible()
    page.get_by_label("Authentication code").fill(admin.code())
    page.get_by_role("button", name="Set new password").click()
    expect(page.get_by_role("heading", name="Password changed")).to_be_visible()

    admin.password = new_password
    enter_password(page, admin)
    expect(page.get_by_label("Authentication code")).to_be_visible()


IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
    " Version/17.4 Mobile/15E148 Safari/604.1"
)


def test_a_person_ends_another_session_changes_their_password_and_makes_new_recovery_codes(
    page: Page, browser: Browser, base_url: str, settings: Settings
) -> None:
    admin = bootstrap_admin(settings)
    old_codes = first_sign_in(page, admin)
    elsewhere = browser.new_context(base_url=base_url, user_agent=IPHONE)
    phone = elsewhere.new_page()
    enter_password(phone, admin)
    phone.get_by_role("button", name="Use a recovery code").click()
    phone.get_by_label("Recovery code").fill(old_codes[0])
    phone.get_by_role("button", name="Verify").click()
    expect(phone.get_by_text("Platform administrator").first).to_be_visible()

    page.get_by_role("button", name=re.compile("^User menu of")).click()
    page.get_by_role("menuitem", name="Your profile").click()
    phone_cell = page.get_by_role("cell", name="Mobile Safari 17 on iOS 17", exact=True)  # a device people name
    expect(phone_cell).to_be_visible()
    expect(phone_cell.locator("[title]")).to_have_attribute("title", IPHONE)  # the browser's own words on hover
    page.get_by_role("button", name="End the session on Mobile Safari 17 on iOS 17").click()
    expect(phone_cell).to_be_hidden()
    phone.reload()
    phone.wait_for_url("**/sign-in**")
    elsewhere.close()

    page.get_by_label("Current password").fill("this is not it at all")
    page.get_by_label("New password", exact=True).fill("granite orchard pelican 2031")
    page.get_by_label("Repeat new password").fill("granite orchard pelican 2031")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("That is not your current password.").first).to_be_visible()
    expect(page.get_by_label("New password", exact=True)).to_have_value("granite orchard pelican 2031")
    page.get_by_role("textbox", name="Current password").fill(admin.password)
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("Your password was changed")).to_be_visible()

    page.get_by_label("Authentication code").fill(admin.code())
    page.get_by_role("button", name="Make new recovery codes").click()
    codes = page.get_by_test_id("recovery-codes")
    expect(codes).to_be_visible()
    assert not set(codes.inner_text().split()) & set(old_codes)
    page.reload()
    expect(page.get_by_role("heading", name="Your profile")).to_be_visible()


def test_a_deep_link_survives_sign_in_and_next_never_leaves_the_console(
    page: Page, settings: Settings, base_url: str
) -> None:
    admin = bootstrap_admin(settings)
    page.goto("/sign-in?next=%2F%2Fevil.example.com%2Fsteal")  # scheme-relative: another site
    page.get_by_label("Username").fill(admin.username)
    page.get_by_label("Password", exact=True).fill(admin.password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Repeat new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password").click()
    admin.password = NEW_PASSWORD
    enroll_totp(page, admin)
    expect(page.get_by_text("Platform administrator").first).to_be_visible()
    assert page.url == f"{base_url}/"  # the overview of this console, not the other site

    page.get_by_role("button", name="Sign out", exact=True).click()
    page.goto("/accounts?status=active")  # a bookmark, while signed out
    page.wait_for_url("**/sign-in?next=**")
    page.get_by_label("Username").fill(admin.username)
    page.get_by_label("Password", exact=True).fill(admin.password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Authentication code").fill(admin.code())
    page.get_by_role("button", name="Verify").click()

    page.wait_for_url(f"{base_url}/accounts?status=active")
    expect(page.get_by_role("heading", name="Accounts")).to_be_visible()


# `next` values that would lead elsewhere if taken at face value (the browser's URL parser decides).
OPEN_REDIRECTS = [
    "https://evil.example.com/steal",
    "//evil.example.com",
    "/\\evil.example.com",
    "\\\\evil.example.com",
    "/\t/evil.example.com",  # the URL parser drops the tab: //evil.example.com
    "javascript:alert(document.domain)",
    "http:evil.example.com",
    "/sign-in/password",
]


def test_no_next_parameter_leads_out_of_the_console(page: Page, settings: Settings, base_url: str) -> None:
    platform_mfa_required(settings, False)  # no code per sign-in: one person signs in many times at once
    vera = platform_user(settings, "vera" + uuid.uuid4().hex[:6], "platform-viewer")
    new_password(page, vera)
    page.get_by_role("button", name="Set up later").click()
    page.wait_for_url(f"{base_url}/")

    def sign_in_with_next(target: str) -> None:
        page.context.clear_cookies()
        page.goto("/sign-in?next=" + quote(target, safe=""))
        page.get_by_label("Username").fill(vera.username)
        page.get_by_label("Password", exact=True).fill(vera.password)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("button", name="Set up later").click()

    for target in OPEN_REDIRECTS:
        sign_in_with_next(target)
        page.wait_for_url(f"{base_url}/")  # the overview of this console
        assert urlsplit(page.url).netloc == urlsplit(base_url).netloc, target
    sign_in_with_next("/audit?action=auth.")  # while a page of the console is followed
    page.wait_for_url(f"{base_url}/audit?action=auth.")


def test_a_signed_in_visitor_skips_sign_in_and_the_signed_out_notice_is_said_once(
    page: Page, settings: Settings
) -> None:
    first_sign_in(page, bootstrap_admin(settings))
    page.goto("/sign-in")
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    assert urlsplit(page.url).path == "/"
    page.goto("/sign-in?next=/audit")
    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()

    page.get_by_role("button", name="Sign out", exact=True).click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Username")).to_be_visible()
    expect(page.get_by_text("You have signed out.")).to_have_count(0)
    page.go_back()
    page.wait_for_url("**/sign-in**")
    expect(page.get_by_label("Username")).to_be_visible()
    expect(page.get_by_text("You have signed out.")).to_have_count(0)


def test_a_refused_new_password_message_goes_once_the_password_is_edited(page: Page, settings: Settings) -> None:
    admin = bootstrap_admin(settings)
    enter_password(page, admin)
    page.get_by_label("New password", exact=True).fill("passwordpassword")  # long enough, but guessable
    page.get_by_label("Repeat new password").fill("passwordpassword")
    page.get_by_role("button", name="Set password").click()
    refused = page.get_by_text("Password refused")
    expect(refused).to_be_visible()

    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    expect(refused).to_have_count(0)
    page.get_by_label("Repeat new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password").click()
    expect(page.get_by_test_id("totp-secret")).not_to_be_empty()
