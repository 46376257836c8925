"""Issue 7 in a real browser: a platform admin rotates the signing key and nobody is signed out."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from coffer.settings import Settings

from .people import account_with_admin, bootstrap_admin, first_sign_in


def test_a_platform_admin_rotates_the_signing_key_and_everyone_stays_signed_in(
    page: Page, browser: Browser, base_url: str, settings: Settings
) -> None:
    admin = bootstrap_admin(settings)
    owner = account_with_admin(settings, "wayne", "bruce@wayne.example.com")
    owners_context = browser.new_context(base_url=base_url)
    owners_page = owners_context.new_page()
    first_sign_in(owners_page, owner)  # a tenant, signed in before the rotation
    first_sign_in(page, admin)

    page.get_by_role("link", name="Security policy").click()
    keys = page.get_by_role("table", name="Signing keys")
    expect(keys.get_by_role("row")).to_have_count(2)  # the header and the one key
    before = keys.get_by_role("row").nth(1).get_by_role("cell").first.inner_text()

    page.get_by_role("button", name="Rotate signing key").click()
    page.get_by_role("dialog", name="Rotate the signing key?").get_by_role("button", name="Rotate").click()

    expect(keys.get_by_role("row")).to_have_count(3)
    retiring = keys.get_by_role("row").filter(has_text=before)
    expect(retiring).to_contain_text("Verifies until")
    expect(keys.get_by_role("row").filter(has_text="Signing")).not_to_contain_text(before)
    # both people go on without signing in again: the admin elsewhere in the console, the tenant too
    page.get_by_role("link", name="Accounts").click()
    expect(page.get_by_role("heading", name="Accounts")).to_be_visible()
    owners_page.get_by_role("link", name="Access keys").click()
    expect(owners_page.get_by_role("button", name="Create access key")).to_be_visible()
    owners_context.close()
