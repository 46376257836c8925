"""A zip streamed to the browser as a file to save, under its name in any script."""

from __future__ import annotations

from collections.abc import AsyncIterable
from urllib.parse import quote

from starlette.responses import StreamingResponse


def zip_download(body: AsyncIterable[bytes], name: str) -> StreamingResponse:
    disposition = f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name, safe='')}"
    return StreamingResponse(body, media_type="application/zip", headers={"Content-Disposition": disposition})
