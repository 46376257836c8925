"""The API models of the checks several capabilities ask for: a step-up factor and a TOTP set-up."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StepUpRequest(_Strict):
    """The fresh factor asked before handing out storage secrets: `code` with MFA, else `current_password`."""

    code: str | None = Field(None, max_length=16, description="A TOTP code, for people who set up MFA.")
    current_password: str | None = Field(None, max_length=1024, description="For people without MFA.")


class MfaEnrollment(BaseModel):
    secret: str
    otpauth_uri: str
    qr_svg: str
