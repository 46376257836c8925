"""Setting the scene for journeys: users and accounts made as an operator would (CLI services)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import re
import time
from dataclasses import dataclass
from typing import Any

import pyotp
from playwright.sync_api import Page, expect
from tests.mailbox import wait_for_mail
from tests.storage import service_client

from coffer.accounts.service import Accounts
from coffer.app import connected_services
from coffer.data_access import DataLevel
from coffer.data_grants.service import DataGrants
from coffer.embedded.stack import EmbeddedStack
from coffer.provisioning.saga import Provisioning
from coffer.quotas.service import Quotas
from coffer.requests.service import AccountRequests, RequestForm
from coffer.security_policy.service import MfaPolicy
from coffer.settings import Settings
from coffer.store.users import Role
from coffer.users.management import Actor, Scope
from coffer.users.service import CreatedUser, UserRegistry

NEW_PASSWORD = "violet submarine orchestra 42 lanterns"


@dataclass
class Visitor:
    username: str
    password: str
    totp_secret: str = ""
    last_step: int = -1

    def code(self) -> str:
        """A TOTP code of a step this person has not spent yet: now's, or the next one (the server allows
        one step of drift); after that, the clock has to reach the step first."""
        step = max(int(time.time() // 30), self.last_step + 1)
        while step > int(time.time() // 30) + 1:
            time.sleep(0.2)
        self.last_step = step
        return str(pyotp.TOTP(self.totp_secret).at(step * 30))


def _run(coroutine: Any) -> Any:
    """Playwright's sync API owns this thread's event loop: set-up coroutines run in their own thread."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _with_users(settings: Settings, work: Any) -> Any:
    async with connected_services(settings) as services:
        return await work(services, services.get(UserRegistry))


def bootstrap_admin(settings: Settings) -> Visitor:
    async def work(services: Any, users: UserRegistry) -> CreatedUser | None:
        return await users.ensure_bootstrap_admin()

    created = _run(_with_users(settings, work))
    assert created is not None
    return Visitor(created.user.username, created.one_time_password)


def platform_user(settings: Settings, username: str, role: Role) -> Visitor:
    """A member of the operator's staff, as a platform admin would create them."""

    async def work(services: Any, users: UserRegistry) -> CreatedUser:
        return await users.create(username, username.title(), f"{username}@example.com", role, None, actor="e2e")

    created: CreatedUser = _run(_with_users(settings, work))
    return Visitor(created.user.username, created.one_time_password)


def account_member(settings: Settings, account_id: str, username: str) -> Visitor:
    """A member of an account, as its admin would add them."""

    async def work(services: Any, users: UserRegistry) -> CreatedUser:
        email = f"{username}@{account_id}.example.com"
        return await users.create(username, username.title(), email, "account-member", account_id, actor="e2e")

    created: CreatedUser = _run(_with_users(settings, work))
    return Visitor(created.user.username, created.one_time_password)


def platform_mfa_required(settings: Settings, required: bool) -> None:
    """The platform's MFA rule, as a platform admin sets it on the security policy page."""

    async def work(services: Any, users: UserRegistry) -> None:
        await services.get(MfaPolicy).set_platform_required(required, "e2e", "")

    _run(_with_users(settings, work))


def account_with_admin(settings: Settings, account_id: str, email: str) -> Visitor:
    """An account provisioned as an operator would (the saga); its admin signs in with the email."""

    async def work(services: Any, users: UserRegistry) -> Any:
        return await services.get(Provisioning).create(
            account_id=account_id,
            display_name=account_id.title(),
            contact_email=email,
            quota_bytes=None,
            admin_name="Alice",
            admin_email=email,
            actor="e2e",
            ip="",
        )

    provisioned = _run(_with_users(settings, work))
    assert provisioned.account.status == "active"
    return Visitor(email.lower(), provisioned.one_time_password)


def pending_account_request(stack: EmbeddedStack, settings: Settings, name: str, email: str) -> None:
    """A request staff can decide on: sent by a visitor and confirmed with the link from their mail."""
    form = RequestForm("Initech Ltd", name, "Peter Gibbons", email, 50, "For our TPS reports.")

    async def submit(services: Any, users: UserRegistry) -> None:
        await services.get(AccountRequests).submit(form, "127.0.0.1")

    _run(_with_users(settings, submit))
    token = re.search(r"confirm\?token=(\S+)", wait_for_mail(stack, email, "Confirm your Coffer account request"))
    assert token, "no confirmation link in the mail"

    async def confirm(services: Any, users: UserRegistry) -> None:
        await services.get(AccountRequests).confirm(token.group(1), "127.0.0.1")

    _run(_with_users(settings, confirm))


def account_quota(settings: Settings, account_id: str, quota_bytes: int) -> None:
    """The account's byte quota, as a platform admin sets it on the account's usage page (enforced at once)."""

    async def work(services: Any, users: UserRegistry) -> None:
        account = await services.get(Accounts).get(account_id)
        await services.get(Quotas).set_account_quota(account, quota_bytes, None, (80, 90), "e2e", "")

    _run(_with_users(settings, work))


def user_id_of(settings: Settings, username: str) -> str:
    """The console user's id (the part of their pages' addresses)."""

    async def work(services: Any, users: UserRegistry) -> str:
        user = await users.by_username(username)
        assert user is not None, username
        return user.id

    found: str = _run(_with_users(settings, work))
    return found


def grant_data(settings: Settings, account_id: str, username: str, level: DataLevel) -> None:
    """A member's data access for every bucket of the account, as an account admin sets it on the People page."""

    async def work(services: Any, users: UserRegistry) -> None:
        user = await users.by_username(username)
        assert user is not None, username
        grants = services.get(DataGrants)
        _, current = await grants.of(Scope(account_id), user.id)
        await grants.change(Scope(account_id), user.id, level, {}, current.revision, Actor("e2e", "e2e", ""))

    _run(_with_users(settings, work))


def create_bucket(settings: Settings, name: str) -> None:
    service_client(settings, "s3").create_bucket(Bucket=name)


def enter_password(page: Page, visitor: Visitor) -> None:
    page.goto("/")
    page.wait_for_url("**/sign-in**")
    page.get_by_label("Username").fill(visitor.username)
    page.get_by_label("Password", exact=True).fill(visitor.password)
    page.get_by_role("button", name="Sign in").click()


def new_password(page: Page, visitor: Visitor) -> None:
    """The one-time password, then a password of the person's own."""
    enter_password(page, visitor)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Repeat new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password").click()
    visitor.password = NEW_PASSWORD


def enroll_totp(page: Page, visitor: Visitor) -> list[str]:
    """Scans the shown secret, confirms it with a code and keeps the recovery codes."""
    secret = page.get_by_test_id("totp-secret")
    expect(secret).not_to_be_empty()
    visitor.totp_secret = secret.inner_text().strip().replace(" ", "")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    page.get_by_label("Authentication code").fill(visitor.code())
    page.get_by_role("button", name="Confirm").click()
    codes = page.get_by_test_id("recovery-codes")
    expect(codes).to_be_visible()
    recovery = codes.inner_text().split()
    page.get_by_label("I have saved my recovery codes").check()
    page.get_by_role("button", name="Continue").click()
    return recovery


def first_sign_in(page: Page, visitor: Visitor) -> list[str]:
    """One-time password, a new password, TOTP enrollment from the page, recovery codes: the first visit."""
    new_password(page, visitor)
    return enroll_totp(page, visitor)
