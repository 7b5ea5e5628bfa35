"""Next year starts from last year (issue 16, part 12): in a new cycle each empty field shows the
school's value of the cycle before for the same input, 「沿用上年数据」 fills a page with them,
and they count as answered only once the school saves them."""

from __future__ import annotations

from typing import Any

from flask import Flask

from tests.webapp.conftest import version_of
from tests.webapp.review.test_review_leaks import next_cycle


def new_assessment(app: Flask, world: Any, cycle_id: int) -> Any:
    from webapp.extensions import db
    from webapp.models import Assessment

    with app.app_context():
        found = db.session.execute(
            db.select(Assessment).where(Assessment.cycle_id == cycle_id, Assessment.school_id == world["school_b_id"])
        ).scalar_one()
        db.session.expunge(found)
        return found


def test_a_new_cycle_offers_last_years_values_and_counts_them_only_once_saved(app: Flask, as_user, world) -> None:
    fresh = new_assessment(app, world, next_cycle(app, world))
    assert fresh.answered_count == 0
    school = as_user("school_b")
    url = f"/school/assessments/{fresh.id}/B"
    page = school.get(url).data.decode()
    assert "沿用上年数据" in page and "上年：" in page
    assert 'name="eligible_teachers" type="text" value=""' in page  # shown beside, not filled in
    filled = school.get(url + "?carry=1").data.decode()
    assert "上年数据：" in filled and 'name="eligible_teachers" type="text" value="40"' in filled
    assert new_assessment(app, world, fresh.cycle_id).answered_count == 0  # nothing stored yet
    assert "未开始" in school.get("/school/").data.decode()
    fields = ["eligible_teachers", "exchange_teachers", "backbone_exchange_teachers", "ethics_violations"]
    data = {"version": version_of(filled), "fields": fields}
    for name in fields:
        data[name] = filled.split(f'name="{name}" type="text" value="')[1].split('"')[0]
    assert all(data[name] for name in fields)
    assert school.post(url, data=data).status_code == 303
    assert new_assessment(app, world, fresh.cycle_id).answered_count > 0
    after = school.get(url).data.decode()
    assert "上年：" not in after.split('id="item-B1.1"')[1].split("</article>")[0]  # saved: no longer offered


def test_a_first_cycle_offers_nothing(as_user, world) -> None:
    page = as_user("school_a").get(f"/school/assessments/{world['assessment_a']}/B").data.decode()
    assert "沿用上年数据" not in page and "上年：" not in page
