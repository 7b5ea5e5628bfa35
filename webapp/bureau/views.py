"""The bureau's boards (总览, 评估结果) and its cycles (年度评估): what an officer sees of the year
and how a year is opened, filled with schools, closed and reopened."""


from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from webapp.accounts.access import role_required
from webapp.bureau import operations
from webapp.bureau.blueprint import BUREAU, allowed_ids, bp, chosen_cycle, districts_for_user, grouped
from webapp.bureau.boards import (
    BASES,
    PROGRESS_LABELS,
    PROGRESS_STATES,
    progress_board,
    progress_state,
    results_board,
    schools_query,
    unfinished_elsewhere,
)
from webapp.bureau.charts import dimension_chart, district_chart, level_chart, progress_chart, shortfall_chart
from webapp.bureau.forms import (
    CycleEditForm,
    CycleForm,
)
from webapp.errors import OperationError
from webapp.extensions import db
from webapp.forms import ReasonForm, school_choices
from webapp.jobs.export_view import export_view
from webapp.models import (
    Assessment,
    Cycle,
    CycleStatus,
    Role,
    RubricRecord,
    School,
    parse_id,
)
from webapp.paging import SchoolFilter, paginate
from webapp.rubrics.pages import rubric_in_use
from webapp.settings import local_today


@bp.get("/")
@role_required(*BUREAU)
def dashboard() -> str:
    cycle = chosen_cycle()
    board = progress_board(cycle, allowed_ids(), local_today())
    state = request.args.get("state", "")
    if state not in PROGRESS_LABELS:
        state = ""
    district_ids = {row.district_id for row in board.districts}
    raw_district = request.args.get("district", "")
    district_id = parse_id(raw_district) if parse_id(raw_district) in district_ids else None
    rows = [
        a
        for a in board.assessments
        if (not state or progress_state(a) == state)
        and (district_id is None or a.school.district_id == district_id)
    ]
    pager = paginate(rows)
    hrefs = [url_for(".dashboard", cycle=cycle.id if cycle else None, district=r.district_id) for r in board.districts]
    return render_template(
        "bureau/dashboard.html",
        cycle=cycle,
        elsewhere=unfinished_elsewhere(cycle, allowed_ids()),
        cycles=_cycles_for_menu(),
        board=board,
        chart=progress_chart(board, hrefs) if board.districts else None,
        rows=pager.items,
        paging=pager,
        state=state,
        district_id=district_id,
        states=PROGRESS_STATES,
        progress_state=progress_state,
        today=local_today(),
    )


def _cycles_for_menu() -> list[Cycle]:
    return list(db.session.execute(select(Cycle).order_by(Cycle.id.desc())).scalars())


@bp.get("/results")
@role_required(*BUREAU)
def results() -> str:
    cycle = chosen_cycle()
    basis = request.args.get("basis", "final")
    if basis not in BASES:
        basis = "final"
    board = results_board(cycle, allowed_ids(), basis)
    districts = districts_for_user()
    filters = replace(SchoolFilter.from_request({d.id for d in districts}), inactive=True)
    paging = paginate([r for r in board.schools if filters.matches(r.assessment.school)])
    return render_template(
        "bureau/results.html",
        cycle=cycle,
        cycles=_cycles_for_menu(),
        board=board,
        basis=basis,
        bases=BASES,
        level_chart=level_chart(board) if board.schools else None,
        dimension_chart=dimension_chart(board) if board.schools and board.dimensions else None,
        shortfall_chart=shortfall_chart(board) if board.shortfalls else None,
        district_chart=district_chart(board) if len(board.districts) > 1 else None,
        ranking=paging.items,
        paging=paging,
        **filters.page_context(districts),
    )


@bp.route("/results/scores.xlsx", methods=["GET", "POST"])
@role_required(*BUREAU)
def export_scores() -> Any:
    cycle = chosen_cycle()
    if cycle is None:
        flash("还没有年度评估，无可导出的得分。", "warning")
        return redirect(url_for(".results"))
    return export_view("export_scores", {"cycle_id": cycle.id})


def _rubric_choices() -> list[SelectChoice]:
    records = db.session.execute(
        select(RubricRecord).order_by(RubricRecord.rubric_id, RubricRecord.version.desc())
    ).scalars()
    return [SelectChoice(str(r.id), f"{r.title}（{r.version_label}）") for r in records]


def _active_schools() -> list[School]:
    return list(db.session.execute(select(School).where(School.active.is_(True)).order_by(School.code)).scalars())


@bp.route("/cycles/", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def cycles() -> Any:
    """All cycles, and a new one: its schools are the active schools matching the filter in the
    address (all of them by default), every one ticked; untick those that do not take part."""
    districts = districts_for_user()
    filters = replace(SchoolFilter.from_request({d.id for d in districts}), inactive=False)
    offered = list(db.session.execute(filters.apply(schools_query(None))).scalars())
    form = CycleForm()
    form.rubric.choices = _rubric_choices()
    form.schools.choices = school_choices(_active_schools())
    status = 200
    if request.method in ("GET", "HEAD"):
        year = local_today().year
        form.year.data = str(year)
        form.name.data = f"{year}年度中小学校（幼儿园）办学水平自评"
        in_use = rubric_in_use()
        form.rubric.data = str(in_use.id) if in_use else (form.rubric.choices[0].value if form.rubric.choices else "")
        form.schools.data = [s.id for s in offered]
    elif form.validate():
        try:
            cycle = operations.open_new_cycle(
                form.name.data,
                int(form.year.data),
                int(form.rubric.data),
                form.deadline.parsed,
                form.schools.data,
                current_user,
            )
        except OperationError as exc:
            flash(f"未能开始评估：{exc}", "error")
            status = 422
        else:
            flash(f"“{cycle.name}”已开始，{len(form.schools.data)}所学校可以填报自评。", "success")
            return redirect(url_for(".cycle", cycle_id=cycle.id), 303)
    else:
        flash("未能开始评估：请按提示修改。", "error")
        status = 422
    all_cycles = _cycles_for_menu()
    counts = _cycle_counts([c.id for c in all_cycles])
    return render_template(
        "bureau/cycles.html",
        form=form,
        cycles=all_cycles,
        counts=counts,
        groups=grouped(offered),
        offered=len(offered),
        **filters.page_context(districts),
        running=next((c for c in all_cycles if c.status == CycleStatus.OPEN), None),
    ), status


def _cycle_counts(cycle_ids: list[int]) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = {i: {} for i in cycle_ids}
    if not cycle_ids:
        return counts
    rows = db.session.execute(
        select(Assessment.cycle_id, Assessment.status, func.count())
        .where(Assessment.cycle_id.in_(cycle_ids))
        .group_by(Assessment.cycle_id, Assessment.status)
    ).all()
    for cycle_id, status, n in rows:
        counts[cycle_id][status] = n
    return counts


def _not_taking_part(cycle: Cycle, filters: SchoolFilter) -> Any:
    """The active schools matching the filter that are not in the cycle (a query)."""
    taking_part = select(Assessment.school_id).where(Assessment.cycle_id == cycle.id)
    return replace(filters, inactive=False).apply(schools_query(None)).where(School.id.not_in(taking_part))


@bp.route("/cycles/<int:cycle_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def cycle(cycle_id: int) -> Any:
    found = db.get_or_404(Cycle, cycle_id)
    districts = districts_for_user()
    filters = SchoolFilter.from_request({d.id for d in districts})
    others = list(db.session.execute(_not_taking_part(found, SchoolFilter())).scalars())
    form = CycleEditForm(obj=found if request.method in ("GET", "HEAD") else None)
    form.add_schools.choices = school_choices(others)
    status = 200
    if request.method in ("GET", "HEAD"):
        form.deadline.data = found.deadline.isoformat() if found.deadline else ""
        form.doc_number.data = found.doc_number or ""
        form.rectify_days.data = str(found.rectify_days or "")
    elif form.validate():
        try:
            days = (form.rectify_days.data or "").strip()
            added = operations.update_cycle(
                found.id,
                current_user,
                form.name.data,
                form.deadline.parsed,
                form.add_schools.data,
                doc_number=form.doc_number.data,
                rectify_days=int(days) if days else None,
            )
        except OperationError as exc:
            flash(f"未能保存：{exc}", "error")
            status = 422
        else:
            flash("已保存。" + (f"新增参评学校{added}所。" if added else ""), "success")
            return redirect(url_for(".cycle", cycle_id=found.id), 303)
    else:
        flash("未能保存：请按提示修改。", "error")
        status = 422
    found = db.get_or_404(Cycle, cycle_id)
    board = progress_board(found, None, local_today())
    paging = paginate(_not_taking_part(found, filters))
    return render_template(
        "bureau/cycle.html",
        cycle=found,
        form=form,
        default_rectify_days=int(current_app.config["RECTIFY_DAYS"]),
        reason_form=ReasonForm(formdata=None),
        add_form=ReasonForm(formdata=None),
        board=board,
        states=PROGRESS_STATES,
        groups=grouped(paging.items),
        paging=paging,
        others=len(others),
        **filters.page_context(districts),
    ), status


@bp.post("/cycles/<int:cycle_id>/schools")
@role_required(Role.ADMIN)
def add_cycle_schools(cycle_id: int) -> Response:
    """增加参评学校 by filter: every active school matching it that is not yet in the cycle."""
    found = db.get_or_404(Cycle, cycle_id)
    if not ReasonForm().validate():
        abort(400)
    districts = districts_for_user()
    filters = SchoolFilter.from_request({d.id for d in districts}, request.form)
    ids = list(db.session.execute(_not_taking_part(found, filters).with_only_columns(School.id)).scalars())
    words = filters.describe({d.id: d.name for d in districts})
    if not ids:
        flash(f"{words}中没有尚未参评的在用学校。", "info")
    else:
        try:
            added = operations.add_cycle_schools(found.id, ids, current_user)
        except OperationError as exc:
            flash(f"未能增加参评学校：{exc}", "error")
        else:
            flash(f"已将{words}中{added}所学校加入“{found.name}”，各得到一份空白自评。", "success")
    return redirect(url_for(".cycle", cycle_id=found.id, **filters.params()), 303)


@bp.post("/cycles/<int:cycle_id>/close")
@role_required(Role.ADMIN)
def close_cycle(cycle_id: int) -> Response:
    found = db.get_or_404(Cycle, cycle_id)
    if not ReasonForm().validate():
        abort(400)
    try:
        operations.close_cycle(found.id, current_user)
    except OperationError as exc:
        flash(f"未能结束：{exc}", "error")
    else:
        flash(f"“{found.name}”已结束：学校不能再修改或提交自评。", "success")
    return redirect(url_for(".cycle", cycle_id=cycle_id), 303)


@bp.post("/cycles/<int:cycle_id>/reopen")
@role_required(Role.ADMIN)
def reopen_cycle(cycle_id: int) -> Response:
    found = db.get_or_404(Cycle, cycle_id)
    form = ReasonForm()
    if not form.validate():
        abort(400)
    try:
        operations.reopen_cycle(found.id, current_user, form.reason.data or "")
    except OperationError as exc:
        flash(f"未能重新开放：{exc}", "error")
    else:
        flash(f"“{found.name}”已重新开放，学校可以继续填报。", "success")
    return redirect(url_for(".cycle", cycle_id=cycle_id), 303)
