"""Every setting of Coffer, read from `COFFER_*` environment variables and validated at start-up.

A bad setting stops the process with a message naming the setting and why; nothing falls back silently.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def read_secret_file(path: Path) -> str:
    """A secret given as a file (Docker/Kubernetes secrets) is its content without the trailing newline."""
    return path.read_text(encoding="utf-8").strip()


_ARGON2_MIN_TIME_COST = 2
_ARGON2_MIN_MEMORY_KIB = 19 * 1024
_METERING_RETENTION_HOURS = {"10s": 1, "1m": 6, "10m": 24 * 3, "1h": 24 * 31, "1d": 24 * 800, "1w": 24 * 3650}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="COFFER_", extra="forbid")

    # Where things are
    redis_url: str = Field("redis://127.0.0.1:6379/0", description="Redis holding all shared state.")
    redis_cluster: bool = Field(
        False, description="redis_url names a node of a Redis Cluster (the client finds the others and failovers)."
    )
    redis_connect_timeout_seconds: float = Field(
        2.0, gt=0, le=60, description="How long connecting to Redis may take before the request fails."
    )
    redis_timeout_seconds: float = Field(
        5.0, gt=0, le=60, description="How long Redis may take to answer a command before the request fails."
    )
    s3_endpoint: str = Field("http://127.0.0.1:8333", description="S3/IAM/STS endpoint of the storage system.")
    s3_region: str = Field("us-east-1", description="SigV4 signing region of the storage system.")
    public_s3_endpoint: str | None = Field(
        None, description="S3 endpoint people's own tools use (shown with their credentials); none: s3_endpoint."
    )
    storage_metrics_urls: Annotated[list[str], NoDecode] = Field(
        [],
        description="Prometheus metrics of every S3 gateway of the storage system, comma-separated: request "
        "metering adds them up; none: off.",
    )
    seaweedfs_master: str | None = Field(
        None, description="host:port of SeaweedFS's master, for `weed shell` (quota enforcement); none: off."
    )
    seaweedfs_filer: str | None = Field(None, description="host:port of SeaweedFS's filer, for `weed shell`.")
    storage_access_key: str = Field("", description="Access key of the platform service identity.")
    storage_secret_key: SecretStr = Field(SecretStr(""), description="Secret key of the platform service identity.")
    storage_secret_key_file: Path | None = Field(None, description="File holding storage_secret_key.")
    storage_access_key_file: Path | None = Field(
        None,
        description="File holding storage_access_key. With storage_secret_key_file, both are read again when they "
        "change, so the key is rotated without a restart.",
    )
    console_role_arn: str = Field(
        "arn:aws:iam::role/CofferConsole", description="Role assumed through STS for account users."
    )
    public_origin: str = Field(
        "http://127.0.0.1:8080", description="Origin the browser uses; unsafe requests from others are refused."
    )
    frontend_dist: Path | None = Field(None, description="Built frontend to serve (frontend/dist); none: API only.")

    smtp_host: str = Field("127.0.0.1", description="SMTP server for outgoing mail.")
    smtp_port: int | None = Field(None, ge=1, le=65535, description="SMTP port; none: mail stays queued.")
    smtp_security: Literal["none", "starttls", "tls"] = Field(
        "none", description="none, starttls (upgrade, usually port 587) or tls (implicit TLS, usually port 465)."
    )
    smtp_username: str = Field("", description="SMTP AUTH username; needs smtp_security starttls or tls.")
    smtp_password: SecretStr = Field(SecretStr(""), description="SMTP AUTH password.")
    smtp_password_file: Path | None = Field(None, description="File holding smtp_password.")
    smtp_ca_file: Path | None = Field(
        None, description="CA certificates (PEM) the SMTP server's certificate is checked against; none: the system's."
    )
    mail_from: str = Field("Coffer <coffer@localhost>", description="Sender of Coffer's mails.")

    # Secrets
    master_key: SecretStr = Field(SecretStr(""), description="Base64 of 32 random bytes; seals secrets at rest.")
    master_key_file: Path | None = Field(None, description="File holding master_key.")
    master_keys_extra: SecretStr = Field(
        SecretStr(""),
        description="Comma-separated master keys that open sealed values but never seal: the next key before a "
        "rotation, the previous one until `coffer keys reseal` finished.",
    )
    master_keys_extra_file: Path | None = Field(None, description="File holding master_keys_extra.")

    # Provisioning
    provisioning_lease_seconds: int = Field(
        60, ge=5, description="An account's provisioning run is another instance's to resume once this lapses."
    )
    provisioning_resume_seconds: float = Field(
        15, gt=0, description="How often each instance looks for accounts to resume (waiting for storage, stalled)."
    )

    # Sessions
    session_minutes: int = Field(15, ge=1, le=60, description="Lifetime of a session token without activity.")
    session_max_hours: int = Field(12, ge=1, le=24, description="Absolute cap of a session since sign-in.")
    session_renew_after_seconds: int = Field(
        60, ge=0, description="A session token older than this is renewed on the next request."
    )
    challenge_minutes: int = Field(5, ge=1, le=15, description="Lifetime of the token between the two factors.")
    cookie_secure: bool = Field(True, description="Secure cookie flag; false only for plain-http loopback development.")
    issuer: str = Field("coffer", description="`iss` of every token Coffer signs.")

    # Sign-in protection
    lockout_failures: int = Field(
        5,
        ge=1,
        description="Failed sign-ins that lock a username for clients without its device cookie (or one device).",
    )
    lockout_minutes: int = Field(15, ge=1, description="How long such a lock lasts.")
    ip_attempts_per_minute: int = Field(30, ge=1, description="Sign-in attempts allowed per client IP a minute.")
    trust_proxy_headers: bool = Field(
        False, description="Take the client IP from X-Forwarded-For (set only behind your own nginx)."
    )
    mfa_required_default: bool = Field(
        True, description="MFA required platform-wide until a platform admin changes it in the console."
    )
    password_min_length: int = Field(12, ge=8, description="Minimum password length (ASVS 6.2).")
    argon2_time_cost: int = Field(3, ge=1, description="argon2id passes (at least 2, OWASP's minimum).")
    argon2_memory_kib: int = Field(
        65536, ge=8192, description="argon2id memory in KiB (at least 19456, i.e. 19 MiB, OWASP's minimum)."
    )
    argon2_allow_weak_for_tests: bool = Field(
        False, description="Allow argon2id below OWASP's minimum; only test suites set this, for speed."
    )
    lockout_failure_delay_max_seconds: float = Field(
        4.0,
        ge=0,
        le=30,
        description="Past COFFER_LOCKOUT_FAILURES failures of a username a day, each further failed sign-in is "
        "answered after a doubling delay up to this (a right password never waits); 0: off.",
    )
    device_cookie_days: int = Field(
        180,
        ge=1,
        le=400,
        description="Lifetime of the device cookie that keeps a person's own browser signing in while strangers "
        "are locked out of their username.",
    )

    # Storage credentials
    sts_duration_seconds: int = Field(
        900, ge=900, le=43200, description="Lifetime asked of STS for temporary credentials."
    )
    sts_refresh_before_seconds: int = Field(
        120, ge=10, description="Temporary credentials closer than this to expiry are refreshed."
    )
    download_link_seconds: int = Field(
        60, ge=1, le=3600, description="Lifetime of an object browser's presigned download link."
    )
    upload_link_seconds: int = Field(
        300,
        ge=10,
        le=3600,
        description="Lifetime of a presigned upload link (a whole small file or one part of a large one); a part "
        "slower than this is signed again and resent.",
    )

    # Metering
    metering_enabled: bool = Field(
        True, description="Run the metering collector in this instance (one instance leads; or use `coffer collector`)."
    )
    metering_requests_seconds: int = Field(10, ge=1, description="Interval of request metering samples.")
    metering_capacity_seconds: int = Field(600, ge=1, description="Interval of capacity (bytes, objects) samples.")
    metering_leader_ttl_seconds: int = Field(
        30, ge=2, description="Leader lock lifetime: another instance takes over this long after the leader died."
    )
    metering_recount_hours: int = Field(
        24,
        ge=1,
        description="A bucket without writes keeps its count; it is listed again at least this often (changes "
        "no S3 request shows: lifecycle expiry, writes through the filer or another S3 gateway).",
    )
    metering_retention_hours: dict[str, int] = Field(
        _METERING_RETENTION_HOURS,
        description="How long each resolution is kept (JSON object of hours; resolutions not named keep the default).",
    )

    quota_min_bytes: int = Field(1024**3, ge=1, description="Smallest quota that can be set (1 GiB; tests lower it).")

    # Audit
    audit_max_events: int = Field(100_000, ge=100, description="Audit stream length kept (approximate).")
    audit_retention_days: int = Field(400, ge=1, description="Audit events older than this are dropped.")

    # Development
    dev_mode: bool = Field(False, description="Embedded development mode (shows the mail outbox).")

    @field_validator("metering_retention_hours")
    @classmethod
    def _known_resolutions(cls, value: dict[str, int]) -> dict[str, int]:
        unknown = set(value) - set(_METERING_RETENTION_HOURS)
        if unknown:
            raise ValueError(f"unknown resolutions {sorted(unknown)}; use {list(_METERING_RETENTION_HOURS)}")
        if any(hours < 1 for hours in value.values()):
            raise ValueError("keep each resolution at least 1 hour")
        return {**_METERING_RETENTION_HOURS, **value}

    @field_validator("storage_metrics_urls", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [url.strip() for url in value.split(",") if url.strip()]
        return value

    @field_validator("storage_metrics_urls")
    @classmethod
    def _each_once(cls, value: list[str]) -> list[str]:
        """Each gateway once: its counters are its own, read twice they would count twice."""
        if len(set(value)) != len(value):
            raise ValueError("a gateway is listed twice; its requests would be counted twice")
        if bad := [url for url in value if not url.startswith(("http://", "https://"))]:
            raise ValueError(f"not an http(s) URL: {', '.join(bad)}")
        return value

    @field_validator("public_origin")
    @classmethod
    def _origin_has_no_path(cls, value: str) -> str:
        value = value.rstrip("/")
        if "://" not in value or value.count("/") != 2:
            raise ValueError("must be scheme://host[:port], without a path")
        return value

    @model_validator(mode="after")
    def _argon2_at_least_owasp_minimum(self) -> Settings:
        """OWASP's Password Storage Cheat Sheet: argon2id with m ≥ 19 MiB and t ≥ 2 (p = 1; we use 2)."""
        weak = self.argon2_time_cost < _ARGON2_MIN_TIME_COST or self.argon2_memory_kib < _ARGON2_MIN_MEMORY_KIB
        if weak and not self.argon2_allow_weak_for_tests:
            raise ValueError(
                f"COFFER_ARGON2_TIME_COST={self.argon2_time_cost} and COFFER_ARGON2_MEMORY_KIB="
                f"{self.argon2_memory_kib} are below OWASP's minimum for argon2id (time cost >= "
                f"{_ARGON2_MIN_TIME_COST}, memory >= {_ARGON2_MIN_MEMORY_KIB} KiB)"
            )
        return self

    @model_validator(mode="after")
    def _secrets_from_files(self) -> Settings:
        if self.master_key_file is not None and not self.master_key.get_secret_value():
            self.master_key = SecretStr(read_secret_file(self.master_key_file))
        if self.master_keys_extra_file is not None and not self.master_keys_extra.get_secret_value():
            self.master_keys_extra = SecretStr(read_secret_file(self.master_keys_extra_file))
        if self.storage_access_key_file is not None and not self.storage_access_key:
            self.storage_access_key = read_secret_file(self.storage_access_key_file)
        if self.storage_secret_key_file is not None and not self.storage_secret_key.get_secret_value():
            self.storage_secret_key = SecretStr(read_secret_file(self.storage_secret_key_file))
        if self.smtp_password_file is not None and not self.smtp_password.get_secret_value():
            self.smtp_password = SecretStr(read_secret_file(self.smtp_password_file))
        return self

    @model_validator(mode="after")
    def _smtp_credentials_only_inside_tls(self) -> Settings:
        if self.smtp_security == "none" and (self.smtp_username or self.smtp_password.get_secret_value()):
            raise ValueError(
                "COFFER_SMTP_USERNAME/PASSWORD need COFFER_SMTP_SECURITY=starttls or tls: "
                "credentials are never sent over a plain connection"
            )
        if self.smtp_security == "none" and self.smtp_ca_file is not None:
            raise ValueError("COFFER_SMTP_CA_FILE needs COFFER_SMTP_SECURITY=starttls or tls")
        if self.smtp_ca_file is not None and not self.smtp_ca_file.is_file():
            raise ValueError(f"COFFER_SMTP_CA_FILE: no file at {self.smtp_ca_file}")
        return self

    def tenant_s3_endpoint(self) -> str:
        """Where people's own tools and browsers reach the storage system (links, keys, credentials)."""
        return self.public_s3_endpoint or self.s3_endpoint

    def master_key_bytes(self) -> bytes:
        """The master key, checked: 32 bytes of base64, or start-up fails naming COFFER_MASTER_KEY."""
        return _master_key(self.master_key.get_secret_value(), "COFFER_MASTER_KEY")

    def extra_master_keys(self) -> list[bytes]:
        raw = self.master_keys_extra.get_secret_value()
        return [_master_key(part.strip(), "COFFER_MASTER_KEYS_EXTRA") for part in raw.split(",") if part.strip()]

    def check_ready_to_serve(self) -> None:
        """Refuse to start without the secrets a server needs, naming which."""
        self.master_key_bytes()
        self.extra_master_keys()
        if not self.storage_access_key or not self.storage_secret_key.get_secret_value():
            raise ValueError("COFFER_STORAGE_ACCESS_KEY and COFFER_STORAGE_SECRET_KEY must be set")
        if self.session_max_hours * 60 < self.session_minutes:
            raise ValueError("COFFER_SESSION_MAX_HOURS must cover COFFER_SESSION_MINUTES")


def _master_key(raw: str, name: str) -> bytes:
    try:
        key = base64.b64decode(raw, validate=True)
    except binascii.Error as error:
        raise ValueError(f"{name} is not valid base64") from error
    if len(key) != 32:
        raise ValueError(f"{name} must be 32 random bytes in base64 (set it or its _FILE)")
    return key
