"""The overviews: figures as cards, each leading to the page it comes from."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from coffer.settings import Settings

from .people import account_with_admin, bootstrap_admin, first_sign_in


def test_the_staff_overview_counts_accounts_by_status_and_leads_to_each_page(page: Page, settings: Settings) -> None:
    admin = bootstrap_admin(settings)
    for account_id in ("cardsone", "cardstwo"):
        account_with_admin(settings, account_id, f"owner@{account_id}.example.com")
    first_sign_in(page, admin)
    page.goto("/accounts/cardstwo")
    page.get_by_role("button", name="Disable", exact=True).click()
    page.get_by_role("dialog").get_by_role("button", name="Disable account").click()
    expect(page.get_by_role("row", name="Status disabled")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Overview").click()
    accounts = page.get_by_role("region", name="Accounts", exact=True)
    expect(accounts).to_contain_text("2")
    expect(accounts.get_by_text("1 active")).to_be_visible()
    expect(accounts.get_by_text("1 disabled")).to_be_visible()
    expect(page.get_by_role("region", name="Account requests")).to_contain_text("0")
    expect(page.get_by_role("region", name="Top accounts")).to_be_visible()

    accounts.get_by_role("link", name="View accounts").click()
    expect(page).to_have_url(re.compile(r"/accounts$"))
    expect(page.get_by_role("heading", name="Accounts")).to_be_visible()
