"""The console offers a control only when `/me` announces the action behind it; the API decides again."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from coffer.settings import Settings
from coffer.store.users import Role

from .people import NEW_PASSWORD, enroll_totp, enter_password, platform_user

# The navigation's links that need an action, and the action (written by hand, as the views use them).
NAV_ACTIONS = {
    "Accounts": "accounts.read",
    "Account requests": "requests.read",
    "Audit log": "audit.read",
    "Staff": "platform_users.manage",
    "Security policy": "policy.read",
}


@pytest.mark.parametrize("role", ["platform-viewer", "platform-manager"])
def test_staff_are_offered_the_controls_me_announces_and_no_others(page: Page, settings: Settings, role: Role) -> None:
    visitor = platform_user(settings, role.removeprefix("platform-"), role)
    enter_password(page, visitor)
    # the first password's form states and checks the minimum the API announces
    expect(page.get_by_text(f"at least {settings.password_min_length} characters")).to_be_visible()
    page.get_by_label("New password", exact=True).fill("x" * (settings.password_min_length - 1))
    page.get_by_role("button", name="Set password").click()
    expect(page.get_by_text(f"Use at least {settings.password_min_length} characters.")).to_be_visible()
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Repeat new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password").click()
    visitor.password = NEW_PASSWORD
    enroll_totp(page, visitor)

    announced = set(page.request.get("/api/v1/me").json()["permissions"]["actions"])
    # managers run accounts and decide requests, viewers only read; neither runs staff or the policy
    assert {"accounts.read", "requests.read", "audit.read"} <= announced
    assert ({"accounts.manage", "requests.decide"} <= announced) == (role == "platform-manager")
    assert not announced & {"platform_users.manage", "policy.read"}

    navigation = page.get_by_role("navigation", name="Main")
    for label, action in sorted(NAV_ACTIONS.items(), key=lambda item: item[1] not in announced):
        link = navigation.get_by_role("link", name=re.compile(f"^{label}( \\d+)?$"))  # a badge may count what waits
        expect(link).to_have_count(int(action in announced))
    navigation.get_by_role("link", name="Accounts", exact=True).click()
    expect(page.get_by_role("heading", name="Accounts")).to_be_visible()
    expect(page.get_by_role("link", name="New account")).to_have_count(int("accounts.manage" in announced))
