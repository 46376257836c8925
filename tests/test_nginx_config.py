"""The shipped nginx configuration is one nginx accepts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def test_nginx_accepts_the_shipped_configuration(tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.fail("nginx is missing: `make test` installs Debian's nginx")
    (tmp_path / "tmp").mkdir()
    (tmp_path / "frontend").mkdir()
    result = subprocess.run(
        [nginx, "-t", "-c", str(ROOT / "nginx" / "nginx.conf"), "-p", f"{tmp_path}/"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_nginx_sends_the_same_content_security_policy_as_the_bff() -> None:
    from coffer.api.security_headers import CONTENT_SECURITY_POLICY

    assert CONTENT_SECURITY_POLICY in (ROOT / "nginx" / "nginx.conf").read_text()
