"""Landmarks and the skip link: a keyboard or screen reader user reaches the page's own content
without walking through the header and navigation on every page."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from coffer.settings import Settings

from .people import bootstrap_admin, first_sign_in


def test_every_kind_of_page_has_a_main_region_and_the_console_a_skip_link_first(page: Page, settings: Settings) -> None:
    page.goto("/sign-in")
    expect(page.get_by_role("main")).to_contain_text("Sign in")
    page.goto("/no/such/page")
    expect(page.get_by_role("main")).to_contain_text("Page not found")

    first_sign_in(page, bootstrap_admin(settings))
    page.goto("/audit")
    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()

    skip = page.get_by_role("link", name="Skip to content")
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # hidden only until the keyboard reaches it
    page.keyboard.press("Enter")
    main = page.get_by_role("main")
    expect(main).to_be_focused()
    expect(main).to_contain_text("Audit log")

    page.keyboard.press("Tab")  # the next stop is inside the page, not the header or the navigation
    inside = page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
    assert inside, page.evaluate("() => document.activeElement.outerHTML")
