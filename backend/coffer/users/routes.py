"""HTTP of people management, declared once and mounted twice: for an account's people and for staff.

Account people live under `/api/v1/accounts/{account_id}/users` (their account admins and platform
admins); staff under `/api/v1/platform-users` (platform admins). The scope comes from the path, so
the central authorization check sees the account, and a user of another scope is simply not found.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from coffer.api.context import service_of, wiring
from coffer.api.operations import Handler, Operation, client_ip
from coffer.api.paging import decode_offset, encode_offset
from coffer.api.session_guard import user_of
from coffer.api.times import utc, utc_or_none
from coffer.authorization import Action
from coffer.sessions.registry import SessionRegistry
from coffer.users.management import Actor, People, Person, Scope
from coffer.users.schemas import (
    ConsoleUser,
    ConsoleUserCreate,
    ConsoleUserDelete,
    ConsoleUserPage,
    ConsoleUserQuery,
    ConsoleUserRole,
)

TAG = "users"


def console_user(person: Person) -> ConsoleUser:
    user = person.user
    return ConsoleUser(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        email=user.email,
        role=user.role,
        account_id=user.account_id,
        enabled=not user.disabled,
        locked_until=utc_or_none(person.locked_until),
        mfa_enrolled=person.mfa_enrolled,
        access_keys=person.access_keys,
        must_change_password=user.must_change_password,
        last_sign_in_at=utc_or_none(user.last_sign_in_at),
        created_at=utc(user.created_at),
    )


def _scope(request: Request) -> Scope:
    return Scope(request.path_params.get("account_id"))


def _actor(request: Request) -> Actor:
    user = user_of(request)
    return Actor(user.id, user.username, client_ip(request))


async def list_users(request: Request, query: ConsoleUserQuery) -> ConsoleUserPage:
    offset = decode_offset(query.cursor)
    people, more = await service_of(request, People).page(
        _scope(request), query.q, query.role, query.status, query.sort, offset, query.limit
    )
    return ConsoleUserPage(
        items=[console_user(person) for person in people],
        next_cursor=encode_offset(offset + query.limit) if more else None,
    )


async def invite_user(request: Request, body: ConsoleUserCreate) -> ConsoleUser:
    person = await service_of(request, People).invite(
        _scope(request), body.username, body.display_name, str(body.email), body.role, _actor(request)
    )
    return console_user(person)


async def get_user(request: Request, body: None) -> ConsoleUser:
    return console_user(await service_of(request, People).get(_scope(request), request.path_params["user_id"]))


async def disable_user(request: Request, body: None) -> ConsoleUser:
    people = service_of(request, People)
    return console_user(
        await people.set_enabled(_scope(request), request.path_params["user_id"], False, _actor(request))
    )


async def enable_user(request: Request, body: None) -> ConsoleUser:
    people = service_of(request, People)
    return console_user(
        await people.set_enabled(_scope(request), request.path_params["user_id"], True, _actor(request))
    )


async def unlock_user(request: Request, body: None) -> ConsoleUser:
    people = service_of(request, People)
    return console_user(await people.unlock(_scope(request), request.path_params["user_id"], _actor(request)))


async def reset_password(request: Request, body: None) -> ConsoleUser:
    people = service_of(request, People)
    return console_user(await people.reset_password(_scope(request), request.path_params["user_id"], _actor(request)))


async def end_sessions(request: Request, body: None) -> ConsoleUser:
    svc = wiring(request)
    person = await svc.get(People).end_sessions(_scope(request), request.path_params["user_id"], _actor(request))
    await svc.get(SessionRegistry).forget_all(person.user.id)
    return console_user(person)


async def reset_mfa(request: Request, body: None) -> ConsoleUser:
    people = service_of(request, People)
    return console_user(await people.reset_mfa(_scope(request), request.path_params["user_id"], _actor(request)))


async def change_role(request: Request, body: ConsoleUserRole) -> ConsoleUser:
    people = service_of(request, People)
    person = await people.change_role(_scope(request), request.path_params["user_id"], body.role, _actor(request))
    return console_user(person)


async def delete_user(request: Request, body: ConsoleUserDelete) -> None:
    await service_of(request, People).delete(
        _scope(request), request.path_params["user_id"], body.confirm_username, _actor(request)
    )


def _operations(
    base: str, noun: str, action: Action, read_action: Action, account_param: str | None
) -> list[Operation]:
    """The people routes of one scope; `read_action` lets some read the list and a person who may change nothing."""
    one = base + "/{user_id}"

    def op(method: str, path: str, operation_id: str, summary: str, handler: Handler, **extra: Any) -> Operation:
        needed = read_action if method == "GET" else action
        return Operation(
            method, path, operation_id, summary, handler, TAG, action=needed, account_param=account_param, **extra
        )

    person = {"response": ConsoleUser, "errors": (403, 404, 409, 422)}
    return [
        op(
            "GET",
            base,
            f"list{noun}s",
            "People, searched, filtered and sorted",
            list_users,
            query=ConsoleUserQuery,
            response=ConsoleUserPage,
            errors=(403, 422),
        ),
        op(
            "POST",
            base,
            f"invite{noun}",
            "A new person; their one-time password is mailed",
            invite_user,
            body=ConsoleUserCreate,
            status=201,
            **person,
        ),
        op("GET", one, f"get{noun}", "One person", get_user, **person),
        op(
            "POST",
            one + "/disable",
            f"disable{noun}",
            "Disable: sessions end, access keys stop working",
            disable_user,
            **person,
        ),
        op("POST", one + "/enable", f"enable{noun}", "Enable again, keys included", enable_user, **person),
        op("POST", one + "/unlock", f"unlock{noun}", "Lift a lock after failed sign-ins", unlock_user, **person),
        op(
            "POST",
            one + "/reset-password",
            f"resetPasswordOf{noun}",
            "Mail a new one-time password",
            reset_password,
            **person,
        ),
        op(
            "POST",
            one + "/sign-out",
            f"endSessionsOf{noun}",
            "End every session of the person (at their next request)",
            end_sessions,
            **person,
        ),
        op(
            "POST",
            one + "/reset-mfa",
            f"resetMfaOf{noun}",
            "Forget the authenticator (lost device): sessions end, enrollment again at the next sign-in",
            reset_mfa,
            **person,
        ),
        op(
            "POST",
            one + "/role",
            f"changeRoleOf{noun}",
            "Change the role (effective at the next request)",
            change_role,
            body=ConsoleUserRole,
            **person,
        ),
        op(
            "POST",
            one + "/delete",
            f"delete{noun}",
            "Delete the person and their storage identity and keys",
            delete_user,
            body=ConsoleUserDelete,
            status=204,
            errors=(403, 404, 409, 422),
        ),
    ]


OPERATIONS = [
    *_operations(
        "/api/v1/accounts/{account_id}/users", "AccountUser", Action.USERS_MANAGE, Action.USERS_READ, "account_id"
    ),
    *_operations(
        "/api/v1/platform-users",
        "PlatformUser",
        Action.PLATFORM_USERS_MANAGE,
        Action.PLATFORM_USERS_MANAGE,
        None,
    ),
]
