"""The outbox API's models."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from coffer.store.mail import MailStatus


class OutboxMail(BaseModel):
    id: str
    to: list[str]
    subject: str
    text: str
    status: MailStatus
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None


class OutboxPage(BaseModel):
    items: list[OutboxMail]
