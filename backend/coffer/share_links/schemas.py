"""What the API says and takes about share links."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from coffer.share_links.service import MAX_DAYS

_STRICT = ConfigDict(extra="forbid")
_TOKEN = Field(min_length=20, max_length=128, pattern=r"^[A-Za-z0-9_-]+$")


class ShareLinkCreate(BaseModel):
    model_config = _STRICT
    key: str = Field(min_length=1, max_length=1024, description="The object's full key, or a folder's ending in \"/\".")
    days: int = Field(ge=1, le=MAX_DAYS, description="How long the link works; longer than S3's 7 days is fine.")
    password: str | None = Field(None, min_length=8, max_length=256, description="Asked of whoever opens it.")
    download_limit: int | None = Field(None, ge=1, le=1_000_000, description="Downloads before it stops working.")


class ShareLink(BaseModel):
    id: str
    bucket: str
    key: str
    kind: Literal["object", "folder"]
    size: int = Field(description="Bytes shared (a folder's files when it was shared).")
    objects: int = Field(description="Files shared: 1, or a folder's files when it was shared.")
    created_by: str
    created_at: datetime
    expires_at: datetime
    password_protected: bool
    download_limit: int | None
    downloads: int
    last_used_at: datetime | None
    revoked_at: datetime | None
    state: str = Field(description="active, expired, used-up or revoked")


class NewShareLink(ShareLink):
    url: str = Field(description="The link to hand out; only in this answer, Coffer keeps no copy of it.")


class ShareLinkList(BaseModel):
    items: list[ShareLink]


class SharedToken(BaseModel):
    model_config = _STRICT
    token: str = _TOKEN


class SharedOpen(BaseModel):
    model_config = _STRICT
    token: str = _TOKEN
    password: str | None = Field(None, max_length=256)


class SharedDownload(SharedOpen):
    name: str | None = Field(
        None, min_length=1, max_length=1024, description="For a folder link: the file's name inside the folder."
    )


class SharedObject(BaseModel):
    """What anyone holding the link sees before downloading."""

    name: str
    kind: Literal["object", "folder"]
    size: int
    objects: int
    expires_at: datetime
    password_required: bool
    downloads_left: int | None


class SharedDownloadLink(BaseModel):
    url: str = Field(description="A presigned URL of the object, living a minute.")


class SharedFile(BaseModel):
    name: str = Field(description="Its path inside the shared folder.")
    size: int
    last_modified: datetime | None


class SharedFolderContents(BaseModel):
    files: list[SharedFile]
    truncated: bool = Field(description="More files than listed; the zip holds them all (up to its limit).")


class SharedArchive(BaseModel):
    url: str = Field(description="Where the zip streams from: once, within a minute.")
    objects: int
    bytes: int
