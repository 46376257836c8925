"""Issue 7 in a real browser: an account created while the storage system is down waits, visibly,
and finishes by itself once the storage system is back, while the admin watches its page."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings

from .people import bootstrap_admin, first_sign_in


def test_an_account_created_during_a_storage_outage_waits_then_becomes_active_by_itself(
    page: Page, settings: Settings, stack: EmbeddedStack
) -> None:
    account_id = "outage" + uuid.uuid4().hex[:6]
    first_sign_in(page, bootstrap_admin(settings))
    page.get_by_role("link", name="Accounts", exact=True).click()
    page.get_by_role("link", name="New account").click()
    page.get_by_label("Account id").fill(account_id)
    page.get_by_label("Display name").fill(f"Outage-{account_id}")
    page.get_by_label("Contact email").fill(f"ops@{account_id}.example.com")
    page.get_by_label("Admin name").fill("Olivia")
    page.get_by_label("Admin email").fill(f"olivia@{account_id}.example.com")
    weed = stack.seaweedfs
    assert weed is not None

    weed.stop(kill=True)
    try:
        page.get_by_role("button", name="Create account").click()
        expect(page.get_by_role("row", name="Status waiting")).to_be_visible()
        expect(page.get_by_text(re.compile("Provisioning waits at .Storage account."))).to_be_visible()
        expect(page.get_by_text("It goes on by itself as soon as the storage system answers again.")).to_be_visible()
    finally:
        weed.start()

    # nobody clicks anything: the page follows the account until it is active
    expect(page.get_by_role("row", name="Status active")).to_be_visible(timeout=60_000)
    expect(page.get_by_text(re.compile("Provisioning waits"))).to_have_count(0)
