"""Reading the real SMTP sink (a Maildir) the way a person reads their inbox: wait until the mail is there."""

from __future__ import annotations

import mailbox
import re
import time
from email.message import Message

from coffer.embedded.stack import EmbeddedStack


def _text(message: Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                return payload.decode()
    return ""


def _delivered(box: mailbox.Maildir) -> list[mailbox.MaildirMessage]:
    """Every delivered mail; the sink writes into tmp/ and renames into new/ while we read, so a file that
    moves between listing and opening is simply read on the next round (`clean()` would stat tmp/ and race)."""
    messages = []
    for key in box.iterkeys():
        try:
            messages.append(box[key])
        except (KeyError, FileNotFoundError):
            continue
    return messages


def mails_to(stack: EmbeddedStack, to: str, subject: str, since: float = 0.0) -> list[mailbox.MaildirMessage]:
    """The mails delivered so far to `to` whose subject contains `subject`, delivered after `since`."""
    box = mailbox.Maildir(stack.var / "mail", create=True)
    return [
        message
        for message in _delivered(box)
        if to.lower() in str(message["To"]).lower()
        and subject.lower() in str(message["Subject"]).lower()
        and message.get_date() >= since
    ]


def wait_for_mail(stack: EmbeddedStack, to: str, subject: str, timeout: float = 20.0, since: float = 0.0) -> str:
    """The plain-text body of the newest mail to `to` whose subject contains `subject`, delivered after `since`
    (the sink outlives each test, so a test asking for a second mail of a kind passes the time it acted)."""
    deadline = time.monotonic() + timeout
    while True:
        found = mails_to(stack, to, subject, since)
        if found:
            return _text(max(found, key=lambda message: message.get_date()))
        if time.monotonic() > deadline:
            raise AssertionError(f"no mail to {to} about {subject!r} within {timeout} s")
        time.sleep(0.1)


def one_time_password(body: str) -> str:
    match = re.search(r"one-time password: (\S+)", body)
    assert match, body
    return match.group(1)


def confirmation_token(body: str) -> str:
    match = re.search(r"token=(\S+)", body)
    assert match, body
    return match.group(1)
