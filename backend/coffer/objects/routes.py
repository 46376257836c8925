"""HTTP of the object browser: a folder's page, an object's details, a download link."""

from __future__ import annotations

from starlette.requests import Request

from coffer.api.context import service_of
from coffer.api.operations import Operation
from coffer.api.times import utc, utc_or_none
from coffer.authorization import Action
from coffer.objects.schemas import (
    DownloadLink,
    DownloadLinkRequest,
    Folder,
    ObjectDetail,
    ObjectKeyQuery,
    ObjectPage,
    ObjectQuery,
    ObjectSummary,
)
from coffer.objects.service import ObjectBrowser
from coffer.sts.session_credentials import session_credentials


async def list_objects(request: Request, query: ObjectQuery) -> ObjectPage:
    account_id, bucket = request.path_params["account_id"], request.path_params["bucket"]
    page = await service_of(request, ObjectBrowser).page(
        await session_credentials(request), account_id, bucket, query.prefix, query.limit, query.cursor
    )
    start = len(query.prefix)
    return ObjectPage(
        bucket=bucket,
        prefix=query.prefix,
        folders=[Folder(prefix=folder, name=folder[start:].rstrip("/")) for folder in page.listing.folders],
        objects=[
            ObjectSummary(
                key=entry.key,
                name=entry.key[start:],
                size=entry.size,
                last_modified=utc_or_none(entry.last_modified),
                etag=entry.etag,
            )
            for entry in page.listing.objects
            if entry.key != query.prefix  # a folder's own marker (an empty "<folder>/" object) is the folder
        ],
        next_cursor=page.next_cursor,
    )


async def get_object(request: Request, query: ObjectKeyQuery) -> ObjectDetail:
    account_id, bucket = request.path_params["account_id"], request.path_params["bucket"]
    details = await service_of(request, ObjectBrowser).details(
        await session_credentials(request), account_id, bucket, query.key
    )
    return ObjectDetail(
        bucket=bucket,
        key=details.key,
        size=details.size,
        content_type=details.content_type,
        etag=details.etag,
        last_modified=utc_or_none(details.last_modified),
        metadata=details.metadata,
        tags=details.tags,
    )


async def create_download_link(request: Request, body: DownloadLinkRequest) -> DownloadLink:
    account_id, bucket = request.path_params["account_id"], request.path_params["bucket"]
    link = await service_of(request, ObjectBrowser).download_link(
        await session_credentials(request), account_id, bucket, body.key
    )
    return DownloadLink(url=link.url, expires_at=utc(link.expires_at))


TAG = "objects"
_BUCKET = "/api/v1/accounts/{account_id}/buckets/{bucket}"
OPERATIONS = [
    Operation(
        "GET",
        _BUCKET + "/objects",
        "listObjects",
        "One page of a bucket's folder: its folders, then its objects, in key order",
        list_objects,
        TAG,
        query=ObjectQuery,
        response=ObjectPage,
        errors=(403, 404, 422, 503),
        action=Action.OBJECTS_READ,
        account_param="account_id",
    ),
    Operation(
        "GET",
        _BUCKET + "/object",
        "getObject",
        "An object's size, type, ETag, date, user metadata and tags",
        get_object,
        TAG,
        query=ObjectKeyQuery,
        response=ObjectDetail,
        errors=(403, 404, 422, 503),
        action=Action.OBJECTS_READ,
        account_param="account_id",
    ),
    Operation(
        "POST",
        _BUCKET + "/object/download-link",
        "createDownloadLink",
        "A presigned link to the object, living a minute, made with your own temporary credentials",
        create_download_link,
        TAG,
        body=DownloadLinkRequest,
        response=DownloadLink,
        errors=(403, 404, 422, 503),
        action=Action.OBJECTS_READ,
        account_param="account_id",
    ),
]
