"""A 5 GiB upload behind nginx, and what it costs the BFFs: their memory stays flat.

Starts `make cluster`'s topology, signs in an account admin, and uploads one file of N GiB (default
5) as the browser does: start it at the API, get part links in batches, PUT the parts four at a time
through nginx's TLS front of S3, complete. Meanwhile it samples the resident memory of every BFF
process. It prints throughput, each BFF's memory before and at its peak, and checks the object's
size and the bytes of its first, a middle and its last part.
Run by hand: .venv/bin/python bench/upload_memory.py [GiB]
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx2 as httpx
import psutil
from tests.cluster.conftest import browser, create_account, create_person, first_sign_in, post, trusting
from tests.storage import service_client

from coffer.embedded.cluster import LocalCluster

MIB = 1024 * 1024
SETTINGS = {"argon2_time_cost": 1, "argon2_memory_kib": 8192, "argon2_allow_weak_for_tests": True}


def part_bytes(number: int, size: int) -> bytes:
    """Each part's bytes, made again from its number (the file never exists whole, here or anywhere)."""
    seed = hashlib.sha256(number.to_bytes(4, "big")).digest()
    return (seed * (size // len(seed) + 1))[:size]


def main(gib: float) -> None:
    size = int(gib * 1024 * MIB)
    with tempfile.TemporaryDirectory() as var:
        cluster = LocalCluster(Path(var), settings=SETTINGS)
        cluster.start()
        try:
            settings = cluster.settings()
            account_id = create_account(settings, "big")
            bucket = f"{account_id}-big"
            service_client(settings, "s3").create_bucket(Bucket=bucket)
            person = create_person(settings, "account-admin", "admin", account_id)
            bffs = [psutil.Process(pid) for name, pid in cluster.process_ids().items() if name.startswith("bff")]
            peaks: dict[int, int] = {}
            before: dict[int, int] = {}
            sampling = threading.Event()

            def sample() -> None:
                while not sampling.wait(0.2):
                    for process in bffs:
                        peaks[process.pid] = max(peaks[process.pid], process.memory_info().rss)

            sampler = threading.Thread(target=sample)
            uploads = f"/api/v1/accounts/{account_id}/buckets/{bucket}/uploads"
            with browser(cluster) as client, httpx.Client(verify=trusting(cluster), timeout=120) as s3:
                first_sign_in(client, person)
                # Measured from here: signing in (argon2, STS, the storage clients) is not the upload's cost.
                post(client, uploads, {"key": "warm-up.txt", "size": 1})
                before.update({process.pid: process.memory_info().rss for process in bffs})
                peaks.update(before)
                sampler.start()
                started = time.monotonic()
                plan = post(client, uploads, {"key": "big.bin", "size": size})
                upload, part_size, parts = plan["upload_id"], plan["part_size"], plan["parts"]
                lengths = {number: min(part_size, size - (number - 1) * part_size) for number in range(1, parts + 1)}

                def send(link: dict[str, object]) -> None:
                    number = int(str(link["part_number"]))
                    answer = s3.put(str(link["url"]), content=part_bytes(number, lengths[number]))
                    answer.raise_for_status()

                with ThreadPoolExecutor(4) as pool:
                    for first in range(1, parts + 1, 100):
                        batch = list(range(first, min(first + 100, parts + 1)))
                        links = post(
                            client, f"{uploads}/{upload}/part-links", {"key": "big.bin", "part_numbers": batch}
                        )
                        list(pool.map(send, links["parts"]))
                post(client, f"{uploads}/{upload}/complete", {"key": "big.bin", "size": size})
                seconds = time.monotonic() - started
            sampling.set()
            sampler.join()

            storage = service_client(settings, "s3")
            assert storage.head_object(Bucket=bucket, Key="big.bin")["ContentLength"] == size
            for number in sorted({1, parts // 2 + 1, parts}):
                start = (number - 1) * part_size
                ranged = f"bytes={start}-{start + lengths[number] - 1}"
                body = storage.get_object(Bucket=bucket, Key="big.bin", Range=ranged)["Body"].read()
                assert body == part_bytes(number, lengths[number]), f"part {number} differs"
            print(
                f"{size / 1024**3:.2f} GiB in {parts} parts of {part_size // MIB} MiB: {seconds:.1f} s, "
                f"{size / MIB / seconds:.0f} MiB/s through nginx's S3 front"
            )
            for process in bffs:
                grown = (peaks[process.pid] - before[process.pid]) / MIB
                print(
                    f"BFF pid {process.pid}: {before[process.pid] / MIB:.0f} MiB before, "
                    f"peak {peaks[process.pid] / MIB:.0f} MiB (+{grown:.1f} MiB)"
                )
            storage.delete_object(Bucket=bucket, Key="big.bin")
            storage.delete_bucket(Bucket=bucket)
        finally:
            cluster.stop()


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 5.0)
