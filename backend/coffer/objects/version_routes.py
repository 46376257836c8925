"""HTTP of object versions and of deleting many objects, each made with the person's own credentials."""

from __future__ import annotations

from starlette.requests import Request

from coffer.api.context import service_of
from coffer.api.operations import Operation, client_ip
from coffer.api.session_guard import user_of
from coffer.api.times import utc, utc_or_none
from coffer.authorization import Action
from coffer.objects.deletion import ObjectDeletion
from coffer.objects.schemas import DownloadLink
from coffer.objects.version_schemas import (
    DeletionRefusal,
    DeletionResult,
    ObjectsDeletion,
    ObjectVersionEntry,
    ObjectVersionList,
    VersionChoice,
    VersionsQuery,
)
from coffer.objects.versions import ObjectVersions
from coffer.providers.base import ObjectVersion
from coffer.sts.session_credentials import data_credentials


def _listing(bucket: str, key: str, versions: list[ObjectVersion]) -> ObjectVersionList:
    return ObjectVersionList(
        bucket=bucket,
        key=key,
        versions=[
            ObjectVersionEntry(
                version_id=version.version_id,
                size=version.size,
                last_modified=utc_or_none(version.last_modified),
                etag=version.etag,
                latest=version.latest,
                delete_marker=version.delete_marker,
            )
            for version in versions
        ],
    )


async def list_versions(request: Request, query: VersionsQuery) -> ObjectVersionList:
    account_id, bucket = request.path_params["account_id"], request.path_params["bucket"]
    versions = await service_of(request, ObjectVersions).versions(
        await data_credentials(request, bucket, "read"), account_id, bucket, query.key
    )
    return _listing(bucket, query.key, versions)


async def create_version_download_link(request: Request, body: VersionChoice) -> DownloadLink:
    account_id, bucket = request.path_params["account_id"], request.path_params["bucket"]
    link = await service_of(request, ObjectVersions).download_link(
        await data_credentials(request, bucket, "read"), account_id, bucket, body.key, body.version_id
    )
    return DownloadLink(url=link.url, expires_at=utc(link.expires_at))


async def restore_version(request: Request, body: VersionChoice) -> ObjectVersionList:
    account_id, bucket = request.path_params["account_id"], request.path_params["bucket"]
    versions = await service_of(request, ObjectVersions).restore(
        await data_credentials(request, bucket, "write"),
        account_id,
        bucket,
        body.key,
        body.version_id,
        user_of(request).username,
        client_ip(request),
    )
    return _listing(bucket, body.key, versions)


async def delete_objects(request: Request, body: ObjectsDeletion) -> DeletionResult:
    account_id, bucket = request.path_params["account_id"], request.path_params["bucket"]
    report = await service_of(request, ObjectDeletion).delete(
        await data_credentials(request, bucket, "delete"),
        account_id,
        bucket,
        body.keys,
        body.prefixes,
        user_of(request).username,
        client_ip(request),
    )
    return DeletionResult(
        deleted=report.deleted,
        delete_markers=report.delete_markers,
        failed=[DeletionRefusal(key=item.key, code=item.code, message=item.message) for item in report.failed],
    )


TAG = "objects"
_BUCKET = "/api/v1/accounts/{account_id}/buckets/{bucket}"
OPERATIONS = [
    Operation(
        "GET",
        _BUCKET + "/object/versions",
        "listObjectVersions",
        "Every version and delete marker of one object, newest first",
        list_versions,
        TAG,
        query=VersionsQuery,
        response=ObjectVersionList,
        errors=(403, 404, 422, 503),
        action=Action.OBJECTS_READ,
        account_param="account_id",
    ),
    Operation(
        "POST",
        _BUCKET + "/object/versions/download-link",
        "createVersionDownloadLink",
        "A presigned link to one version of the object, made with your own temporary credentials",
        create_version_download_link,
        TAG,
        body=VersionChoice,
        response=DownloadLink,
        errors=(403, 404, 409, 422, 503),
        action=Action.OBJECTS_READ,
        account_param="account_id",
    ),
    Operation(
        "POST",
        _BUCKET + "/object/versions/restore",
        "restoreObjectVersion",
        "Make an older version the latest again, by a copy inside the storage system (the others stay)",
        restore_version,
        TAG,
        body=VersionChoice,
        response=ObjectVersionList,
        errors=(403, 404, 409, 422, 503),
        action=Action.OBJECTS_WRITE,
        account_param="account_id",
    ),
    Operation(
        "POST",
        _BUCKET + "/objects/delete",
        "deleteObjects",
        "Delete objects and everything under folders; says how many were deleted and which were refused, and why",
        delete_objects,
        TAG,
        body=ObjectsDeletion,
        response=DeletionResult,
        errors=(403, 404, 422, 503),
        action=Action.OBJECTS_DELETE,
        account_param="account_id",
    ),
]
