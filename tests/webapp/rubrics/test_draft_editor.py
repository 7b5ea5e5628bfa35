"""The draft editor in the browser, with the test client: a bureau officer brings a plan (a file
of any format, or pasted text), corrects what the text proposes of itself, starts a draft,
accepts, rejects and edits items beside the plan's text, adds what the extractor missed, sees
the points and the checks of ``rubric check`` beside each item as they work, and publishes a new
rubric version that a cycle then uses. Two officers never overwrite each other's work."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from tests.webapp.rubrics.plan_files import PLAN_LINES, docx_bytes, html_page, pdf_bytes, xlsx_bytes, zip_bytes

EDITOR_LINES = (
    *PLAN_LINES,
    "三、推进学前教育普及",
    "5.全市普惠性幼儿园覆盖率达到91%以上。",
    "6.推动家校共育，办好家长学校，密切家校联系。",
)
PLAN_DOCX = docx_bytes(EDITOR_LINES)


# -- helpers ---------------------------------------------------------------------------------------


def upload(client: FlaskClient, data: bytes | None, name: str = "营口要点.docx", **fields: str) -> Any:
    form: dict[str, Any] = {"title": "", "issuer": "", "year": "", "doc_number": "", "text": "", **fields}
    if data is not None:
        form["file"] = (io.BytesIO(data), name)
    return client.post("/admin/plans/new", data=form, content_type="multipart/form-data")


def plan_key(response: Any) -> str:
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    match = re.search(r"/admin/plans/([^/?#]+)$", response.headers["Location"])
    assert match, response.headers["Location"]
    return match.group(1)


def start(client: FlaskClient, key: str, base: str = "") -> int:
    response = client.post(f"/admin/plans/{key}/drafts", data={"base": base})
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    return int(response.headers["Location"].rsplit("/", 1)[-1])


def new_draft(client: FlaskClient, data: bytes = PLAN_DOCX) -> tuple[str, int]:
    key = plan_key(upload(client, data))
    return key, start(client, key)


def items(app: Flask, draft_id: int) -> list[dict[str, Any]]:
    from webapp.extensions import db
    from webapp.models import RubricDraft

    with app.app_context():
        draft = db.session.get(RubricDraft, draft_id)
        return list(draft.content["items"])


def item(app: Flask, draft_id: int, fragment: str) -> dict[str, Any]:
    found = [i for i in items(app, draft_id) if fragment in i["quote"]]
    assert len(found) == 1, [i["quote"] for i in items(app, draft_id)]
    return found[0]


def form_of(i: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The item's full form as the editor page fills it, with some fields changed."""

    def number(value: float | None) -> str:
        if value is None:
            return ""
        if i.get("unit") == "时刻":
            return f"{int(value) // 60}:{int(value) % 60:02d}"  # a time of the day, as the page shows it
        return f"{round(value * 100, 6):g}" if i.get("unit") == "比例" else f"{value:g}"

    data: dict[str, Any] = {
        "rev": str(i["rev"]),
        "full": "1",
        "title": i.get("title") or "",
        "kind": i["kind"],
        "comparator": i.get("comparator") or "at_least",
        "value": number(i.get("value")),
        "value_max": number(i.get("value_max")),
        "unit": "%" if i.get("unit") == "比例" else (i.get("unit") or ""),
        "period": i.get("period") or "",
        "stages": list(i.get("stages") or []),
        "modality": i.get("modality") or "must",
        "points": f"{float(i.get('points') or 0):g}",
        "evidence": "\n".join(i.get("evidence") or []),
        "method": i.get("method") or "",
        "advice": i.get("advice") or "",
        "dimension": i.get("dimension") or "B",
        "indicator": i.get("indicator") or "",
    }
    if i.get("veto"):
        data["veto"] = "y"
    if i.get("bonus"):
        data["bonus"] = "y"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def save(client: FlaskClient, draft_id: int, i: dict[str, Any], **changes: Any) -> Any:
    return client.post(f"/admin/editor/{draft_id}/items/{i['uid']}", data=form_of(i, **changes))


def page(client: FlaskClient, draft_id: int) -> str:
    response = client.get(f"/admin/editor/{draft_id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def card(html: str, uid: str) -> str:
    """The editor's article of one item."""
    match = re.search(rf'<article class="cand draft-item[^"]*" id="i-{uid}".*?</article>', html, re.S)
    assert match, uid
    return match.group(0)


def events(app: Flask, action: str) -> list[Any]:
    from webapp.extensions import db
    from webapp.models import AuditEvent

    with app.app_context():
        rows = db.session.execute(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))
        return [(e.old, e.new, e.actor_name) for e in rows.scalars()]


# -- (a) bringing a plan ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "format_"),
    [
        (PLAN_DOCX, "营口要点.docx", "docx"),
        (pdf_bytes(EDITOR_LINES), "营口要点.pdf", "pdf"),
        (html_page("".join(f"<p>{line}</p>" for line in EDITOR_LINES)).encode("utf-8"), "营口要点.html", "html"),
        ("\n".join(EDITOR_LINES).encode("gb18030"), "营口要点.txt", "txt"),
        (xlsx_bytes({"Sheet1": [[line] for line in EDITOR_LINES]}), "营口要点.xlsx", "xlsx"),
    ],
    ids=["docx", "pdf", "html", "txt", "xlsx"],
)
def test_a_plan_of_any_format_enters_the_library_with_its_metadata_proposed(
    app: Flask, as_user: Any, data: bytes, name: str, format_: str
) -> None:
    from webapp.extensions import db
    from webapp.models import Plan

    admin = as_user("admin")
    key = plan_key(upload(admin, data, name))
    with app.app_context():
        plan = db.session.execute(select(Plan).where(Plan.key == key)).scalar_one()
        assert plan.format == format_ and plan.source_name == name
        assert (plan.title, plan.issuer, plan.year, plan.doc_number) == (
            "营口市教育局2025年工作要点",
            "营口市教育局",
            2025,
            "营教发〔2025〕3号",
        )
    html = admin.get(f"/admin/plans/{key}").get_data(as_text=True)
    assert 'value="营教发〔2025〕3号"' in html and "开始起草" in html


def test_a_draft_of_an_assessment_table_takes_the_points_and_methods_its_rows_give(app: Flask, as_user: Any) -> None:
    rows: list[list[object]] = [
        ["某县教育局2025年中小学办学水平督导评估细则", None, None, None, None],
        ["一级指标", "二级指标", "评估内容及标准", "分值", "评估方法"],
        ["教育教学", "体育工作", "保证学生每天校园体育活动时间不少于1小时，每周体育课小学不少于4节", 4, "现场查看"],
        [None, "作业管理", "初中书面作业平均完成时间不超过90分钟", 3, "问卷调查"],
    ]
    admin = as_user("admin")
    key = plan_key(upload(admin, xlsx_bytes({"细则": rows}, merges={"细则": ["A1:E1", "A3:A4"]}), "细则.xlsx"))
    found = {
        (i["kind"], i["value"]): (i["points"], i["method"])
        for i in items(app, start(admin, key))
        if i["scope"] == "school"
    }
    assert found == {
        ("duration", 60): (2, "现场查看"),  # the row's 4 points, shared by its two requirements
        ("frequency", 4): (2, "现场查看"),
        ("duration", 90): (3, "问卷调查"),  # a row under the merged 教育教学, its cells counted from the right
    }


def test_pasted_text_is_a_plan_too_and_what_is_typed_wins(app: Flask, as_user: Any) -> None:
    from webapp.extensions import db
    from webapp.models import Plan

    admin = as_user("admin")
    key = plan_key(upload(admin, None, text="\n".join(EDITOR_LINES), year="2026", issuer="营口市教育局办公室"))
    with app.app_context():
        plan = db.session.execute(select(Plan).where(Plan.key == key)).scalar_one()
        assert (plan.format, plan.title, plan.issuer, plan.year) == (
            "txt",
            "营口市教育局2025年工作要点",
            "营口市教育局办公室",
            2026,
        )


def test_the_proposed_metadata_can_be_corrected_and_the_change_is_audited(app: Flask, as_user: Any) -> None:
    from webapp.audit import change_summary
    from webapp.extensions import db
    from webapp.models import Plan

    admin = as_user("admin")
    key = plan_key(upload(admin, PLAN_DOCX))
    response = admin.post(
        f"/admin/plans/{key}",
        data={"title": "营口市2025年教育工作要点", "issuer": "营口市教育局", "year": "2025", "doc_number": "营教发〔2025〕4号"},
    )
    assert response.status_code == 303
    with app.app_context():
        plan = db.session.execute(select(Plan).where(Plan.key == key)).scalar_one()
        assert (plan.title, plan.doc_number) == ("营口市2025年教育工作要点", "营教发〔2025〕4号")
    [(old, new, _)] = events(app, "plan_changed")
    assert change_summary(old, new) == "标题：营口市教育局2025年工作要点 → 营口市2025年教育工作要点；文号：营教发〔2025〕3号 → 营教发〔2025〕4号"
    bad = admin.post(f"/admin/plans/{key}", data={"title": "新标题", "issuer": "", "year": "25", "doc_number": ""})
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert "年度应在1949到2100之间" in html and 'value="新标题"' in html


@pytest.mark.parametrize(
    ("data", "name", "config", "message"),
    [
        (None, "", {}, "请选择工作要点文件，或在下方粘贴全文"),
        (b"", "empty.txt", {}, "文件是空的，没有文字"),
        (b"   \n  ", "blank.txt", {}, "文件是空的，没有文字"),
        (zip_bytes({"要点.txt": "1.各学校".encode()}), "要点.docx", {}, "这是一个压缩包（.zip），不是 Word 文档"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "要点.png", {}, "图片"),
        (PLAN_DOCX, "营口要点.docx", {"PLAN_MAX_BYTES": 1000}, "文件过大"),
    ],
    ids=["nothing", "empty-file", "blank", "zip", "image", "oversized"],
)
def test_a_bad_file_is_refused_beside_the_field_and_what_was_typed_is_kept(
    app: Flask, as_user: Any, data: bytes | None, name: str, config: dict[str, Any], message: str
) -> None:
    from webapp.models import Plan

    app.config.update(config)
    admin = as_user("admin")
    response = upload(admin, data, name, title="我的标题", doc_number="营教发〔2025〕9号")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    field = re.search(r'<div class="field has-error">\s*<label for="file">.*?</div>\s*(<ul class="errors">.*?</ul>)', html, re.S)
    assert field and message in field.group(1), html[:3000]
    assert 'value="我的标题"' in html and 'value="营教发〔2025〕9号"' in html
    with app.app_context():
        from webapp.extensions import db

        assert db.session.execute(select(func.count()).select_from(Plan)).scalar_one() == 0


# -- (b), (c) the draft and the editor --------------------------------------------------------------


def test_a_draft_starts_from_the_plan_with_every_candidate_highlighted_in_its_text(
    app: Flask, as_user: Any
) -> None:
    from webapp.extensions import db
    from webapp.models import RubricDraft

    admin = as_user("admin")
    key, draft_id = new_draft(admin)
    with app.app_context():
        draft = db.session.get(RubricDraft, draft_id)
        assert draft.plan_key == key and draft.version == 1 and draft.rubric_version == 1
    html = page(admin, draft_id)
    ratio = item(app, draft_id, "10%")
    assert ratio["status"] == "pending" and ratio["kind"] == "ratio" and ratio["value"] == pytest.approx(0.10)
    # the quote is marked in the plan's text and leads to its item
    assert f'<a class="mark pending" href="#i-{ratio["uid"]}"' in html
    assert re.search(rf'href="#i-{ratio["uid"]}" data-uid="{ratio["uid"]}">各学校教师交流轮岗的比例', html)
    # the region's target is set aside with its reason
    region = item(app, draft_id, "普惠性幼儿园")
    aside = html.split("暂不列为要点的候选")[1]
    assert f'id="i-{region["uid"]}"' in aside and "全市（区域）指标" in card(html, region["uid"])
    assert f'id="i-{ratio["uid"]}"' not in aside
    assert events(app, "draft_started")[0][1]["items"] == len(items(app, draft_id))


def test_edits_of_threshold_points_and_dimension_are_saved_checked_and_audited(app: Flask, as_user: Any) -> None:
    from webapp.audit import change_summary

    admin = as_user("admin")
    _, draft_id = new_draft(admin)
    ratio = item(app, draft_id, "10%")
    response = save(admin, draft_id, ratio, decision="accepted", value="15", points="8", dimension="B", indicator="教师交流")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"#i-{ratio['uid']}")
    saved = item(app, draft_id, "10%")
    assert saved["status"] == "accepted" and saved["value"] == pytest.approx(0.15)
    assert (saved["points"], saved["dimension"], saved["indicator"], saved["rev"]) == (8, "B", "教师交流", 2)
    html = page(admin, draft_id)
    article = card(html, ratio["uid"])
    assert "≥15%" in article and "原文：≥10%" in article and "B1.1" in article
    # the rubric it would publish says where the new number comes from, and passes the check
    from webapp.extensions import db
    from webapp.models import RubricDraft
    from webapp.rubrics.pages import draft_built

    with app.app_context():
        built = draft_built(db.session.get(RubricDraft, draft_id))
    assert built.publishable, (built.general, built.by_item)
    assert "value: 0.15" in built.yaml_text and "起草时将要求由≥10%改为≥15%（admin）" in built.yaml_text
    [(old, new, actor)] = events(app, "draft_item_saved")
    summary = change_summary(old, new)
    assert actor == "admin"
    assert "决定：未审核 → 已采纳" in summary and "阈值：0.1 → 0.15" in summary
    assert not re.search(r"[A-Za-z]{3,}", summary.replace("admin", "")), summary


def test_the_points_add_up_per_dimension_and_in_all_on_every_save(app: Flask, as_user: Any) -> None:
    admin = as_user("admin")
    _, draft_id = new_draft(admin)
    pe = item(app, draft_id, "1小时")
    drill = item(app, draft_id, "应急疏散演练")
    save(admin, draft_id, pe, decision="accepted", points="60", dimension="D")
    save(admin, draft_id, drill, decision="accepted", points="30", dimension="F")
    html = page(admin, draft_id)
    totals = html.split('id="draft-totals"')[1].split("</table>")[0]
    assert "<strong data-total>90</strong>" in totals and "还差10分" in totals
    assert re.search(r"D　学生发展（五育并举）</td><td class=\"num\">1</td><td class=\"num\">60</td>", totals)
    assert re.search(r"F　校园安全</td><td class=\"num\">1</td><td class=\"num\">30</td>", totals)
    save(admin, draft_id, item(app, draft_id, "应急疏散演练"), points="40")
    assert "正好100分" in page(admin, draft_id)


def test_a_problem_of_rubric_check_is_shown_beside_its_item(app: Flask, as_user: Any) -> None:
    admin = as_user("admin")
    _, draft_id = new_draft(admin)
    pe = item(app, draft_id, "1小时")
    drill = item(app, draft_id, "应急疏散演练")
    save(admin, draft_id, drill, decision="accepted", points="40")
    save(admin, draft_id, pe, decision="accepted", points="0")
    html = page(admin, draft_id)
    assert "分值应为正数" in card(html, pe["uid"])
    assert "分值应为正数" not in card(html, drill["uid"])
    # publishing is refused until it is fixed
    refused = admin.post(f"/admin/editor/{draft_id}/publish", data={"rubric_id": "yingkou-2025", "version": "1", "title": ""})
    assert refused.status_code == 422 and "草稿未通过检查" in refused.get_data(as_text=True)


def test_bad_input_is_refused_beside_the_field_and_nothing_typed_is_lost(app: Flask, as_user: Any) -> None:
    admin = as_user("admin")
    _, draft_id = new_draft(admin)
    ratio = item(app, draft_id, "10%")
    response = save(admin, draft_id, ratio, value="十五", points="8", advice="请尽快整改")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    article = card(html, ratio["uid"])
    assert "“十五”不是有效的数字" in article and 'value="十五"' in article and "请尽快整改" in article
    assert "<details open>" in article and html.count("<details open>") == 1  # only the refused item is open
    assert item(app, draft_id, "10%")["rev"] == 1
    both = save(admin, draft_id, ratio, veto="y", bonus="y")
    assert both.status_code == 422 and "一票否决项不能同时是加分项" in both.get_data(as_text=True)


def test_a_stale_save_is_refused_with_both_versions_shown_and_nothing_lost(app: Flask, as_user: Any) -> None:
    from tests.webapp.conftest import login

    admin = as_user("admin")
    _, draft_id = new_draft(admin)
    ratio = item(app, draft_id, "10%")  # both officers opened the page at revision 1
    first = save(admin, draft_id, ratio, decision="accepted", value="15", points="8")
    assert first.status_code == 303
    other = app.test_client()
    assert login(other, "admin").status_code == 302
    second = save(other, draft_id, ratio, decision="accepted", value="20", points="6", advice="第二位的意见")
    assert second.status_code == 409
    html = second.get_data(as_text=True)
    assert "这一要点已被admin修改" in html and "您的版本" in html and "已保存的版本" in html
    table = html.split("conflict-table")[1].split("</table>")[0]
    assert re.search(r"<td>20</td><td>15</td>", table) and re.search(r"<td>6</td><td>8</td>", table)
    assert "第二位的意见" in html
    saved = item(app, draft_id, "10%")
    assert saved["value"] == pytest.approx(0.15) and saved["points"] == 8 and saved["rev"] == 2
    # the second officer may still keep theirs, knowingly, on the saved revision
    keep = re.search(r'name="rev" value="(\d+)"', html.split("保留您的版本")[1])
    assert keep and keep.group(1) == "2"
    assert save(other, draft_id, saved, value="20", points="6").status_code == 303
    assert item(app, draft_id, "10%")["value"] == pytest.approx(0.20)


def test_a_save_by_fetch_answers_with_the_new_revision_the_points_and_the_problems(app: Flask, as_user: Any) -> None:
    admin = as_user("admin")
    _, draft_id = new_draft(admin)
    pe = item(app, draft_id, "1小时")
    response = admin.post(
        f"/admin/editor/{draft_id}/items/{pe['uid']}",
        data=form_of(pe, decision="accepted", points="0"),
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["ok"] and body["rev"] == 2 and body["requirement"] == "≥60分钟/天"
    assert any("分值应为正数" in p for p in body["problems"][pe["uid"]])
    assert "data-total>0</strong>" in body["totals"]
    bad = admin.post(
        f"/admin/editor/{draft_id}/items/{pe['uid']}",
        data=form_of({**pe, "rev": 2}, value="一小时"),
        headers={"X-Requested-With": "fetch"},
    )
    assert bad.status_code == 422 and bad.get_json()["errors"] == {"value": ["“一小时”不是有效的数字"]}
    stale = admin.post(
        f"/admin/editor/{draft_id}/items/{pe['uid']}", data=form_of(pe), headers={"X-Requested-With": "fetch"}
    )
    assert stale.status_code == 409 and "已被admin修改" in stale.get_json()["conflict"]


def test_an_item_the_extractor_missed_is_made_from_a_passage_of_the_text(app: Flask, as_user: Any) -> None:
    admin = as_user("admin")
    _, draft_id = new_draft(admin)
    before = len(items(app, draft_id))
    response = admin.post(f"/admin/editor/{draft_id}/items", data={"quote": "办好家长学校"})
    assert response.status_code == 303
    added = item(app, draft_id, "办好家长学校")
    assert len(items(app, draft_id)) == before + 1
    assert (added["origin"], added["status"], added["kind"], added["clause"]) == ("added", "accepted", "existence", "6")
    html = page(admin, draft_id)
    assert f'href="#i-{added["uid"]}" data-uid="{added["uid"]}">办好家长学校</a>' in html
    from webapp.extensions import db
    from webapp.models import RubricDraft
    from webapp.rubrics.pages import draft_built

    with app.app_context():
        built = draft_built(db.session.get(RubricDraft, draft_id))
    assert "quote: 办好家长学校" in built.yaml_text and not built.by_item
    assert events(app, "draft_item_added")[0][1]["quote"] == "办好家长学校"
    for passage, message in (
        ("办好家长学堂", "这段文字不在工作要点原文中"),
        (".各学校", "不止一次"),
        ("学校", "请至少选取4个字"),
        ("", "请从左侧原文中选取或复制一段要求"),
    ):
        refused = admin.post(f"/admin/editor/{draft_id}/items", data={"quote": passage})
        assert refused.status_code == 422 and message in refused.get_data(as_text=True), passage


def test_a_region_target_is_rejected_and_stays_out_of_the_rubric(app: Flask, as_user: Any) -> None:
    admin = as_user("admin")
    _, draft_id = new_draft(admin)
    region = item(app, draft_id, "普惠性幼儿园")
    response = admin.post(f"/admin/editor/{draft_id}/items/{region['uid']}", data={"rev": "1", "decision": "rejected"})
    assert response.status_code == 303
    assert item(app, draft_id, "普惠性幼儿园")["status"] == "rejected"
    assert item(app, draft_id, "普惠性幼儿园")["value"] == pytest.approx(0.91)  # nothing else touched


# -- (d) publish and use ----------------------------------------------------------------------------


def accept_all(app: Flask, client: FlaskClient, draft_id: int, points: dict[str, str]) -> None:
    for fragment, value in points.items():
        response = save(client, draft_id, item(app, draft_id, fragment), decision="accepted", points=value)
        assert response.status_code == 303, response.get_data(as_text=True)[:1000]


YINGKOU_POINTS = {"1小时": "30", "应急疏散演练": "20", "10%": "30", "有偿补课": "10", "开足开齐": "10"}


def test_a_deduction_the_plan_states_is_published_capped_at_the_points_the_officer_gives(
    app: Flask, as_user: Any
) -> None:
    import yaml

    from webapp.extensions import db
    from webapp.models import RubricRecord

    rows: list[list[object]] = [
        ["某县2025年中小学规范办学考核细则", None, None],
        ["考核内容", "分值", "评分标准"],
        ["严禁在职教师有偿补课", 5, "发现一例扣2分，扣完为止"],
        ["建立健全学校安全管理制度", 3, "每缺一项扣1分"],
    ]
    admin = as_user("admin")
    draft_id = start(admin, plan_key(upload(admin, xlsx_bytes({"细则": rows}), "细则.xlsx")))
    tutoring = item(app, draft_id, "有偿补课")
    assert tutoring["points"] == 5  # the row's points
    html = page(admin, draft_id)
    shown = card(html, tutoring["uid"])
    # the requirement says the deduction it is scored by; the quote keeps the row's cells apart
    assert "禁止，每例扣2分" in shown and "原文：" not in shown
    assert "严禁在职教师有偿补课 ｜ 5 ｜ 发现一例扣2分" in shown
    assert "须有，每缺一项扣1分" in card(html, item(app, draft_id, "安全管理制度")["uid"])
    assert 'id="unread-notice"' not in html  # the deductions' numbers are read: no sentence left to look at
    response = save(admin, draft_id, tutoring, decision="accepted", points="8")
    assert response.status_code == 303, response.get_data(as_text=True)[:1000]
    published = admin.post(f"/admin/editor/{draft_id}/publish", data={"rubric_id": "kh-2025", "version": "1", "title": ""})
    assert published.status_code == 303, published.get_data(as_text=True)[:3000]
    with app.app_context():
        text = db.session.execute(select(RubricRecord.yaml_text).where(RubricRecord.rubric_id == "kh-2025")).scalar_one()
    [published_item] = [
        i for d in yaml.safe_load(text)["dimensions"] for ind in d["indicators"] for i in ind["items"] if i["points"] == 8
    ]
    assert published_item["points"] == 8
    assert published_item["rule"] == {"kind": "deduct", "input": "paid_tutoring_cases", "per": 2, "cap": 8}


def test_a_published_draft_is_a_new_rubric_version_a_cycle_uses_and_a_school_sees_with_its_quotes(
    app: Flask, as_user: Any, world: Any
) -> None:
    from webapp.bureau import operations as bureau
    from webapp.extensions import db
    from webapp.models import Assessment, RubricDraft, RubricRecord, User

    admin = as_user("admin")
    _, draft_id = new_draft(admin)
    accept_all(app, admin, draft_id, YINGKOU_POINTS)
    admin.post(f"/admin/editor/{draft_id}/items", data={"quote": "办好家长学校"})
    added = item(app, draft_id, "办好家长学校")
    save(admin, draft_id, added, points="5", bonus="y", title="办好家长学校")
    response = admin.post(
        f"/admin/editor/{draft_id}/publish", data={"rubric_id": "yingkou-2025", "version": "1", "title": "2025年营口市办学水平自评细则"}
    )
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    with app.app_context():
        record = db.session.execute(select(RubricRecord).where(RubricRecord.rubric_id == "yingkou-2025")).scalar_one()
        assert response.headers["Location"].endswith(f"/admin/rubrics/{record.id}")
        draft = db.session.get(RubricDraft, draft_id)
        assert draft.published_record_id == record.id and draft.rubric_version == 2
        record_id = record.id
    # publishing the same version again is refused: a change is a new version
    again = admin.post(f"/admin/editor/{draft_id}/publish", data={"rubric_id": "yingkou-2025", "version": "1", "title": ""})
    assert again.status_code == 422 and "已经发布" in again.get_data(as_text=True)
    assert events(app, "draft_published")[0][1]["rubric"] == "yingkou-2025 v1"
    # a cycle with it; the school sees the new items with their quotes
    with app.test_request_context():
        actor = db.session.get(User, world["admin"])
        bureau.close_cycle(world["cycle"], actor)
        cycle = bureau.open_cycle("2025年度评估", 2025, record_id, None, [world["school_a_id"]], actor)
        assessment = db.session.execute(
            select(Assessment).where(Assessment.cycle_id == cycle.id, Assessment.school_id == world["school_a_id"])
        ).scalar_one()
        assessment_id = assessment.id
    school = as_user("school_a")
    html = "".join(
        school.get(f"/school/assessments/{assessment_id}/{d}").get_data(as_text=True) for d in ("B", "D", "E", "F", "H")
    )
    assert "“办好家长学校”" in html
    assert "各学校教师交流轮岗的比例不低于符合交流条件教师总数的10%" in html


# -- (e) next year from last year ------------------------------------------------------------------

NEXT_YEAR_LINES = (
    "营口市教育局2026年工作要点",
    "营教发〔2026〕2号",
    "一、提升学生体质健康水平",
    "1.落实每日校内体育活动不少于1小时要求，开足开齐体育与健康课程。",
    "2.各学校每学期至少组织2次应急疏散演练，并做好记录。",
    "二、加强教师队伍建设",
    "3.各学校教师交流轮岗的比例不低于符合交流条件教师总数的15%。",
    "4.各学校每学年开展1—2次研学实践活动。",
)


def test_next_years_draft_carries_last_years_items_and_shows_what_changed(app: Flask, as_user: Any) -> None:
    from webapp.extensions import db
    from webapp.models import RubricDraft, RubricRecord

    admin = as_user("admin")
    _, first = new_draft(admin)
    accept_all(app, admin, first, YINGKOU_POINTS)
    published = admin.post(f"/admin/editor/{first}/publish", data={"rubric_id": "yingkou-2025", "version": "1", "title": ""})
    assert published.status_code == 303, published.get_data(as_text=True)[:3000]
    with app.app_context():
        base_id = db.session.execute(select(RubricRecord.id).where(RubricRecord.rubric_id == "yingkou-2025")).scalar_one()
    key = plan_key(upload(admin, docx_bytes(NEXT_YEAR_LINES), "营口要点2026.docx"))
    second = start(admin, key, str(base_id))
    with app.app_context():
        draft = db.session.get(RubricDraft, second)
        assert (draft.rubric_id, draft.rubric_version, draft.base_record_id) == ("yingkou-2025", 2, base_id)
    # the same clause: last year's item carried forward as it was, citing this year's plan
    pe = item(app, second, "1小时")
    assert pe["status"] == "accepted" and pe["points"] == 30 and pe["base"]["change"] == "same"
    assert pe["origin"] == "kept" and pe["base_item"]["source"]["doc"] == key
    assert pe["base_item"]["rule"] == {"kind": "at_least", "input": "pe_minutes_daily", "value": 60}
    # the same requirement with another threshold: carried, the two thresholds side by side
    ratio = item(app, second, "15%")
    assert ratio["status"] == "accepted" and ratio["points"] == 30 and ratio["base"]["change"] == "changed"
    assert ratio["value"] == pytest.approx(0.15)
    html = page(admin, second)
    side = html.split("与上一年度相比阈值有变化")[1].split("</table>")[0]
    assert "≥10%" in side and "<strong>≥15%</strong>" in side
    # a new requirement is proposed, not accepted
    trips = item(app, second, "研学")
    assert trips["status"] == "pending" and trips["base"] is None and "新增要求" in card(html, trips["uid"])
    # last year's item whose clause is gone is proposed for retirement
    [gone] = [i for i in items(app, second) if i["origin"] == "retired"]
    assert gone["status"] == "rejected" and "有偿补课" in gone["quote"]
    assert f'id="i-{gone["uid"]}"' in html.split("今年原文中已没有的要点")[1]
    # and the new version publishes as version 2, the first untouched
    response = admin.post(f"/admin/editor/{second}/publish", data={"rubric_id": "yingkou-2025", "version": "2", "title": ""})
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    with app.app_context():
        versions = db.session.execute(
            select(RubricRecord.version).where(RubricRecord.rubric_id == "yingkou-2025").order_by(RubricRecord.version)
        ).scalars().all()
        assert versions == [1, 2]


def test_the_editor_pages_speak_chinese(app: Flask, as_user: Any) -> None:
    from tests.webapp.conftest import USERS
    from tests.webapp.test_no_english import english_in

    admin = as_user("admin")
    key, draft_id = new_draft(admin)
    ratio = item(app, draft_id, "10%")
    save(admin, draft_id, ratio, decision="accepted", points="0")
    conflict = save(admin, draft_id, ratio, points="3")
    assert conflict.status_code == 409
    pages = {
        "upload": admin.get("/admin/plans/new").get_data(as_text=True),
        "refused upload": upload(admin, None).get_data(as_text=True),
        "plan": admin.get(f"/admin/plans/{key}").get_data(as_text=True),
        "editor": page(admin, draft_id),
        "conflict": conflict.get_data(as_text=True),
        "refused publish": admin.post(
            f"/admin/editor/{draft_id}/publish", data={"rubric_id": "Bad Id", "version": "x", "title": ""}
        ).get_data(as_text=True),
    }
    admin.post(f"/admin/editor/{draft_id}/items", data={"quote": "办好家长学校"})
    pages["audit log"] = admin.get("/admin/audit/").get_data(as_text=True)
    for words in ("开始起草评估细则", "修改草稿要点", "从原文新增要点", "决定：未审核 → 已采纳", "分值"):
        assert words in pages["audit log"], words
    for name, html in pages.items():
        assert english_in(html, {"admin", *USERS}) == [], name


def test_a_draft_starts_from_the_decisions_of_the_plans_earlier_review(app: Flask, as_user: Any, world: Any) -> None:
    from webapp.extensions import db
    from webapp.models import User
    from webapp.rubrics import operations
    from webapp.rubrics.pages import plan_review

    admin = as_user("admin")
    key = plan_key(upload(admin, PLAN_DOCX))
    with app.test_request_context():
        views = plan_review(key).candidates
        ratio = next(v for v in views if "10%" in v.candidate.quote)
        drill = next(v for v in views if "演练" in v.candidate.quote)
        actor = db.session.get(User, world["admin"])
        operations.decide_candidate(key, ratio.index, actor, "accepted", title="教师交流轮岗比例", value=0.12)
        operations.decide_candidate(key, drill.index, actor, "rejected")
    draft_id = start(admin, key)
    carried = item(app, draft_id, "10%")
    assert (carried["status"], carried["title"], carried["value"]) == ("accepted", "教师交流轮岗比例", 0.12)
    assert item(app, draft_id, "演练")["status"] == "rejected"
    assert item(app, draft_id, "1小时")["status"] == "pending"


def test_a_retired_item_kept_after_all_still_cites_last_years_plan(app: Flask, as_user: Any) -> None:
    from webapp.extensions import db
    from webapp.models import RubricDraft, RubricRecord
    from webapp.rubrics.pages import draft_built

    admin = as_user("admin")
    first_key, first = new_draft(admin)
    accept_all(app, admin, first, YINGKOU_POINTS)
    admin.post(f"/admin/editor/{first}/publish", data={"rubric_id": "yingkou-2025", "version": "1", "title": ""})
    with app.app_context():
        base_id = db.session.execute(select(RubricRecord.id)).scalars().all()[-1]
    key = plan_key(upload(admin, docx_bytes(NEXT_YEAR_LINES), "营口要点2026.docx"))
    second = start(admin, key, str(base_id))
    [gone] = [i for i in items(app, second) if i["origin"] == "retired"]
    assert save(admin, second, gone, decision="accepted").status_code == 303
    with app.app_context():
        built = draft_built(db.session.get(RubricDraft, second))
    assert not built.by_item and not built.general, (built.by_item, built.general)
    assert f"doc: {first_key}" in built.yaml_text and "严禁中小学校违规组织有偿补课" in built.yaml_text


def test_another_citys_plan_against_yingkous_rubric_shows_10_20_against_15_25(app: Flask, as_user: Any) -> None:
    from tests.conftest import ROOT
    from webapp.rubrics import operations

    with app.app_context():
        base = operations.publish_rubric((ROOT / "config" / "rubrics" / "yingkou-2024-v1.yaml").read_text(encoding="utf-8"))
        base_id = base.id
    admin = as_user("admin")
    draft_id = start(admin, "003_48301fe1551795f4.txt", str(base_id))
    changed = {
        (i["base"]["requirement"], round(i["value"], 2))
        for i in items(app, draft_id)
        if i.get("base") and i["base"]["change"] == "changed"
    }
    assert ("交流教师/符合交流条件教师≥10%", 0.15) in changed, changed
    assert ("交流骨干教师/交流教师≥20%", 0.25) in changed, changed
    side = page(admin, draft_id).split("与上一年度相比阈值有变化")[1].split("</table>")[0]
    assert "≥10%" in side and "≥15%" in side and "≥20%" in side and "≥25%" in side


def test_the_points_can_be_shared_out_to_100_in_proportion(app: Flask, as_user: Any) -> None:
    from webapp.extensions import db
    from webapp.models import RubricDraft
    from webapp.rubrics.editor import balanced_points

    assert balanced_points([5, 4, 5, 2, 4]) == [25, 20, 25, 10, 20]
    assert sum(balanced_points([3, 3, 3])) == 100 and min(balanced_points([1000, 1])) == 1
    admin = as_user("admin")
    _, draft_id = new_draft(admin)
    save(admin, draft_id, item(app, draft_id, "1小时"), decision="accepted", points="6")
    save(admin, draft_id, item(app, draft_id, "演练"), decision="accepted", points="4")
    save(admin, draft_id, item(app, draft_id, "普惠"), decision="rejected")
    with app.app_context():
        version = db.session.get(RubricDraft, draft_id).version
    stale = admin.post(f"/admin/editor/{draft_id}/balance", data={"version": str(version - 1)})
    assert stale.status_code == 303 and item(app, draft_id, "1小时")["points"] == 6
    response = admin.post(f"/admin/editor/{draft_id}/balance", data={"version": str(version)})
    assert response.status_code == 303
    assert (item(app, draft_id, "1小时")["points"], item(app, draft_id, "演练")["points"]) == (60, 40)
    assert "正好100分" in page(admin, draft_id)
    [(old, new, _)] = events(app, "draft_points_balanced")
    assert (old, new) == ({"total_points": 10.0}, {"total_points": 100, "items": 2})


def test_the_rubrics_page_leads_to_the_drafts_being_made(app: Flask, as_user: Any) -> None:
    admin = as_user("admin")
    html = admin.get("/admin/rubrics/").get_data(as_text=True)
    assert 'href="/admin/plans/new"' in html and "起草中的评估细则" not in html
    _, draft_id = new_draft(admin)
    html = admin.get("/admin/rubrics/").get_data(as_text=True)
    assert "起草中的评估细则" in html and f'href="/admin/editor/{draft_id}"' in html


def test_a_staffing_ratio_is_shown_and_typed_as_one_to_n(app: Flask, as_user: Any) -> None:
    admin = as_user("admin")
    lines = (*EDITOR_LINES, "四、办学条件", "7.寄宿制学校按照不低于600:1的比例配备校医。")
    _, draft_id = new_draft(admin, docx_bytes(lines))
    doctor = item(app, draft_id, "600:1")
    assert doctor["found_by"] == "ratio" and doctor["value"] == pytest.approx(0.0016666)
    article = card(page(admin, draft_id), doctor["uid"])
    assert "≥1:600" in article and 'value="1:600"' in article
    # the officer types the plan's way of writing it; exactly one doctor per 500 students meets it
    response = save(admin, draft_id, doctor, decision="accepted", value="1:500")
    assert response.status_code == 303
    saved = item(app, draft_id, "600:1")
    assert saved["value"] == pytest.approx(0.002) and saved["value"] <= 1 / 500
    # a ratio that is not one to N is refused beside the field, and what was typed stays
    response = save(admin, draft_id, saved, value="3:7")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "不是一比几的比例" in html and 'value="3:7"' in html


def test_a_time_of_the_school_day_is_an_item_to_accept_and_a_date_to_finish_by_is_not(
    app: Flask, as_user: Any
) -> None:
    admin = as_user("admin")
    text = (
        "某县教育局2025年作息管理要点\n1.小学上午上课时间不早于8:20。\n2.2025年12月底前完成校舍维修。\n"
        "3.各学校要建立家长学校。\n"
    )
    key = plan_key(upload(admin, None, text=text, issuer="某县教育局", year="2025"))
    draft_id = start(admin, key)
    time = item(app, draft_id, "上课时间")
    assert time["status"] != "rejected"
    response = save(admin, draft_id, time, decision="accepted", points="10")
    assert response.status_code == 303, response.get_data(as_text=True)[:1000]
    assert item(app, draft_id, "上课时间")["status"] == "accepted"
    html = page(admin, draft_id)
    assert "不早于8:20" in card(html, time["uid"])
    # the date stays set aside, with its reason
    repair = item(app, draft_id, "校舍维修")
    response = save(admin, draft_id, repair, decision="accepted", points="10")
    assert "时限要求不能单独成为评估要点" in response.get_data(as_text=True)
    # its time is shown as a time and kept as the plan says it when the item is saved
    assert item(app, draft_id, "上课时间")["value"] == 500 and "时刻要求：不早于8:20" in card(html, time["uid"])
    # a 须有 item made a 时限 must be given a time: refused beside the field, the item unchanged
    parents = item(app, draft_id, "家长学校")
    response = save(admin, draft_id, parents, kind="deadline", decision="accepted", points="5")
    assert response.status_code == 422 and "时刻须填写，如 8:20" in response.get_data(as_text=True)
    response = save(admin, draft_id, parents, kind="deadline", value="25:99", decision="accepted", points="5")
    assert "不是有效的时刻" in response.get_data(as_text=True)
    assert item(app, draft_id, "家长学校")["kind"] == "existence"


def test_a_window_of_the_school_day_is_one_item_from_its_start_to_its_end(app: Flask, as_user: Any) -> None:
    admin = as_user("admin")
    text = "某区教育局秋假托管通知\n一、服务时间：每天上午8:30-下午17:30，学校可稍作调整。\n二、各学校要建立托管台账。\n"
    key = plan_key(upload(admin, None, text=text, issuer="某区教育局", year="2025"))
    draft_id = start(admin, key)
    window = item(app, draft_id, "8:30")  # one item, not one for each of its times
    assert (window["comparator"], window["value"], window["value_max"]) == ("between", 510, 1050)
    assert "时刻要求：8:30—17:30" in card(page(admin, draft_id), window["uid"])
    response = save(admin, draft_id, window, decision="accepted", points="10")
    assert response.status_code == 303, response.get_data(as_text=True)[:1000]
    saved = item(app, draft_id, "8:30")
    assert (saved["status"], saved["value"], saved["value_max"]) == ("accepted", 510, 1050)


def test_a_notice_of_plain_paragraphs_gives_items_cited_as_the_main_text(app: Flask, as_user: Any) -> None:
    admin = as_user("admin")
    text = (
        "某区教育局关于做好秋假托管服务的通知\n各义务教育学校：\n服务要求\n"
        "学校要安排教师全程看护，每天开展不少于1小时的体育活动。\n某区教育局\n"
    )
    key = plan_key(upload(admin, None, text=text, issuer="某区教育局", year="2025"))
    draft_id = start(admin, key)
    sport = item(app, draft_id, "1小时")
    assert sport["clause"] == "正文"  # no numbering: cited as the plan's main text, as `rubric draft` cites it
    shown = card(page(admin, draft_id), sport["uid"])
    assert "正文" in shown and "第正文条" not in shown
    response = save(admin, draft_id, sport, decision="accepted", points="10")
    assert response.status_code == 303, response.get_data(as_text=True)[:1000]
    assert item(app, draft_id, "1小时")["status"] == "accepted"
    assert "不在编号条目内" not in card(page(admin, draft_id), sport["uid"])
    # the rubric it makes is published: `rubric check` finds the quote in the plan's main text
    response = admin.post(
        f"/admin/editor/{draft_id}/publish", data={"rubric_id": "tuoguan-2025", "version": "1", "title": "秋假托管细则"}
    )
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]


def test_a_sentence_with_an_amount_no_item_reads_is_listed_to_read_and_made_an_item_at_one_click(
    app: Flask, as_user: Any
) -> None:
    admin = as_user("admin")
    _, draft_id = new_draft(admin)
    html = page(admin, draft_id)
    assert "未读出要求的语句" not in html  # every amount of this plan is read by an item
    # the extractor as if it had missed the drill: its item is taken out of the draft
    from webapp.extensions import db
    from webapp.models import RubricDraft

    with app.app_context():
        draft = db.session.get(RubricDraft, draft_id)
        kept = [i for i in draft.content["items"] if "应急疏散演练" not in i["quote"]]
        assert len(kept) < len(draft.content["items"])
        draft.content = {**draft.content, "items": kept}
        db.session.commit()
    html = page(admin, draft_id)
    assert "原文中写有数量、未读出要求的语句（1）" in html
    assert "原文中还有 1 句写有数量、没有读出要求" in html  # said at the top of the items too
    listed = html[html.index('id="unread-1"') :]
    listed = listed[: listed.index("</form>")]
    assert "各学校每学期至少组织2次应急疏散演练" in listed and "数量：2次" in listed
    assert 'name="quote" value="各学校每学期至少组织2次应急疏散演练"' in listed
    # the sentence is marked in the plan's text and leads to its card
    assert re.search(r'<a class="mark unread" href="#unread-1" id="u-1">[^<]*2次应急疏散演练', html)
    response = admin.post(f"/admin/editor/{draft_id}/items", data={"quote": "各学校每学期至少组织2次应急疏散演练"})
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    added = item(app, draft_id, "应急疏散演练")
    assert (added["origin"], added["kind"], added["value"], added["period"]) == ("added", "frequency", 2.0, "学期")
    assert "未读出要求的语句" not in page(admin, draft_id)  # read now: the list is empty
