"""A whole journey with the keyboard alone: sign in for the first time, create an account, disable it.
Every stop shows where the focus is, and a dialog gives the focus back to the button that opened it."""

from __future__ import annotations

import uuid

from playwright.sync_api import Locator, Page, expect

from coffer.settings import Settings

from .page_checks import wait_until_settled
from .people import NEW_PASSWORD, bootstrap_admin

MOST_TABS = 60

# Focus is visible: the focused element looks different from the same element unfocused (an outline,
# a ring, a border or background in the focus colour), compared with a copy of it made on the spot.
_FOCUS_SHOWN = """(el) => {
  const looks = (node) => {
    const s = getComputedStyle(node);
    return [s.outlineStyle === 'none' ? 'none' : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
            s.boxShadow, s.borderColor, s.backgroundColor].join('|');
  };
  const differsFromCopy = (node) => {
    const copy = node.cloneNode(false);
    copy.removeAttribute('id');
    node.parentNode.insertBefore(copy, node);
    const differs = looks(node) !== looks(copy);
    copy.remove();
    return differs;
  };
  // The element itself, or the box drawn around it (a password field's input sits in a bordered wrapper).
  return [el, el.parentElement, el.parentElement?.parentElement].some((node) => node && differsFromCopy(node));
}"""


def tab_to(page: Page, target: Locator, backwards: bool = False) -> None:
    """Presses Tab until the focus is on the target, as a person would, and checks they can see it."""
    for _ in range(MOST_TABS):
        if target.evaluate("(el) => el === document.activeElement"):
            wait_until_settled(page)  # a field's border takes 100 ms to turn to the focus colour
            assert target.evaluate(_FOCUS_SHOWN), f"the focus on {target} is not visible"
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"{MOST_TABS} presses of Tab did not reach {target}")


def type_into(page: Page, field: Locator, text: str) -> None:
    tab_to(page, field)
    page.keyboard.type(text)


def test_an_admin_signs_in_creates_and_disables_an_account_with_the_keyboard_alone(
    page: Page, settings: Settings
) -> None:
    admin = bootstrap_admin(settings)
    page.goto("/sign-in")
    type_into(page, page.get_by_label("Username"), admin.username)
    type_into(page, page.get_by_label("Password", exact=True), admin.password)
    page.keyboard.press("Enter")

    type_into(page, page.get_by_label("New password", exact=True), NEW_PASSWORD)
    type_into(page, page.get_by_label("Repeat new password"), NEW_PASSWORD)
    page.keyboard.press("Enter")

    secret = page.get_by_test_id("totp-secret")
    expect(secret).not_to_be_empty()
    admin.totp_secret = secret.inner_text().strip().replace(" ", "")
    type_into(page, page.get_by_label("Authentication code"), admin.code())
    page.keyboard.press("Enter")
    saved = page.get_by_label("I have saved my recovery codes")
    tab_to(page, saved)
    page.keyboard.press("Space")
    expect(saved).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Continue"))
    page.keyboard.press("Enter")

    tab_to(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Accounts"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name="New account"))
    page.keyboard.press("Enter")
    account_id = "keys" + uuid.uuid4().hex[:6]
    type_into(page, page.get_by_label("Account id"), account_id)
    type_into(page, page.get_by_label("Display name"), "Keyboard Works")
    type_into(page, page.get_by_label("Contact email"), f"ops@{account_id}.example.com")
    type_into(page, page.get_by_label("Admin name"), "Kim")
    type_into(page, page.get_by_label("Admin email"), f"kim@{account_id}.example.com")
    tab_to(page, page.get_by_role("button", name="Create account"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Keyboard Works")).to_be_visible()
    expect(page.get_by_role("row", name="Status active")).to_be_visible()

    disable = page.get_by_role("button", name="Disable", exact=True)
    tab_to(page, disable)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    inside = dialog.evaluate("(el) => el.contains(document.activeElement)")
    assert inside, "the dialog did not take the focus"
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(disable).to_be_focused()  # back where the person was

    page.keyboard.press("Enter")
    confirm = page.get_by_role("dialog").get_by_role("button", name="Disable account")
    tab_to(page, confirm)
    page.keyboard.press("Enter")
    expect(page.get_by_role("row", name="Status disabled")).to_be_visible()
    expect(page.get_by_role("button", name="Enable", exact=True)).to_be_focused()  # the button's new name
