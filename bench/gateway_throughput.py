"""P9: tenant S3 throughput through two SeaweedFS gateways against one, from one run.

Starts the storage cluster of `make cluster` (master, 3 volume servers, filer, S3 gateways behind
their nginx) twice: with one gateway, then two. A tenant's STS credentials (AssumeRole through the
balancer with the account's session policy, as the console mints them) presign small-object PUTs
and GETs, and wrk (C, one thread, 32 connections) replays them half and half through the balancer,
closed loop, so the generator costs little beside the gateways. Each gateway is capped at half a
core by a CPU cgroup (like P5's instances), so the ratio shows what a second gateway machine adds;
the shared parts (master, volume servers, filer, nginx, wrk) are not capped.
Run by hand: .venv/bin/python bench/gateway_throughput.py [seconds]
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import boto3
from botocore.config import Config

from coffer.embedded.seaweedfs import CONSOLE_ROLE
from coffer.embedded.seaweedfs_cluster import SeaweedFSCluster
from harness import WRK_RESULT, can_cap, wrk_capped, wrk_summary

GATEWAY_CORES = 0.5
OBJECTS = 200
BODY = b"x" * 4096
ACCESS_KEY, SECRET_KEY = "AKIACOFFERBENCH00001", secrets.token_urlsafe(30)
# wrk's script: odd requests GET one of the objects, even ones PUT one, each with its presigned URL.
WRK_SCRIPT = """
local gets = {%(gets)s}
local puts = {%(puts)s}
local body = string.rep("x", %(size)d)
local n = 0
request = function()
  n = n + 1
  if n %% 2 == 0 then
    return wrk.format("PUT", puts[n %% #puts + 1], nil, body)
  end
  return wrk.format("GET", gets[n %% #gets + 1])
end
"""


def _client(service: str, endpoint: str, **credentials: str) -> Any:
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=credentials.get("key", ACCESS_KEY),
        aws_secret_access_key=credentials.get("secret", SECRET_KEY),
        aws_session_token=credentials.get("token"),
        config=Config(signature_version="s3v4"),  # presigned links otherwise use SigV2, as boto3 still does
    )


def _presigned_paths(storage: SeaweedFSCluster, bucket: str) -> tuple[list[str], list[str]]:
    """Paths (with their signatures) of GETs of existing objects and PUTs of new ones, as the tenant."""
    service = _client("s3", storage.s3_endpoint)
    service.create_bucket(Bucket=bucket)
    for index in range(OBJECTS):
        service.put_object(Bucket=bucket, Key=f"get/{index}", Body=BODY)
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::bench-*", "arn:aws:s3:::bench-*/*"]}
        ],
    }
    issued = _client("sts", storage.s3_endpoint).assume_role(
        RoleArn=f"arn:aws:iam::role/{CONSOLE_ROLE}",
        RoleSessionName="bench.tenant",
        DurationSeconds=3600,
        Policy=json.dumps(policy),
    )["Credentials"]
    tenant = _client(
        "s3",
        storage.s3_endpoint,
        key=issued["AccessKeyId"],
        secret=issued["SecretAccessKey"],
        token=issued["SessionToken"],
    )

    def path(method: str, key: str) -> str:
        url = tenant.generate_presigned_url(method, Params={"Bucket": bucket, "Key": key}, ExpiresIn=3600)
        return str(url)[len(storage.s3_endpoint) :]

    gets = [path("get_object", f"get/{index}") for index in range(OBJECTS)]
    puts = [path("put_object", f"put/{index}") for index in range(OBJECTS)]
    return gets, puts


def throughput(gateways: int, seconds: float, cores: float | None) -> tuple[dict[str, float], str]:
    with tempfile.TemporaryDirectory(prefix="coffer-p9-") as var:
        signing_key = base64.b64encode(os.urandom(32)).decode()
        storage = SeaweedFSCluster(Path(var), ACCESS_KEY, SECRET_KEY, signing_key, gateways=gateways)
        storage.start()
        try:
            gets, puts = _presigned_paths(storage, "bench-data")
            script = Path(var) / "mix.lua"
            script.write_text(
                WRK_SCRIPT
                % {
                    "gets": ",".join(f'"{path}"' for path in gets),
                    "puts": ",".join(f'"{path}"' for path in puts),
                    "size": len(BODY),
                }
                + WRK_RESULT
            )
            pids = {f"gateway {index + 1}": gateway.pid for index, gateway in enumerate(storage.gateways)}
            running = {name: pid for name, pid in pids.items() if pid is not None}
            return wrk_capped(storage.s3_endpoint, script, seconds, running, cores)
        finally:
            storage.stop()


def p9(seconds: float, cores: float | None) -> None:
    label = "whole machine" if cores is None else f"each gateway capped at {cores} core"
    one, one_cpu = throughput(1, seconds, cores)
    two, two_cpu = throughput(2, seconds, cores)
    print(f"  {label}:")
    print(f"    1 gateway : {wrk_summary(one)}; cores used: {one_cpu}")
    print(f"    2 gateways: {wrk_summary(two)}; cores used: {two_cpu}")
    ratio = (two["requests"] / two["seconds"]) / (one["requests"] / one["seconds"])
    print(f"P9  2 / 1 gateways, tenant PUT+GET per second, {label}: {ratio:.2f}x  (goal >= 1.6x)")


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 20
    if shutil.which("wrk") is None:
        sys.exit("P9 needs wrk (Debian package wrk; `make bench` installs it)")
    print(f"{os.cpu_count()} cores; wrk closed loop, 32 connections, 4 KiB objects, half PUT half GET, {seconds:.0f} s")
    p9(seconds, None)
    if can_cap():
        p9(seconds, GATEWAY_CORES)
    else:
        print("P9 with capped gateways: skipped (needs write access to the cgroup v1 cpu controller)")


if __name__ == "__main__":
    main()
