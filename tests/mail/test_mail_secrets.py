"""Secrets in mail never rest in Redis in plaintext: sealed while queued, dropped once sent."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import redis

from coffer.app import redis_connection
from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack
from coffer.mail import templates
from coffer.settings import Settings
from coffer.store.mail import MailRecord, MailStore

from ..mailbox import confirmation_token, one_time_password, wait_for_mail
from .test_mail_queue import mailer_on

PASSWORD = "Tr0ub4dor-one-time-7731"
LINK = "https://coffer.example/confirm?token=eyJhbGciOiJFZERTQSJ9.confirm-me.sig"


def raw_redis_values(url: str) -> Iterator[str]:
    """Every key and value Redis holds, read by type: what someone with a copy of the AOF or a replica reads."""
    with redis.Redis.from_url(url, decode_responses=True) as client:
        for key in client.scan_iter(count=1000):
            kind = client.type(key)
            if kind == "string":
                value: object = client.get(key)
            elif kind == "hash":
                value = client.hgetall(key)
            elif kind == "zset":
                value = client.zrange(key, 0, -1, withscores=True)
            elif kind == "set":
                value = client.smembers(key)
            elif kind == "list":
                value = client.lrange(key, 0, -1)
            else:
                value = client.xrange(key)
            yield f"{key} {value}"


def assert_no_secret_in(url: str) -> None:
    for value in raw_redis_values(url):
        assert PASSWORD not in value, value
        assert "confirm-me" not in value, value


def test_one_time_passwords_and_links_are_sealed_while_queued_and_dropped_once_sent(
    settings: Settings, stack: EmbeddedStack
) -> None:
    clock = FixedClock(time.time())
    to_invitee, to_requester = "invitee@example.com", "requester@example.com"

    async def scenario() -> list[MailRecord]:
        connection = redis_connection(settings)
        try:
            store = MailStore(connection.redis)
            offline = mailer_on(store, settings, clock, None)
            await offline.send([to_invitee], templates.invited_user("Ivy", "ivy", PASSWORD, "https://coffer.example"))
            await offline.send([to_requester], templates.confirm_request("Rae", LINK))
            assert await offline.deliver_due() == 0
            assert_no_secret_in(settings.redis_url)  # queued: only the sealed copy holds them

            await mailer_on(store, settings, clock, settings.smtp_port).deliver_due()
            return await offline.newest(10)
        finally:
            await connection.close()

    stored = asyncio.run(scenario())

    assert one_time_password(wait_for_mail(stack, to_invitee, "Your Coffer sign-in")) == PASSWORD
    assert "confirm-me" in confirmation_token(wait_for_mail(stack, to_requester, "Confirm your"))
    assert_no_secret_in(settings.redis_url)  # sent: the secret parts are gone
    assert {mail.status for mail in stored} == {"sent"}
    assert all(mail.sealed is None for mail in stored)
    (invitation,) = [mail for mail in stored if to_invitee in mail.to]
    assert "one-time password: [sent, not kept]" in invitation.text
    assert "username: ivy" in invitation.text  # the rest of the mail stays readable in the outbox


def test_a_queued_mail_survives_trimming_past_the_limit(settings: Settings) -> None:
    """The outbox keeps the newest 1,000 mails, but never drops one that is still to be sent."""
    clock = FixedClock(time.time())

    async def scenario() -> tuple[MailRecord | None, int]:
        connection = redis_connection(settings)
        store = MailStore(connection.redis)
        try:
            waiting = MailRecord(
                id="waiting", to=["w@example.com"], subject="Still queued", text="hello", created_at=clock.now(),
                next_attempt_at=clock.now() + 3600,
            )  # fmt: skip
            await store.enqueue(waiting)
            for number in range(1001):
                clock.advance(1)
                sent = MailRecord(
                    id=f"sent{number}", to=["s@example.com"], subject="Sent", text="hello", created_at=clock.now(),
                    next_attempt_at=clock.now(),
                )  # fmt: skip
                await store.enqueue(sent)
                sent.status, sent.sent_at = "sent", clock.now()
                await store.save(sent, retry=False)
            newest = await store.newest(2000)
            kept = [mail for mail in newest if mail.id == "waiting"]
            return (kept[0] if kept else None), len(newest)
        finally:
            await connection.close()

    kept, count = asyncio.run(scenario())
    assert kept is not None and kept.status == "queued"
    assert count <= 1001
