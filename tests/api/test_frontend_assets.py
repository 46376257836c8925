"""The console's own files go out precompressed as the browser asks, with nginx's cache headers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from coffer.api.spa import accepted_encodings
from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack
from tests.conftest import make_settings, open_client

DIST = Path(__file__).resolve().parents[2] / "frontend" / "dist"


@pytest.fixture
def console(stack: EmbeddedStack, clock: FixedClock) -> Iterator[TestClient]:
    with open_client(make_settings(stack, frontend_dist=DIST), clock) as opened:
        yield opened


def _entry_script() -> str:
    """The script index.html loads first: what every visitor downloads."""
    found = re.search(r'src="/(assets/[^"]+\.js)"', (DIST / "index.html").read_text(encoding="utf-8"))
    assert found, "index.html names its entry script"
    return found.group(1)


def test_the_entry_script_goes_out_as_brotli_to_a_browser_that_takes_it(console: TestClient) -> None:
    script = _entry_script()
    with console.stream("GET", f"/{script}", headers={"Accept-Encoding": "gzip, deflate, br, zstd"}) as answer:
        sent = b"".join(answer.iter_raw())  # as it went over the wire, whether or not a brotli decoder is installed

    assert answer.status_code == 200
    assert answer.headers["content-encoding"] == "br"
    assert answer.headers["content-type"].startswith("text/javascript")
    assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert answer.headers["vary"] == "Accept-Encoding"
    assert sent == (DIST / f"{script}.br").read_bytes()
    assert len(sent) < (DIST / script).stat().st_size / 3


def test_gzip_is_sent_where_brotli_is_not_accepted_and_unpacks_to_the_built_file(console: TestClient) -> None:
    script = _entry_script()
    answer = console.get(f"/{script}", headers={"Accept-Encoding": "gzip, br;q=0"})

    assert answer.headers["content-encoding"] == "gzip"
    assert answer.content == (DIST / script).read_bytes()  # the test client unpacks gzip itself
    assert int(answer.headers["content-length"]) == (DIST / f"{script}.gz").stat().st_size


def test_a_client_that_takes_no_compression_gets_the_file_itself(console: TestClient) -> None:
    script = _entry_script()
    answer = console.get(f"/{script}", headers={"Accept-Encoding": "identity"})

    assert "content-encoding" not in answer.headers
    assert answer.content == (DIST / script).read_bytes()
    assert answer.headers["vary"] == "Accept-Encoding"


def test_a_cached_compressed_file_is_answered_not_modified(console: TestClient) -> None:
    script = _entry_script()
    first = console.get(f"/{script}", headers={"Accept-Encoding": "br"})
    again = console.get(f"/{script}", headers={"Accept-Encoding": "br", "If-None-Match": first.headers["etag"]})

    assert again.status_code == 304


def test_a_page_of_the_console_is_index_html_revalidated_on_each_visit(console: TestClient) -> None:
    answer = console.get("/accounts/acme/buckets", headers={"Accept-Encoding": "gzip"})

    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-cache"
    assert answer.text == (DIST / "index.html").read_text(encoding="utf-8")


def test_a_missing_asset_is_a_404_not_the_page(console: TestClient) -> None:
    assert console.get("/assets/missing-0000.js", headers={"Accept-Encoding": "br"}).status_code == 404


@pytest.mark.parametrize(
    ("header", "allowed"),
    [
        ("gzip, deflate, br, zstd", {"gzip", "deflate", "br", "zstd"}),
        ("br;q=0, gzip;q=0.8", {"gzip"}),
        ("BR ; q=1.0", {"br"}),
        ("gzip;q=0.000", set()),
        ("", set()),
    ],
)
def test_accept_encoding_is_read_with_its_refusals(header: str, allowed: set[str]) -> None:
    assert accepted_encodings(header) == allowed


def test_only_reads_are_answered_with_a_file_compressed_or_not(console: TestClient) -> None:
    refused = console.post(f"/{_entry_script()}", headers={"Accept-Encoding": "br, gzip"})
    assert refused.status_code == 405
    assert "content-encoding" not in refused.headers
