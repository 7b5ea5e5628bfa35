"""The only way a report reaches outside its own HTML: a URL fetcher that allows nothing but
the report's static files and ``data:`` URIs.

WeasyPrint's stock fetcher reads any local file and any URL — a ``<link rel=attachment
href=file:///…>`` that reaches the HTML embeds the whole file in the PDF. Templates
autoescape, so user text never becomes markup; this fetcher is the second layer: ``file:``
URLs are resolved (symlinks and ``..`` included) and must lie inside the static folder,
``data:`` URIs are decoded by urllib, redirects are never followed, and everything else
(http, https, ftp, other files) is refused, recorded in ``blocked`` and logged.
"""

from __future__ import annotations

import logging
import mimetypes
import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

LOGGER = logging.getLogger(__name__)
MAX_STATIC_BYTES = 5 * 1024 * 1024


class BlockedResource(ValueError):
    """A resource the report may not load."""


class StaticOnlyFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """Allow ``data:`` URIs and regular files under ``static_root``; block everything else."""

    def __init__(
        self, static_root: str | os.PathLike[str], timeout: float = 3, max_bytes: int = MAX_STATIC_BYTES
    ) -> None:
        super().__init__(timeout=timeout, allowed_protocols={"data"}, allow_redirects=False)
        self.static_root = os.path.realpath(static_root)
        self.max_bytes = max_bytes
        self.blocked: list[str] = []
        self.fetched: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> Any:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            self.fetched.append(url[:40])
            return super().fetch(url, headers)
        if scheme == "file":
            path = self._contained(url)
            if path is not None:
                self.fetched.append(url)
                data = path.read_bytes()
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(path.as_uri(), data, {"Content-Type": mime})
        self.blocked.append(url)
        LOGGER.warning("PDF 渲染拦截了不允许的资源：%r", url[:200])
        raise BlockedResource(f"blocked resource: {url[:200]}")

    def _contained(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost") or parts.query:
            return None
        real = os.path.realpath(unquote(parts.path))
        if not real.startswith(self.static_root + os.sep) or not os.path.isfile(real):
            return None
        if os.path.getsize(real) > self.max_bytes:
            return None
        return Path(real)
