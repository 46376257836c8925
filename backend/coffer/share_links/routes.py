"""HTTP of share links: an account's people share objects, anyone holding a link downloads."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import StreamingResponse

from coffer.api.context import service_of, wiring
from coffer.api.operations import Operation, client_ip
from coffer.api.session_guard import session_of, user_of
from coffer.api.times import utc, utc_or_none
from coffer.api.zip_response import zip_download
from coffer.authorization import Action
from coffer.share_links import schemas
from coffer.share_links.service import SharedObject, ShareLinks, is_folder_key
from coffer.store.share_links import ShareLinkRecord
from coffer.sts.session_credentials import data_credentials

TAG = "share links"
_ACCOUNT = "/api/v1/accounts/{account_id}"


def _state(link: ShareLinkRecord, now: float) -> str:
    if link.revoked_at is not None:
        return "revoked"
    if link.expires_at <= now:
        return "expired"
    if link.download_limit is not None and link.downloads >= link.download_limit:
        return "used-up"
    return "active"


def _link(request: Request, link: ShareLinkRecord) -> schemas.ShareLink:
    return schemas.ShareLink(
        id=link.id,
        bucket=link.bucket,
        key=link.key,
        kind="folder" if is_folder_key(link.key) else "object",
        size=link.size,
        objects=link.objects,
        created_by=link.creator_username,
        created_at=utc(link.created_at),
        expires_at=utc(link.expires_at),
        password_protected=link.password_hash is not None,
        download_limit=link.download_limit,
        downloads=link.downloads,
        last_used_at=utc_or_none(link.last_used_at),
        revoked_at=utc_or_none(link.revoked_at),
        state=_state(link, wiring(request).clock.now()),
    )


async def create_share_link(request: Request, body: schemas.ShareLinkCreate) -> schemas.NewShareLink:
    account_id, bucket = request.path_params["account_id"], request.path_params["bucket"]
    user = user_of(request)
    made = await service_of(request, ShareLinks).share(
        await data_credentials(request, bucket, "read"),
        account_id,
        bucket,
        body.key,
        body.days,
        body.password,
        body.download_limit,
        user.id,
        user.username,
        client_ip(request),
    )
    url = f"{wiring(request).settings.public_origin.rstrip('/')}/s/{made.token}"
    return schemas.NewShareLink(**_link(request, made.record).model_dump(), url=url)


async def list_share_links(request: Request, body: None) -> schemas.ShareLinkList:
    claims, user = session_of(request), user_of(request)
    only = None if claims.role == "account-admin" else user.id
    links = await service_of(request, ShareLinks).of_account(request.path_params["account_id"], only)
    return schemas.ShareLinkList(items=[_link(request, link) for link in links])


async def revoke_share_link(request: Request, body: None) -> schemas.ShareLink:
    claims, user = session_of(request), user_of(request)
    link = await service_of(request, ShareLinks).revoke(
        request.path_params["account_id"],
        request.path_params["link_id"],
        user.id,
        user.username,
        claims.role == "account-admin",
        client_ip(request),
    )
    return _link(request, link)


async def inspect_shared(request: Request, body: schemas.SharedToken) -> schemas.SharedObject:
    shared: SharedObject = await service_of(request, ShareLinks).look(body.token, client_ip(request))
    link = shared.record
    left = None if link.download_limit is None else link.download_limit - link.downloads
    return schemas.SharedObject(
        name=shared.name,
        kind="folder" if shared.is_folder else "object",
        size=link.size,
        objects=link.objects,
        expires_at=utc(link.expires_at),
        password_required=link.password_hash is not None,
        downloads_left=left,
    )


async def download_shared(request: Request, body: schemas.SharedDownload) -> schemas.SharedDownloadLink:
    url = await service_of(request, ShareLinks).download(body.token, body.password, client_ip(request), body.name)
    return schemas.SharedDownloadLink(url=url)


async def list_shared_folder(request: Request, body: schemas.SharedOpen) -> schemas.SharedFolderContents:
    folder = await service_of(request, ShareLinks).contents(body.token, body.password, client_ip(request))
    return schemas.SharedFolderContents(
        files=[
            schemas.SharedFile(name=file.name, size=file.size, last_modified=utc_or_none(file.last_modified))
            for file in folder.files
        ],
        truncated=folder.truncated,
    )


async def prepare_shared_archive(request: Request, body: schemas.SharedOpen) -> schemas.SharedArchive:
    links = service_of(request, ShareLinks)
    link_id, prepared = await links.archive(body.token, body.password, client_ip(request))
    url = f"/api/v1/shared/archives/{link_id}/{prepared.ticket}"
    return schemas.SharedArchive(url=url, objects=prepared.objects, bytes=prepared.bytes)


async def download_shared_archive(request: Request, body: None) -> StreamingResponse:
    links = service_of(request, ShareLinks)
    reader, record = await links.open_archive(request.path_params["link_id"], request.path_params["ticket"])
    return zip_download(links.stream_archive(reader, record), record.name)


OPERATIONS = [
    Operation(
        "POST",
        _ACCOUNT + "/buckets/{bucket}/share-links",
        "createShareLink",
        "Share an object by a link that works without a session, until it expires or is revoked",
        create_share_link,
        TAG,
        body=schemas.ShareLinkCreate,
        response=schemas.NewShareLink,
        status=201,
        errors=(403, 404, 422),
        action=Action.OBJECTS_READ,
        account_param="account_id",
    ),
    Operation(
        "GET",
        _ACCOUNT + "/share-links",
        "listShareLinks",
        "The account's share links (its admins see all, members their own), with downloads and last use",
        list_share_links,
        TAG,
        response=schemas.ShareLinkList,
        errors=(403,),
        action=Action.OBJECTS_READ,
        account_param="account_id",
    ),
    Operation(
        "POST",
        _ACCOUNT + "/share-links/{link_id}/revoke",
        "revokeShareLink",
        "Stop a link at once (its creator, or an account admin)",
        revoke_share_link,
        TAG,
        response=schemas.ShareLink,
        errors=(403, 404),
        action=Action.OBJECTS_READ,
        account_param="account_id",
    ),
    Operation(
        "POST",
        "/api/v1/shared/inspect",
        "inspectSharedObject",
        "What a share link leads to (no session needed); 410 when it no longer works",
        inspect_shared,
        TAG,
        body=schemas.SharedToken,
        response=schemas.SharedObject,
        public=True,
        errors=(404, 410, 422, 429),
    ),
    Operation(
        "POST",
        "/api/v1/shared/download",
        "downloadSharedObject",
        "Count a download and get a presigned URL of the object living a minute (no session needed)",
        download_shared,
        TAG,
        body=schemas.SharedDownload,
        response=schemas.SharedDownloadLink,
        public=True,
        errors=(403, 404, 410, 422, 429),
    ),
    Operation(
        "POST",
        "/api/v1/shared/contents",
        "listSharedFolder",
        "A folder link's files as they are now, the first thousand (no session needed; not counted)",
        list_shared_folder,
        TAG,
        body=schemas.SharedOpen,
        response=schemas.SharedFolderContents,
        public=True,
        errors=(403, 404, 410, 422, 429),
    ),
    Operation(
        "POST",
        "/api/v1/shared/archives",
        "prepareSharedArchive",
        "Count one download of a folder link and get where its files stream from as one zip (no session needed)",
        prepare_shared_archive,
        TAG,
        body=schemas.SharedOpen,
        response=schemas.SharedArchive,
        status=201,
        public=True,
        errors=(403, 404, 410, 422, 429),
    ),
    Operation(
        "GET",
        "/api/v1/shared/archives/{link_id}/{ticket}",
        "downloadSharedArchive",
        "The folder's files as one zip, streamed (once, within a minute of asking)",
        download_shared_archive,
        TAG,
        public=True,
        errors=(404, 410),
        media_type="application/zip",
    ),
]
