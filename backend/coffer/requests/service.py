"""Account requests: submit (public, rate-limited), confirm by a single-use mail link, approve or deny once.

Approval runs the same provisioning saga as a direct creation, with the requester as the
account's first admin. A decision is claimed atomically, so two staff members acting at once
(approve + approve, or approve + deny) produce exactly one outcome.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from coffer.accounts.service import Accounts, AccountTaken, InvalidAccount
from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.clock import Clock
from coffer.domain_errors import DomainError, FieldProblem
from coffer.mail import templates
from coffer.mail.service import Mailer
from coffer.provisioning.saga import Provisioning
from coffer.sessions.one_use import OneUseTokens
from coffer.sessions.tokens import EMAIL_LINK, EMAIL_LINK_SECONDS, InvalidToken
from coffer.store.regulation import RegulationStore
from coffer.store.requests import AccountRequestRecord, RequestStatus, RequestStore
from coffer.users.service import UserRegistry
from coffer.verification.regulation import AddressQuota, RateLimited

LINK_SECONDS = EMAIL_LINK_SECONDS
_HOUR = 3600.0
_PER_IP_PER_HOUR = 5
# 3 an hour per (contact address, IP), so nobody uses up another's; past 20 an hour from everywhere,
# one every 5 minutes still goes through.
_PER_EMAIL = AddressQuota("request-email", per_client=3, per_address=20, window_seconds=3600, turn_seconds=300)
_GIB = 1024**3


class InvalidLink(DomainError):
    """The confirmation link is invalid, expired or already used."""

    status, slug, title = 410, "invalid-link", "Link not valid"
    detail = "This confirmation link is invalid, expired or was already used."


class RequestNotFound(DomainError):
    status, slug, title = 404, "request-not-found", "No such request"
    detail = "There is no such account request."


class AlreadyDecided(DomainError):
    status, slug, title = 409, "already-decided", "Already decided"

    @property
    def detail(self) -> str:
        return f"This request was already decided ({self}) or is being decided by someone else."


@dataclass(frozen=True)
class RequestForm:
    organisation: str
    account_name: str
    contact_name: str
    contact_email: str
    expected_capacity_gib: int
    message: str


@dataclass(frozen=True)
class RequestPage:
    items: list[AccountRequestRecord]
    next_cursor: str | None
    pending_count: int


def account_id_from_name(name: str) -> str:
    """The storage namespace proposed for a requested name: its lowercase letters and digits, accents
    taken off ("Société Générale" proposes societegenerale)."""
    unaccented = unicodedata.normalize("NFKD", name.casefold()).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]", "", unaccented)
    slug = re.sub(r"^[0-9]+", "", slug)
    return slug[:20]


@contextlib.contextmanager
def _fields_renamed(names: dict[str, str]) -> Iterator[None]:
    """Names a refused account field as the form that sent it does, so the error lands on the right input."""
    try:
        yield
    except InvalidAccount as error:
        error.problems = tuple(FieldProblem(names.get(each.field, each.field), each.message) for each in error.problems)
        raise
    except AccountTaken as error:
        error.field = names.get(error.field, error.field)
        raise


class AccountRequests:
    def __init__(
        self,
        store: RequestStore,
        regulation: RegulationStore,
        links: OneUseTokens,
        accounts: Accounts,
        provisioning: Provisioning,
        users: UserRegistry,
        mailer: Mailer,
        auditor: Auditor,
        clock: Clock,
        console_url: str,
    ) -> None:
        self._store = store
        self._regulation = regulation
        self._links = links
        self._accounts = accounts
        self._provisioning = provisioning
        self._users = users
        self._mailer = mailer
        self._auditor = auditor
        self._clock = clock
        self._console_url = console_url

    async def submit(self, form: RequestForm, ip: str) -> None:
        now = self._clock.now()
        if await self._regulation.add_event("request-ip", ip, now, _HOUR) > _PER_IP_PER_HOUR:
            raise RateLimited(3600)
        wait = await _PER_EMAIL.wait(self._regulation, form.contact_email.casefold(), ip, now)
        if wait is not None:
            raise RateLimited(wait)
        with _fields_renamed({"id": "account_name", "display_name": "account_name"}):
            await self._accounts.check_available(account_id_from_name(form.account_name), form.account_name)
        request = AccountRequestRecord(id=uuid.uuid4().hex, created_at=now, **form.__dict__)
        await self._store.create(request, LINK_SECONDS)
        token = await self._links.issue(EMAIL_LINK, request.id, LINK_SECONDS, {})
        link = f"{self._console_url}/request-account/confirm?token={token}"
        await self._mailer.send([form.contact_email], templates.confirm_request(form.contact_name, link))
        await self._auditor.record(
            AuditEvent(
                action=events.REQUEST_SUBMIT, actor=form.contact_email, result="success", target=request.id, ip=ip
            )
        )

    async def confirm(self, token: str, ip: str) -> AccountRequestRecord:
        try:
            claims = await self._links.redeem(EMAIL_LINK, token, spend=False)
            request = await self._store.get(str(claims["sub"]))
            if request is None or request.status != "unconfirmed":
                raise InvalidLink
            await self._links.spend(claims)
        except InvalidToken as error:
            raise InvalidLink from error
        request.status, request.confirmed_at = "pending", self._clock.now()
        await self._store.save(request, "unconfirmed")
        staff = await self._users.staff_emails()
        if staff:
            await self._mailer.send(
                staff,
                templates.new_request_for_staff(
                    request.organisation, request.account_name, request.contact_name, self._console_url
                ),
            )
        await self._auditor.record(
            AuditEvent(
                action=events.REQUEST_CONFIRM, actor=request.contact_email, result="success", target=request.id, ip=ip
            )
        )
        return request

    async def page(
        self, status: RequestStatus | None, offset: int, limit: int
    ) -> tuple[list[AccountRequestRecord], bool, int]:
        items, more = await self._store.page(status, offset, limit)
        return items, more, await self._store.count("pending")

    async def _decidable(self, request_id: str, actor: str) -> AccountRequestRecord:
        request = await self._store.get(request_id)
        if request is None or request.status == "unconfirmed":
            raise RequestNotFound(request_id)
        if request.status != "pending" or not await self._store.claim_decision(request_id, actor):
            raise AlreadyDecided(request.status)
        return request

    async def approve(
        self,
        request_id: str,
        account_id: str | None,
        display_name: str | None,
        quota_bytes: int | None,
        actor: str,
        ip: str,
    ) -> AccountRequestRecord:
        request = await self._decidable(request_id, actor)
        name = display_name or request.account_name
        try:
            with _fields_renamed({"id": "account_id"}):
                provisioned = await self._provisioning.create(
                    account_id=account_id or account_id_from_name(name),
                    display_name=name,
                    contact_email=request.contact_email,
                    quota_bytes=quota_bytes if quota_bytes is not None else request.expected_capacity_gib * _GIB,
                    admin_name=request.contact_name,
                    admin_email=request.contact_email,
                    actor=actor,
                    ip=ip,
                    request_id=request.id,
                )
        except Exception:
            await self._store.release_decision(request_id)  # nothing was decided: staff may adjust and retry
            raise
        request.status, request.decided_at, request.decided_by = "approved", self._clock.now(), actor
        request.account_id = provisioned.account.id
        await self._store.save(request, "pending")
        await self._auditor.record(
            AuditEvent(
                action=events.REQUEST_APPROVE,
                actor=actor,
                result="success",
                target=request.id,
                account_id=request.account_id,
                ip=ip,
            )
        )
        return request

    async def deny(self, request_id: str, reason: str, actor: str, ip: str) -> AccountRequestRecord:
        request = await self._decidable(request_id, actor)
        request.status, request.decided_at, request.decided_by = "denied", self._clock.now(), actor
        request.reason = reason
        await self._store.save(request, "pending")
        await self._mailer.send(
            [request.contact_email], templates.request_denied(request.contact_name, request.account_name, reason)
        )
        await self._auditor.record(
            AuditEvent(
                action=events.REQUEST_DENY, actor=actor, result="success", target=request.id, ip=ip, detail=reason[:200]
            )
        )
        return request
