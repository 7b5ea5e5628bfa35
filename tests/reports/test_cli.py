"""`selfcheck report render | region | batch`, from files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from checklist.model import Rubric
from checklist.scoring import score
from reports.region import school_result
from tests.reports.conftest import ANSWERS, PROFILE, RUBRIC_PATH, VERIFIED, pdf_text
from webapp.cli import cli


def write(path: Path, data: Any) -> str:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_render_writes_the_pdf_from_files(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out" / "report.pdf"
    args = [
        "report",
        "render",
        "--rubric",
        str(RUBRIC_PATH),
        "--answers",
        write(tmp_path / "answers.json", ANSWERS),
        "--profile",
        write(tmp_path / "profile.json", PROFILE.to_dict()),
        "--school-name",
        "测试市第二实验学校",
        "--out",
        str(out),
        "--verified-answers",
        write(tmp_path / "verified.json", VERIFIED),
        "--notes",
        write(tmp_path / "notes.json", {"B1.1": {"reason": "调令未生效"}}),
        "--final",
        "--inspector",
        "王明",
        "--date",
        "2024年12月28日",
        "--html",
        str(tmp_path / "report.html"),
    ]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "已生成" in result.output and "核定总分 54.57" in result.output
    text = pdf_text(out)
    assert "测试市第二实验学校" in text
    assert "调令未生效" in text
    assert "2024年测试市中小学校办学水平评估细则" in text
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_render_reports_bad_input_in_chinese(runner: CliRunner, tmp_path: Path) -> None:
    base = ["report", "render", "--rubric", str(RUBRIC_PATH), "--school-name", "甲", "--out", str(tmp_path / "x.pdf")]
    missing = runner.invoke(cli, [*base, "--answers", str(tmp_path / "none.json")])
    assert missing.exit_code == 2 and "填报数据文件不存在" in missing.output
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    broken = runner.invoke(cli, [*base, "--answers", str(tmp_path / "bad.json")])
    assert broken.exit_code == 2 and "不是有效的 JSON" in broken.output
    profile = write(tmp_path / "p.json", {"stages": ["college"]})
    answers = write(tmp_path / "a.json", ANSWERS)
    bad_profile = runner.invoke(cli, [*base, "--answers", answers, "--profile", profile])
    assert bad_profile.exit_code == 2 and "未知学段" in bad_profile.output
    assert not (tmp_path / "x.pdf").exists()


def test_region_from_a_json_of_school_results(runner: CliRunner, rubric: Rubric, tmp_path: Path) -> None:
    card = score(rubric, ANSWERS, PROFILE)
    records = []
    for i, district in enumerate(["东区", "西区", "东区"]):
        r = school_result(f"学校{i}", f"210{i}", district, card)
        records.append(
            {
                "name": r.name,
                "code": r.code,
                "district": r.district,
                "level": r.level,
                "total": r.total + i,
                "dimensions": dict(r.dimensions),
                "items": dict(r.items),
                "veto_failed": r.veto_failed,
            }
        )
    records.append({"name": "未提交的学校", "district": "西区", "missing": "尚未开始填报"})
    out, xlsx, scores = tmp_path / "region.pdf", tmp_path / "region.xlsx", tmp_path / "s.xlsx"
    result = runner.invoke(
        cli,
        [
            "report",
            "region",
            "--rubric",
            str(RUBRIC_PATH),
            "--results",
            write(tmp_path / "results.json", {"schools": records}),
            "--region",
            "测试市",
            "--out",
            str(out),
            "--xlsx",
            str(xlsx),
            "--scores-xlsx",
            str(scores),
        ],
    )
    assert result.exit_code == 0, result.output
    text = pdf_text(out)
    for words in (
        "测试市",
        "办学水平评估区域汇总报告",
        "一、总体情况",
        "二、主要问题",
        "三、各区县情况",
        "四、工作建议",
        "五、未纳入汇总的学校",
        "学校得分排名",
        "学校2",
        "未提交的学校",
        "尚未开始填报",
    ):
        assert words in text
    assert load_workbook(xlsx).sheetnames[0] == "总体情况"
    assert load_workbook(scores)["学校得分"].max_row == 4


def test_region_refuses_a_malformed_record(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        cli,
        [
            "report",
            "region",
            "--rubric",
            str(RUBRIC_PATH),
            "--results",
            write(tmp_path / "r.json", [{"name": "甲"}]),
            "--xlsx",
            str(tmp_path / "r.xlsx"),
        ],
    )
    assert result.exit_code == 2 and "第1条学校结果有误" in result.output


def test_batch_from_a_manifest(runner: CliRunner, tmp_path: Path) -> None:
    write(tmp_path / "a.json", ANSWERS)
    manifest = write(
        tmp_path / "manifest.json",
        {
            "rubric": str(RUBRIC_PATH),
            "cycle": "2024年度",
            "schools": [
                {
                    "name": "测试市实验学校",
                    "code": "2100000001",
                    "district": "站前区",
                    "profile": PROFILE.to_dict(),
                    "answers": "a.json",
                },
            ],
        },
    )
    out = tmp_path / "out"
    result = runner.invoke(cli, ["report", "batch", "--out", str(out), "--workers", "0", "--manifest", manifest])
    assert result.exit_code == 0, result.output
    assert "完成：1/1 份" in result.output
    assert (out / "2100000001_测试市实验学校.pdf").read_bytes()[:5] == b"%PDF-"


def test_batch_without_a_source_says_what_is_missing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SELFCHECK_INSTANCE_PATH", str(tmp_path / "empty"))  # no database, no cycle
    result = runner.invoke(cli, ["report", "batch", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "--manifest" in result.output


# --------------------------------------------------------------------------------------------
# Impossible figures: refused as `selfcheck score` refuses them, no PDF written


IMPOSSIBLE = {
    "negative": ({"eligible_teachers": -5}, "填报项 eligible_teachers：不能小于0人"),
    "huge": ({"pe_minutes_daily": 1e19}, "填报项 pe_minutes_daily：不能大于1440分钟"),
    "nan": ({"pe_minutes_daily": float("nan")}, "填报项 pe_minutes_daily：应为数字"),
    "infinity": ({"pe_minutes_daily": float("inf")}, "填报项 pe_minutes_daily：应为数字"),
    "coverage": (
        {"exchange_teachers": 4000},
        "填报项 exchange_teachers：交流教师（4000人）不能超过符合交流条件教师（40人）",
    ),
}


@pytest.mark.parametrize("case", sorted(IMPOSSIBLE))
def test_render_refuses_impossible_figures_like_score(runner: CliRunner, tmp_path: Path, case: str) -> None:
    change, line = IMPOSSIBLE[case]
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps({**ANSWERS, **change}), encoding="utf-8")  # NaN and Infinity as JSON allows
    out = tmp_path / "x.pdf"
    result = runner.invoke(
        cli,
        [
            "report",
            "render",
            "--rubric",
            str(RUBRIC_PATH),
            "--answers",
            str(answers_file),
            "--profile",
            write(tmp_path / "p.json", PROFILE.to_dict()),
            "--school-name",
            "甲",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 2, result.output
    assert "填报数据有误，未生成报告" in result.output
    assert line in result.output
    scored = runner.invoke(
        cli,
        ["score", "--rubric", str(RUBRIC_PATH), "--answers", str(answers_file), "--profile", str(tmp_path / "p.json")],
    )
    assert line in scored.output  # the very words `selfcheck score` gives
    assert not out.exists() and not list(tmp_path.glob("*.part"))


def test_batch_refuses_a_manifest_with_impossible_figures_before_writing_any_pdf(
    runner: CliRunner, tmp_path: Path
) -> None:
    schools = [
        {"name": "好学校", "code": "1", "profile": PROFILE.to_dict(), "answers": ANSWERS},
        {"name": "坏学校", "code": "2", "profile": PROFILE.to_dict(), "answers": {**ANSWERS, "eligible_teachers": -5}},
    ]
    manifest = write(tmp_path / "m.json", {"rubric": str(RUBRIC_PATH), "schools": schools})
    out = tmp_path / "out"
    result = runner.invoke(cli, ["report", "batch", "--out", str(out), "--workers", "0", "--manifest", manifest])
    assert result.exit_code == 2
    assert "批量清单第2所学校（坏学校）填报数据有误" in result.output
    assert "填报项 eligible_teachers：不能小于0人" in result.output
    assert not out.exists() or not list(out.glob("*.pdf"))


def test_render_of_an_unfinished_assessment_says_so(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "u.pdf"
    result = runner.invoke(
        cli,
        [
            "report",
            "render",
            "--rubric",
            str(RUBRIC_PATH),
            "--answers",
            write(tmp_path / "a.json", {}),
            "--school-name",
            "空白幼儿园",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "评估未完成" in result.output and "不计总分" in result.output
    assert "未完成" in pdf_text(out)


def test_render_a_final_report_with_its_visit_doc_number_and_days(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "f.pdf"
    visit = {
        "start": "2024年11月18日",
        "end": "2024年11月19日",
        "team": ["王明", "李华"],
        "lessons": 8,
        "documents": 40,
    }
    result = runner.invoke(
        cli,
        [
            "report",
            "render",
            "--rubric",
            str(RUBRIC_PATH),
            "--answers",
            write(tmp_path / "a.json", ANSWERS),
            "--profile",
            write(tmp_path / "p.json", PROFILE.to_dict()),
            "--school-name",
            "甲",
            "--out",
            str(out),
            "--final",
            "--date",
            "2024年12月20日",
            "--rectify-days",
            "20",
            "--doc-number",
            "测教督[2024]3号",
            "--office",
            "测试市人民政府教育督导室",
            "--inspection",
            write(tmp_path / "v.json", visit),
        ],
    )
    assert result.exit_code == 0, result.output
    text = pdf_text(out)
    assert "测教督〔2024〕3号" in text
    assert "2024年11月18日至11月19日" in text and "共听课8节、查阅资料40份" in text
    assert "20日内（2025年1月9日前）" in text
    assert "测试市人民政府教育督导室2024年12月20日" in text
