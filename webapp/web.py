"""Small helpers every feature's views use: file downloads with an RFC 6266 name that
cannot split a header, and paging of long lists."""

from __future__ import annotations

from urllib.parse import quote

from flask import (
    abort,
    make_response,
    request,
)
from werkzeug.wrappers import Response

from reports.workbooks import XLSX_CONTENT_TYPE

PDF_CONTENT_TYPE = "application/pdf"
MIMETYPES = {
    ".zip": "application/zip",
    ".pdf": PDF_CONTENT_TYPE,
    ".xlsx": XLSX_CONTENT_TYPE,
}


def content_disposition(filename: str) -> str:
    ascii_name = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in filename)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def attachment(data: bytes, filename: str, mimetype: str) -> Response:
    """A download that no cache keeps: every export holds schools' data."""
    response = make_response(data)
    response.headers["Content-Type"] = mimetype
    response.headers["Content-Disposition"] = content_disposition(filename)
    response.headers["Cache-Control"] = "private, no-store"
    return response


PER_PAGE = 50  # rows of a long list on one page


def page_arg() -> int:
    raw = request.args.get("page", "1")
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= 100_000:
        abort(400)
    return int(raw)


def client_ip() -> str:
    """The client's address as the request arrived (forwarding headers count only from the
    proxies settings name: webapp.app.TrustedProxies)."""
    return (request.remote_addr or "")[:64]
