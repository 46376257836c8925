"""`coffer run` (what `make run` calls): everything starts, Ctrl-C stops everything, data survives."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import cast

import httpx2 as httpx
from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.embedded.ports import free_ports
from tests.flows import Person, first_sign_in

COFFER = str(Path(sys.executable).parent / "coffer")


def _start(var: Path, port: int) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [COFFER, "run", "--var", str(var), "--port", str(port), "--frontend", str(var / "no-frontend")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    output = ""
    deadline = time.monotonic() + 60
    assert process.stdout is not None
    while "Uvicorn running" not in output:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            raise AssertionError(f"coffer run exited early:\n{output}")
        output += line
        assert time.monotonic() < deadline, output
    return process, output


def _stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGINT)
    rest, _ = process.communicate(timeout=60)
    return rest


def _children_of_var(var: Path) -> list[str]:
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=True).stdout
    return [line for line in ps.splitlines() if str(var) in line and "ps -eo" not in line]


def test_run_starts_everything_stops_on_ctrl_c_and_keeps_data(tmp_path: Path) -> None:
    (port,) = free_ports(1)
    process, output = _start(tmp_path, port)
    try:
        password = re.search(r"one-time password\s+(\S+)", output)
        assert password is not None, output
        assert httpx.get(f"http://127.0.0.1:{port}/readyz").json() == {"status": "ready"}
        for secret in ("master-key", "storage-secret-key", "sts-signing-key"):
            assert (tmp_path / "secrets" / secret).stat().st_mode & 0o777 == 0o600
        assert (tmp_path / "runtime.json").exists()
    finally:
        _stop(process)

    assert process.returncode == 0
    assert _children_of_var(tmp_path) == []
    assert not (tmp_path / "runtime.json").exists()
    assert list((tmp_path / "redis").glob("*.aof")) or list((tmp_path / "redis").glob("appendonly*"))

    again, output = _start(tmp_path, port)
    try:
        # Only a hash of the first password was kept: the admin who never signed in gets a new one.
        renewed = re.search(r"one-time password\s+(\S+)", output)
        assert renewed is not None, output
        assert renewed.group(1) != password.group(1)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"X-Coffer-CSRF": "1"}) as browser:
            old = browser.post("/api/v1/auth/login", json={"username": "admin", "password": password.group(1)})
            assert old.status_code == 401, old.text
            admin = Person("admin", renewed.group(1))
            first_sign_in(cast(TestClient, browser), admin, FixedClock(time.time()))  # asserts each step's 200
    finally:
        _stop(again)

    third, output = _start(tmp_path, port)
    try:
        assert "one-time password" not in output  # the admin has signed in: nothing to show any more
    finally:
        _stop(third)


def test_run_on_a_busy_port_starts_nothing_and_says_which_option_to_change(tmp_path: Path) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        busy = listener.getsockname()[1]
        finished = subprocess.run(
            [COFFER, "run", "--var", str(tmp_path), "--port", str(busy), "--frontend", str(tmp_path / "none")],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    assert finished.returncode == 2
    assert f"127.0.0.1:{busy} is in use" in finished.stderr
    assert "--port" in finished.stderr
    assert "one-time password" not in finished.stdout + finished.stderr
    assert not (tmp_path / "redis").exists() and not (tmp_path / "secrets").exists()  # nothing was started
    assert _children_of_var(tmp_path) == []
