"""Dark mode: the console follows the system's colour scheme until a person picks one in their menu,
and that browser remembers the pick."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from coffer.settings import Settings

from .people import bootstrap_admin, first_sign_in

DARK_BODY = "rgb(36, 36, 36)"  # Mantine's dark-7, the page behind everything in dark mode
LIGHT_BODY = "rgb(255, 255, 255)"


def _scheme(page: Page, expected: str, body: str) -> None:
    expect(page.locator("html")).to_have_attribute("data-mantine-color-scheme", expected)
    expect(page.locator("body")).to_have_css("background-color", body)


def _choose(page: Page, choice: str) -> None:
    page.get_by_role("button", name=re.compile("^User menu of ")).click()
    appearance = page.get_by_role("group", name="Appearance")
    appearance.get_by_role("menuitemradio", name=choice).click()
    expect(appearance.get_by_role("menuitemradio", name=choice)).to_be_checked()  # said, and the menu stays
    page.keyboard.press("Escape")


def test_the_console_follows_the_system_scheme_until_a_person_picks_one_and_remembers_the_pick(
    browser: Browser, base_url: str, settings: Settings
) -> None:
    context = browser.new_context(base_url=base_url, color_scheme="dark")
    page = context.new_page()
    try:
        page.goto("/sign-in")
        _scheme(page, "dark", DARK_BODY)  # before anyone signs in: the system's scheme

        first_sign_in(page, bootstrap_admin(settings))
        _scheme(page, "dark", DARK_BODY)
        _choose(page, "Light")
        _scheme(page, "light", LIGHT_BODY)

        page.reload()
        _scheme(page, "light", LIGHT_BODY)  # this browser remembers the pick

        _choose(page, "System")
        _scheme(page, "dark", DARK_BODY)
        page.emulate_media(color_scheme="light")  # the system switches: the console follows at once
        _scheme(page, "light", LIGHT_BODY)

        elsewhere = browser.new_context(base_url=base_url, color_scheme="dark").new_page()
        elsewhere.goto("/sign-in")
        _scheme(elsewhere, "dark", DARK_BODY)  # another browser keeps following its own system
        elsewhere.context.close()
    finally:
        context.close()
