"""Mail is queued first and sent by a background sender, so a mail failure never loses the action.

Failed sends are retried with exponential backoff (30 s, 1 min, 2 min, … capped at 1 h) up to
`_MAX_ATTEMPTS`; each mail's state (queued, sent, failed, attempts, last error) stays visible.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import smtplib
import uuid
from email.message import EmailMessage

import anyio.to_thread

from coffer.clock import Clock
from coffer.mail.templates import Message
from coffer.store.mail import MailRecord, MailStore

_log = logging.getLogger("coffer.mail")
_MAX_ATTEMPTS = 12
_FIRST_BACKOFF_SECONDS = 30.0
_MAX_BACKOFF_SECONDS = 3600.0
# How long a claimed mail is this sender's: well above an SMTP exchange (timeout 10 s).
_CLAIM_SECONDS = 120.0


class Mailer:
    def __init__(
        self, store: MailStore, clock: Clock, host: str, port: int | None, sender: str, timeout: float = 10.0
    ) -> None:
        self._store = store
        self._clock = clock
        self._host = host
        self._port = port
        self._sender = sender
        self._timeout = timeout
        self._wake = asyncio.Event()

    async def send(self, to: list[str], message: Message) -> str:
        """Queues the mail; the sender delivers it. Returns the mail's id."""
        now = self._clock.now()
        mail = MailRecord(
            id=uuid.uuid4().hex,
            to=to,
            subject=message.subject,
            text=message.text,
            html=message.html,
            created_at=now,
            next_attempt_at=now,
        )
        await self._store.enqueue(mail)
        self._wake.set()
        return mail.id

    async def deliver_due(self) -> int:
        """Sends what is due now; returns how many were attempted."""
        if self._port is None:
            return 0
        due = await self._store.claim_due(self._clock.now(), _CLAIM_SECONDS)
        for mail in due:
            await self._attempt(mail)
        return len(due)

    async def _attempt(self, mail: MailRecord) -> None:
        mail.attempts += 1
        try:
            await anyio.to_thread.run_sync(self._deliver, mail)
        except (OSError, smtplib.SMTPException) as error:
            mail.last_error = f"{type(error).__name__}: {error}"[:500]
            retry = mail.attempts < _MAX_ATTEMPTS
            mail.status = "queued" if retry else "failed"
            backoff = min(_FIRST_BACKOFF_SECONDS * 2 ** (mail.attempts - 1), _MAX_BACKOFF_SECONDS)
            mail.next_attempt_at = self._clock.now() + backoff
            _log.warning("mail %s not sent (attempt %d): %s", mail.id, mail.attempts, mail.last_error)
            await self._store.save(mail, retry=retry)
            return
        mail.status = "sent"
        mail.sent_at = self._clock.now()
        mail.last_error = None
        await self._store.save(mail, retry=False)

    def _deliver(self, mail: MailRecord) -> None:
        message = EmailMessage()
        message["From"] = self._sender
        message["To"] = ", ".join(mail.to)
        message["Subject"] = mail.subject
        message["Message-ID"] = f"<{mail.id}@coffer>"
        message.set_content(mail.text)
        message.add_alternative(mail.html, subtype="html")
        assert self._port is not None
        with smtplib.SMTP(self._host, self._port, timeout=self._timeout) as smtp:
            smtp.send_message(message)

    async def run_sender(self, poll_seconds: float = 2.0) -> None:
        """The background sender: runs until cancelled; woken at once when this instance queues a mail.

        Plain asyncio waiting (not an anyio cancel scope), so the lifespan's task.cancel() always ends it.
        """
        while True:
            self._wake.clear()
            try:
                await self.deliver_due()
            except Exception:
                _log.exception("mail sender cycle failed")
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(poll_seconds):
                    await self._wake.wait()

    async def newest(self, count: int = 100) -> list[MailRecord]:
        return await self._store.newest(count)
