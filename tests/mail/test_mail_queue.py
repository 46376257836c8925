"""Mail never loses the action: it is queued, retried with backoff, and its state is visible in the dev outbox."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from starlette.testclient import TestClient

from coffer.app import redis_connection
from coffer.clock import FixedClock
from coffer.embedded.ports import free_ports
from coffer.embedded.stack import EmbeddedStack
from coffer.mail.service import Mailer
from coffer.mail.smtp import SmtpServer
from coffer.mail.templates import Message
from coffer.sealing import Sealer
from coffer.settings import Settings
from coffer.store.mail import MailStore

from ..conftest import make_settings, open_client
from ..flows import Person, first_sign_in
from ..mailbox import confirmation_token, wait_for_mail
from ..onboarding.test_account_requests import request_form


def mailer_on(store: MailStore, settings: Settings, clock: FixedClock, port: int | None) -> Mailer:
    server = SmtpServer("127.0.0.1", port, timeout=2) if port is not None else None
    return Mailer(store, Sealer(settings.master_key_bytes()), clock, server, "coffer@localhost")


def outbox_entry(client: TestClient, to: str, until: Any, timeout: float = 20.0) -> dict[str, Any]:
    """The outbox entry to `to`, once `until(entry)` holds."""
    deadline = time.monotonic() + timeout
    while True:
        answer = client.get("/api/v1/outbox")
        assert answer.status_code == 200, answer.text
        entries = [entry for entry in answer.json()["items"] if to in entry["to"]]
        if entries and until(entries[0]):
            return entries[0]
        assert time.monotonic() < deadline, entries
        time.sleep(0.1)


def test_the_outbox_exists_only_in_dev_mode(client: TestClient, admin: Person, clock: FixedClock) -> None:
    first_sign_in(client, admin, clock)
    answer = client.get("/api/v1/outbox")
    assert answer.status_code == 404
    assert "development mode" in answer.json()["detail"]
    assert client.get("/api/v1/me").json()["outbox_enabled"] is False


def test_the_dev_outbox_shows_what_the_sink_received_but_the_secret_link(
    stack: EmbeddedStack, admin: Person, clock: FixedClock
) -> None:
    form = request_form()
    with open_client(make_settings(stack, dev_mode=True), clock) as client:
        first_sign_in(client, admin, clock)
        assert client.get("/api/v1/me").json()["outbox_enabled"] is True
        assert client.post("/api/v1/account-requests", json=form).status_code == 202
        body = wait_for_mail(stack, form["contact_email"], "Confirm your")

        entry = outbox_entry(client, form["contact_email"], lambda entry: entry["status"] == "sent")

    assert entry["attempts"] == 1 and entry["sent_at"] and entry["last_error"] is None
    token = confirmation_token(body)
    assert token not in entry["text"]
    link = next(line for line in body.splitlines() if token in line)
    assert entry["text"].strip() == body.strip().replace(link, "[sent, not kept]")


def test_an_unreachable_smtp_server_loses_no_request_and_shows_the_error(
    stack: EmbeddedStack, admin: Person, clock: FixedClock
) -> None:
    (closed_port,) = free_ports(1)
    form = request_form()
    with open_client(make_settings(stack, dev_mode=True, smtp_port=closed_port), clock) as client:
        first_sign_in(client, admin, clock)
        assert client.post("/api/v1/account-requests", json=form).status_code == 202

        entry = outbox_entry(client, form["contact_email"], lambda entry: entry["attempts"] >= 1)

    assert entry["status"] == "queued"
    assert "Connection" in entry["last_error"] or "refused" in entry["last_error"].lower()


def test_failed_sends_are_retried_with_growing_backoff_until_delivered(
    settings: Settings, stack: EmbeddedStack
) -> None:
    (closed_port,) = free_ports(1)
    clock = FixedClock(time.time())
    to = "backoff@example.com"

    async def scenario() -> list[tuple[int, str, int]]:
        connection = redis_connection(settings)
        store = MailStore(connection.redis)
        broken = mailer_on(store, settings, clock, closed_port)
        working = mailer_on(store, settings, clock, settings.smtp_port)
        seen: list[tuple[int, str, int]] = []

        async def step(mailer: Mailer) -> None:
            attempted = await mailer.deliver_due()
            (mail,) = [mail for mail in await store.newest(10) if to in mail.to]
            seen.append((attempted, mail.status, mail.attempts))

        try:
            await broken.send([to], Message(subject="Backoff", text="hello"))
            await step(broken)  # fails: the next try is 30 s later
            await step(broken)  # not due yet
            clock.advance(31)
            await step(broken)  # fails again: the next try is 60 s later
            clock.advance(31)
            await step(working)  # still not due
            clock.advance(31)
            await step(working)  # delivered
            return seen
        finally:
            await connection.close()

    assert asyncio.run(scenario()) == [
        (1, "queued", 1),
        (0, "queued", 1),
        (1, "queued", 2),
        (0, "queued", 2),
        (1, "sent", 3),
    ]
    assert "hello" in wait_for_mail(stack, to, "Backoff")


def test_a_mail_claimed_by_a_sender_that_died_is_sent_by_another_when_the_claim_lapses(
    settings: Settings, stack: EmbeddedStack
) -> None:
    clock = FixedClock(time.time())
    to = "orphaned@example.com"

    async def scenario() -> list[tuple[int, str]]:
        connection = redis_connection(settings)
        store = MailStore(connection.redis)
        survivor = mailer_on(store, settings, clock, settings.smtp_port)
        seen: list[tuple[int, str]] = []

        async def step() -> None:
            attempted = await survivor.deliver_due()
            (mail,) = [mail for mail in await store.newest(10) if to in mail.to]
            seen.append((attempted, mail.status))

        try:
            await survivor.send([to], Message(subject="Invitation", text="your one-time password"))
            (claimed,) = await store.claim_due(clock.now(), lease_seconds=120)  # a sender that then dies
            assert claimed.subject == "Invitation"
            await step()  # the dead sender's claim still runs
            clock.advance(121)
            await step()  # it lapsed: sent
            clock.advance(3600)
            await step()  # and only once
            return seen
        finally:
            await connection.close()

    assert asyncio.run(scenario()) == [(0, "queued"), (1, "sent"), (0, "sent")]
    assert "your one-time password" in wait_for_mail(stack, to, "Invitation")
