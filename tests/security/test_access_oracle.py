"""Access beyond the route table (tests/webapp/test_access_matrix.py walks every route × role):

* the oracle (DHIS2-style): every school that any list, board, export, summary or batch hands
  to a caller is one the caller may see — computed from the tables themselves, not from the
  app's own scoping helper — for every role, with every filter, and with parameters polluted
  or pointed at another school (``?school_id=``, the same parameter twice, paging tricks);
* objects of a school in the caller's own district but not theirs, read and written;
* mass assignment: fields a school or an inspector may not set are ignored when posted.
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from typing import Any

import pytest
from flask import Flask
from openpyxl import load_workbook
from sqlalchemy import select

from tests.security.conftest import table_rows, tally, version_of

ROLES = ("school_a", "school_b", "school_c", "inspector_a", "inspector_b", "district_east", "district_west", "admin")


def oracle(app: Flask, username: str) -> set[str]:
    """The codes of the schools ``username`` may see, straight from the tables."""
    from webapp.extensions import db
    from webapp.models import InspectorAssignment, School, User

    with app.app_context():
        user = db.session.execute(select(User).where(User.username == username)).scalar_one()
        schools = db.session.execute(select(School)).scalars().all()
        if user.role == "admin":
            return {s.code for s in schools}
        if user.role == "school":
            return {s.code for s in schools if s.id == user.school_id}
        if user.role == "district":
            return {s.code for s in schools if s.district_id == user.district_id}
        assigned = set(
            db.session.execute(select(InspectorAssignment.school_id).where(InspectorAssignment.user_id == user.id))
            .scalars()
            .all()
        )
        return {s.code for s in schools if s.id in assigned}


def every_school(app: Flask) -> dict[str, tuple[str, int, int | None]]:
    """code → (name, id, district id)."""
    from webapp.extensions import db
    from webapp.models import School

    with app.app_context():
        return {s.code: (s.name, s.id, s.district_id) for s in db.session.execute(select(School)).scalars()}


def pdf_text(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def xlsx_text(data: bytes) -> tuple[str, int]:
    book = load_workbook(io.BytesIO(data), read_only=True)
    cells, rows = [], 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            rows += 1
            cells.extend(str(v) for v in row if v is not None)
    book.close()
    return "\n".join(cells), rows


def visible_text(response: Any) -> str:
    data = response.data
    if response.mimetype == "application/pdf":
        return pdf_text(data)
    if response.mimetype.endswith("spreadsheetml.sheet"):
        text, rows = xlsx_text(data)
        tally("oracle_rows", rows)
        return text
    if response.mimetype == "application/zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
        tally("oracle_rows", len(names))
        return "\n".join(names)
    return data.decode()


def urls_for(role: str, ids: dict[str, int], foreign: dict[str, tuple[str, int, int | None]]) -> list[str]:
    """The lists and exports a role reaches, each with its filters, and polluted variants."""
    other_ids = [school_id for _, school_id, _ in foreign.values()]
    other_districts = sorted({d for _, _, d in foreign.values() if d is not None})
    tricks = [f"school_id={i}" for i in other_ids] + [f"school={i}" for i in other_ids]
    tricks += [f"district={d}" for d in other_districts] + ["page=2", "page=1&page=9", "cycle=1&cycle=999"]
    tricks += [f"district={d}&district={ids['district_east_id']}" for d in other_districts]
    if role.startswith("school"):
        base = ["/school/"]
    elif role.startswith("inspector"):
        base = ["/inspector/", *[f"/inspector/?show={s}" for s in ("todo", "all", "returned", "finalised", "draft")]]
        base += ["/inspector/?show=all&show=todo"]
    else:
        base = [
            "/admin/",
            *[f"/admin/?state={s}" for s in ("not_started", "draft", "submitted", "late", "finalised")],
            "/admin/results",
            "/admin/results?basis=self",
            "/admin/schools/",
            "/admin/schools/?q=小学",
            "/admin/schools/?q=B0",
            "/admin/schools/export.xlsx",
            "/admin/results/scores.xlsx",
            "/reports/region.xlsx",
            "/reports/region.pdf",
            "/jobs/",
        ]
    urls = list(base)
    for url in base:
        if url.endswith(".pdf"):
            continue
        joiner = "&" if "?" in url else "?"
        urls += [url + joiner + trick for trick in tricks]
    return urls


@pytest.mark.parametrize("role", ROLES)
def test_every_list_and_export_holds_only_what_the_caller_may_see(
    app: Flask, world3: Any, as_user: Any, role: str
) -> None:
    allowed = oracle(app, role)
    schools = every_school(app)
    foreign = {code: value for code, value in schools.items() if code not in allowed}
    assert allowed and (foreign or role == "admin")
    client = as_user(role)
    leaks: list[tuple[str, str]] = []
    for url in urls_for(role, world3.ids, foreign):
        response = client.get(url)
        response.close()
        tally("oracle_responses")
        assert response.status_code in (200, 400, 404), (url, response.status_code)
        if response.status_code != 200:
            continue
        text = visible_text(response)
        leaks += [(url, code) for code, (name, _, _) in foreign.items() if code in text or name in text]
    tally("oracle_leaks", len(leaks))
    assert not leaks


@pytest.mark.parametrize("role", ["district_east", "district_west", "admin"])
def test_a_report_batch_holds_only_the_callers_schools(app: Flask, world3: Any, as_user: Any, role: str) -> None:
    from webapp.extensions import db
    from webapp.models import Job

    client = as_user(role)
    assert client.post("/jobs/report-batch").status_code == 303
    with app.app_context():
        job_id = db.session.execute(select(Job.id).order_by(Job.id.desc())).scalars().first()
    response = client.get(f"/jobs/{job_id}/download")
    assert response.status_code == 200
    names = visible_text(response)
    response.close()
    allowed = oracle(app, role)
    foreign = {c: v for c, v in every_school(app).items() if c not in allowed}
    assert names and not [c for c in foreign if c in names]
    for code in allowed:
        assert code in names
    other = "district_west" if role == "district_east" else "district_east"
    if role != "admin":
        refused = as_user(other).get(f"/jobs/{job_id}/download")
        refused.close()
        assert refused.status_code == 404


def test_a_school_in_the_same_district_is_still_another_school(app: Flask, world3: Any, as_user: Any) -> None:
    """School C (东区, like A) and A's inspector against each other's objects: 404 for reads and
    writes, and nothing changes."""
    a, c = world3["assessment_a"], world3["assessment_c"]
    school_c, inspector_a, west = as_user("school_c"), as_user("inspector_a"), as_user("district_west")
    before = table_rows(app, skip=frozenset({"alembic_version", "audit_event", "auth_session", "login_attempt"}))
    for url in (f"/school/assessments/{a}/", f"/school/assessments/{a}/A", f"/school/assessments/{a}/submit"):
        assert school_c.get(url).status_code == 404, url
    assert school_c.get(f"/reports/assessments/{a}.pdf").status_code == 404
    posted = school_c.post(f"/school/assessments/{a}/B", data={"version": "1", "fields": "eligible_teachers"})
    assert posted.status_code == 404
    assert school_c.post(f"/school/assessments/{a}/submit", data={"version": "1"}).status_code == 404
    for url in (
        f"/inspector/assessments/{c}/overview",
        f"/inspector/assessments/{c}/A",
        f"/reports/assessments/{c}.pdf",
    ):
        assert inspector_a.get(url).status_code == 404, url
    for url in (f"/inspector/assessments/{c}/finalise", f"/inspector/assessments/{c}/return"):
        assert inspector_a.post(url, data={"version": "1", "note": "x"}).status_code == 404, url
    assert west.get(f"/admin/schools/{world3['school_c_id']}").status_code == 404
    after = table_rows(app, skip=frozenset({"alembic_version", "audit_event", "auth_session", "login_attempt"}))
    assert before == after


def test_a_school_cannot_set_fields_that_are_not_its_own(app: Flask, world3: Any, as_user: Any) -> None:
    """Mass assignment (T05): ids, status, scores and versions posted with the form are ignored;
    only the listed fields of the school's own assessment change."""
    from webapp.extensions import db
    from webapp.models import Answer, Assessment

    client = as_user("school_a")
    url = f"/school/assessments/{world3['assessment_a']}/B"
    page = client.get(url).data.decode()
    evil = {
        "assessment_id": str(world3["assessment_b"]),
        "school_id": str(world3["school_b_id"]),
        "cycle_id": "999",
        "status": "finalised",
        "self_percent": "100",
        "verified_percent": "100",
        "inspector_score": "100",
        "reviewed_by": str(world3["inspector_a"]),
        "updated_by_id": str(world3["admin"]),
    }
    before_b = table_rows(app)["answer"]
    response = client.post(
        url,
        data={"version": version_of(page), "fields": ["eligible_teachers"], "eligible_teachers": "41", **evil},
    )
    assert response.status_code == 303
    with app.app_context():
        a = db.session.get(Assessment, world3["assessment_a"])
        assert a.status == "draft" and a.school_id == world3["school_a_id"] and a.cycle_id == world3["cycle"]
        assert a.verified_percent is None and a.updated_by_id == world3["school_a"]
        assert a.self_percent != 100
        rows = db.session.execute(select(Answer).where(Answer.assessment_id == world3["assessment_b"])).scalars()
        assert {r.key: r.raw for r in rows}  # B's answers are there…
    after_b = [r for r in table_rows(app)["answer"] if r[1] == str(world3["assessment_b"])]
    assert after_b == [r for r in before_b if r[1] == str(world3["assessment_b"])]  # …and unchanged


def test_an_inspector_cannot_set_fields_beyond_the_review(app: Flask, world3: Any, as_user: Any) -> None:
    from webapp.extensions import db
    from webapp.models import Assessment

    client = as_user("inspector_b")
    b = world3["assessment_b"]
    page = client.get(f"/inspector/assessments/{b}/C").data.decode()
    response = client.post(
        f"/inspector/assessments/{b}/items/C1.1",
        data={
            "version": version_of(page),
            "action": "confirm",
            "status": "finalised",
            "school_id": str(world3["school_a_id"]),
            "assessment_id": str(world3["assessment_a"]),
            "verified_percent": "100",
            "self_percent": "0",
        },
    )
    assert response.status_code == 303
    with app.app_context():
        found = db.session.get(Assessment, b)
        assert found.status == "under_review" and found.school_id == world3["school_b_id"]
        assert found.verified_percent != 100
        assert db.session.get(Assessment, world3["assessment_a"]).status == "draft"


@pytest.mark.parametrize(
    "query",
    [
        "sort=name;drop%20table%20audit_event",
        "sort=at&sort=id",
        "dir=sideways",
        "page=-1",
        "page=0",
        "page=99999999999999999999",
        "per_page=1000000000",
        "per_page=50&per_page=1000000",
        "date_from=2024-13-45",
        "date_from=2025-01-01&date_to=2024-01-01",
        "action=%27%20OR%201%3D1--",
        "school=%27%20OR%20%271%27%3D%271",
        "user=%00",
    ],
)
def test_audit_filters_and_paging_are_allow_listed(app: Flask, world3: Any, as_user: Any, query: str) -> None:
    """SQL injection and odd paging in the filters (T39): a clean 4xx or a bounded page."""
    client = as_user("admin")
    for url in (f"/admin/audit/?{query}", f"/admin/audit/export.xlsx?{query}"):
        response = client.get(url)
        tally("oracle_responses")
        assert response.status_code in (200, 302, 400, 422), (url, response.status_code)
    with app.app_context():
        from webapp.extensions import db
        from webapp.models import AuditEvent

        assert db.session.execute(select(AuditEvent.id)).first() is not None  # still there


@pytest.mark.parametrize("number", ["99999999999999999999", str(2**31), "²", "１", "٣"])
def test_ids_out_of_range_or_not_ascii_are_not_found(app: Flask, world3: Any, as_user: Any, number: str) -> None:
    """PostgreSQL refuses a 40-digit id with "integer out of range", and ``"²".isdigit()`` is
    true while ``int("²")`` fails: both were server errors; now plainly 404 (or 400)."""
    for username, url in (
        ("school_a", f"/school/assessments/{number}/A"),
        ("admin", f"/evidence/{number}"),
        ("admin", f"/reports/assessments/{number}.pdf"),
        ("admin", f"/admin/schools/{number}"),
        ("admin", f"/admin/cycles/{number}"),
        ("admin", f"/jobs/{number}/download"),
        ("admin", f"/admin/?cycle={number}"),
        ("admin", f"/admin/results?cycle={number}&page={number}"),
        ("admin", f"/admin/schools/?district={number}&page={number}"),
        ("admin", f"/admin/audit/?per_page={number}"),
        ("admin", f"/reports/region.xlsx?cycle={number}"),
        ("district_east", f"/admin/?district={number}"),
    ):
        response = as_user(username).get(url)
        response.close()
        tally("oracle_responses")
        assert response.status_code in (200, 400, 404), (url, response.status_code)
    client = as_user("school_a")
    url = f"/school/assessments/{world3['assessment_a']}/B"
    page = client.get(url).data.decode()
    assert client.post(url, data={"version": version_of(page), "delete_evidence": number}).status_code == 303
