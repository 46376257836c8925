"""Nobody can lock anyone else out, in a real browser: a stranger locks the name, the owner signs in anyway."""

from __future__ import annotations

import time
from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import Browser, Page, expect

from coffer.settings import Settings

from .people import Visitor, bootstrap_admin, enter_password, first_sign_in


def _sign_in_with_totp(page: Page, visitor: Visitor) -> None:
    enter_password(page, visitor)
    page.get_by_label("Authentication code").fill(visitor.code())
    page.get_by_role("button", name="Verify").click()


def test_a_stranger_locks_the_admin_name_and_the_admin_signs_in_from_her_own_browser(
    page: Page, browser: Browser, base_url: str, settings: Settings
) -> None:
    admin = bootstrap_admin(settings)
    first_sign_in(page, admin)
    page.get_by_role("button", name="Sign out", exact=True).click()
    page.wait_for_url("**/sign-in**")

    far_away = "Pacific/Auckland"  # the lockout's end is said in the reader's time, not the server's
    strangers_context = browser.new_context(base_url=base_url, timezone_id=far_away, locale="en-US")
    try:
        stranger = strangers_context.new_page()
        for guess in range(5):
            enter_password(stranger, Visitor(admin.username, f"is it this one {guess}"))
            expect(stranger.get_by_text("Wrong username or password.")).to_be_visible()
        locked_at = time.time()
        enter_password(stranger, Visitor(admin.username, admin.password))
        refusal = stranger.get_by_role("alert").filter(has_text="Too many failed attempts")
        expect(refusal).to_be_visible()
        assert refusal.inner_text().count("Too many failed attempts") == 1  # said once
        ends = [
            datetime.fromtimestamp(locked_at + settings.lockout_minutes * 60 + shift, ZoneInfo(far_away))
            for shift in (-60, 0, 60)
        ]
        local = [f"Sign-in is locked until {end:%-I:%M %p}." for end in ends]
        assert any(text in refusal.inner_text() for text in local), (refusal.inner_text(), local)
    finally:
        strangers_context.close()

    _sign_in_with_totp(page, admin)

    expect(page.get_by_text("Platform administrator").first).to_be_visible()
