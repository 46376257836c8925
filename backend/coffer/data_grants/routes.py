"""HTTP of data grants: an account's admins read and change what each member may do with its data."""

from __future__ import annotations

from starlette.requests import Request

from coffer.api.context import service_of
from coffer.api.operations import Operation, client_ip
from coffer.api.session_guard import user_of
from coffer.authorization import Action
from coffer.data_grants.schemas import BucketGrant, DataGrantChange, DataGrantView
from coffer.data_grants.service import DataGrants
from coffer.store.users import DataGrant
from coffer.users.management import Actor, Scope

PATH = "/api/v1/accounts/{account_id}/users/{user_id}/data-grant"


def _view(applies: bool, grant: DataGrant) -> DataGrantView:
    return DataGrantView(
        applies=applies,
        account=grant.account,
        buckets=[BucketGrant(bucket=name, level=level) for name, level in sorted(grant.buckets.items())],
        revision=grant.revision,
    )


async def get_data_grant(request: Request, body: None) -> DataGrantView:
    person, grant = await service_of(request, DataGrants).of(
        Scope(request.path_params["account_id"]), request.path_params["user_id"]
    )
    return _view(person.user.role == "account-member", grant)


async def change_data_grant(request: Request, body: DataGrantChange) -> DataGrantView:
    user = user_of(request)
    grant = await service_of(request, DataGrants).change(
        Scope(request.path_params["account_id"]),
        request.path_params["user_id"],
        body.account,
        {entry.bucket: entry.level for entry in body.buckets},
        body.revision,
        Actor(user.id, user.username, client_ip(request)),
    )
    return _view(True, grant)


OPERATIONS = [
    Operation(
        "GET",
        PATH,
        "getDataGrant",
        "What a member may do with the account's data",
        get_data_grant,
        "users",
        response=DataGrantView,
        errors=(403, 404),
        action=Action.USERS_MANAGE,
        account_param="account_id",
    ),
    Operation(
        "PUT",
        PATH,
        "changeDataGrant",
        "Change a member's data access (their keys at once, their console session at its next request)",
        change_data_grant,
        "users",
        body=DataGrantChange,
        response=DataGrantView,
        errors=(403, 404, 409, 422),
        action=Action.USERS_MANAGE,
        account_param="account_id",
    ),
]
