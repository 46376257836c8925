"""What a person's storage identity may do with their account's data: the one description that Coffer
stores (a member's data grant), checks (before a storage call) and hands the provider (which turns it into
the storage policy of their keys and the session policy of their temporary credentials).

Levels only add to each other (read ⊂ read-write ⊂ read-write-delete), and a bucket's own level may only
raise it above the account-wide one. So every grant is a union of allows: SeaweedFS's IAM refuses `Deny`
in a user's policy (measured on 4.48: "Only 'Allow' is possible"), and a union needs none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

DataLevel = Literal["none", "read", "read-write", "read-write-delete"]
DATA_LEVELS: tuple[DataLevel, ...] = ("none", "read", "read-write", "read-write-delete")
Need = Literal["read", "write", "delete"]

_NEEDED_LEVEL: dict[Need, DataLevel] = {"read": "read", "write": "read-write", "delete": "read-write-delete"}


def rank(level: DataLevel) -> int:
    return DATA_LEVELS.index(level)


def allows(level: DataLevel, need: Need) -> bool:
    return rank(level) >= rank(_NEEDED_LEVEL[need])


@dataclass(frozen=True)
class Access:
    """`manage`: everything in the account's namespace, creating and configuring buckets too (its admins).
    Otherwise `account` reaches every bucket of the account, those made later too, and `buckets` raise
    single buckets above it."""

    manage: bool = False
    account: DataLevel = "none"
    buckets: Mapping[str, DataLevel] = field(default_factory=dict)

    def level_in(self, bucket: str) -> DataLevel:
        if self.manage:
            return "read-write-delete"
        own = self.buckets.get(bucket, "none")
        return own if rank(own) > rank(self.account) else self.account

    def may(self, bucket: str, need: Need) -> bool:
        return allows(self.level_in(bucket), need)


MANAGE = Access(manage=True)
# Every member had this before grants existed, and a member nobody granted anything still has it.
MEMBER_DEFAULT = Access(account="read-write-delete")
READ_ONLY = Access(account="read")
