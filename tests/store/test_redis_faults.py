"""A hung or flaky Redis fails a request within its timeout, and only commands that change nothing are sent twice.

A Redis that accepts and never answers, or that drops the connection right after reading a command,
cannot be made on demand from a real one, so two small loopback servers stand in for those faults;
a real Redis stopped with SIGSTOP checks the same on the real thing.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import socketserver
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from coffer.app import redis_connection
from coffer.embedded.ports import free_ports
from coffer.embedded.redis import EmbeddedRedis
from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings
from coffer.store.client import RedisConnection
from coffer.store.mail import MailRecord, MailStore

from ..conftest import make_settings

TIMEOUT = 0.5
GUARD = 10.0  # far above TIMEOUT: only a call that hangs reaches it


@pytest.fixture
def hung_redis() -> Iterator[str]:
    """A TCP port that completes the handshake (the kernel's backlog) and never answers a byte."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=16)
    yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    listener.close()


def a_mail() -> MailRecord:
    return MailRecord(id="m1", to=["a@example.com"], subject="s", text="t", created_at=1.0, next_attempt_at=1.0)


STORE_CALLS: dict[str, Callable[[MailStore], Awaitable[Any]]] = {
    "read": lambda store: store.newest(10),
    "write": lambda store: store.enqueue(a_mail()),
}


def fails_within(connection: RedisConnection, call: Callable[[MailStore], Awaitable[Any]]) -> tuple[float, Any]:
    """Runs the store call; how long it took to fail, and with what (a hang ends at GUARD as TimeoutError)."""

    async def scenario() -> tuple[float, Any]:
        started = time.monotonic()
        try:
            async with asyncio.timeout(GUARD):
                await call(MailStore(connection.redis))
        except RedisError as error:
            return time.monotonic() - started, error
        finally:
            await connection.close()
        raise AssertionError("the call succeeded")

    return asyncio.run(scenario())


def settings_on(stack: EmbeddedStack, url: str) -> Settings:
    return make_settings(stack, redis_url=url, redis_connect_timeout_seconds=TIMEOUT, redis_timeout_seconds=TIMEOUT)


def test_redis_timeouts_have_sane_defaults() -> None:
    settings = Settings()
    assert (settings.redis_connect_timeout_seconds, settings.redis_timeout_seconds) == (2.0, 5.0)


@pytest.mark.parametrize("kind", sorted(STORE_CALLS))
def test_a_store_call_on_a_hung_redis_fails_within_the_timeout_instead_of_hanging(
    stack: EmbeddedStack, hung_redis: str, kind: str
) -> None:
    took, error = fails_within(redis_connection(settings_on(stack, hung_redis)), STORE_CALLS[kind])
    assert isinstance(error, RedisTimeoutError)
    assert took < 3 * TIMEOUT  # one timeout, not one per retry


def test_a_stopped_redis_fails_the_call_within_the_timeout_and_serves_again_once_continued(
    stack: EmbeddedStack, tmp_path: Path
) -> None:
    (port,) = free_ports(1)
    server = EmbeddedRedis(tmp_path / "redis", port)
    try:
        with redis.Redis(port=port) as direct:
            pid = int(direct.info("server")["process_id"])
        settings = settings_on(stack, server.url)

        os.kill(pid, signal.SIGSTOP)
        try:
            took, error = fails_within(redis_connection(settings), STORE_CALLS["read"])
        finally:
            os.kill(pid, signal.SIGCONT)
        assert isinstance(error, RedisTimeoutError) and took < 3 * TIMEOUT

        async def works_again() -> list[MailRecord]:
            connection = redis_connection(settings)
            try:
                return await MailStore(connection.redis).newest(10)
            finally:
                await connection.close()

        assert asyncio.run(works_again()) == []
    finally:
        server.stop()


def test_writes_after_a_redis_restart_go_out_on_fresh_connections_without_being_resent(tmp_path: Path) -> None:
    """Pooled connections died with the old server: the pool replaces them before sending anything."""
    (port,) = free_ports(1)
    server = EmbeddedRedis(tmp_path / "redis", port)

    async def scenario() -> list[int]:
        connection = RedisConnection(server.url, connect_timeout=TIMEOUT, timeout=TIMEOUT)
        try:
            await asyncio.gather(*[connection.redis.incr("counter") for _ in range(5)])  # five pooled connections
            await asyncio.to_thread(server.crash_and_restart)  # the app keeps running meanwhile
            return [await connection.redis.incr("counter") for _ in range(10)]
        finally:
            await connection.close()

    try:
        assert asyncio.run(scenario()) == list(range(6, 16))
    finally:
        server.stop()


class _DroppingRedis(socketserver.BaseRequestHandler):
    """Answers the connection set-up (+OK), then reads one real command, counts it and drops the connection:
    Redis may have run it, the client never hears."""

    seen: list[str]

    def handle(self) -> None:
        stream = self.request.makefile("rb")
        while True:
            header = stream.readline()
            if not header.startswith(b"*"):
                return
            words = []
            for _ in range(int(header[1:])):
                length = int(stream.readline()[1:])
                words.append(stream.read(length + 2)[:-2].decode())
            if words[0].upper() in {"HELLO", "CLIENT", "PING"}:
                self.request.sendall(b"+PONG\r\n" if words[0].upper() == "PING" else b"+OK\r\n")
                continue
            type(self).seen.append(words[0].upper())
            return  # closes the connection without an answer


@pytest.fixture
def dropping_redis() -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []
    handler = type("Handler", (_DroppingRedis,), {"seen": seen})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{server.server_address[1]}/0", seen
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("command", "sent"),
    [
        (("GET", "k"), ["GET"] * 4),  # a read is asked again (3 retries): it changes nothing
        (("INCR", "k"), ["INCR"]),  # a write whose answer was lost may have run: never sent twice
        (("SET", "k", "v", "NX"), ["SET"]),
        (("EVAL", "return 1", "0"), ["EVAL"]),
    ],
)
def test_only_commands_that_change_nothing_are_sent_again_after_a_lost_answer(
    dropping_redis: tuple[str, list[str]], command: tuple[str, ...], sent: list[str]
) -> None:
    url, seen = dropping_redis

    async def scenario() -> None:
        connection = RedisConnection(url, connect_timeout=TIMEOUT, timeout=TIMEOUT)
        try:
            with pytest.raises(RedisConnectionError):
                await connection.redis.execute_command(*command)
        finally:
            await connection.close()

    asyncio.run(scenario())
    assert seen == sent


def test_a_pipeline_whose_answer_was_lost_is_not_sent_again(dropping_redis: tuple[str, list[str]]) -> None:
    url, seen = dropping_redis

    async def scenario() -> None:
        connection = RedisConnection(url, connect_timeout=TIMEOUT, timeout=TIMEOUT)
        try:
            with pytest.raises(RedisConnectionError):
                await MailStore(connection.redis).enqueue(a_mail())
        finally:
            await connection.close()

    asyncio.run(scenario())
    assert seen == ["MULTI"]
