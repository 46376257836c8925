"""The console offers a control only when `/me` announces the action behind it; the API decides again."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request, expect

from coffer.settings import Settings
from coffer.store.users import Role

from .people import NEW_PASSWORD, account_with_admin, enroll_totp, enter_password, first_sign_in, platform_user

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


def _refused_once(page: Page, path: str, api: str) -> None:
    """The page is not rendered at all: one "Not allowed", no "Try again", and nothing asked of its API
    (`api`: the path of the page's first call, or the start of its calls' paths when it ends in "/")."""
    asked: list[str] = []

    def note(request: Request) -> None:
        called = urlsplit(request.url).path
        if called == api or (api.endswith("/") and called.startswith(api)):
            asked.append(called)

    page.on("request", note)
    page.goto(path)
    expect(page.get_by_role("heading", name="Not allowed")).to_have_count(1)
    expect(page.get_by_role("main")).to_contain_text("ask")
    expect(page.get_by_role("button", name="Try again")).to_have_count(0)
    page.get_by_role("link", name="Go to the overview").click()
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    page.remove_listener("request", note)
    assert asked == [], asked


def test_a_page_outside_a_role_says_not_allowed_once_instead_of_failing_piece_by_piece(
    page: Page, settings: Settings
) -> None:
    first_sign_in(page, platform_user(settings, "viewer", "platform-viewer"))

    _refused_once(page, "/outbox", "/api/v1/outbox")
    _refused_once(page, "/platform-users", "/api/v1/platform-users")
    _refused_once(page, "/security-policy", "/api/v1/security-policy")
    page.goto("/usage")  # what the role includes is still shown
    expect(page.get_by_role("heading", name="Platform usage")).to_be_visible()

    # an account's people: read, with no way to change them
    account_with_admin(settings, "readpeople", "owner@readpeople.example.com")
    page.goto("/accounts/readpeople")
    page.get_by_role("link", name="People").click()
    expect(page.get_by_role("heading", name="People")).to_be_visible()
    expect(page.get_by_role("cell", name="owner@readpeople.example.com").first).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Actions for "))).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("^Add "))).to_have_count(0)
    expect(page.get_by_text("Your role does not include")).to_have_count(0)


def test_an_account_admin_is_told_platform_pages_are_not_theirs(page: Page, settings: Settings) -> None:
    owner = account_with_admin(settings, "notallowed", "owner@notallowed.example.com")
    first_sign_in(page, owner)

    _refused_once(page, "/usage", "/api/v1/metering/")
    _refused_once(page, "/accounts", "/api/v1/accounts")
    expect(page.get_by_role("main")).to_contain_text("Overview")
