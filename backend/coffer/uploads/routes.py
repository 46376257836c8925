"""HTTP of uploads: start one, sign its parts, see which arrived, complete or abort it; new folders."""

from __future__ import annotations

from starlette.requests import Request

from coffer.api.context import service_of
from coffer.api.operations import Operation, client_ip
from coffer.api.session_guard import user_of
from coffer.api.times import utc, utc_or_none
from coffer.authorization import Action
from coffer.sts.session_credentials import data_credentials
from coffer.uploads.schemas import (
    CompletedUpload,
    CreatedFolder,
    FolderCreate,
    PartLink,
    PartLinks,
    PartLinksRequest,
    UploadAbort,
    UploadComplete,
    UploadedPart,
    UploadedParts,
    UploadKeyQuery,
    UploadPlan,
    UploadStart,
)
from coffer.uploads.service import Uploads


def _where(request: Request) -> tuple[str, str]:
    return request.path_params["account_id"], request.path_params["bucket"]


async def start_upload(request: Request, body: UploadStart) -> UploadPlan:
    account_id, bucket = _where(request)
    plan = await service_of(request, Uploads).start(
        await data_credentials(request, bucket, "write"), account_id, bucket, body.key, body.size, body.content_type
    )
    return UploadPlan(
        key=plan.key,
        upload_id=plan.upload_id,
        part_size=plan.part_size,
        parts=plan.parts,
        url=plan.url,
        headers=dict(plan.headers),
        expires_at=utc_or_none(plan.expires_at),
    )


async def sign_parts(request: Request, body: PartLinksRequest) -> PartLinks:
    account_id, bucket = _where(request)
    links, expires_at = await service_of(request, Uploads).sign_parts(
        await data_credentials(request, bucket, "write"),
        account_id,
        bucket,
        body.key,
        request.path_params["upload_id"],
        body.part_numbers,
    )
    return PartLinks(
        parts=[PartLink(part_number=link.part_number, url=link.url) for link in links], expires_at=utc(expires_at)
    )


async def list_parts(request: Request, query: UploadKeyQuery) -> UploadedParts:
    account_id, bucket = _where(request)
    parts = await service_of(request, Uploads).parts_done(
        await data_credentials(request, bucket, "write"),
        account_id,
        bucket,
        query.key,
        request.path_params["upload_id"],
    )
    return UploadedParts(
        parts=[UploadedPart(part_number=part.part_number, size=part.size, etag=part.etag) for part in parts]
    )


async def complete_upload(request: Request, body: UploadComplete) -> CompletedUpload:
    account_id, bucket = _where(request)
    done = await service_of(request, Uploads).complete(
        await data_credentials(request, bucket, "write"),
        account_id,
        bucket,
        body.key,
        request.path_params["upload_id"],
        body.size,
        user_of(request).username,
        client_ip(request),
    )
    return CompletedUpload(key=done.key, size=done.size, etag=done.etag)


async def abort_upload(request: Request, body: UploadAbort) -> None:
    account_id, bucket = _where(request)
    await service_of(request, Uploads).abort(
        await data_credentials(request, bucket, "write"), account_id, bucket, body.key, request.path_params["upload_id"]
    )


async def create_folder(request: Request, body: FolderCreate) -> CreatedFolder:
    account_id, bucket = _where(request)
    prefix = await service_of(request, Uploads).create_folder(
        await data_credentials(request, bucket, "write"), account_id, bucket, body.prefix, body.name
    )
    return CreatedFolder(prefix=prefix)


TAG = "uploads"
_BUCKET = "/api/v1/accounts/{account_id}/buckets/{bucket}"
_UPLOAD = _BUCKET + "/uploads/{upload_id}"
OPERATIONS = [
    Operation(
        "POST",
        _BUCKET + "/uploads",
        "startUpload",
        "Start uploading a file: a presigned PUT for a small one, else a multipart upload and its part size",
        start_upload,
        TAG,
        body=UploadStart,
        response=UploadPlan,
        errors=(403, 404, 422, 503),
        action=Action.OBJECTS_WRITE,
        account_param="account_id",
    ),
    Operation(
        "POST",
        _UPLOAD + "/part-links",
        "signUploadParts",
        "Presigned PUTs of some parts of a multipart upload, made with your own temporary credentials",
        sign_parts,
        TAG,
        body=PartLinksRequest,
        response=PartLinks,
        errors=(403, 404, 422, 503),
        action=Action.OBJECTS_WRITE,
        account_param="account_id",
    ),
    Operation(
        "GET",
        _UPLOAD + "/parts",
        "listUploadedParts",
        "The parts of a multipart upload the storage system holds, to resume it with the rest",
        list_parts,
        TAG,
        query=UploadKeyQuery,
        response=UploadedParts,
        errors=(403, 404, 422, 503),
        action=Action.OBJECTS_WRITE,
        account_param="account_id",
    ),
    Operation(
        "POST",
        _UPLOAD + "/complete",
        "completeUpload",
        "Join the parts the storage system holds into the object, once they make the whole file",
        complete_upload,
        TAG,
        body=UploadComplete,
        response=CompletedUpload,
        errors=(403, 404, 409, 422, 503),
        action=Action.OBJECTS_WRITE,
        account_param="account_id",
    ),
    Operation(
        "POST",
        _UPLOAD + "/abort",
        "abortUpload",
        "Drop a multipart upload and every part it holds (cancel); harmless when it is already gone",
        abort_upload,
        TAG,
        body=UploadAbort,
        status=204,
        errors=(403, 404, 422, 503),
        action=Action.OBJECTS_WRITE,
        account_param="account_id",
    ),
    Operation(
        "POST",
        _BUCKET + "/folders",
        "createFolder",
        'A new, empty folder: the empty object "<prefix><name>/"',
        create_folder,
        TAG,
        body=FolderCreate,
        response=CreatedFolder,
        status=201,
        errors=(403, 404, 422, 503),
        action=Action.OBJECTS_WRITE,
        account_param="account_id",
    ),
]
