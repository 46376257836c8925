"""HTTP of account requests: the public form and its confirmation, the staff queue and decisions."""

from __future__ import annotations

from starlette.requests import Request

from coffer.api.context import service_of
from coffer.api.operations import Operation, client_ip
from coffer.api.paging import decode_offset, encode_offset
from coffer.api.session_guard import user_of
from coffer.api.times import utc, utc_or_none
from coffer.authorization import Action
from coffer.requests.schemas import (
    AccountRequest,
    AccountRequestApprove,
    AccountRequestConfirm,
    AccountRequestCreate,
    AccountRequestDeny,
    AccountRequestPage,
    AccountRequestQuery,
    RequestReceived,
)
from coffer.requests.service import AccountRequests, RequestForm
from coffer.store.requests import AccountRequestRecord


def request_of(record: AccountRequestRecord) -> AccountRequest:
    return AccountRequest(
        **record.model_dump(exclude={"created_at", "confirmed_at", "decided_at"}),
        created_at=utc(record.created_at),
        confirmed_at=utc_or_none(record.confirmed_at),
        decided_at=utc_or_none(record.decided_at),
    )


async def request_account(request: Request, body: AccountRequestCreate) -> RequestReceived:
    await service_of(request, AccountRequests).submit(
        RequestForm(
            organisation=body.organisation,
            account_name=body.account_name,
            contact_name=body.contact_name,
            contact_email=str(body.contact_email),
            expected_capacity_gib=body.expected_capacity_gib,
            message=body.message,
        ),
        client_ip(request),
    )
    return RequestReceived(
        detail=f"Check your mail: we sent a confirmation link to {body.contact_email}. "
        "Your request reaches our administrators once you open it (within 24 hours)."
    )


async def confirm_account_request(request: Request, body: AccountRequestConfirm) -> RequestReceived:
    record = await service_of(request, AccountRequests).confirm(body.token, client_ip(request))
    return RequestReceived(
        detail=f"Thank you. Your request for {record.account_name} is now with our "
        "administrators; you will get a mail when they have decided."
    )


async def list_account_requests(request: Request, query: AccountRequestQuery) -> AccountRequestPage:
    offset = decode_offset(query.cursor)
    items, more, pending = await service_of(request, AccountRequests).page(query.status, offset, query.limit)
    return AccountRequestPage(
        items=[request_of(item) for item in items],
        pending_count=pending,
        next_cursor=encode_offset(offset + query.limit) if more else None,
    )


async def approve_account_request(request: Request, body: AccountRequestApprove) -> AccountRequest:
    record = await service_of(request, AccountRequests).approve(
        request.path_params["request_id"],
        body.account_id,
        body.display_name,
        body.quota_bytes,
        user_of(request).username,
        client_ip(request),
    )
    return request_of(record)


async def deny_account_request(request: Request, body: AccountRequestDeny) -> AccountRequest:
    record = await service_of(request, AccountRequests).deny(
        request.path_params["request_id"], body.reason, user_of(request).username, client_ip(request)
    )
    return request_of(record)


TAG = "account-requests"
OPERATIONS = [
    Operation(
        "POST",
        "/api/v1/account-requests",
        "requestAccount",
        "Ask for an account (public)",
        request_account,
        TAG,
        body=AccountRequestCreate,
        response=RequestReceived,
        status=202,
        public=True,
        errors=(409, 429),
    ),
    Operation(
        "POST",
        "/api/v1/account-requests/confirm",
        "confirmAccountRequest",
        "Confirm the requester's mail address with the link's token (public)",
        confirm_account_request,
        TAG,
        body=AccountRequestConfirm,
        response=RequestReceived,
        public=True,
        errors=(410,),
    ),
    Operation(
        "GET",
        "/api/v1/account-requests",
        "listAccountRequests",
        "Account requests, newest first",
        list_account_requests,
        TAG,
        query=AccountRequestQuery,
        response=AccountRequestPage,
        errors=(403,),
        action=Action.REQUESTS_READ,
    ),
    Operation(
        "POST",
        "/api/v1/account-requests/{request_id}/approve",
        "approveAccountRequest",
        "Approve: provision the account and mail the requester",
        approve_account_request,
        TAG,
        body=AccountRequestApprove,
        response=AccountRequest,
        errors=(403, 404, 409),
        action=Action.REQUESTS_DECIDE,
    ),
    Operation(
        "POST",
        "/api/v1/account-requests/{request_id}/deny",
        "denyAccountRequest",
        "Deny with a reason mailed to the requester",
        deny_account_request,
        TAG,
        body=AccountRequestDeny,
        response=AccountRequest,
        errors=(403, 404, 409),
        action=Action.REQUESTS_DECIDE,
    ),
]
