"""The plan library in the web app and on the command line: a bureau's own plan is added once
(by content), proposed its title, issuer, year and 文号, reviewed like a seed, drafted into a
rubric whose every quote is found in the stored text, and checked by ``rubric check`` — which on
a fresh checkout, with no database, still checks against the seeds and creates nothing."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from flask import Flask
from sqlalchemy import func, select

from tests.webapp.conftest import SAMPLE_RUBRIC
from tests.webapp.rubrics.plan_files import PLAN_LINES, docx_bytes, html_page, pdf_bytes, xlsx_bytes, zip_bytes
from webapp.cli import cli

PLAN_DOCX = docx_bytes(table=[("序号", "工作任务"), ("5", "各学校每学年开展1—2次研学实践活动")])
KEY = f"plan-{hashlib.sha256(PLAN_DOCX).hexdigest()[:16]}.txt"


@dataclass(frozen=True)
class Added:
    key: str
    id: int
    created: bool
    proposed: Any


def add(app: Flask, data: bytes = PLAN_DOCX, name: str = "营口要点.docx", **given: Any) -> Added:
    from webapp.rubrics.operations import add_plan

    with app.app_context():
        added = add_plan(data, name, None, **given)
        return Added(added.plan.key, added.plan.id, added.created, added.proposed)


def stored(app: Flask, key: str = KEY) -> dict[str, Any]:
    from webapp.extensions import db
    from webapp.models import Plan

    with app.app_context():
        plan = db.session.execute(select(Plan).where(Plan.key == key)).scalar_one()
        return {
            c: getattr(plan, c)
            for c in (
                "key",
                "title",
                "issuer",
                "year",
                "doc_number",
                "source_name",
                "format",
                "sha256",
                "text",
                "original",
            )
        }


def count(app: Flask, model: Any, *where: Any) -> int:
    from webapp.extensions import db

    with app.app_context():
        return int(db.session.execute(select(func.count()).select_from(model).where(*where)).scalar_one())


# -- the use case -------------------------------------------------------------------------------


def test_a_plan_is_kept_with_its_file_its_text_and_what_its_text_says_of_itself(app: Flask) -> None:
    from webapp.models import AuditEvent

    added = add(app)
    assert added.created and added.key == KEY
    plan = stored(app)
    assert plan["original"] == PLAN_DOCX and plan["sha256"] == hashlib.sha256(PLAN_DOCX).hexdigest()
    assert plan["format"] == "docx" and plan["source_name"] == "营口要点.docx"
    assert plan["text"].split("\n")[: len(PLAN_LINES)] == list(PLAN_LINES)
    assert "5\t各学校每学年开展1—2次研学实践活动" in plan["text"]
    assert (plan["title"], plan["issuer"], plan["year"], plan["doc_number"]) == (
        "营口市教育局2025年工作要点",
        "营口市教育局",
        2025,
        "营教发〔2025〕3号",
    )
    assert count(app, AuditEvent, AuditEvent.action == "plan_added", AuditEvent.entity_id == KEY) == 1


def test_the_same_file_twice_gives_the_plan_already_there(app: Flask) -> None:
    from webapp.models import AuditEvent, Plan

    first = add(app)
    again = add(app, name="改了名字.docx", title="别的标题")
    assert not again.created and again.id == first.id
    assert count(app, Plan) == 1 and count(app, AuditEvent, AuditEvent.action == "plan_added") == 1
    assert stored(app)["title"] == "营口市教育局2025年工作要点"


def test_what_is_given_wins_over_what_the_text_proposes(app: Flask) -> None:
    added = add(
        app, title="营口市2025年教育工作要点", issuer="营口市教育局办公室", year=2024, doc_number="营教办〔2025〕1号"
    )
    plan = stored(app, added.key)
    assert (plan["title"], plan["issuer"], plan["year"], plan["doc_number"]) == (
        "营口市2025年教育工作要点",
        "营口市教育局办公室",
        2024,
        "营教办〔2025〕1号",
    )
    assert added.proposed.year == 2025


@pytest.mark.parametrize(
    ("data", "given", "message"),
    [
        (zip_bytes({"要点.txt": b"1."}), {}, "这是一个压缩包（.zip），不是 Word 文档"),
        ("Caf\xe9".encode("latin-1") * 20, {}, "无法识别文件的文字编码"),
        (PLAN_DOCX, {"year": 24}, "年度“24”不对"),
        (PLAN_DOCX, {"title": "长" * 301}, "标题不能超过300个字符"),
    ],
    ids=["zip", "encoding", "year", "title"],
)
def test_a_bad_file_or_bad_metadata_is_refused_and_nothing_is_kept(
    app: Flask, data: bytes, given: dict[str, Any], message: str
) -> None:
    from webapp.errors import OperationError
    from webapp.models import AuditEvent, Plan

    with pytest.raises(OperationError, match=re.escape(message)):
        add(app, data, **given)
    assert count(app, Plan) == 0 and count(app, AuditEvent, AuditEvent.action == "plan_added") == 0


def test_a_file_over_the_limit_is_refused_with_its_size(app: Flask) -> None:
    from webapp.errors import OperationError

    app.config["PLAN_MAX_BYTES"] = 1000
    with pytest.raises(OperationError, match="文件过大"):
        add(app, pdf_bytes())


def test_the_library_is_the_seeds_then_the_added_plans_and_sees_a_plan_added_elsewhere(app: Flask) -> None:
    from webapp.database import write_transaction
    from webapp.extensions import db
    from webapp.models import Plan
    from webapp.rubrics.library import plan_citation, plan_library, seed_library

    with app.app_context():
        assert plan_library().names == seed_library().names
    add(app)
    with app.app_context():
        library = plan_library()
        assert library.names == (*seed_library().names, KEY)
        assert plan_citation(KEY) == "《营口市教育局2025年工作要点》（营教发〔2025〕3号）"
        assert library[KEY].region == "营口市" and not library[KEY].builtin
        with write_transaction():  # as another process would: straight into the table
            db.session.add(
                Plan(
                    key="plan-elsewhere.txt",
                    title="别处加入",
                    source_name="a.txt",
                    format="txt",
                    sha256="0" * 64,
                    text="1.严禁有偿补课。",
                    original=b"x",
                )
            )
    with app.app_context():
        assert "plan-elsewhere.txt" in plan_library()


# -- the web: every plan of the library can be reviewed into a draft ----------------------------


def test_an_added_plan_is_offered_for_review_drafted_checked_and_published(app: Flask, as_user: Any) -> None:
    from webapp.models import RubricRecord
    from webapp.rubrics.pages import plan_review

    add(app)
    admin = as_user("admin")
    listing = admin.get("/admin/rubrics/").data.decode()
    assert "营口市教育局2025年工作要点" in listing and f"/admin/drafts/{KEY}" in listing and "已加入" in listing
    page = admin.get(f"/admin/drafts/{KEY}")
    assert page.status_code == 200 and "营口市教育局2025年工作要点" in page.data.decode()
    with app.app_context():
        review = plan_review(KEY)
    chosen = [v for v in review.candidates if v.acceptable and v.candidate.scope == "school"]
    assert chosen, [v.candidate.quote for v in review.candidates]
    for view in chosen:
        decided = admin.post(f"/admin/drafts/{KEY}/{view.index}", data={"decision": "accepted", "key": view.key})
        assert decided.status_code == 303
    preview = admin.get(f"/admin/drafts/{KEY}/rubric").data.decode()
    assert "草稿检查通过" in preview, preview[:3000]
    published = admin.post(
        f"/admin/drafts/{KEY}/publish", data={"rubric_id": "yk-2025", "version": "1", "title": "营口2025"}
    )
    assert published.status_code == 303
    assert count(app, RubricRecord, RubricRecord.rubric_id == "yk-2025") == 1
    assert admin.get(published.headers["Location"]).status_code == 200  # parsed against the library


def test_a_plan_not_in_the_library_is_not_found(as_user: Any) -> None:
    assert as_user("admin").get("/admin/drafts/plan-0000000000000000.txt").status_code == 404


# -- the command line ---------------------------------------------------------------------------


def invoke(app: Flask, *args: str) -> Any:
    return app.test_cli_runner().invoke(cli, list(args))


def test_plan_add_prints_the_key_and_the_metadata_it_used(app: Flask, tmp_path: Path) -> None:
    file = tmp_path / "营口要点.docx"
    file.write_bytes(PLAN_DOCX)
    result = invoke(app, "plan", "add", str(file), "--doc-number", "营教发〔2025〕9号")
    assert result.exit_code == 0, result.output
    assert f"已加入计划库：{KEY}" in result.output
    assert "标题：营口市教育局2025年工作要点（从正文中识别）" in result.output
    assert "发文单位：营口市教育局（从正文中识别）" in result.output
    assert "年度：2025（从正文中识别）" in result.output
    assert "文号：营教发〔2025〕9号（命令行给出）" in result.output
    again = invoke(app, "plan", "add", str(file))
    assert again.exit_code == 0 and "计划库中已有这份文件（" in again.output and KEY in again.output


def test_plan_add_refuses_bad_files_with_their_message(app: Flask, tmp_path: Path) -> None:
    renamed = tmp_path / "要点.docx"
    renamed.write_bytes(zip_bytes({"a.txt": b"1."}))
    result = invoke(app, "plan", "add", str(renamed))
    assert result.exit_code == 1 and "这是一个压缩包（.zip），不是 Word 文档" in result.output
    huge = tmp_path / "要点.pdf"
    with huge.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB, refused before it is read
    result = invoke(app, "plan", "add", str(huge))
    assert result.exit_code == 1 and "文件过大（50 MB），工作要点文件不能超过 20 MB" in result.output
    assert invoke(app, "plan", "add", str(tmp_path / "none.docx")).exit_code == 2


def test_plan_list_shows_the_seeds_and_the_added_plans(app: Flask, tmp_path: Path) -> None:
    page = tmp_path / "通知.html"
    page.write_text(html_page("<h1>六安市教育局2025年工作要点</h1><p>1.严禁有偿补课。</p>"), encoding="utf-8")
    assert invoke(app, "plan", "add", str(page)).exit_code == 0
    listed = json.loads(invoke(app, "plan", "list", "--json").output)
    assert [p["key"] for p in listed if p["builtin"]] == sorted(p.name for p in (Path("seeds")).glob("*.txt"))
    mine = [p for p in listed if not p["builtin"]]
    assert [(p["title"], p["format"], p["source_name"]) for p in mine] == [
        ("六安市教育局2025年工作要点", "html", "通知.html")
    ]
    text = invoke(app, "plan", "list").output
    assert "计划库：6 份工作要点（内置 5，加入 1）" in text and "加入自 通知.html" in text


def test_a_docx_plan_added_then_drafted_gives_a_draft_rubric_check_accepts(app: Flask, tmp_path: Path) -> None:
    """The issue's demonstration: plan add of a .docx, rubric draft of it, rubric check."""
    file = tmp_path / "营口要点.docx"
    file.write_bytes(PLAN_DOCX)
    assert invoke(app, "plan", "add", str(file)).exit_code == 0
    draft = tmp_path / "draft.yaml"
    made = invoke(app, "rubric", "draft", KEY, "--id", "yk-2025", "--out", str(draft))
    assert made.exit_code == 0, made.output
    assert "不在计划库中" not in made.output
    checked = invoke(app, "rubric", "check", str(draft))
    assert checked.exit_code == 0, checked.output
    assert "✓" in checked.output
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["based_on"] == [KEY]
    sources = [i["source"] for d in data["dimensions"] for ind in d["indicators"] for i in ind["items"]]
    assert len(sources) >= 3
    text = stored(app)["text"]
    for source in sources:
        assert source["doc"] == KEY
        assert source["quote"] in text  # every quote, character for character, in the stored text
    answers = tmp_path / "answers.json"
    answers.write_text("{}", encoding="utf-8")
    scored = invoke(app, "score", "--rubric", str(draft), "--answers", str(answers), "--json")
    assert scored.exit_code == 0, scored.output  # the other file commands load it too
    from_file = invoke(app, "rubric", "draft", str(file), "--id", "yk-2025")  # the file itself: named by its key
    assert from_file.exit_code == 0 and f"doc: {KEY}" in from_file.output


def test_an_excel_assessment_table_added_then_drafted_gives_items_in_its_cells_words(
    app: Flask, tmp_path: Path
) -> None:
    """A bureau's 评估细则 kept as an Excel worksheet, its 一级指标 merged down the rows: plan add, rubric draft,
    rubric check, as for a Word document."""
    rows: list[list[object]] = [
        ["大石桥市教育局2025年中小学办学水平督导评估细则", None, None, None, None],
        ["一级指标", "二级指标", "评估内容及标准", "分值", "评估方法"],
        ["教育教学", "体育工作", "保证学生每天校园体育活动时间不少于1小时", 4, "现场查看"],
        [None, "作业管理", "初中书面作业平均完成时间不超过90分钟", 3, "问卷调查"],
        ["安全管理", "应急演练", "各学校每学期至少组织2次应急疏散演练", 3, "查阅资料"],
    ]
    data = xlsx_bytes({"细则": rows}, merges={"细则": ["A1:E1", "A3:A4"]})
    file = tmp_path / "督导评估细则.xlsx"
    file.write_bytes(data)
    added = invoke(app, "plan", "add", str(file))
    assert added.exit_code == 0, added.output
    key = f"plan-{hashlib.sha256(data).hexdigest()[:16]}.txt"
    assert key in added.output and "大石桥市教育局" in added.output and "2025" in added.output
    listed = [p for p in json.loads(invoke(app, "plan", "list", "--json").output) if p.get("key") == key]
    assert [p["format"] for p in listed] == ["xlsx"]
    draft = tmp_path / "draft.yaml"
    made = invoke(app, "rubric", "draft", key, "--id", "dsq-2025", "--out", str(draft))
    assert made.exit_code == 0, made.output
    checked = invoke(app, "rubric", "check", str(draft))
    assert checked.exit_code == 0, checked.output
    data_yaml = yaml.safe_load(draft.read_text(encoding="utf-8"))
    items = [i for d in data_yaml["dimensions"] for ind in d["indicators"] for i in ind["items"]]
    text = stored(app, key)["text"]
    quotes = [i["source"]["quote"] for i in items]
    assert all(quote in text for quote in quotes)
    assert any("不少于1小时" in q for q in quotes) and any("90分钟" in q for q in quotes)
    assert any("2次应急疏散演练" in q for q in quotes)


def test_an_excel_table_s_deductions_are_drafted_checked_and_scored_as_the_plan_states_them(
    app: Flask, tmp_path: Path
) -> None:
    rows: list[list[object]] = [
        ["某县2025年中小学规范办学考核细则", None, None, None],
        ["考核内容", "分值", "评分标准", "考核方法"],
        ["严禁在职教师有偿补课", 5, "发现一例扣2分，扣完为止", "问卷调查"],
        ["建立健全学校安全管理制度", 3, "每缺一项扣1分", "查阅资料"],
    ]
    data = xlsx_bytes({"细则": rows}, merges={"细则": ["A1:D1"]})
    file = tmp_path / "考核细则.xlsx"
    file.write_bytes(data)
    assert invoke(app, "plan", "add", str(file)).exit_code == 0
    key = f"plan-{hashlib.sha256(data).hexdigest()[:16]}.txt"
    draft = tmp_path / "draft.yaml"
    assert invoke(app, "rubric", "draft", key, "--id", "kh-2025", "--out", str(draft)).exit_code == 0
    checked = invoke(app, "rubric", "check", str(draft))
    assert checked.exit_code == 0, checked.output  # 2 and 1 in the quotes; each cap the item's own points
    items = [i for d in yaml.safe_load(draft.read_text(encoding="utf-8"))["dimensions"] for ind in d["indicators"]
             for i in ind["items"]]
    rules = {i["points"]: i["rule"] for i in items}
    assert rules[5]["kind"] == rules[3]["kind"] == "deduct"
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({rules[5]["input"]: 2, rules[3]["input"]: 0}), encoding="utf-8")
    scored = invoke(app, "score", "--rubric", str(draft), "--answers", str(answers), "--json")
    assert scored.exit_code == 0, scored.output
    earned = {i["possible"]: i["earned"] for i in json.loads(scored.output)["items"]}
    assert earned == {5: 1, 3: 3}  # two cases found: 5 − 2×2; nothing missing: all 3


def test_extract_reads_a_plan_of_the_library_by_its_key(app: Flask) -> None:
    add(app)
    result = invoke(app, "extract", KEY, "--json")
    assert result.exit_code == 0, result.output
    candidates = json.loads(result.output)
    text = stored(app)["text"]
    assert candidates and {c["doc"] for c in candidates} == {KEY}
    assert all(text[c["start"] : c["end"]] == c["quote"] for c in candidates)
    unknown = invoke(app, "extract", "plan-0000000000000000.txt")
    assert unknown.exit_code == 2 and "计划库中也没有" in unknown.output


def test_rubric_check_finds_a_misquoted_added_plan(app: Flask, tmp_path: Path) -> None:
    add(app)
    draft = tmp_path / "draft.yaml"
    assert invoke(app, "rubric", "draft", KEY, "--id", "yk-2025", "--out", str(draft)).exit_code == 0
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text.replace("落实每日校内体育活动", "保证每日校内体育活动", 1), encoding="utf-8")
    checked = invoke(app, "rubric", "check", str(draft))
    assert checked.exit_code == 1 and "source.quote" in checked.output


def test_without_a_database_the_commands_use_the_seeds_and_create_nothing(tmp_path: Path) -> None:
    """A fresh checkout: `make test` runs `selfcheck rubric check` before any database exists."""
    instance = tmp_path / "fresh-instance"
    env = {"SELFCHECK_INSTANCE_PATH": str(instance)}
    runner = CliRunner()
    checked = runner.invoke(cli, ["rubric", "check", str(SAMPLE_RUBRIC)], env=env)
    assert checked.exit_code == 0, checked.output
    file = tmp_path / "营口要点.docx"
    file.write_bytes(PLAN_DOCX)
    extracted = runner.invoke(cli, ["extract", str(file), "--json"], env=env)
    assert extracted.exit_code == 0, extracted.output
    assert {c["doc"] for c in json.loads(extracted.output)} == {"营口要点.docx"}
    drafted = runner.invoke(cli, ["rubric", "draft", str(file), "--id", "yk-2025"], env=env)
    assert "该文件不在计划库中" in drafted.output and "selfcheck plan add" in drafted.output
    missing = runner.invoke(cli, ["rubric", "draft", KEY], env=env)
    assert missing.exit_code == 2 and "计划库中也没有" in missing.output
    assert not instance.exists()  # no database, no secret key, no folder


def test_a_word_standards_table_with_a_column_for_each_stage_drafts_an_item_a_stage(app: Flask, tmp_path: Path) -> None:
    """A bureau's standards in a Word table, 指标 ⇥ 小学 ⇥ 初中: each value becomes an item for its stage, and
    rubric check finds each number in its quote (the row's cells stay apart)."""
    table = [("序号", "指标", "小学", "初中"), ("1", "生均校舍建筑面积(平方米)", "8", "10"), ("2", "班额(人)", "45", "50")]
    content = docx_bytes(lines=["某县义务教育学校办学条件标准"], table=table)
    key = f"plan-{hashlib.sha256(content).hexdigest()[:16]}.txt"
    file = tmp_path / "标准.docx"
    file.write_bytes(content)
    assert invoke(app, "plan", "add", str(file)).exit_code == 0
    draft = tmp_path / "draft.yaml"
    made = invoke(app, "rubric", "draft", key, "--id", "std-2026", "--out", str(draft))
    assert made.exit_code == 0, made.output
    checked = invoke(app, "rubric", "check", str(draft))
    assert checked.exit_code == 0 and "✓" in checked.output, checked.output
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    items = [i for d in data["dimensions"] for ind in d["indicators"] for i in ind["items"]]
    read = sorted((i["rule"]["value"], i["applies_to"]["stages"]) for i in items)
    assert read == [(8, ["primary"]), (10, ["junior"]), (45, ["primary"]), (50, ["junior"])]
