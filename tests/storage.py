"""The storage system as the operator and as a key holder see it, straight through boto3 (no Coffer in between)."""

from __future__ import annotations

from typing import Any

import boto3

from coffer.app import redis_connection
from coffer.data_access import Access
from coffer.settings import Settings


def service_client(settings: Settings, service: str) -> Any:
    """A client with the platform service identity (what an operator's admin tooling holds)."""
    return boto3.client(
        service,
        endpoint_url=settings.s3_endpoint,
        region_name=settings.s3_region,
        aws_access_key_id=settings.storage_access_key,
        aws_secret_access_key=settings.storage_secret_key.get_secret_value(),
    )


def key_of(settings: Settings, account_id: str, username: str) -> Any:
    """An S3 client with a fresh access key of a console user's storage identity."""
    key = service_client(settings, "iam").create_access_key(UserName=f"{account_id}.{username}")["AccessKey"]
    return boto3.client(
        "s3",
        endpoint_url=settings.s3_endpoint,
        region_name=settings.s3_region,
        aws_access_key_id=key["AccessKeyId"],
        aws_secret_access_key=key["SecretAccessKey"],
    )


def remove_buckets(settings: Settings, names: list[str]) -> None:
    """Empties and deletes buckets a test made, so later tests see only their own (the storage outlives tests)."""
    s3 = service_client(settings, "s3")
    for name in names:
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=name):
            for entry in page.get("Contents", []):
                s3.delete_object(Bucket=name, Key=entry["Key"])
        s3.delete_bucket(Bucket=name)


def session_s3(settings: Settings, clock: Any, client: Any, access: Access) -> Any:
    """An S3 client holding the signed-in session's own STS credentials, as the BFF keeps them for `access`
    (None when it holds none made for that access: after a grant change, until the person's next request)."""
    import asyncio

    import jwt

    from coffer.app import build_provider
    from coffer.sealing import Sealer
    from coffer.store.credentials import CredentialStore
    from coffer.sts.service import StorageCredentials

    sid = jwt.decode(client.cookies.get("__Host-coffer_session") or "", options={"verify_signature": False})["sid"]

    async def read() -> Any:
        connection = redis_connection(settings)
        provider = build_provider(settings)
        try:
            store = CredentialStore(connection.redis)
            sealer = Sealer(settings.master_key_bytes())
            return await StorageCredentials(provider, store, sealer, clock, 900, 120).current(sid, access)
        finally:
            await provider.close()
            await connection.close()

    credentials = asyncio.run(read())
    if credentials is None:
        return None
    return boto3.client(
        "s3",
        endpoint_url=settings.s3_endpoint,
        region_name=settings.s3_region,
        aws_access_key_id=credentials.access_key_id,
        aws_secret_access_key=credentials.secret_access_key,
        aws_session_token=credentials.session_token,
    )
