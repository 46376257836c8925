"""HTTP of a person's own open sessions: see them, end one."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field
from starlette.requests import Request

from coffer.api.context import service_of, wiring
from coffer.api.operations import Operation, client_ip
from coffer.api.problems import ProblemError
from coffer.api.session_guard import session_of, user_of
from coffer.api.times import utc
from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.authorization import Action
from coffer.sessions.device_names import device_name
from coffer.sessions.registry import SessionRegistry


class OpenSession(BaseModel):
    sid: str
    device: str = Field(description="The browser's own User-Agent, as it sent it.")
    device_name: str = Field(description='The same in words ("Firefox 128 on Windows 10"); empty when unknown.')
    ip: str
    started_at: datetime
    last_seen_at: datetime
    current: bool


class OpenSessionList(BaseModel):
    items: list[OpenSession]


async def list_own_sessions(request: Request, body: None) -> OpenSessionList:
    claims = session_of(request)
    entries = await service_of(request, SessionRegistry).open_sessions(claims.sub, claims.ver)
    return OpenSessionList(
        items=[
            OpenSession(
                sid=entry.sid,
                device=entry.device,
                device_name=device_name(entry.device),
                ip=entry.ip,
                started_at=utc(entry.started_at),
                last_seen_at=utc(entry.last_seen_at),
                current=entry.sid == claims.sid,
            )
            for entry in entries
        ]
    )


async def end_own_session(request: Request, body: None) -> None:
    claims, sid = session_of(request), request.path_params["sid"]
    if sid == claims.sid:
        raise ProblemError(409, "current-session", "This session", "Use Sign out to end the session you are using.")
    svc = wiring(request)
    ended = await svc.get(SessionRegistry).end(claims.sub, sid)
    if ended is None:
        raise ProblemError(404, "session-not-found", "No such session", "That session is not open (any more).")
    await svc.auditor.record(
        AuditEvent(
            action=events.SESSION_END,
            actor=user_of(request).username,
            result="success",
            target=claims.sub,
            account_id=claims.acct or "",
            ip=client_ip(request),
            detail=f"session {sid} ({ended.device or 'unknown device'}, last from {ended.ip or 'unknown IP'})",
        )
    )


TAG = "profile"
OPERATIONS = [
    Operation(
        "GET",
        "/api/v1/me/sessions",
        "listOwnSessions",
        "Your open sessions: device, IP, started, last seen",
        list_own_sessions,
        TAG,
        action=Action.OWN_PROFILE,
        response=OpenSessionList,
    ),
    Operation(
        "POST",
        "/api/v1/me/sessions/{sid}/sign-out",
        "endOwnSession",
        "End one of your other sessions (it is refused at its next request)",
        end_own_session,
        TAG,
        action=Action.OWN_PROFILE,
        status=204,
        errors=(404, 409),
    ),
]
