"""The built single-page frontend: hashed assets cached long, every other path answered by index.html.

The build writes a brotli and a gzip copy beside each text file (`vite-plugin-compression2`), so a
file goes out compressed the way the browser asks without compressing per request, as nginx's
`gzip_static` would; the cache headers are nginx's.
"""

from __future__ import annotations

import mimetypes
import stat
from pathlib import Path

import anyio.to_thread
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

# Best first: brotli files are about a fifth smaller than gzip's at their highest levels.
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))


def accepted_encodings(header: str) -> set[str]:
    """The codings an Accept-Encoding header allows (RFC 9110 §12.5.3): any not given q=0."""
    allowed = set()
    for part in header.split(","):
        coding, _, parameters = part.partition(";")
        name, _, value = parameters.strip().partition("=")
        if name.strip().lower() == "q" and _is_zero(value):
            continue
        if coding.strip():
            allowed.add(coding.strip().lower())
    return allowed


def _is_zero(quality: str) -> bool:
    try:
        return float(quality) == 0
    except ValueError:
        return False


class SinglePageApp(StaticFiles):
    def __init__(self, directory: Path) -> None:
        super().__init__(directory=directory, html=True, check_dir=True)

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            response = await self._file(path, scope)
        except HTTPException as error:
            if error.status_code != 404 or "." in path.rsplit("/", 1)[-1]:
                raise
            path = "index.html"
            response = await self._file(path, scope)
        response.headers["Cache-Control"] = (
            "public, max-age=31536000, immutable" if path.startswith("assets/") else "no-cache"
        )
        response.headers["Vary"] = "Accept-Encoding"
        return response

    async def _file(self, path: str, scope: Scope) -> Response:
        """The precompressed copy of `path` the browser accepts, else `path` itself (a copy that is
        missing is one stat, not a refused lookup: most paths of the console have none)."""
        reading = scope["method"] in ("GET", "HEAD")  # anything else is StaticFiles' 405, below
        accepted = accepted_encodings(Headers(scope=scope).get("accept-encoding", "")) if reading else set()
        for coding, suffix in PRECOMPRESSED:
            if coding not in accepted or path.endswith(suffix):
                continue
            full_path, found = await anyio.to_thread.run_sync(self.lookup_path, path + suffix)
            if found is None or not stat.S_ISREG(found.st_mode):
                continue
            response = self.file_response(full_path, found, scope)
            response.headers["Content-Encoding"] = coding
            response.headers["Content-Type"] = _media_type(path)
            return response
        return await super().get_response(path, scope)


def _media_type(path: str) -> str:
    media_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type
