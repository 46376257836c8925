"""Temporary credentials for a person's own tools: scoped like the console session, never past its end."""

from __future__ import annotations

import io
import os
import time
from datetime import datetime

import boto3
import pytest
from boto3.s3.transfer import TransferConfig

from coffer.settings import Settings

from ..conftest import make_settings, open_client, unique_account_id
from ..storage import service_client
from .conftest import Team


def test_a_member_gets_credentials_for_an_hour_that_work_only_in_the_account(team: Team) -> None:
    member = team.invite("olga")
    client, olga = team.signed_in(member)
    own_bucket, other_bucket = f"{team.account_id}-raw", f"{unique_account_id('far')}-raw"
    for bucket in (own_bucket, other_bucket):
        service_client(team.settings, "s3").create_bucket(Bucket=bucket)

    answer = client.post("/api/v1/me/cli-credentials", json=team.fresh_factor(olga))

    assert answer.status_code == 201 and answer.headers["cache-control"] == "no-store"
    minted = answer.json()
    lifetime = datetime.fromisoformat(minted["expires_at"]).timestamp() - time.time()  # STS uses real time
    assert 3000 < lifetime <= 3600
    s3 = boto3.client(
        "s3",
        endpoint_url=minted["endpoint_url"],
        region_name=minted["region"],
        aws_access_key_id=minted["access_key_id"],
        aws_secret_access_key=minted["secret_access_key"],
        aws_session_token=minted["session_token"],
    )
    s3.list_objects_v2(Bucket=own_bucket)
    with pytest.raises(s3.exceptions.ClientError):
        s3.list_objects_v2(Bucket=other_bucket)
    s3.put_object(Bucket=own_bucket, Key="members-write-objects", Body=b"x")
    parts = TransferConfig(multipart_threshold=5 * 1024**2, multipart_chunksize=5 * 1024**2)
    s3.upload_fileobj(io.BytesIO(os.urandom(6 * 1024**2)), own_bucket, "in-two-parts", Config=parts)
    assert s3.head_object(Bucket=own_bucket, Key="in-two-parts")["ContentLength"] == 6 * 1024**2
    with pytest.raises(s3.exceptions.ClientError):
        s3.create_bucket(Bucket=f"{team.account_id}-members-make-no-buckets")


def test_credentials_never_outlive_the_session(team: Team) -> None:
    short: Settings = make_settings(team.stack, session_max_hours=1)
    member = team.invite("pete")
    team.settings = short
    client, pete = team.signed_in(member)
    for _ in range(5):  # an active session, renewed every 10 minutes, 50 minutes into its 1 hour
        team.clock.advance(600)
        assert client.get("/api/v1/me").status_code == 200

    refused = client.post("/api/v1/me/cli-credentials", json={"duration_seconds": 900, **team.fresh_factor(pete)})

    assert refused.status_code == 409
    assert "Sign in again" in refused.json()["detail"]


def test_staff_have_no_storage_identity_to_mint_for(team: Team) -> None:
    with open_client(team.settings, team.clock) as anonymous:
        assert anonymous.post("/api/v1/me/cli-credentials", json={}).status_code == 401
    assert team.admin.post("/api/v1/me/cli-credentials", json={"duration_seconds": 60}).status_code == 422
