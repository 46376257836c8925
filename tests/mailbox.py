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


def wait_for_mail(stack: EmbeddedStack, to: str, subject: str, timeout: float = 20.0, since: float = 0.0) -> str:
    """The plain-text body of the newest mail to `to` whose subject contains `subject`, delivered after `since`
    (the sink outlives each test, so a test asking for a second mail of a kind passes the time it acted)."""
    deadline = time.monotonic() + timeout
    box = mailbox.Maildir(stack.var / "mail", create=True)
    while True:
        box.clean()
        found = [
            message
            for message in box
            if to.lower() in str(message["To"]).lower()
            and subject.lower() in str(message["Subject"]).lower()
            and message.get_date() >= since
        ]
        if found:
            return _text(found[-1])
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
