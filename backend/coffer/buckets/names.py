"""S3's bucket naming rules, each with its own message, checked before the storage system is asked.

The rules are AWS's general-purpose bucket rules (SeaweedFS checks the same ones); the console says
which one a name breaks, where the storage system would answer only "InvalidBucketName".
"""

from __future__ import annotations

import ipaddress
import re

MIN_LENGTH, MAX_LENGTH = 3, 63
_ALLOWED = re.compile(r"^[a-z0-9.-]*$")
_EDGE = re.compile(r"^[a-z0-9](.*[a-z0-9])?$")


def _looks_like_ip(name: str) -> bool:
    try:
        ipaddress.IPv4Address(name)
    except ValueError:
        return False
    return True


def name_problem(name: str) -> str | None:
    """What is wrong with a whole bucket name, in words; None when S3 accepts it."""
    if not MIN_LENGTH <= len(name) <= MAX_LENGTH:
        return f"A bucket name has {MIN_LENGTH} to {MAX_LENGTH} characters; {name!r} has {len(name)}."
    if name.lower() != name and _ALLOWED.fullmatch(name.lower()):
        return "A bucket name has no capital letters: use lowercase letters only."
    if not _ALLOWED.fullmatch(name):
        return "A bucket name has only lowercase letters, digits, hyphens (-) and dots (.)."
    if not _EDGE.fullmatch(name):
        return "A bucket name starts and ends with a letter or a digit."
    if ".." in name:
        return "A bucket name cannot have two dots in a row."
    if _looks_like_ip(name):
        return "A bucket name cannot look like an IP address (such as 192.168.5.4)."
    if name.startswith("xn--"):
        return "A bucket name cannot start with xn-- (kept for international domain names)."
    if name.endswith("-s3alias"):
        return "A bucket name cannot end with -s3alias (kept for access point aliases)."
    return None
