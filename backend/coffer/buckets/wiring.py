"""Buckets: an account's admins create and delete them, as themselves in the storage system."""

from __future__ import annotations

from coffer.buckets.purge import BucketPurges
from coffer.buckets.routes import OPERATIONS
from coffer.buckets.service import Buckets
from coffer.data_grants.service import DataGrants
from coffer.store.accounts import AccountStore
from coffer.store.bucket_purges import BucketPurgeStore
from coffer.store.quotas import QuotaStore
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    wiring.add(
        Buckets(
            AccountStore(wiring.redis),
            QuotaStore(wiring.redis),
            wiring.provider,
            wiring.auditor,
            wiring.get(DataGrants),
        ),
        BucketPurges(
            BucketPurgeStore(wiring.redis),
            QuotaStore(wiring.redis),
            wiring.get(DataGrants),
            wiring.provider,
            wiring.auditor,
            wiring.clock,
            wiring.locks,
            wiring.settings.provisioning_lease_seconds,
        ),
    )


CAPABILITY = Capability("buckets", build, OPERATIONS)
