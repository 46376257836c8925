"""Filters live in the address bar; changes made quickly one after another all stay, none comes back."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect

from coffer.settings import Settings

from .people import bootstrap_admin, first_sign_in


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_two_audit_filters_cleared_at_once_leave_no_hidden_filter(page: Page, settings: Settings) -> None:
    first_sign_in(page, bootstrap_admin(settings))
    page.goto("/audit?actor=admin&action=auth.")
    actor, action = page.get_by_label("Actor"), page.get_by_label("Action")
    expect(actor).to_have_value("admin")
    expect(action).to_have_value("auth.")

    # Both emptied in one go (as a fast "select all, delete" on each): their pauses end together.
    page.evaluate(
        """() => {
            const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
            for (const label of ['Actor', 'Action']) {
                const input = [...document.querySelectorAll('label')]
                    .find((found) => found.textContent === label).control;
                set.call(input, '');
                input.dispatchEvent(new Event('input', { bubbles: true }));
            }
        }"""
    )
    expect(page).to_have_url(re.compile(r"/audit$"))  # before the fix: ?actor=admin came back, unseen
    page.reload()
    expect(actor).to_have_value("")
    expect(action).to_have_value("")


def test_a_search_typed_then_a_status_chosen_keeps_the_search(page: Page, settings: Settings) -> None:
    first_sign_in(page, bootstrap_admin(settings))
    page.goto("/accounts?sort=name")
    page.get_by_label("Search accounts").fill("umbrella")
    page.get_by_role("combobox", name="Status").click()  # at once, before the search applies
    page.get_by_role("option", name="Active").click()
    expect(page).to_have_url(re.compile(r"\?(?=.*\bq=umbrella)(?=.*\bstatus=active)(?=.*\bsort=name)"))
    assert set(_query(page)) == {"q", "status", "sort"}
    page.reload()
    expect(page.get_by_label("Search accounts")).to_have_value("umbrella")
    expect(page.get_by_role("combobox", name="Status")).to_have_value("Active")
