"""Staff run accounts from the console: create, disable, enable, delete; then read it all in the audit log."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings

from .people import bootstrap_admin, first_sign_in


def test_an_admin_creates_disables_enables_and_deletes_an_account_and_audits_it(
    page: Page, settings: Settings, stack: EmbeddedStack
) -> None:
    account_id = "umbrella" + uuid.uuid4().hex[:6]
    name = f"Umbrella-{account_id}"
    first_sign_in(page, bootstrap_admin(settings))

    page.get_by_role("link", name="Accounts", exact=True).click()
    page.get_by_role("link", name="New account").click()
    page.get_by_label("Account id").fill(account_id)
    page.get_by_label("Display name").fill("has spaces")
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
    export = page.get_by_role("link", name="Export CSV")
    expect(export).to_have_attribute("href", re.compile(f"account_id={account_id}"))

    page.get_by_role("link", name="Outbox").click()
    page.get_by_text(f"Your Coffer account {name} is ready").click()
    expect(page.get_by_text("one-time password:")).to_be_visible()
