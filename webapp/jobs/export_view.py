"""How an export URL answers: the file at once when it is small, a confirmation page when it
is large, whose button (a POST to the same URL) queues it as a background job. Every export of
`webapp.jobs.exports.KINDS` is answered this way, from whichever feature's page links to it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from webapp.errors import OperationError
from webapp.jobs.kinds import EXPORTS, is_large, size_of
from webapp.jobs.queue import start_export
from webapp.web import attachment


def export_view(kind: str, params: Mapping[str, Any]) -> Any:
    """Answer an export URL: the file at once when small, else a job (see the module's text)."""
    spec = EXPORTS[kind]
    if request.method == "POST":
        if not FlaskForm().validate():
            abort(400)
        size = size_of(kind, current_user, params)
        try:
            job = start_export(current_user, kind, dict(params), size)
        except OperationError as exc:
            flash(str(exc), "error")
            return redirect(url_for("jobs.index"), 303)
        flash(f"已在后台开始导出{spec.label}（约 {size} {spec.unit}），完成后可在本页下载。", "success")
        return redirect(url_for("jobs.show", job_id=job.id), 303)
    size = size_of(kind, current_user, params)
    if is_large(kind, size):
        return render_template("jobs/confirm.html", spec=spec, size=size, form=FlaskForm(), action=request.full_path)
    produced = spec.make(current_user, params)
    return attachment(produced.data, produced.filename, produced.mimetype)
