"""The whole embedded stack under one ./var directory: started together, stopped together.

While it runs, `var/runtime.json` tells other commands (`coffer account create`) where
Redis and SeaweedFS listen; it holds addresses only, the secrets stay in var/secrets.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from coffer.embedded.ports import free_ports
from coffer.embedded.redis import EmbeddedRedis
from coffer.embedded.redis_cluster import EmbeddedRedisCluster
from coffer.embedded.seaweedfs import CONSOLE_ROLE, EmbeddedSeaweedFS
from coffer.embedded.seaweedfs_cluster import SeaweedFSCluster
from coffer.embedded.secrets import EmbeddedSecrets
from coffer.embedded.smtp import EmbeddedSmtpSink

RUNTIME_FILE = "runtime.json"
StorageTopology = Literal["single", "cluster"]
RedisTopology = Literal["single", "cluster"]


class EmbeddedStack:
    """`storage="single"`: one `weed mini`; `"cluster"`: SeaweedFS as separate processes, several
    S3 gateways behind a load balancer (`SeaweedFSCluster`). `redis="cluster"`: a Redis Cluster of
    three primaries and three replicas instead of one Redis."""

    def __init__(self, var: Path, storage: StorageTopology = "single", redis: RedisTopology = "single") -> None:
        self.var = var.resolve()
        self.secrets = EmbeddedSecrets(self.var / "secrets")
        self._topology = storage
        self._redis_topology = redis
        self.redis: EmbeddedRedis | EmbeddedRedisCluster | None = None
        self.seaweedfs: EmbeddedSeaweedFS | None = None
        self.storage_cluster: SeaweedFSCluster | None = None
        self.smtp: EmbeddedSmtpSink | None = None

    @property
    def storage(self) -> EmbeddedSeaweedFS | SeaweedFSCluster:
        """The running storage, whichever topology."""
        running = self.storage_cluster or self.seaweedfs
        assert running is not None, "the stack is not running"
        return running

    def start(self) -> None:
        redis_port, smtp_port = free_ports(2)
        try:
            if self._redis_topology == "cluster":
                self.redis = EmbeddedRedisCluster(self.var / "redis-cluster")
                self.redis.start()
            else:
                self.redis = EmbeddedRedis(self.var / "redis", redis_port)
            keys = (self.secrets.storage_access_key, self.secrets.storage_secret_key, self.secrets.sts_signing_key)
            if self._topology == "cluster":
                self.storage_cluster = SeaweedFSCluster(self.var / "seaweedfs-cluster", *keys)
                self.storage_cluster.start()
            else:
                self.seaweedfs = EmbeddedSeaweedFS(self.var / "seaweedfs", *keys)
                self.seaweedfs.start()
            self.smtp = EmbeddedSmtpSink(self.var / "mail", smtp_port)
            self.smtp.start()
        except BaseException:
            self.stop()
            raise
        (self.var / RUNTIME_FILE).write_text(json.dumps(self.settings_overrides(secrets=False)), encoding="utf-8")

    def settings_overrides(self, secrets: bool = True) -> dict[str, Any]:
        """Settings that point Coffer at this stack."""
        assert self.redis is not None
        storage = self.storage
        values: dict[str, Any] = {
            "redis_url": self.redis.url,
            "redis_cluster": isinstance(self.redis, EmbeddedRedisCluster),
            "s3_endpoint": storage.s3_endpoint,
            "storage_metrics_urls": storage.metrics_urls,
            "seaweedfs_master": storage.shell_master,
            "seaweedfs_filer": storage.shell_filer,
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
            self.storage_cluster.stop if self.storage_cluster else None,
            self.redis.stop if self.redis else None,
        ):
            if stop is not None:
                stop()
        self.smtp = self.seaweedfs = self.storage_cluster = self.redis = None


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
