"""A session's device as people say it ("Firefox 128 on Windows 10"), read from its User-Agent.

The raw header stays in the session record (and is shown on hover): a name only says it shorter.
ua-parser's rules are compiled at the first use, not at import; names are cached per header.
"""

from __future__ import annotations

from functools import lru_cache

from ua_parser import parse

_TOOL_CHARS = 60


def _versioned(family: str, major: str | None) -> str:
    return f"{family} {major}" if major else family


@lru_cache(maxsize=1024)
def device_name(user_agent: str) -> str:
    """Browser and system; a tool that names itself (curl/8.5.0) keeps its own name; '' when unknown."""
    if not user_agent.strip():
        return ""
    found = parse(user_agent)
    browser = _versioned(found.user_agent.family, found.user_agent.major) if found.user_agent else None
    system = _versioned(found.os.family, found.os.major) if found.os else None
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or user_agent.strip()[:_TOOL_CHARS]
