"""TOTP (RFC 6238) with pyotp: 30 s steps, one step of drift either way.

`matching_step` tells which step a code belongs to, so the caller can refuse a replay
of the same step (RFC 6238 §5.2).
"""

from __future__ import annotations

import hmac
import io

import pyotp
import qrcode
import qrcode.image.svg

STEP_SECONDS = 30
DRIFT_STEPS = 1


def new_secret() -> str:
    return pyotp.random_base32(32)


def provisioning_uri(secret: str, username: str, issuer: str) -> str:
    return str(pyotp.TOTP(secret, interval=STEP_SECONDS).provisioning_uri(name=username, issuer_name=issuer))


def qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def matching_step(secret: str, code: str, now: float) -> int | None:
    """The time step whose code equals `code` (compared in constant time), or None."""
    code = code.strip().replace(" ", "")
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret, interval=STEP_SECONDS)
    current = int(now) // STEP_SECONDS
    found = None
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            found = step
    return found
