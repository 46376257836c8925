"""API models of object versions and of deleting many objects."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

_STRICT = ConfigDict(extra="forbid")
_KEY = Field(min_length=1, max_length=1024, description="The object's full key.")
_VERSION = Field(min_length=1, max_length=1024, description='A version id from the versions list ("null" included).')
MAX_KEYS, MAX_PREFIXES = 1000, 100


class VersionsQuery(BaseModel):
    model_config = _STRICT
    key: str = _KEY


class ObjectVersionEntry(BaseModel):
    model_config = ConfigDict(title="ObjectVersion")
    version_id: str = Field(description='"null" for a version written while versioning was off or suspended.')
    size: int
    last_modified: datetime | None
    etag: str
    latest: bool
    delete_marker: bool = Field(description="A deletion kept in versioning: it holds no data.")


class ObjectVersionList(BaseModel):
    bucket: str
    key: str
    versions: list[ObjectVersionEntry] = Field(description="Newest first.")


class VersionChoice(BaseModel):
    model_config = _STRICT
    key: str = _KEY
    version_id: str = _VERSION


class ObjectsDeletion(BaseModel):
    model_config = _STRICT
    keys: list[str] = Field(default_factory=list, max_length=MAX_KEYS, description="Objects' full keys.")
    prefixes: list[str] = Field(
        default_factory=list,
        max_length=MAX_PREFIXES,
        description='Folders ("photos/"): everything under each is deleted.',
    )

    @field_validator("keys")
    @classmethod
    def _keys(cls, keys: list[str]) -> list[str]:
        for key in keys:
            if not 1 <= len(key) <= 1024:
                raise ValueError("a key has 1 to 1024 characters")
        return keys

    @field_validator("prefixes")
    @classmethod
    def _prefixes(cls, prefixes: list[str]) -> list[str]:
        for prefix in prefixes:
            if not prefix.endswith("/") or prefix.strip("/") == "" or len(prefix) > 1024:
                raise ValueError(f'{prefix!r} is not a folder: a folder ends in "/" and has a name')
        return prefixes


class DeletionRefusal(BaseModel):
    key: str
    code: str = Field(description="The storage system's error code, such as AccessDenied.")
    message: str


class DeletionResult(BaseModel):
    deleted: int = Field(description="Objects deleted (in a versioned bucket: hidden behind a delete marker).")
    delete_markers: int = Field(description="How many of them got a delete marker; their versions are kept.")
    failed: list[DeletionRefusal]
