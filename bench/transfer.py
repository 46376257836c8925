"""P8: a 1 GiB upload and download through the console's path (as the browser does it) vs `aws s3 cp`.

Starts the embedded stack and one BFF process, provisions an account and signs its admin in over HTTP.
- Console upload, as the browser's uploader does it: start the upload at the API, get part links, PUT
  the 8 MiB parts six at a time straight to the storage system, complete at the API.
- Console download, as the browser does it: ask for a download link and follow it in headless Debian
  chromium (`window.location.assign`, as the object browser does), until its download manager has the
  whole file on disk. The same link read in one stream by urllib3 is printed beside it: Python's single
  stream (≈200–330 MiB/s here) is slower than chromium's (≈460–500 MiB/s), so it is not the browser's figure.
- `aws s3 cp` is s3transfer with its defaults (8 MiB parts, 10 at a time; ranged GETs for downloads),
  the library the AWS CLI copies with; it runs here with STS credentials of the same kind as the
  session's (the console role, the same session policy), so both sides meet the same storage path.
Each side runs `rounds` times, alternating; the median of each is compared. Meanwhile the BFF's
resident memory is sampled every 0.1 s: its peak over the console upload, against before it.
Run by hand: .venv/bin/python bench/transfer.py [MiB] [rounds]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import boto3.s3.transfer
import httpx2 as httpx
import psutil
import urllib3
from playwright.sync_api import Download, Page, sync_playwright

from coffer.data_access import MANAGE
from harness import console_with_admin, provision, service_s3, sign_in, tenant_s3, with_services

ACCOUNT = "moveco"
ADMIN = f"admin@{ACCOUNT}.example.com"
BUCKET = f"{ACCOUNT}-transfers"
MIB = 1024 * 1024
# The bytes go between this process and the storage system over urllib3, the HTTP library s3transfer
# itself uses, so the two sides differ in their path (the console's API, its links), not in their client.
STORAGE_HTTP = urllib3.PoolManager(maxsize=16, timeout=urllib3.Timeout(connect=5, read=120))
PARALLEL_PARTS = 6  # as the browser's uploader (`coffer-uploader.ts`): what a browser opens to one host
GOAL_THROUGHPUT, GOAL_RSS_MIB = 0.8, 50
CHROMIUM, CHROMIUM_ARGS = "/usr/bin/chromium", ["--no-sandbox", "--disable-background-networking"]


def _bff() -> psutil.Process:
    """The console's process: the one child of this benchmark running `coffer serve`."""
    for child in psutil.Process().children(recursive=True):
        if "serve" in child.cmdline():
            return child
    raise RuntimeError("no BFF process found")


class PeakMemory:
    def __init__(self, process: psutil.Process) -> None:
        self._process = process
        self.before = process.memory_info().rss
        self.peak = self.before
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample)

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, self._process.memory_info().rss)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def _post(client: httpx.Client, path: str, body: dict[str, Any]) -> dict[str, Any]:
    answer = client.post(path, json=body, headers={"X-Coffer-CSRF": "1"})
    assert answer.status_code in (200, 201), answer.text
    result: dict[str, Any] = answer.json()
    return result


def console_upload(client: httpx.Client, file: Path, key: str) -> None:
    size = file.stat().st_size
    uploads = f"/api/v1/accounts/{ACCOUNT}/buckets/{BUCKET}/uploads"
    plan = _post(client, uploads, {"key": key, "size": size, "content_type": "application/octet-stream"})
    upload, part_size, parts = plan["upload_id"], plan["part_size"], plan["parts"]
    links: list[dict[str, Any]] = []
    for first in range(1, parts + 1, 100):  # as the browser asks: a hundred links at a time
        numbers = list(range(first, min(first + 100, parts + 1)))
        links += _post(client, f"{uploads}/{upload}/part-links", {"key": key, "part_numbers": numbers})["parts"]

    def send(link: dict[str, Any]) -> None:
        number = int(link["part_number"])
        with file.open("rb") as source:
            source.seek((number - 1) * part_size)
            body = source.read(part_size)
        answer = STORAGE_HTTP.request("PUT", str(link["url"]), body=body)
        assert answer.status == 200, answer.data[:300]

    with ThreadPoolExecutor(PARALLEL_PARTS) as pool:
        list(pool.map(send, links))
    _post(client, f"{uploads}/{upload}/complete", {"key": key, "size": size})


def _download_link(client: httpx.Client, key: str) -> str:
    path = f"/api/v1/accounts/{ACCOUNT}/buckets/{BUCKET}/object/download-link"
    return str(_post(client, path, {"key": key})["url"])


def console_download(client: httpx.Client, browser_page: Page, key: str) -> Download:
    """The object browser's download: a link from the API, followed by the page; the bytes chromium saved."""
    url = _download_link(client, key)
    with browser_page.expect_download(timeout=600_000) as started:
        browser_page.evaluate("url => { window.location.assign(url); }", url)
    download = started.value
    download.path()  # waits until the download manager has finished
    return download


def one_stream_download(client: httpx.Client, key: str, target: Path) -> None:
    answer = STORAGE_HTTP.request("GET", _download_link(client, key), preload_content=False)
    assert answer.status == 200
    with target.open("wb") as sink:
        for chunk in answer.stream(MIB):
            sink.write(chunk)
    answer.release_conn()


def _settled() -> float:
    """Lets the kernel write back what the previous step wrote, so no step pays for the one before it
    (measured: a download right after a 1 GiB upload runs at about half speed while those pages flush)."""
    os.sync()
    return time.monotonic()


def main(mib: int, rounds: int) -> None:
    with (
        console_with_admin(argon2_time_cost=1, argon2_memory_kib=8192, argon2_allow_weak_for_tests=True) as (
            settings,
            client,
        ),
        tempfile.TemporaryDirectory() as scratch,
    ):
        one_time_password = with_services(settings, lambda services: provision(services, ACCOUNT, ADMIN))
        service_s3(settings).create_bucket(Bucket=BUCKET)
        client.cookies.clear()
        sign_in(client, ADMIN, one_time_password)
        source = Path(scratch) / "source.bin"
        with source.open("wb") as sink:
            for _ in range(mib):
                sink.write(os.urandom(MIB))
        credentials = with_services(
            settings, lambda services: services.provider.assume_console_role(ACCOUNT, ADMIN, MANAGE, 3600)
        )
        cli = boto3.s3.transfer.S3Transfer(tenant_s3(settings, credentials, True))
        bff = _bff()
        # After the set-up above: sync playwright's event loop would refuse `with_services`' asyncio.run.
        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        browser_page = browser.new_context(accept_downloads=True).new_page()
        browser_page.goto("about:blank")
        console_upload(client, source, "warm-up.bin")  # the instance's first STS call and clients are made
        console_download(client, browser_page, "warm-up.bin").delete()  # chromium's first download sets up its profile
        names = ("up console", "up cli", "down console", "down cli", "down one stream")
        seconds: dict[str, list[float]] = {name: [] for name in names}
        peaks: list[float] = []
        for round_number in range(rounds):
            with PeakMemory(bff) as memory:
                started = _settled()
                console_upload(client, source, f"console-{round_number}.bin")
                seconds["up console"].append(time.monotonic() - started)
            peaks.append((memory.peak - memory.before) / MIB)
            started = _settled()
            cli.upload_file(str(source), BUCKET, f"cli-{round_number}.bin")
            seconds["up cli"].append(time.monotonic() - started)
            target = Path(scratch) / "back.bin"
            started = _settled()
            saved = console_download(client, browser_page, f"console-{round_number}.bin")
            seconds["down console"].append(time.monotonic() - started)
            assert Path(saved.path()).stat().st_size == source.stat().st_size
            saved.delete()
            started = _settled()
            cli.download_file(BUCKET, f"cli-{round_number}.bin", str(target))
            seconds["down cli"].append(time.monotonic() - started)
            started = _settled()
            one_stream_download(client, f"console-{round_number}.bin", target)
            seconds["down one stream"].append(time.monotonic() - started)
            assert target.stat().st_size == source.stat().st_size
        browser.close()
        playwright.stop()
    speed = {name: mib / statistics.median(values) for name, values in seconds.items()}
    print(f"{mib} MiB file, {rounds} rounds alternating; median throughput")
    for name, value in speed.items():
        print(f"{name:<16}{value:>9.0f} MiB/s")
    print(f"{'upload':<16}{speed['up console'] / speed['up cli']:>8.2f}x  console / aws s3 cp (s3transfer)")
    print(f"{'download':<16}{speed['down console'] / speed['down cli']:>8.2f}x  console (chromium) / aws s3 cp")
    one_stream = speed["down one stream"] / speed["down cli"]
    print(f"{'':<16}{one_stream:>8.2f}x  the same link in one urllib3 stream / aws s3 cp (not the browser's path)")
    print(f"BFF resident memory during the console uploads: +{max(peaks):.1f} MiB at most (goal < {GOAL_RSS_MIB})")
    print(f"(goal: console / aws s3 cp >= {GOAL_THROUGHPUT}x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1024, int(sys.argv[2]) if len(sys.argv) > 2 else 3)
