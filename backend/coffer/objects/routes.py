"""HTTP of the object browser: a folder's page, an object's details, a download link."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import StreamingResponse

from coffer.api.context import service_of
from coffer.api.operations import Operation
from coffer.api.session_guard import session_of
from coffer.api.times import utc, utc_or_none
from coffer.api.zip_response import zip_download
from coffer.authorization import Action
from coffer.objects.archives import Archives
from coffer.objects.schemas import (
    ArchiveRequest,
    DownloadLink,
    DownloadLinkRequest,
    ObjectDetail,
    ObjectKeyQuery,
    ObjectPage,
    ObjectQuery,
    PreparedArchive,
)
from coffer.objects.service import ObjectBrowser
from coffer.sts.session_credentials import data_credentials


async def list_objects(request: Request, query: ObjectQuery) -> ObjectPage:
    account_id, bucket = request.path_params["account_id"], request.path_params["bucket"]
    page = await service_of(request, ObjectBrowser).page(
        await data_credentials(request, bucket, "read"), account_id, bucket, query.prefix, query.limit, query.cursor
    )
    start = len(query.prefix)
    # One validation of plain values instead of a model per entry: a 1,000-key page is most of the
    # console's own time on this path (P7), and pydantic turns the seconds into UTC datetimes itself.
    return ObjectPage.model_validate(
        {
            "bucket": bucket,
            "prefix": query.prefix,
            "folders": [{"prefix": folder, "name": folder[start:].rstrip("/")} for folder in page.listing.folders],
            "objects": [
                {
                    "key": entry.key,
                    "name": entry.key[start:],
                    "size": entry.size,
                    "last_modified": entry.last_modified,
                    "etag": entry.etag,
                }
                for entry in page.listing.objects
                if entry.key != query.prefix  # a folder's own marker (an empty "<folder>/" object) is the folder
            ],
            "next_cursor": page.next_cursor,
        }
    )


async def get_object(request: Request, query: ObjectKeyQuery) -> ObjectDetail:
    account_id, bucket = request.path_params["account_id"], request.path_params["bucket"]
    details = await service_of(request, ObjectBrowser).details(
        await data_credentials(request, bucket, "read"), account_id, bucket, query.key
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
        await data_credentials(request, bucket, "read"), account_id, bucket, body.key
    )
    return DownloadLink(url=link.url, expires_at=utc(link.expires_at))


async def prepare_archive(request: Request, body: ArchiveRequest) -> PreparedArchive:
    account_id, bucket = request.path_params["account_id"], request.path_params["bucket"]
    prepared = await service_of(request, Archives).prepare(
        await data_credentials(request, bucket, "read"),
        account_id,
        bucket,
        session_of(request).sid,
        body.folder,
        body.keys,
        body.prefixes,
    )
    url = f"/api/v1/accounts/{quote(account_id)}/buckets/{quote(bucket)}/archives/{prepared.ticket}"
    return PreparedArchive(url=url, objects=prepared.objects, bytes=prepared.bytes)


async def download_archive(request: Request, body: None) -> StreamingResponse:
    bucket = request.path_params["bucket"]
    archives = service_of(request, Archives)
    record = await archives.take(request.path_params["ticket"], session_of(request).sid)
    credentials = await data_credentials(request, bucket, "read")
    return zip_download(archives.stream(credentials, record), record.name)


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
    Operation(
        "POST",
        _BUCKET + "/archives",
        "prepareArchive",
        "Check a selection of objects and folders and get a one-time address of it as a zip",
        prepare_archive,
        TAG,
        body=ArchiveRequest,
        response=PreparedArchive,
        status=201,
        errors=(403, 404, 422),
        action=Action.OBJECTS_READ,
        account_param="account_id",
    ),
    Operation(
        "GET",
        _BUCKET + "/archives/{ticket}",
        "downloadArchive",
        "The prepared selection as one zip, streamed (once, within a minute, by the session that asked)",
        download_archive,
        TAG,
        errors=(403, 410),
        action=Action.OBJECTS_READ,
        account_param="account_id",
        media_type="application/zip",
    ),
]
