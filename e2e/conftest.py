"""E2E journeys: the built frontend served by a real BFF, real Redis and SeaweedFS, Debian chromium."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from coffer.app import create_app
from coffer.embedded.ports import free_ports
from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings

FRONTEND_DIST = Path(__file__).parents[1] / "frontend" / "dist"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStack]:
    running = EmbeddedStack(tmp_path_factory.mktemp("var"))
    running.start()
    yield running
    running.stop()


def console_settings(stack: EmbeddedStack) -> Settings:
    """The console's settings on `stack`, with figures that move within seconds for journeys to watch."""
    return Settings(
        **stack.settings_overrides(),
        frontend_dist=FRONTEND_DIST,
        public_origin="http://127.0.0.1:0",
        argon2_time_cost=1,
        argon2_memory_kib=8192,
        argon2_allow_weak_for_tests=True,
        dev_mode=True,
        metering_requests_seconds=1,  # charts move within seconds, not minutes
        metering_capacity_seconds=2,
        metering_leader_ttl_seconds=5,
        quota_min_bytes=1,
        provisioning_resume_seconds=1,  # an account waiting for storage goes on within a second
    )


@contextlib.contextmanager
def serving(settings: Settings) -> Iterator[str]:
    """One BFF serving API and frontend on a free port, like `coffer run`; its URL."""
    if not (FRONTEND_DIST / "index.html").exists():
        pytest.fail("frontend/dist is missing: run `make install` (npm build) first")
    (port,) = free_ports(1)
    url = f"http://127.0.0.1:{port}"
    app = create_app(settings.model_copy(update={"public_origin": url}))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the console did not start")
        time.sleep(0.05)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def settings(stack: EmbeddedStack) -> Settings:
    return console_settings(stack)


@pytest.fixture(scope="session")
def base_url(settings: Settings) -> Iterator[str]:
    with serving(settings) as url:
        yield url


@pytest.fixture(autouse=True)
def _empty_redis(stack: EmbeddedStack) -> None:
    assert stack.redis is not None
    stack.redis.flush()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, base_url: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url)
    context.set_default_timeout(15_000)
    opened = context.new_page()
    yield opened
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        artifacts = Path(__file__).parent / "artifacts"
        artifacts.mkdir(exist_ok=True)
        opened.screenshot(path=str(artifacts / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, "rep_" + report.when, report)
