"""The object browser's API models."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from coffer.objects.service import MAX_PAGE

_STRICT = ConfigDict(extra="forbid")
_KEY = Field(min_length=1, max_length=1024, description="The object's full key.")


class ObjectQuery(BaseModel):
    model_config = _STRICT
    prefix: str = Field("", max_length=1024, description='The folder shown: "" for the top, else ending in "/".')
    cursor: str | None = Field(
        None, max_length=3072, pattern=r"^[A-Za-z0-9_-]+=*$", description="next_cursor of the page before."
    )
    limit: int = Field(200, ge=1, le=MAX_PAGE, description="Folders and objects together, at most.")


class ObjectKeyQuery(BaseModel):
    model_config = _STRICT
    key: str = _KEY


class DownloadLinkRequest(BaseModel):
    model_config = _STRICT
    key: str = _KEY


class Folder(BaseModel):
    prefix: str = Field(description='The folder\'s full prefix, ending in "/".')
    name: str = Field(description="Its name inside the folder shown.")


class ObjectSummary(BaseModel):
    key: str
    name: str = Field(description="The part of the key after the folder shown.")
    size: int
    last_modified: datetime | None
    etag: str


class ObjectPage(BaseModel):
    bucket: str
    prefix: str
    folders: list[Folder]
    objects: list[ObjectSummary]
    next_cursor: str | None = Field(description="Opaque; null on the last page.")


class ObjectDetail(BaseModel):
    bucket: str
    key: str
    size: int
    content_type: str | None
    etag: str
    last_modified: datetime | None
    metadata: dict[str, str] = Field(description="User metadata (x-amz-meta-*), names without the prefix.")
    tags: dict[str, str]


class DownloadLink(BaseModel):
    url: str = Field(description="A presigned GET of the storage system; follow it before expires_at.")
    expires_at: datetime


class ArchiveRequest(BaseModel):
    model_config = _STRICT
    folder: str = Field("", max_length=1024, description="The folder shown; entries are named relative to it.")
    keys: list[str] = Field(default_factory=list, max_length=1000, description="Objects chosen one by one.")
    prefixes: list[str] = Field(default_factory=list, max_length=1000, description="Folders, with all they hold.")


class PreparedArchive(BaseModel):
    url: str = Field(description="Where the browser fetches the zip, once, within a minute (same origin, session).")
    objects: int
    bytes: int
