"""HTTP of the audit log: filtered pages and a CSV export; account admins see only their account."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import Response

from coffer.api.context import service_of, wiring
from coffer.api.operations import Operation
from coffer.api.session_guard import session_of
from coffer.audit.names import AuditNames
from coffer.audit.schemas import AuditEvent, AuditPage, AuditQuery
from coffer.audit.service import AuditFilter
from coffer.authorization import Action, is_platform_role

_CSV_ROWS = 10_000
_COLUMNS = ["at", "actor", "action", "target", "account_id", "ip", "result", "detail"]


def _filter(request: Request, query: AuditQuery) -> AuditFilter:
    claims = session_of(request)
    account_id = query.account_id if is_platform_role(claims.role) else (claims.acct or "-")
    return AuditFilter(
        actor=query.actor.strip(),
        account_id=account_id.strip(),
        action=query.action.strip(),
        since=query.since.timestamp() if query.since else None,
        until=query.until.timestamp() if query.until else None,
    )


def _event(event_id: str, fields: dict[str, str]) -> AuditEvent:
    return AuditEvent(
        id=event_id,
        at=datetime.fromtimestamp(float(fields.get("at", "0")), tz=UTC),
        **{key: fields.get(key, "") for key in _COLUMNS[1:]},
    )


async def list_audit_events(request: Request, query: AuditQuery) -> AuditPage:
    found, last = await wiring(request).auditor.search(_filter(request, query), query.cursor, query.limit)
    events = [_event(event_id, fields) for event_id, fields in found]
    names = service_of(request, AuditNames)
    people = await names.of_people(event.target for event in events)
    accounts = await names.of_accounts(event.account_id for event in events)
    named = [
        event.model_copy(
            update={"target_name": people.get(event.target), "account_name": accounts.get(event.account_id)}
        )
        for event in events
    ]
    return AuditPage(items=named, next_cursor=last)


def _csv_cell(value: str) -> str:
    """Neutralises spreadsheet formulas (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


async def export_audit_events(request: Request, query: AuditQuery) -> Response:
    found, _ = await wiring(request).auditor.search(_filter(request, query), None, _CSV_ROWS, _CSV_ROWS * 5)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_COLUMNS)
    for _, fields in found:
        at = datetime.fromtimestamp(float(fields.get("at", "0")), tz=UTC).isoformat()
        writer.writerow([at, *(_csv_cell(fields.get(key, "")) for key in _COLUMNS[1:])])
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="coffer-audit.csv"'},
    )


TAG = "audit"
OPERATIONS = [
    Operation(
        "GET",
        "/api/v1/audit",
        "listAuditEvents",
        "Audit events, newest first, filtered",
        list_audit_events,
        TAG,
        query=AuditQuery,
        response=AuditPage,
        errors=(403, 422),
        action=Action.AUDIT_READ,
    ),
    Operation(
        "GET",
        "/api/v1/audit/export.csv",
        "exportAuditEvents",
        "The filtered audit events as CSV",
        export_audit_events,
        TAG,
        query=AuditQuery,
        errors=(403, 422),
        action=Action.AUDIT_READ,
        media_type="text/csv",
    ),
]
