"""The metering API's models."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from coffer.metering.resolutions import CapacityResolution, Resolution

_BUCKET = r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"


class _Window(BaseModel):
    model_config = ConfigDict(extra="forbid")
    count: int = Field(20, ge=1, le=1000, description="The last N intervals (ignored when `start` is given).")
    start: datetime | None = Field(None, description="First interval (holding this time); with `end`, a range.")
    end: datetime | None = Field(None, description="Last interval (holding this time); default: now.")
    bucket: str | None = Field(None, pattern=_BUCKET, description="One bucket of the account instead of all.")


class RequestQuery(_Window):
    resolution: Resolution = "1m"


class CapacityQuery(_Window):
    resolution: CapacityResolution = "1h"


class RequestRates(BaseModel):
    put: float
    get: float
    delete: float
    list: float
    other: float


class RequestPoint(BaseModel):
    start: datetime
    requests: int = Field(description="All requests in the interval.")
    per_second: RequestRates = Field(description="Requests per second by operation.")
    bytes_in_per_second: float
    bytes_out_per_second: float
    latency_avg_ms: float | None = Field(description="None when the interval had no requests.")
    latency_p95_ms: float | None


class RequestSeries(BaseModel):
    resolution: Resolution
    interval_seconds: int
    points: list[RequestPoint]


class CapacityPoint(BaseModel):
    start: datetime
    bytes_used: int | None = Field(description="None when no sample fell in the interval.")
    objects: int | None


class CapacitySeries(BaseModel):
    resolution: CapacityResolution
    interval_seconds: int
    points: list[CapacityPoint]


class TopAccountsQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    limit: int = Field(10, ge=1, le=100)


class TopAccount(BaseModel):
    account_id: str
    display_name: str | None = Field(description="None for an account deleted since.")
    bytes_used: int | None
    objects: int | None
    requests_24h: int


class TopAccounts(BaseModel):
    items: list[TopAccount]


class UsageExportQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start: date = Field(description="First day (UTC).")
    end: date = Field(description="Last day (UTC), at most 400 days after `start`.")
