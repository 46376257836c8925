"""The bucket settings API's models; each input carries S3's own limits, checked before any storage call."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from coffer.bucket_settings.policy_scope import MAX_POLICY_CHARACTERS
from coffer.providers.base import CorsMethod

_STRICT = ConfigDict(extra="forbid")
MAX_TAGS, MAX_TAG_KEY, MAX_TAG_VALUE = 50, 128, 256
MAX_CORS_RULES = 100
MAX_AGE_SECONDS = 86_400  # browsers keep a preflight a day at most (most far less)
# S3's tag characters: letters and digits of any script, spaces, and + - = . _ : / @
_TAG_CHARACTERS = re.compile(r"^[\w\s+\-=.:/@]*$", re.UNICODE)
# An origin as browsers send it, with at most one "*" (S3's wildcard), or "*" alone.
_ORIGIN = re.compile(r"^(\*|https?://[^\s/*]*\*?[^\s/*]*(:\d{1,5})?)$")
_HEADER = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")


class SettingSupport(BaseModel):
    supported: bool
    why_not: str = Field(description="Why it is missing, for a person to read; empty when supported.")


class SettingFeatures(BaseModel):
    versioning: SettingSupport
    lifecycle: SettingSupport
    cors: SettingSupport
    bucket_tags: SettingSupport
    object_lock: SettingSupport
    bucket_policy: SettingSupport


class CorsRuleModel(BaseModel):
    model_config = ConfigDict(extra="forbid", title="CorsRule")
    allowed_origins: list[str] = Field(
        min_length=1, max_length=100, description='Origins such as "https://app.example.com", or "*" for any.'
    )
    allowed_methods: list[CorsMethod] = Field(min_length=1, max_length=5)
    allowed_headers: list[str] = Field(
        default_factory=list, max_length=100, description='Request headers; "*" for any.'
    )
    expose_headers: list[str] = Field(
        default_factory=list, max_length=100, description="Answer headers scripts may read."
    )
    max_age_seconds: int | None = Field(None, ge=0, le=MAX_AGE_SECONDS, description="How long a preflight is kept.")

    @field_validator("allowed_origins")
    @classmethod
    def _origins(cls, origins: list[str]) -> list[str]:
        for origin in origins:
            if not _ORIGIN.fullmatch(origin):
                raise ValueError(
                    f"{origin!r} is not an origin: write scheme and host like https://app.example.com (no path),"
                    " with at most one *, or * alone"
                )
        return origins

    @field_validator("allowed_methods")
    @classmethod
    def _methods(cls, methods: list[CorsMethod]) -> list[CorsMethod]:
        if len(set(methods)) != len(methods):
            raise ValueError("name each method once")
        return methods

    @field_validator("allowed_headers", "expose_headers")
    @classmethod
    def _headers(cls, headers: list[str]) -> list[str]:
        for header in headers:
            if not _HEADER.fullmatch(header):
                raise ValueError(f"{header!r} is not a header name (letters, digits and - only, or *)")
        return headers


class Tag(BaseModel):
    model_config = _STRICT
    key: str = Field(min_length=1, max_length=MAX_TAG_KEY)
    value: str = Field("", max_length=MAX_TAG_VALUE)

    @field_validator("key", "value")
    @classmethod
    def _characters(cls, text: str) -> str:
        if not _TAG_CHARACTERS.fullmatch(text):
            raise ValueError("use letters, digits, spaces and + - = . _ : / @ only")
        return text

    @field_validator("key")
    @classmethod
    def _not_reserved(cls, key: str) -> str:
        if key.lower().startswith("aws:"):
            raise ValueError("keys starting with aws: are kept for AWS")
        return key


class BucketSettingsAnswer(BaseModel):
    model_config = ConfigDict(title="BucketSettings")
    bucket: str
    versioning: Literal["off", "enabled", "suspended"] | None = Field(
        description='"off": never turned on; once on it can only be suspended. null: not offered (see features).'
    )
    cors: list[CorsRuleModel] | None
    tags: list[Tag] | None
    object_lock: bool | None = Field(description="Chosen when the bucket is made; read-only here.")
    policy: str | None = Field(description="The bucket policy document (JSON text); null when none is set.")
    features: SettingFeatures


class VersioningChange(BaseModel):
    model_config = _STRICT
    status: Literal["enabled", "suspended"]


class CorsChange(BaseModel):
    model_config = _STRICT
    rules: list[CorsRuleModel] = Field(max_length=MAX_CORS_RULES, description="No rules removes CORS.")


class TagsChange(BaseModel):
    model_config = _STRICT
    tags: list[Tag] = Field(max_length=MAX_TAGS, description=f"At most {MAX_TAGS}; none removes them.")

    @field_validator("tags")
    @classmethod
    def _unique(cls, tags: list[Tag]) -> list[Tag]:
        keys = [tag.key for tag in tags]
        repeated = sorted({key for key in keys if keys.count(key) > 1})
        if repeated:
            raise ValueError(f"each key once: {', '.join(repeated)} repeated")
        return tags


class PolicyChange(BaseModel):
    model_config = _STRICT
    document: str = Field(
        min_length=1,
        max_length=MAX_POLICY_CHARACTERS,
        description="The policy as JSON text; every Resource is this bucket or objects in it.",
    )
