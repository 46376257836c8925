"""Uploads behind nginx, as `make cluster` and compose run them: the page may reach S3, parts go over TLS."""

from __future__ import annotations

import os

import httpx2 as httpx

from coffer.embedded.cluster import LocalCluster
from coffer.settings import Settings

from ..storage import remove_buckets, service_client
from .conftest import browser, create_account, create_person, first_sign_in, post, trusting

MIB = 1024 * 1024


def test_the_page_may_connect_to_the_s3_front_and_a_multipart_upload_goes_through_it(
    cluster: LocalCluster, cluster_settings: Settings
) -> None:
    account_id = create_account(cluster_settings, "upl")
    bucket = f"{account_id}-files"
    service_client(cluster_settings, "s3").create_bucket(Bucket=bucket)
    person = create_person(cluster_settings, "account-admin", "admin", account_id)
    data = os.urandom(16 * MIB + 7)
    uploads = f"/api/v1/accounts/{account_id}/buckets/{bucket}/uploads"
    try:
        with browser(cluster) as client, httpx.Client(verify=trusting(cluster), timeout=30) as s3:
            page = client.get("/")
            assert f"connect-src 'self' {cluster.s3_url};" in page.headers["content-security-policy"]
            first_sign_in(client, person)

            plan = post(client, uploads, {"key": "big.bin", "size": len(data)})
            links = post(
                client, f"{uploads}/{plan['upload_id']}/part-links", {"key": "big.bin", "part_numbers": [1, 2, 3]}
            )
            preflight = s3.options(
                links["parts"][0]["url"],
                headers={"Origin": cluster.url, "Access-Control-Request-Method": "PUT"},
            )
            assert preflight.status_code == 200
            assert preflight.headers["access-control-allow-origin"] == cluster.url
            size = plan["part_size"]
            for link in links["parts"]:
                assert link["url"].startswith(cluster.s3_url + "/")
                start = (link["part_number"] - 1) * size
                answer = s3.put(link["url"], content=data[start : start + size], headers={"Origin": cluster.url})
                assert answer.status_code == 200, answer.text
            done = post(client, f"{uploads}/{plan['upload_id']}/complete", {"key": "big.bin", "size": len(data)})
        assert done["size"] == len(data)
        stored = service_client(cluster_settings, "s3").get_object(Bucket=bucket, Key="big.bin")["Body"].read()
        assert stored == data
    finally:
        remove_buckets(cluster_settings, [bucket])
