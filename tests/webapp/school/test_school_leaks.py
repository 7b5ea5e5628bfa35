"""What leaked out on the school's side (issue 16): the return note and where the comments are,
the verified result the school could not see, messages that named keys instead of fields, the
one meaning of 未开始, saving after the deadline.

School A's assessment is a draft with a few answers; B's is submitted (assigned to inspector_b).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from flask import Flask
from openpyxl import load_workbook

from tests.webapp.conftest import version_of
from tests.webapp.review.test_review_leaks import next_cycle, review


def return_b(as_user: Any, world: Any, note: str) -> None:
    inspector = as_user("inspector_b")
    assert review(inspector, world, "B1.1", "B", comment="请补充交流教师名单").status_code == 303
    assert review(inspector, world, "C1.3", "C", comment="请上传演练记录").status_code == 303
    page = inspector.get(f"/inspector/assessments/{world['assessment_b']}/overview").data.decode()
    returned = inspector.post(
        f"/inspector/assessments/{world['assessment_b']}/return", data={"version": version_of(page), "note": note}
    )
    assert returned.status_code == 303


def test_the_return_note_and_the_pages_with_comments_reach_the_school(as_user, world) -> None:
    return_b(as_user, world, "请于本周内补齐佐证材料后重新提交")
    school = as_user("school_b")
    home = school.get("/school/").data.decode()
    assert "请于本周内补齐佐证材料后重新提交" in home
    assert "B 队伍建设（1条）" in home and "C 食堂与后勤（1条）" in home and "A 学生发展（" not in home
    submit = school.get(f"/school/assessments/{world['assessment_b']}/submit").data.decode()
    assert "请于本周内补齐佐证材料后重新提交" in submit and "督学意见 1" in submit
    section = school.get(f"/school/assessments/{world['assessment_b']}/A").data.decode()
    tabs = section[section.index('aria-label="一级指标"') :][:2000]
    assert tabs.count("意见1") == 2


def test_after_finalisation_the_school_sees_the_verified_result_beside_its_own_with_the_reason(
    app: Flask, as_user, world
) -> None:
    inspector = as_user("inspector_b")
    assert review(inspector, world, "C1.1", "C", override_status="not_met", reason="现场未见明厨亮灶设备").status_code == 303
    page = inspector.get(f"/inspector/assessments/{world['assessment_b']}/overview").data.decode()
    rest = {"version": version_of(page), "items": re.findall(r'name="items" value="([^"]+)"', page)}
    assert inspector.post(f"/inspector/assessments/{world['assessment_b']}/confirm-rest", data=rest).status_code == 303
    page = inspector.get(f"/inspector/assessments/{world['assessment_b']}/overview").data.decode()
    assert (
        inspector.post(
            f"/inspector/assessments/{world['assessment_b']}/finalise", data={"version": version_of(page)}
        ).status_code
        == 303
    )
    from webapp.extensions import db
    from webapp.models import Assessment

    with app.app_context():
        verified = db.session.get(Assessment, world["assessment_b"]).verified_percent
    school = as_user("school_b")
    home = school.get("/school/").data.decode()
    assert "核定得分" in home and f"{verified:.2f}" in home
    section = school.get(f"/school/assessments/{world['assessment_b']}/C").data.decode()
    c11 = section[section.index('id="item-C1.1"') :][:4000]
    assert "自评：达标" in c11 and "核定：未达标" in c11 and "现场未见明厨亮灶设备" in c11


def test_earlier_cycles_link_their_reports_and_unfinished_work_stays_in_view(app: Flask, as_user, world) -> None:
    next_cycle(app, world)
    home = as_user("school_b").get("/school/").data.decode()
    earlier = home[home.index("往年评估") :]
    assert f"/reports/assessments/{world['assessment_b']}.pdf" in earlier
    assert "2024年度测试评估" in earlier


def test_messages_name_the_field_and_its_page_and_link_to_it(as_user, world) -> None:
    school = as_user("school_a")
    b_page = f"/school/assessments/{world['assessment_a']}/B"
    form = school.get(b_page).data.decode()
    # 交流教师 more than 符合条件教师: the cross-field error sits on page B
    school.post(
        b_page,
        data={"version": version_of(form), "fields": ["exchange_teachers"], "exchange_teachers": "50"},
    )
    a_page = f"/school/assessments/{world['assessment_a']}/A"
    form = school.get(a_page).data.decode()
    saved = school.post(
        a_page, data={"version": version_of(form), "fields": ["pe_minutes_daily"], "pe_minutes_daily": "50"}
    )
    assert saved.status_code == 303
    page = school.get(a_page).data.decode()
    assert "“交流教师”（B 队伍建设）" in page and "（见标红处）" not in page
    assert f'href="/school/assessments/{world["assessment_a"]}/B#item-B1.1">交流教师</a>' in page
    submit = school.get(f"/school/assessments/{world['assessment_a']}/submit").data.decode()
    assert f'href="/school/assessments/{world["assessment_a"]}/B#item-B1.1">交流教师</a>（B 队伍建设，B1.1）' in submit
    assert "exchange_teachers：" not in submit


def test_the_bonus_and_its_cap_are_worded_the_same_on_every_school_page(app: Flask, as_user, world) -> None:
    from tests.webapp.helpers import fill_completely
    from webapp.extensions import db
    from webapp.models import User

    with app.test_request_context():  # every 加分项 met: more than the cap of 3
        fill_completely(world["assessment_a"], db.session.get(User, world["school_a"]), daily_pe_lesson=True, city_awards=1)
    school = as_user("school_a")
    submit = school.get(f"/school/assessments/{world['assessment_a']}/submit").data.decode()
    home = school.get("/school/").data.decode()
    worded = re.findall(r"加分\d+(?:\.\d+)?分(?:，按上限计\d+分)?", submit + home)
    assert worded and len(set(worded)) == 1, worded
    assert "上限 3" not in submit and "加分 " not in submit


def test_an_unstarted_assessment_reads_not_started_everywhere_with_no_score(app: Flask, as_user, world) -> None:
    cycle = next_cycle(app, world)
    from webapp.api.tokens import create_token
    from webapp.extensions import db
    from webapp.models import Assessment

    with app.app_context():
        fresh = db.session.execute(
            db.select(Assessment).where(Assessment.cycle_id == cycle, Assessment.school_id == world["school_b_id"])
        ).scalar_one()
        fresh_id = fresh.id
        token = create_token("admin", "测试").token
    home = as_user("school_b").get("/school/").data.decode()
    assert "未开始" in home and "不合格" not in home and "尚未开始填报" in home
    bureau = as_user("admin").get(f"/admin/schools/{world['school_b_id']}").data.decode()
    row = bureau[bureau.index("2025年度测试评估") :][:800]
    assert "未开始" in row and "0.00" not in row
    queue = as_user("inspector_b").get("/inspector/?show=all").data.decode()
    assert "未开始" in queue
    api = app.test_client().get(f"/api/v1/assessments/{fresh_id}", headers={"Authorization": f"Bearer {token}"})
    assert api.json["status_label"] == "未开始" and api.json["self"]["percent"] is None
    workbook = load_workbook(io.BytesIO(as_user("admin").get("/admin/results/scores.xlsx").data))
    sheet = workbook.worksheets[0]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    b = next(r for r in rows if r[0] == "B001")
    assert b[header.index("状态")] == "未开始" and b[header.index("自评得分")] in (None, "")


def test_saving_after_the_deadline_is_refused_and_nothing_typed_is_lost(app: Flask, as_user, world) -> None:
    from webapp.database import write_transaction
    from webapp.extensions import db
    from webapp.models import Answer, Cycle

    with app.app_context(), write_transaction():
        db.session.get(Cycle, world["cycle"]).deadline = dt.date.today() - dt.timedelta(days=1)
    school = as_user("school_a")
    url = f"/school/assessments/{world['assessment_a']}/A"
    form = school.get(url).data.decode()
    assert "已过提交截止日期" in form
    refused = school.post(
        url, data={"version": version_of(form) if 'name="version"' in form else "1", "fields": ["pe_minutes_daily"],
                   "pe_minutes_daily": "75"}
    )
    assert refused.status_code == 409
    html = refused.data.decode()
    assert "已过提交截止日期" in html and 'value="75"' in html
    with app.app_context():
        stored = db.session.execute(
            db.select(Answer).where(Answer.assessment_id == world["assessment_a"], Answer.key == "pe_minutes_daily")
        ).scalar_one()
        assert stored.raw == "45"


def test_last_years_returned_assessment_stays_in_view_and_can_still_be_resubmitted(app: Flask, as_user, world) -> None:
    return_b(as_user, world, "请补充材料")
    next_cycle(app, world)  # 2024 closed, 2025 open: the return must not be stranded
    school = as_user("school_b")
    home = school.get("/school/").data.decode()
    assert "2024年度测试评估的自评已退回修改，仍需完成" in home
    assert f"/school/assessments/{world['assessment_b']}/submit" in home
    mine = f"/school/assessments/{world['assessment_b']}/B"
    form = school.get(mine).data.decode()
    saved = school.post(mine, data={"version": version_of(form), "fields": "eligible_teachers", "eligible_teachers": "44"})
    assert saved.status_code == 303
    submit = f"/school/assessments/{world['assessment_b']}/submit"
    assert school.post(submit, data={"version": version_of(school.get(submit).data.decode())}).status_code == 303
    queue = as_user("inspector_b").get("/inspector/").data.decode()
    assert "2024年度" in queue and "开始核定" in queue
