"""What the API says and takes about a member's data grant."""

from __future__ import annotations

from pydantic import BaseModel, Field

from coffer.data_access import DataLevel


class BucketGrant(BaseModel):
    bucket: str = Field(min_length=3, max_length=63)
    level: DataLevel


class DataGrantView(BaseModel):
    """A member's data access; `revision` goes back with a change, so two admins cannot overwrite each other."""

    applies: bool = Field(description="False for account administrators: they reach all of the account's data.")
    account: DataLevel = Field(description="Every bucket of the account, also those made later.")
    buckets: list[BucketGrant] = Field(description="Buckets raised above the account-wide level.")
    revision: int


class DataGrantChange(BaseModel):
    account: DataLevel
    buckets: list[BucketGrant] = Field(default_factory=list, max_length=1000)
    revision: int = Field(ge=0, description="The revision this change was made on (from the last read).")
