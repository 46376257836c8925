"""Every page and dialog each role reaches, on a desktop and a phone, light and dark: axe-core finds no
serious or critical WCAG 2.2 AA violation, no page scrolls sideways and no label is cut off."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from tests.storage import remove_buckets, service_client

from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings
from coffer.store.users import Role

from .page_checks import accessibility_violations, layout_problems, load_axe
from .people import (
    Visitor,
    account_member,
    account_with_admin,
    bootstrap_admin,
    first_sign_in,
    grant_data,
    pending_account_request,
    platform_mfa_required,
    platform_user,
)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
LOOKS = [
    (size_name, size, scheme)
    for size_name, size in (("desktop", DESKTOP), ("phone", PHONE))
    for scheme in ("light", "dark")
]


@dataclass
class Walk:
    """The page states one person visits, and what the checks found in each."""

    page: Page
    problems: dict[str, list[str]] = field(default_factory=dict)

    def settle(self) -> None:
        """The page has its content: a heading, no loader, no pending request."""
        expect(self.page.locator("main h1, main h2, main h3").first).to_be_visible()
        expect(self.page.locator(".mantine-Loader-root:visible")).to_have_count(0)
        self.page.wait_for_load_state("networkidle")

    def check(self, state: str) -> None:
        if shots := os.environ.get("COFFER_E2E_SHOTS"):  # pictures of every state, to look at by hand
            name = re.sub(r"[^a-z0-9]+", "-", state.lower()).strip("-")
            self.page.screenshot(path=str(Path(shots) / f"{name}.png"), full_page=True)
        found = accessibility_violations(self.page) + layout_problems(self.page)
        if found:
            self.problems[state] = found

    def visit(self, path: str, look: str) -> None:
        self.page.goto(path)
        self.settle()
        self.check(f"{look} {path}")

    def open_dialog(self, path: str, look: str, opener: Callable[[Page], None], name: str) -> None:
        """A dialog, or a menu: whatever the opener opens floats above the page until Escape."""
        self.page.goto(path)
        self.settle()
        opener(self.page)
        expect(self.page.locator("[role=dialog], [role=menu]").last).to_be_visible()
        self.check(f"{look} {path} dialog {name}")
        self.page.keyboard.press("Escape")

    def report(self) -> str:
        return "\n".join(f"{state}:\n  " + "\n  ".join(found) for state, found in self.problems.items())


def click(role: str, name: str, exact: bool = True) -> Callable[[Page], None]:
    return lambda page: page.get_by_role(role, name=name, exact=exact).first.click()  # type: ignore[arg-type]


def clicks(*steps: tuple[str, str]) -> Callable[[Page], None]:
    """Several clicks in a row, each waiting for its target: a menu item, a dialog behind a dialog."""

    def run(page: Page) -> None:
        for role, name in steps:
            page.get_by_role(role, name=name, exact=True).last.click()  # type: ignore[arg-type]

    return run


USER_MENU = ("/", click("button", "User menu of", exact=False), "user menu")


def walk_everywhere(page: Page, pages: list[str], dialogs: list[tuple[str, Callable[[Page], None], str]]) -> Walk:
    walk = Walk(page)
    load_axe(page)
    for size_name, size, scheme in LOOKS:
        page.set_viewport_size(size)
        page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        look = f"[{size_name} {scheme}]"
        for path in pages:
            walk.visit(path, look)
        for path, opener, name in dialogs:
            walk.open_dialog(path, look, opener, name)
    return walk


@pytest.fixture
def admin(settings: Settings) -> Visitor:
    return bootstrap_admin(settings)  # the first person, before any account


@pytest.fixture
def tenant(settings: Settings, admin: Visitor) -> Iterator[tuple[str, Visitor, str]]:
    account_id = "walk" + uuid.uuid4().hex[:6]
    owner = account_with_admin(settings, account_id, f"ada@{account_id}.example.com")
    bucket = f"{account_id}-papers"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="engine.txt", Body=b"analytical")
    s3.put_object(Bucket=bucket, Key="notes/difference.txt", Body=b"engine")
    yield account_id, owner, bucket
    remove_buckets(settings, [bucket])


def test_every_staff_page_and_dialog_passes_axe_and_fits(
    page: Page, stack: EmbeddedStack, settings: Settings, admin: Visitor, tenant: tuple[str, Visitor, str]
) -> None:
    platform_mfa_required(settings, False)  # so that switching it on asks for confirmation
    account_id, _, bucket = tenant
    pending_account_request(stack, settings, "Initech" + uuid.uuid4().hex[:6], "peter@initech.example.com")
    account_member(settings, account_id, "grace")
    first_sign_in(page, admin)
    account = f"/accounts/{account_id}"
    pages = [
        "/",
        "/accounts",
        "/accounts/new",
        account,
        f"{account}/users",
        f"{account}/buckets",
        f"{account}/buckets/{bucket}",
        f"{account}/usage",
        f"{account}/share-links",
        "/account-requests",
        "/platform-users",
        "/usage",
        "/security-policy",
        "/audit",
        "/outbox",
        "/profile",
        "/notifications",
    ]
    dialogs = [
        (account, click("button", "Disable"), "disable account"),
        (account, click("button", "Delete account"), "delete account"),
        ("/platform-users", click("button", "Add person"), "add person"),
        (f"{account}/usage", click("button", "Set account quota"), "account quota"),
        (f"{account}/usage", click("button", f"Set quota of {bucket}"), "bucket quota"),
        ("/security-policy", click("button", "Rotate signing key"), "rotate signing key"),
        ("/security-policy", click("switch", "Require two-factor authentication", exact=False), "mfa switch"),
        ("/account-requests", click("button", "Approve"), "approve request"),
        ("/account-requests", click("button", "Deny"), "deny request"),
        (f"{account}/users", click("button", "Actions for grace"), "person actions"),
        (f"{account}/users", clicks(("button", "Actions for grace"), ("menuitem", "Change role")), "change role"),
        (f"{account}/users", clicks(("button", "Actions for grace"), ("menuitem", "Delete")), "delete person"),
        USER_MENU,
    ]
    walk = walk_everywhere(page, pages, dialogs)
    assert not walk.problems, walk.report()


def test_every_tenant_page_and_dialog_passes_axe_and_fits(
    page: Page, settings: Settings, tenant: tuple[str, Visitor, str]
) -> None:
    account_id, owner, bucket = tenant
    account_member(settings, account_id, "grace")
    first_sign_in(page, owner)
    account = f"/accounts/{account_id}"
    pages = [
        "/",
        account,
        f"{account}/users",
        f"{account}/buckets",
        f"{account}/buckets/{bucket}",
        f"{account}/usage",
        f"{account}/share-links",
        "/access-keys",
        "/profile",
        "/notifications",
    ]

    def choose_and_delete(page: Page) -> None:
        page.get_by_role("checkbox", name="Choose engine.txt").check()
        page.get_by_role("button", name="Delete 1 object").click()

    def share(page: Page) -> None:
        page.get_by_role("button", name="Details of engine.txt").click()
        page.get_by_role("dialog", name="Object details").get_by_role("button", name="Share").click()

    dialogs = [
        ("/access-keys", click("button", "Create access key"), "create key"),
        (f"{account}/users", click("button", "Add person"), "add person"),
        (f"{account}/buckets", click("button", "Create bucket"), "create bucket"),
        (f"{account}/buckets/{bucket}", click("button", "Details of engine.txt"), "object details"),
        (f"{account}/buckets/{bucket}", share, "share by link"),
        (f"{account}/buckets/{bucket}", click("button", "New folder"), "new folder"),
        (f"{account}/buckets", click("button", f"Delete bucket {bucket}"), "delete bucket"),
        (
            f"{account}/buckets",
            clicks(
                ("button", f"Delete bucket {bucket}"),
                ("button", "Delete bucket"),
                ("button", "Delete the bucket and all its data"),
            ),
            "purge bucket",
        ),
        (f"{account}/users", clicks(("button", "Actions for grace"), ("menuitem", "Data access")), "data access"),
        (f"{account}/buckets/{bucket}", choose_and_delete, "delete objects"),
        USER_MENU,
    ]
    walk = walk_everywhere(page, pages, dialogs)
    assert not walk.problems, walk.report()


@pytest.mark.parametrize("role", ["platform-viewer", "platform-manager"])
def test_every_page_of_the_read_only_and_managing_staff_passes_axe_and_fits(
    page: Page, settings: Settings, role: Role, tenant: tuple[str, Visitor, str]
) -> None:
    account_id, _, _ = tenant
    first_sign_in(page, platform_user(settings, role.split("-")[1] + "walker", role))
    account = f"/accounts/{account_id}"
    pages = ["/", "/accounts", account, f"{account}/users", f"{account}/usage", "/account-requests", "/profile"]
    pages += ["/usage", "/audit"] if role == "platform-viewer" else ["/accounts/new"]
    walk = walk_everywhere(page, pages, [])
    assert not walk.problems, walk.report()


def test_every_page_of_an_account_member_passes_axe_and_fits(
    page: Page, settings: Settings, tenant: tuple[str, Visitor, str]
) -> None:
    account_id, _, bucket = tenant
    member = account_member(settings, account_id, "grace")
    grant_data(settings, account_id, "grace", "read-write")
    first_sign_in(page, member)
    account = f"/accounts/{account_id}"
    pages = ["/", f"{account}/buckets", f"{account}/buckets/{bucket}", f"{account}/usage", "/access-keys", "/profile"]
    dialogs = [("/access-keys", click("button", "Create access key"), "create key"), USER_MENU]
    walk = walk_everywhere(page, pages, dialogs)
    assert not walk.problems, walk.report()
