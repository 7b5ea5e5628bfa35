"""A city's worth of schools: lists filtered by district, stage and name and paged 50 at a
time with the filter kept; 督学分工 and 增加参评学校 for everything a filter matches, without
ticking 60 boxes; the per-school boxes still work, a page at a time."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select


@pytest.fixture
def city(app: Flask, world: Any) -> dict[str, Any]:
    """62 schools: the world's two, 30 more primaries in 东区 and 30 junior schools in 南区
    (the last of them deactivated)."""
    from webapp.extensions import db
    from webapp.models import District, School

    with app.app_context():
        south = District(name="南区")
        db.session.add(south)
        db.session.flush()
        for n in range(1, 31):
            db.session.add(
                School(code=f"E{n:03d}", name=f"东区第{n}实验小学", district_id=world["district_east_id"], stages="primary")
            )
            db.session.add(
                School(
                    code=f"S{n:03d}", name=f"南区第{n}中学", district_id=south.id, stages="junior", active=n != 30
                )
            )
        db.session.commit()
        ids = {s.code: s.id for s in db.session.execute(select(School)).scalars()}
        return {"south": south.id, "ids": ids}


def codes_on(html: str) -> set[str]:
    return set(re.findall(r'<td class="mono small">([A-Z]\d{3})</td>', html))


def assigned(app: Flask, inspector_id: int) -> set[str]:
    from webapp.extensions import db
    from webapp.models import InspectorAssignment, School

    with app.app_context():
        return set(
            db.session.execute(
                select(School.code).join(InspectorAssignment, InspectorAssignment.school_id == School.id).where(
                    InspectorAssignment.user_id == inspector_id
                )
            ).scalars()
        )


def in_cycle(app: Flask, cycle_id: int) -> set[str]:
    from webapp.extensions import db
    from webapp.models import Assessment, School

    with app.app_context():
        return set(
            db.session.execute(
                select(School.code).join(Assessment, Assessment.school_id == School.id).where(
                    Assessment.cycle_id == cycle_id
                )
            ).scalars()
        )


def test_the_school_list_pages_by_50_and_keeps_the_filter(world: Any, city: Any, as_user: Any) -> None:
    admin = as_user("admin")
    first = admin.get("/admin/schools/").data.decode()
    assert "共 61 所，第 1/2 页" in first and len(codes_on(first)) == 50  # S030 is deactivated
    second = admin.get("/admin/schools/?page=2").data.decode()
    assert len(codes_on(second)) == 11 and not codes_on(first) & codes_on(second)
    assert len(codes_on(admin.get("/admin/schools/?page=9").data.decode())) == 11  # past the end: the last page
    south = admin.get(f"/admin/schools/?district={city['south']}").data.decode()
    assert codes_on(south) == {f"S{n:03d}" for n in range(1, 30)}
    assert len(codes_on(admin.get(f"/admin/schools/?district={city['south']}&inactive=1").data.decode())) == 30
    juniors = admin.get("/admin/schools/?stage=junior").data.decode()
    assert codes_on(juniors) == {"B001"} | {f"S{n:03d}" for n in range(1, 30)}
    found = admin.get("/admin/schools/?q=第1").data.decode()
    assert {"E001", "E010", "S001", "S019"} <= codes_on(found) and "E002" not in codes_on(found)
    primaries = admin.get("/admin/schools/?stage=primary&q=实验").data.decode()
    assert "共 30 所" in primaries and codes_on(primaries) == {f"E{n:03d}" for n in range(1, 31)}
    both = admin.get(f"/admin/schools/?district={world['district_east_id']}&q=第2").data.decode()
    assert codes_on(both) == {"E002"} | {f"E{n:03d}" for n in range(20, 30)}


def test_pager_links_keep_the_filter(city: Any, as_user: Any) -> None:
    page = as_user("admin").get("/admin/schools/?q=区&inactive=1").data.decode()
    assert "共 62 所，第 1/2 页" in page
    link = re.search(r'href="([^"]*page=2[^"]*)"', page)
    assert link and "q=%E5%8C%BA" in link.group(1) and "inactive=1" in link.group(1)


def test_a_district_officer_filters_only_within_the_district(city: Any, as_user: Any) -> None:
    officer = as_user("district_east")
    page = officer.get(f"/admin/schools/?district={city['south']}").data.decode()  # not theirs: ignored
    assert codes_on(page) <= {"A001"} | {f"E{n:03d}" for n in range(1, 31)} and "S001" not in page


def test_select_all_by_district_assigns_exactly_that_district(
    app: Flask, world: Any, city: Any, as_user: Any
) -> None:
    admin = as_user("admin")
    inspector = world["inspector_b"]
    page = admin.get(f"/admin/assignments/?inspector={inspector}&district={city['south']}").data.decode()
    assert "全选当前筛选结果" in page and "符合条件的学校 <strong>29</strong> 所" in page
    response = admin.post(
        "/admin/assignments/bulk", data={"inspector": str(inspector), "district": str(city["south"]), "action": "add"}
    )
    assert response.status_code == 303 and f"district={city['south']}" in response.headers["Location"]
    assert assigned(app, inspector) == {"B001"} | {f"S{n:03d}" for n in range(1, 30)}
    assert "新增29所" in admin.get(response.headers["Location"]).data.decode()
    removed = admin.post(
        "/admin/assignments/bulk",
        data={"inspector": str(inspector), "district": str(city["south"]), "stage": "junior", "action": "remove"},
    )
    assert removed.status_code == 303 and assigned(app, inspector) == {"B001"}
    assert admin.post("/admin/assignments/bulk", data={"inspector": str(world["school_a"]), "action": "add"}).status_code == 404
    assert admin.post("/admin/assignments/bulk", data={"inspector": str(inspector), "action": "drop"}).status_code == 400


def test_the_per_school_boxes_change_only_the_schools_shown(app: Flask, world: Any, city: Any, as_user: Any) -> None:
    admin = as_user("admin")
    inspector = world["inspector_a"]  # has A001
    ids = city["ids"]
    page = admin.get(f"/admin/assignments/?inspector={inspector}&q=东区第1").data.decode()
    assert 'name="shown"' in page
    response = admin.post(
        f"/admin/assignments/?inspector={inspector}&q=东区第1",
        data={
            "inspector": str(inspector),
            "shown": [str(ids["E001"]), str(ids["E010"])],
            "schools": [str(ids["E001"])],
        },
    )
    assert response.status_code == 303 and "q=" in response.headers["Location"]
    assert assigned(app, inspector) == {"A001", "E001"}  # A001 was not shown: untouched
    admin.post(
        "/admin/assignments/",
        data={"inspector": str(inspector), "shown": [str(ids["E001"]), str(ids["A001"])], "schools": []},
    )
    assert assigned(app, inspector) == set()


def test_the_assignment_page_pages_its_schools(world: Any, city: Any, as_user: Any) -> None:
    page = as_user("admin").get(f"/admin/assignments/?inspector={world['inspector_a']}").data.decode()
    assert "共 61 所，第 1/2 页" in page and page.count('name="shown"') == 50


def test_select_all_adds_the_filtered_schools_to_the_cycle(app: Flask, world: Any, city: Any, as_user: Any) -> None:
    admin = as_user("admin")
    cycle = world["cycle"]
    page = admin.get(f"/admin/cycles/{cycle}?district={city['south']}").data.decode()
    assert "尚未参评的学校 <strong>29</strong> 所" in page and "全选当前筛选结果" in page
    response = admin.post(f"/admin/cycles/{cycle}/schools", data={"district": str(city["south"])})
    assert response.status_code == 303
    assert in_cycle(app, cycle) == {"A001", "B001"} | {f"S{n:03d}" for n in range(1, 30)}
    again = admin.post(f"/admin/cycles/{cycle}/schools", data={"district": str(city["south"])})
    assert again.status_code == 303 and len(in_cycle(app, cycle)) == 31
    first_page = admin.get(f"/admin/cycles/{cycle}").data.decode()
    assert "共 30 所" in first_page  # the 东区 schools still to add
    from webapp.extensions import db
    from webapp.models import Assessment

    with app.app_context():
        added = db.session.execute(
            select(Assessment).where(Assessment.school_id == city["ids"]["S001"], Assessment.cycle_id == cycle)
        ).scalar_one()
        assert added.status == "draft" and added.applicable_count > 0


def test_a_new_cycle_takes_the_schools_of_the_filter(app: Flask, world: Any, city: Any, as_user: Any) -> None:
    admin = as_user("admin")
    page = admin.get(f"/admin/cycles/?district={city['south']}").data.decode()
    ticked = set(re.findall(r'name="schools" value="(\d+)" checked', page))
    assert ticked == {str(city["ids"][f"S{n:03d}"]) for n in range(1, 30)}
    assert "E001" not in page.split("开始新的年度评估")[1]


def test_the_results_ranking_is_filtered(world: Any, as_user: Any) -> None:
    admin = as_user("admin")
    page = admin.get(f"/admin/results?basis=self&district={world['district_west_id']}").data.decode()
    assert "西区第二中学" in page
    assert "西区第二中学" not in admin.get(f"/admin/results?basis=self&district={world['district_east_id']}").data.decode()


def test_the_command_assigns_a_district_to_an_inspector(app: Flask, world: Any, city: Any) -> None:
    from webapp.cli import cli

    runner = app.test_cli_runner()
    result = runner.invoke(cli, ["assign", "inspector_b", "--district", "南区", "--stage", "初中"])
    assert result.exit_code == 0, result.output
    assert assigned(app, world["inspector_b"]) == {"B001"} | {f"S{n:03d}" for n in range(1, 30)}
    removed = runner.invoke(cli, ["assign", "inspector_b", "--district", "南区", "--remove"])
    assert removed.exit_code == 0 and assigned(app, world["inspector_b"]) == {"B001"}
    assert runner.invoke(cli, ["assign", "school_a", "--district", "南区"]).exit_code == 1
    assert runner.invoke(cli, ["assign", "inspector_b", "--stage", "大学"]).exit_code == 1
