"""The uploads API's models."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from coffer.uploads.service import MAX_OBJECT_SIZE

_STRICT = ConfigDict(extra="forbid")
# The object browser's rule for a key (objects/schemas.py), repeated: capabilities import no other.
_KEY = Field(min_length=1, max_length=1024, description="The object's full key.")
_UPLOAD_ID = r"^[A-Za-z0-9._~+=-]{1,1024}$"


class UploadStart(BaseModel):
    model_config = _STRICT
    key: str = _KEY
    size: int = Field(ge=0, description=f"The file's size in bytes, at most {MAX_OBJECT_SIZE} (5 TiB).")
    content_type: str = Field("application/octet-stream", min_length=1, max_length=255, pattern=r"^[\x20-\x7e]+$")


class UploadPlan(BaseModel):
    key: str
    upload_id: str | None = Field(description="The multipart upload; null when `url` takes the whole file.")
    part_size: int = Field(description="Bytes in each part but the last.")
    parts: int = Field(description="How many parts the file is sent in.")
    url: str | None = Field(description="A presigned PUT of the whole file (small files); null for a multipart one.")
    headers: dict[str, str] = Field(description="Headers to send with `url` (they are signed).")
    expires_at: datetime | None


class PartLinksRequest(BaseModel):
    model_config = _STRICT
    key: str = _KEY
    part_numbers: list[int] = Field(min_length=1, max_length=100, description="Parts to sign, 1 to 10,000.")


class PartLink(BaseModel):
    part_number: int
    url: str = Field(description="A presigned PUT of this part; send it again with a fresh link to retry.")


class PartLinks(BaseModel):
    parts: list[PartLink]
    expires_at: datetime


class UploadKeyQuery(BaseModel):
    model_config = _STRICT
    key: str = _KEY


class UploadedPart(BaseModel):
    part_number: int
    size: int
    etag: str


class UploadedParts(BaseModel):
    parts: list[UploadedPart] = Field(description="The parts the storage system holds, in order.")


class UploadComplete(BaseModel):
    model_config = _STRICT
    key: str = _KEY
    size: int = Field(ge=0, le=MAX_OBJECT_SIZE, description="The file's size: the parts must add up to it.")


class CompletedUpload(BaseModel):
    key: str
    size: int
    etag: str


class UploadAbort(BaseModel):
    model_config = _STRICT
    key: str = _KEY


class FolderCreate(BaseModel):
    model_config = _STRICT
    prefix: str = Field("", max_length=1024, description='The folder it goes in: "" for the top, else ending in "/".')
    name: str = Field(min_length=1, max_length=255)


class CreatedFolder(BaseModel):
    prefix: str = Field(description='The new folder\'s full prefix, ending in "/".')
