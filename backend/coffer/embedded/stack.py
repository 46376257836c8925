"""The whole embedded stack under one ./var directory: started together, stopped together.

While it runs, `var/runtime.json` tells other commands (`coffer account create`) where
Redis and SeaweedFS listen; it holds addresses only, the secrets stay in var/secrets.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from coffer.embedded.ports import free_ports
from coffer.embedded.redis import EmbeddedRedis
from coffer.embedded.seaweedfs import CONSOLE_ROLE, EmbeddedSeaweedFS
from coffer.embedded.secrets import EmbeddedSecrets
from coffer.embedded.smtp import EmbeddedSmtpSink

RUNTIME_FILE = "runtime.json"


class EmbeddedStack:
    def __init__(self, var: Path) -> None:
        self.var = var.resolve()
        self.secrets = EmbeddedSecrets(self.var / "secrets")
        self.redis: EmbeddedRedis | None = None
        self.seaweedfs: EmbeddedSeaweedFS | None = None
        self.smtp: EmbeddedSmtpSink | None = None

    def start(self) -> None:
        redis_port, smtp_port = free_ports(2)
        try:
            self.redis = EmbeddedRedis(self.var / "redis", redis_port)
            self.seaweedfs = EmbeddedSeaweedFS(
                self.var / "seaweedfs",
                self.secrets.storage_access_key,
                self.secrets.storage_secret_key,
                self.secrets.sts_signing_key,
            )
            self.seaweedfs.start()
            self.smtp = EmbeddedSmtpSink(self.var / "mail", smtp_port)
            self.smtp.start()
        except BaseException:
            self.stop()
            raise
        (self.var / RUNTIME_FILE).write_text(json.dumps(self.settings_overrides(secrets=False)), encoding="utf-8")

    def settings_overrides(self, secrets: bool = True) -> dict[str, Any]:
        """Settings that point Coffer at this stack."""
        assert self.redis is not None and self.seaweedfs is not None
        values: dict[str, Any] = {
            "redis_url": self.redis.url,
            "s3_endpoint": self.seaweedfs.s3_endpoint,
            "storage_metrics_urls": [self.seaweedfs.metrics_url],
            "seaweedfs_master": f"127.0.0.1:{self.seaweedfs.ports.master}",
            "seaweedfs_filer": f"127.0.0.1:{self.seaweedfs.ports.filer}",
            "storage_access_key": self.secrets.storage_access_key,
            "console_role_arn": f"arn:aws:iam::role/{CONSOLE_ROLE}",
            "smtp_port": self.smtp.port if self.smtp else None,
        }
        if secrets:
            values["master_key"] = self.secrets.master_key
            values["storage_secret_key"] = self.secrets.storage_secret_key
        return values

    def stop(self) -> None:
        (self.var / RUNTIME_FILE).unlink(missing_ok=True)
        for stop in (
            self.smtp.stop if self.smtp else None,
            self.seaweedfs.stop if self.seaweedfs else None,
            self.redis.stop if self.redis else None,
        ):
            if stop is not None:
                stop()
        self.smtp = self.seaweedfs = self.redis = None


def runtime_overrides(var: Path) -> dict[str, Any] | None:
    """Where a running embedded stack listens, plus the secrets files of its ./var."""
    path = var / RUNTIME_FILE
    if not path.exists():
        return None
    values: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    secrets = EmbeddedSecrets(var / "secrets")
    values["master_key"] = secrets.master_key
    values["storage_secret_key"] = secrets.storage_secret_key
    return values
