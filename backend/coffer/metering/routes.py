"""HTTP of metering: an account's (or one bucket's) requests and capacity, platform totals, top accounts,
and a daily usage CSV for billing (deleted accounts included: their figures outlive them)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, time

from starlette.requests import Request
from starlette.responses import Response

from coffer.accounts.service import Accounts
from coffer.api.context import service_of, wiring
from coffer.api.operations import Operation
from coffer.api.problems import ProblemError
from coffer.api.times import utc
from coffer.authorization import Action
from coffer.metering import service
from coffer.metering.resolutions import SECONDS
from coffer.metering.schemas import (
    CapacityPoint,
    CapacityQuery,
    CapacitySeries,
    RequestPoint,
    RequestQuery,
    RequestRates,
    RequestSeries,
    TopAccount,
    TopAccounts,
    TopAccountsQuery,
    UsageExportQuery,
)
from coffer.metering.service import Metering
from coffer.providers.base import OPERATIONS as KINDS

_ACCOUNT = "/api/v1/accounts/{account_id}"
_MAX_EXPORT_DAYS = 400


def _scope(request: Request, bucket: str | None) -> str:
    account_id: str | None = request.path_params.get("account_id")
    if (
        account_id is not None
        and bucket is not None
        and wiring(request).provider.account_of_bucket(bucket) != account_id
    ):
        raise ProblemError(404, "bucket-not-found", "No such bucket", f"{bucket} is not a bucket of {account_id}.")
    return service.scope_of(account_id, bucket)


def _window(query: RequestQuery | CapacityQuery) -> service.Window:
    if query.end is not None and query.start is None:
        raise ProblemError(422, "validation", "Invalid range", "Give `start` with `end`.")
    if query.start is not None and query.end is not None and query.end < query.start:
        raise ProblemError(422, "validation", "Invalid range", "`end` is before `start`.")
    return service.Window(
        resolution=query.resolution,
        count=query.count,
        start=query.start.timestamp() if query.start else None,
        end=query.end.timestamp() if query.end else None,
    )


def _request_point(point: service.RequestPoint) -> RequestPoint:
    rates = {operation.lower(): point.requests[operation] / point.seconds for operation in KINDS}
    return RequestPoint(
        start=utc(point.start),
        requests=point.total,
        per_second=RequestRates(**rates),
        bytes_in_per_second=point.bytes_in / point.seconds,
        bytes_out_per_second=point.bytes_out / point.seconds,
        latency_avg_ms=point.latency_avg_ms,
        latency_p95_ms=point.latency_p95_ms,
    )


async def request_series(request: Request, query: RequestQuery) -> RequestSeries:
    points = await service_of(request, Metering).requests(_scope(request, query.bucket), _window(query))
    return RequestSeries(
        resolution=query.resolution,
        interval_seconds=SECONDS[query.resolution],
        points=[_request_point(point) for point in points],
    )


async def capacity_series(request: Request, query: CapacityQuery) -> CapacitySeries:
    points = await service_of(request, Metering).capacity(_scope(request, query.bucket), _window(query))
    return CapacitySeries(
        resolution=query.resolution,
        interval_seconds=SECONDS[query.resolution],
        points=[
            CapacityPoint(start=utc(point.start), bytes_used=point.bytes_used, objects=point.objects)
            for point in points
        ],
    )


async def top_accounts(request: Request, query: TopAccountsQuery) -> TopAccounts:
    svc = wiring(request)
    found = await svc.get(Metering).top_accounts(query.limit)
    records = {record.id: record for record in await svc.get(Accounts).get_many([item.account_id for item in found])}
    return TopAccounts(
        items=[
            TopAccount(
                account_id=item.account_id,
                display_name=records[item.account_id].display_name if item.account_id in records else None,
                bytes_used=item.bytes_used,
                objects=item.objects,
                requests_24h=item.requests,
            )
            for item in found
        ]
    )


_COLUMNS = ["date", "bytes_used", "objects", "requests", *(f"{kind.lower()}_requests" for kind in KINDS)]


async def export_usage(request: Request, query: UsageExportQuery) -> Response:
    if query.end < query.start or (query.end - query.start).days >= _MAX_EXPORT_DAYS:
        raise ProblemError(
            422,
            "validation",
            "Invalid period",
            f"Choose an end on or after the start, at most {_MAX_EXPORT_DAYS} days.",
        )
    account_id = request.path_params["account_id"]
    start = datetime.combine(query.start, time(), tzinfo=UTC).timestamp()
    end = datetime.combine(query.end, time(), tzinfo=UTC).timestamp()
    window = service.Window(resolution="1d", start=start, end=end)
    scope = service.scope_of(account_id, None)
    metering = service_of(request, Metering)
    requests, capacity = await metering.requests(scope, window), await metering.capacity(scope, window)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*_COLUMNS, "bytes_in", "bytes_out"])
    for used, traffic in zip(capacity, requests, strict=True):
        day = (datetime.fromtimestamp(traffic.start, tz=UTC)).date().isoformat()
        writer.writerow(
            [
                day,
                "" if used.bytes_used is None else used.bytes_used,
                "" if used.objects is None else used.objects,
                traffic.total,
                *(traffic.requests[kind] for kind in KINDS),
                traffic.bytes_in,
                traffic.bytes_out,
            ]
        )
    name = f"coffer-usage-{account_id}-{query.start.isoformat()}-{query.end.isoformat()}.csv"
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


TAG = "metering"
_BAD_WINDOW = (403, 404, 422)
OPERATIONS = [
    Operation(
        "GET",
        _ACCOUNT + "/metering/requests",
        "getAccountRequestSeries",
        "Requests per second by operation, bandwidth and latency of the account (or one bucket) over time",
        request_series,
        TAG,
        query=RequestQuery,
        response=RequestSeries,
        errors=_BAD_WINDOW,
        action=Action.ACCOUNT_READ,
        account_param="account_id",
    ),
    Operation(
        "GET",
        _ACCOUNT + "/metering/capacity",
        "getAccountCapacitySeries",
        "Bytes used and objects of the account (or one bucket) over time",
        capacity_series,
        TAG,
        query=CapacityQuery,
        response=CapacitySeries,
        errors=_BAD_WINDOW,
        action=Action.ACCOUNT_READ,
        account_param="account_id",
    ),
    Operation(
        "GET",
        _ACCOUNT + "/usage.csv",
        "exportAccountUsage",
        "Daily capacity and request totals of the account for a period, as CSV (for billing)",
        export_usage,
        TAG,
        query=UsageExportQuery,
        errors=(403, 422),
        action=Action.ACCOUNT_READ,
        account_param="account_id",
        media_type="text/csv",
    ),
    Operation(
        "GET",
        "/api/v1/metering/requests",
        "getPlatformRequestSeries",
        "Requests, bandwidth and latency of the whole platform (or one bucket) over time",
        request_series,
        TAG,
        query=RequestQuery,
        response=RequestSeries,
        errors=(403, 422),
        action=Action.ACCOUNTS_READ,
    ),
    Operation(
        "GET",
        "/api/v1/metering/capacity",
        "getPlatformCapacitySeries",
        "Bytes used and objects of the whole platform (or one bucket) over time",
        capacity_series,
        TAG,
        query=CapacityQuery,
        response=CapacitySeries,
        errors=(403, 422),
        action=Action.ACCOUNTS_READ,
    ),
    Operation(
        "GET",
        "/api/v1/metering/top-accounts",
        "listTopAccounts",
        "The accounts using most capacity, with their requests of the last 24 hours",
        top_accounts,
        TAG,
        query=TopAccountsQuery,
        response=TopAccounts,
        errors=(403, 422),
        action=Action.ACCOUNTS_READ,
    ),
]
