"""After an upgrade changes what a level allows, keys made before it follow: their policies are written again."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import botocore.exceptions
import pytest

from coffer.app import connected_services
from coffer.settings import Settings
from coffer.store.policy_marks import PolicyMarkStore
from coffer.users.storage_identity import PolicyUpgrade

from ..conftest import create_account_with_admin, create_user, unique_account_id
from ..storage import key_of, remove_buckets, service_client

# What a member's policy allowed before object tags could be written: an upgrade added s3:PutObjectTagging.
OLD_ACTIONS = ["s3:GetObject", "s3:ListBucket", "s3:ListAllMyBuckets", "s3:PutObject", "s3:DeleteObject"]


def _upgrade(settings: Settings) -> int:
    async def run() -> int:
        async with connected_services(settings) as services:
            return await services.get(PolicyUpgrade).bring_up_to_date()

    return asyncio.run(run())


def _forget_mark(settings: Settings) -> None:
    async def run() -> None:
        async with connected_services(settings) as services:
            await PolicyMarkStore(services.redis).set("before-the-upgrade")

    asyncio.run(run())


def test_policies_written_before_an_upgrade_are_written_again_once(settings: Settings) -> None:
    account_id = unique_account_id("upg")
    create_account_with_admin(settings, account_id, f"alice{account_id}")
    member = create_user(settings, f"bob{account_id}", "account-member", account_id)
    bucket = f"{account_id}-files"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="a.txt", Body=b"a")
    iam_user = f"{account_id}.{member.user.username}"
    old = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": OLD_ACTIONS,
                "Resource": [f"arn:aws:s3:::{account_id}-*", f"arn:aws:s3:::{account_id}-*/*"],
            }
        ],
    }
    service_client(settings, "iam").put_user_policy(
        UserName=iam_user, PolicyName="coffer-account", PolicyDocument=json.dumps(old)
    )
    _forget_mark(settings)
    key: Any = key_of(settings, account_id, member.user.username)
    tagging = {"TagSet": [{"Key": "kind", "Value": "note"}]}
    try:
        with pytest.raises(botocore.exceptions.ClientError):
            key.put_object_tagging(Bucket=bucket, Key="a.txt", Tagging=tagging)

        assert _upgrade(settings) >= 2  # the admin and the member, and whoever else tests left

        key.put_object_tagging(Bucket=bucket, Key="a.txt", Tagging=tagging)
        assert _upgrade(settings) == 0
    finally:
        remove_buckets(settings, [bucket])
