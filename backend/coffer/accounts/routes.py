"""HTTP of accounts: list, create (provisioning saga), detail, disable, enable, retry, delete, buckets."""

from __future__ import annotations

from starlette.requests import Request

from coffer.accounts.schemas import (
    AccountCounts,
    AccountCreate,
    AccountDelete,
    AccountDetail,
    AccountPage,
    AccountQuery,
    AccountSummary,
    Bucket,
    BucketList,
    SagaStep,
)
from coffer.accounts.service import AccountNotFound, Accounts
from coffer.api.context import service_of, wiring
from coffer.api.operations import Operation, client_ip
from coffer.api.paging import decode_offset, encode_offset
from coffer.api.problems import ProblemError
from coffer.api.session_guard import session_of, user_of
from coffer.api.times import utc, utc_or_none
from coffer.authorization import Action, is_platform_role
from coffer.providers.base import BucketInfo, StorageRefused, StorageUnavailable
from coffer.provisioning.deletion import Deletion
from coffer.provisioning.saga import Provisioning
from coffer.store.accounts import AccountRecord, SagaStepRecord
from coffer.sts.session_credentials import session_credentials


def summary_of(account: AccountRecord) -> AccountSummary:
    return AccountSummary(
        id=account.id,
        display_name=account.display_name,
        contact_email=account.contact_email,
        status=account.status,
        created_at=utc(account.created_at),
        quota_bytes=account.quota_bytes,
    )


async def detail_of(request: Request, account: AccountRecord) -> AccountDetail:
    svc = wiring(request)
    buckets = objects = used = unmeasured = 0
    measured_at = usage_error = None
    if account.status in ("active", "disabled", "failed"):
        try:
            usage = await svc.get(Accounts).usage(account.id)
            buckets, objects, used, measured_at = usage.buckets, usage.objects, usage.bytes_used, usage.measured_at
            unmeasured = usage.unmeasured_buckets
        except (StorageUnavailable, StorageRefused):
            usage_error = "The storage system did not answer; usage is not shown."
    failed = next((step.name for step in account.steps if step.status == "failed"), None)
    return AccountDetail(
        **summary_of(account).model_dump(),
        users=await svc.get(Accounts).user_count(account.id),
        buckets=buckets,
        objects=objects,
        bytes_used=used,
        usage_measured_at=utc_or_none(measured_at),
        unmeasured_buckets=unmeasured,
        failed_step=failed,
        usage_error=usage_error,
        steps=_steps(account.steps),
        deletion_steps=_steps(account.deletion_steps),
    )


def _steps(steps: list[SagaStepRecord]) -> list[SagaStep]:
    return [SagaStep(name=step.name, status=step.status, error=step.error, at=utc_or_none(step.at)) for step in steps]


async def list_accounts(request: Request, query: AccountQuery) -> AccountPage:
    offset = decode_offset(query.cursor)
    items, more = await service_of(request, Accounts).page(query.q, query.status, query.sort, offset, query.limit)
    return AccountPage(
        items=[summary_of(account) for account in items],
        next_cursor=encode_offset(offset + query.limit) if more else None,
    )


async def count_accounts(request: Request, body: None) -> AccountCounts:
    by_status = await service_of(request, Accounts).counts()
    return AccountCounts(
        by_status=by_status, total=sum(count for status, count in by_status.items() if status != "deleted")
    )


async def create_account(request: Request, body: AccountCreate) -> AccountDetail:
    svc = wiring(request)
    key = request.headers.get("idempotency-key", "").strip()[:128] or None
    provisioned = await svc.get(Provisioning).create(
        account_id=body.id,
        display_name=body.display_name,
        contact_email=str(body.contact_email),
        quota_bytes=body.quota_bytes,
        admin_name=body.admin_name,
        admin_email=str(body.admin_email),
        actor=user_of(request).username,
        ip=client_ip(request),
        idempotency_key=key,
    )
    return await detail_of(request, provisioned.account)


async def get_account(request: Request, body: None) -> AccountDetail:
    return await detail_of(request, await service_of(request, Accounts).get(request.path_params["account_id"]))


async def disable_account(request: Request, body: None) -> AccountDetail:
    account = await service_of(request, Accounts).disable(
        request.path_params["account_id"], user_of(request).username, client_ip(request)
    )
    return await detail_of(request, account)


async def enable_account(request: Request, body: None) -> AccountDetail:
    account = await service_of(request, Accounts).enable(
        request.path_params["account_id"], user_of(request).username, client_ip(request)
    )
    return await detail_of(request, account)


async def retry_provisioning(request: Request, body: None) -> AccountDetail:
    provisioned = await service_of(request, Provisioning).retry(
        request.path_params["account_id"], user_of(request).username, client_ip(request)
    )
    return await detail_of(request, provisioned.account)


async def delete_account(request: Request, body: AccountDelete) -> AccountDetail:
    account = await service_of(request, Deletion).delete(
        request.path_params["account_id"],
        body.confirm_name,
        body.purge_data,
        user_of(request).username,
        client_ip(request),
    )
    return await detail_of(request, account)


async def list_account_buckets(request: Request, body: None) -> BucketList:
    svc = wiring(request)
    claims = session_of(request)
    account_id = request.path_params["account_id"]
    try:
        await svc.get(Accounts).get(account_id)
    except AccountNotFound as error:
        raise ProblemError(
            404, "account-not-found", "No such account", f"There is no account {account_id!r}."
        ) from error
    buckets: list[BucketInfo]
    if is_platform_role(claims.role):
        buckets = await svc.get(Accounts).buckets_as_platform(account_id)
    else:
        buckets = await svc.get(Accounts).buckets_as_user(await session_credentials(request))
    return BucketList(
        account_id=account_id,
        items=[Bucket(name=bucket.name, created_at=utc_or_none(bucket.created_at)) for bucket in buckets],
    )


TAG = "accounts"
_ONE = "/api/v1/accounts/{account_id}"
OPERATIONS = [
    Operation(
        "GET",
        "/api/v1/account-counts",
        "countAccounts",
        "How many accounts are in each status",
        count_accounts,
        TAG,
        response=AccountCounts,
        errors=(403,),
        action=Action.ACCOUNTS_READ,
    ),
    Operation(
        "GET",
        "/api/v1/accounts",
        "listAccounts",
        "Accounts, searched, filtered, sorted and paged",
        list_accounts,
        TAG,
        query=AccountQuery,
        response=AccountPage,
        errors=(403, 422),
        action=Action.ACCOUNTS_READ,
    ),
    Operation(
        "POST",
        "/api/v1/accounts",
        "createAccount",
        "Create and provision an account with its first admin",
        create_account,
        TAG,
        body=AccountCreate,
        response=AccountDetail,
        status=201,
        errors=(403, 409, 422),
        action=Action.ACCOUNTS_MANAGE,
        idempotency_key=True,
    ),
    Operation(
        "GET",
        _ONE,
        "getAccount",
        "An account with its usage and provisioning steps",
        get_account,
        TAG,
        response=AccountDetail,
        errors=(403, 404),
        action=Action.ACCOUNT_READ,
        account_param="account_id",
    ),
    Operation(
        "POST",
        _ONE + "/disable",
        "disableAccount",
        "Stop the account's sign-ins, sessions and keys",
        disable_account,
        TAG,
        response=AccountDetail,
        errors=(403, 404, 409),
        action=Action.ACCOUNTS_MANAGE,
        account_param="account_id",
    ),
    Operation(
        "POST",
        _ONE + "/enable",
        "enableAccount",
        "Undo a disable",
        enable_account,
        TAG,
        response=AccountDetail,
        errors=(403, 404, 409),
        action=Action.ACCOUNTS_MANAGE,
        account_param="account_id",
    ),
    Operation(
        "POST",
        _ONE + "/retry",
        "retryAccountProvisioning",
        "Run a failed provisioning again",
        retry_provisioning,
        TAG,
        response=AccountDetail,
        errors=(403, 404, 409),
        action=Action.ACCOUNTS_MANAGE,
        account_param="account_id",
    ),
    Operation(
        "POST",
        _ONE + "/delete",
        "deleteAccount",
        "Delete the account (confirm by its name)",
        delete_account,
        TAG,
        body=AccountDelete,
        response=AccountDetail,
        errors=(403, 404, 409),
        action=Action.ACCOUNTS_MANAGE,
        account_param="account_id",
    ),
    Operation(
        "GET",
        _ONE + "/buckets",
        "listAccountBuckets",
        "The account's buckets, listed with the signed-in user's temporary credentials",
        list_account_buckets,
        TAG,
        response=BucketList,
        errors=(403, 404, 503),
        action=Action.BUCKETS_READ,
        account_param="account_id",
    ),
]
