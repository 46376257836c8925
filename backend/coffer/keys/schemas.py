"""The access-keys API's models."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class S3Endpoint(BaseModel):
    """Where a key is used: what an S3 tool needs beside the key itself."""

    endpoint_url: str
    region: str


class AccessKey(BaseModel):
    access_key_id: str
    active: bool
    created_at: datetime | None


class AccessKeyList(BaseModel):
    items: list[AccessKey]
    limit: int
    s3: S3Endpoint


class CreatedAccessKey(BaseModel):
    """The only answer that ever holds the secret; it is not stored and cannot be fetched again."""

    access_key_id: str
    secret_access_key: str
    created_at: datetime | None
    s3: S3Endpoint
