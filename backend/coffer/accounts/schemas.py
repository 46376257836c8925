"""The accounts API's models."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class Bucket(BaseModel):
    name: str
    created_at: datetime | None


class BucketList(BaseModel):
    account_id: str
    items: list[Bucket]
