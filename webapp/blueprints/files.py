"""Evidence files, served only to those allowed to see the school's assessment."""

from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, abort, request, send_file
from flask_login import login_required
from werkzeug.wrappers import Response

from webapp import operations
from webapp.auth import evidence_for

bp = Blueprint("files", __name__)

INLINE_TYPES = {"application/pdf", "image/jpeg", "image/png"}


@bp.get("/evidence/<int:evidence_id>")
@login_required
def evidence(evidence_id: int) -> Response:
    ev = evidence_for(evidence_id)
    path = operations.evidence_store().path_of(ev.storage_key)
    if not path.is_file():
        abort(404)
    inline = request.args.get("inline") == "1" and ev.content_type in INLINE_TYPES
    response = send_file(path, mimetype=ev.content_type, conditional=True, max_age=0)
    ascii_name = "".join(c if (c.isascii() and c.isalnum()) or c in "._-" else "_" for c in ev.original_name)
    disposition = "inline" if inline else "attachment"
    response.headers["Content-Disposition"] = (
        f"{disposition}; filename=\"{ascii_name or 'evidence'}\"; filename*=UTF-8''{quote(ev.original_name, safe='')}"
    )
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; object-src 'none'"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
