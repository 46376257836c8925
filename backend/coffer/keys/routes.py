"""HTTP of a person's access keys: `/api/v1/accounts/{account_id}/users/{user_id}/keys`.

The account's admins manage anyone's keys in the account, a member only their own; platform admins
switch off and delete keys but never create one (its secret would be the tenant's).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from coffer.api.context import service_of, wiring
from coffer.api.device_cookie import device_token
from coffer.api.operations import Handler, Operation, client_ip
from coffer.api.session_guard import session_of, user_of
from coffer.api.times import utc_or_none
from coffer.authorization import Action, Forbidden
from coffer.keys.schemas import AccessKey, AccessKeyList, CreatedAccessKey, S3Endpoint
from coffer.keys.service import MAX_KEYS_PER_USER, AccessKeys
from coffer.store.users import UserRecord
from coffer.users.management import People, Scope
from coffer.verification.schemas import StepUpRequest
from coffer.verification.step_up import StepUp

TAG = "access keys"
_KEYS = "/api/v1/accounts/{account_id}/users/{user_id}/keys"
_ONE = _KEYS + "/{access_key_id}"


async def _owner(request: Request) -> UserRecord:
    """The person whose keys these are; members reach only their own."""
    user_id = request.path_params["user_id"]
    if session_of(request).role == "account-member" and user_id != session_of(request).sub:
        raise Forbidden("Members manage only their own access keys.")
    person = await service_of(request, People).get(Scope(request.path_params["account_id"]), user_id)
    return person.user


def _s3(request: Request) -> S3Endpoint:
    settings = wiring(request).settings
    return S3Endpoint(endpoint_url=settings.tenant_s3_endpoint(), region=settings.s3_region)


async def list_keys(request: Request, body: None) -> AccessKeyList:
    keys = await service_of(request, AccessKeys).list(await _owner(request))
    return AccessKeyList(
        items=[
            AccessKey(access_key_id=key.access_key_id, active=key.active, created_at=utc_or_none(key.created_at))
            for key in keys
        ],
        limit=MAX_KEYS_PER_USER,
        s3=_s3(request),
    )


async def create_key(request: Request, body: StepUpRequest) -> CreatedAccessKey:
    owner, caller = await _owner(request), user_of(request)
    await service_of(request, StepUp).confirm(
        caller, body.code, body.current_password, "key.create", client_ip(request), device_token(request)
    )
    key = await service_of(request, AccessKeys).create(owner, caller.username, client_ip(request))
    return CreatedAccessKey(
        access_key_id=key.access_key_id,
        secret_access_key=key.secret_access_key,
        created_at=utc_or_none(key.created_at),
        s3=_s3(request),
    )


async def _set_active(request: Request, active: bool) -> None:
    await service_of(request, AccessKeys).set_active(
        await _owner(request),
        request.path_params["access_key_id"],
        active,
        user_of(request).username,
        client_ip(request),
    )


async def deactivate_key(request: Request, body: None) -> None:
    await _set_active(request, False)


async def activate_key(request: Request, body: None) -> None:
    await _set_active(request, True)


async def delete_key(request: Request, body: None) -> None:
    await service_of(request, AccessKeys).delete(
        await _owner(request), request.path_params["access_key_id"], user_of(request).username, client_ip(request)
    )


def _op(
    method: str,
    path: str,
    operation_id: str,
    summary: str,
    handler: Handler,
    action: Action = Action.KEYS_MANAGE,
    **extra: Any,
) -> Operation:
    return Operation(
        method,
        path,
        operation_id,
        summary,
        handler,
        TAG,
        action=action,
        account_param="account_id",
        **extra,
    )


OPERATIONS = [
    _op(
        "GET",
        _KEYS,
        "listAccessKeys",
        "A person's access keys (never their secrets)",
        list_keys,
        response=AccessKeyList,
        errors=(403, 404),
    ),
    _op(
        "POST",
        _KEYS,
        "createAccessKey",
        "A new access key, after a fresh factor of the caller; the answer is the only place its secret appears",
        create_key,
        action=Action.KEYS_CREATE,
        body=StepUpRequest,
        response=CreatedAccessKey,
        status=201,
        errors=(401, 403, 404, 409, 422, 429),
    ),
    _op(
        "POST",
        _ONE + "/deactivate",
        "deactivateAccessKey",
        "Stop the key working against S3",
        deactivate_key,
        status=204,
        errors=(403, 404),
    ),
    _op(
        "POST",
        _ONE + "/activate",
        "activateAccessKey",
        "Let the key work again",
        activate_key,
        status=204,
        errors=(403, 404),
    ),
    _op(
        "POST",
        _ONE + "/delete",
        "deleteAccessKey",
        "Delete the key for good",
        delete_key,
        status=204,
        errors=(403, 404),
    ),
]
