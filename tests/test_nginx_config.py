"""The shipped nginx configuration is one nginx accepts, with the same headers as the BFF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from coffer.embedded.cluster import NGINX_DIR, write_nginx_prefix


def test_nginx_accepts_the_shipped_configuration(tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.fail("nginx is missing: `make test` installs Debian's nginx")
    write_nginx_prefix(tmp_path, 8443, [8081, 8082], frontend=None)
    result = subprocess.run(
        [nginx, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", f"{tmp_path}/", "-g", "user root;"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_nginx_sends_the_same_content_security_policy_as_the_bff() -> None:
    from coffer.api.security_headers import NGINX_CONTENT_SECURITY_POLICY

    assert f'"{NGINX_CONTENT_SECURITY_POLICY}"' in (NGINX_DIR / "security_headers.conf").read_text()
