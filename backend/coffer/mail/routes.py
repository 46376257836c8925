"""HTTP of the dev-only outbox: the mails Coffer queued, with their delivery state."""

from __future__ import annotations

from starlette.requests import Request

from coffer.api.context import wiring
from coffer.api.operations import Operation
from coffer.api.problems import ProblemError
from coffer.api.times import utc
from coffer.authorization import Action
from coffer.mail.schemas import OutboxMail, OutboxPage


async def list_outbox(request: Request, body: None) -> OutboxPage:
    svc = wiring(request)
    if not svc.settings.dev_mode:
        raise ProblemError(404, "not-found", "Not found", "The outbox exists only in the embedded development mode.")
    mails = await svc.mailer.newest(200)
    return OutboxPage(
        items=[
            OutboxMail(
                **mail.model_dump(include={"id", "to", "subject", "text", "status", "attempts", "last_error"}),
                created_at=utc(mail.created_at),
                sent_at=utc(mail.sent_at) if mail.sent_at else None,
            )
            for mail in mails
        ]
    )


OPERATIONS = [
    Operation(
        "GET",
        "/api/v1/outbox",
        "listOutbox",
        "Queued and sent mails (development mode only)",
        list_outbox,
        "outbox",
        response=OutboxPage,
        errors=(403, 404),
        action=Action.OUTBOX_READ,
    ),
]
