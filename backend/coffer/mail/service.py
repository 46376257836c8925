"""Mail is queued first and sent by a background sender, so a mail failure never loses the action.

Failed sends are retried with exponential backoff (30 s, 1 min, 2 min, … capped at 1 h) up to
`_MAX_ATTEMPTS`; each mail's state (queued, sent, failed, attempts, last error) stays visible.

One-time passwords and links never rest in Redis in the clear: while a mail may still be sent, its
whole text is sealed with the master key (bound to the mail's id); the readable copy kept for the
outbox has its secret parts replaced, and once the mail is sent (or given up) the sealed copy is dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import smtplib
import uuid
from email.message import EmailMessage

import anyio.to_thread

from coffer.clock import Clock
from coffer.mail.smtp import SmtpServer
from coffer.mail.templates import Message
from coffer.sealing import SealBroken, Sealer
from coffer.store.mail import MailRecord, MailStore

_log = logging.getLogger("coffer.mail")
_MAX_ATTEMPTS = 12
_FIRST_BACKOFF_SECONDS = 30.0
_MAX_BACKOFF_SECONDS = 3600.0
# How long a claimed mail is this sender's: well above an SMTP exchange (timeout 10 s).
_CLAIM_SECONDS = 120.0
SEALED_UNTIL_SENT = "[sealed until sent]"
SENT_NOT_KEPT = "[sent, not kept]"
NOT_SENT_NOT_KEPT = "[not sent, not kept]"


def _seal_purpose(mail_id: str) -> str:
    return f"mail:{mail_id}"


class Mailer:
    """Queues mail and sends it; `server` None: nothing is sent (mail stays queued)."""

    def __init__(self, store: MailStore, sealer: Sealer, clock: Clock, server: SmtpServer | None, sender: str) -> None:
        self._store = store
        self._sealer = sealer
        self._clock = clock
        self._server = server
        self._sender = sender
        self._wake = asyncio.Event()

    async def send(self, to: list[str], message: Message) -> str:
        """Queues the mail; the sender delivers it. Returns the mail's id."""
        now = self._clock.now()
        mail_id = uuid.uuid4().hex
        whole = json.dumps({"text": message.text, "secrets": list(message.secrets)}).encode()
        mail = MailRecord(
            id=mail_id,
            to=to,
            subject=message.subject,
            text=message.redacted(SEALED_UNTIL_SENT),
            sealed=self._sealer.seal(whole, _seal_purpose(mail_id)),
            created_at=now,
            next_attempt_at=now,
        )
        await self._store.enqueue(mail)
        self._wake.set()
        return mail.id

    async def deliver_due(self) -> int:
        """Sends what is due now; returns how many were attempted."""
        if self._server is None:
            return 0
        due = await self._store.claim_due(self._clock.now(), _CLAIM_SECONDS)
        for mail in due:
            await self._attempt(mail)
        return len(due)

    def _opened(self, mail: MailRecord) -> Message:
        """The whole mail; a record from before mails were sealed is sent as it was kept."""
        if mail.sealed is None:
            return Message(mail.subject, mail.text)
        whole = json.loads(self._sealer.open(mail.sealed, _seal_purpose(mail.id)))
        return Message(mail.subject, whole["text"], tuple(whole["secrets"]))

    async def _attempt(self, mail: MailRecord) -> None:
        mail.attempts += 1
        try:
            message = self._opened(mail)
        except SealBroken as error:
            # Sealed with a master key no longer given: it can never be sent.
            self._give_up(mail, f"SealBroken: {error}")
            await self._store.save(mail, retry=False)
            return
        try:
            await anyio.to_thread.run_sync(self._deliver, mail, message)
        except (OSError, smtplib.SMTPException) as error:
            mail.last_error = f"{type(error).__name__}: {error}"[:500]
            retry = mail.attempts < _MAX_ATTEMPTS
            if retry:
                mail.status = "queued"
                backoff = min(_FIRST_BACKOFF_SECONDS * 2 ** (mail.attempts - 1), _MAX_BACKOFF_SECONDS)
                mail.next_attempt_at = self._clock.now() + backoff
            else:
                self._give_up(mail, mail.last_error, message)
            _log.warning("mail %s not sent (attempt %d): %s", mail.id, mail.attempts, mail.last_error)
            await self._store.save(mail, retry=retry)
            return
        mail.status = "sent"
        mail.sent_at = self._clock.now()
        mail.last_error = None
        mail.text, mail.sealed = message.redacted(SENT_NOT_KEPT), None
        await self._store.save(mail, retry=False)

    @staticmethod
    def _give_up(mail: MailRecord, error: str, message: Message | None = None) -> None:
        mail.status, mail.last_error, mail.sealed = "failed", error, None
        if message is not None:
            mail.text = message.redacted(NOT_SENT_NOT_KEPT)

    def _deliver(self, mail: MailRecord, whole: Message) -> None:
        message = EmailMessage()
        message["From"] = self._sender
        message["To"] = ", ".join(mail.to)
        message["Subject"] = mail.subject
        message["Message-ID"] = f"<{mail.id}@coffer>"
        message.set_content(whole.text)
        message.add_alternative(whole.html, subtype="html")
        assert self._server is not None
        self._server.deliver(message)

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
