"""`selfcheck extract`, `selfcheck rubric draft` and `selfcheck rubric diff A.txt B.txt`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from checklist.loader import check_rubric, load_rubric
from checklist.seeds import SeedLibrary
from tests.checklist.extract.conftest import CITY_X, SEED_FILES, YINGKOU
from tests.conftest import SEEDS
from webapp.cli import cli

CONTRACT_FIELDS = [
    "doc",
    "clause",
    "quote",
    "start",
    "end",
    "kind",
    "comparator",
    "value",
    "value_max",
    "unit",
    "period",
    "subject",
    "stages",
    "grades",
    "scope",
    "modality",
    "responsible",
]


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_extract_json_has_the_contract_shape(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", str(SEEDS / YINGKOU), str(SEEDS / CITY_X), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) > 50
    assert {d["doc"] for d in data} == {YINGKOU, CITY_X}
    texts = {name: (SEEDS / name).read_text(encoding="utf-8") for name in (YINGKOU, CITY_X)}
    for item in data:
        for name in CONTRACT_FIELDS:
            assert name in item, name
        assert texts[item["doc"]][item["start"] : item["end"]] == item["quote"]
        assert isinstance(item["stages"], list) and isinstance(item["grades"], list)
        assert isinstance(item["responsible"], list)
        assert item["clause"] is None or isinstance(item["clause"], str)
    pe = [d for d in data if d["doc"] == YINGKOU and d["kind"] == "duration"]
    assert [(d["comparator"], d["value"], d["unit"], d["period"]) for d in pe] == [("at_least", 60, "分钟", "天")]


def test_extract_filters_and_table(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", str(SEEDS / CITY_X), "--kind", "ratio", "--json"])
    assert result.exit_code == 0
    assert {d["kind"] for d in json.loads(result.stdout)} == {"ratio"}
    result = runner.invoke(cli, ["extract", str(SEEDS / CITY_X), "--scope", "school"])
    assert result.exit_code == 0
    assert "X市教育和体育局2024年工作要点" in result.stdout
    assert "1—2次/学年" in result.stdout and "≥120分钟/天" in result.stdout
    assert "区域 0" in result.stdout


def test_extract_reports_unreadable_files_in_chinese(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["extract", str(tmp_path / "没有.txt")])
    assert result.exit_code == 2
    assert "文件不存在" in result.stderr
    gbk = tmp_path / "gbk.txt"  # a plan saved by an older Windows editor: read as it is
    gbk.write_bytes("学校体育工作要点\n学生每天校内体育活动不少于1小时。".encode("gbk"))
    result = runner.invoke(cli, ["extract", str(gbk), "--json"])
    assert result.exit_code == 0, result.stderr
    assert '"value": 60' in result.stdout
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 4)
    result = runner.invoke(cli, ["extract", str(junk)])
    assert result.exit_code == 2
    assert "不是文字" in result.stderr or "无法" in result.stderr


@pytest.mark.parametrize("name", SEED_FILES)
def test_rubric_draft_of_each_seed_passes_the_checker(runner: CliRunner, tmp_path: Path, name: str) -> None:
    out = tmp_path / f"{name[:3]}.yaml"
    result = runner.invoke(cli, ["rubric", "draft", str(SEEDS / name), "--id", f"draft-{name[:3]}", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "评估要点" in result.stderr
    assert check_rubric(out, SeedLibrary(SEEDS)) == []
    rubric = load_rubric(out, SeedLibrary(SEEDS))
    assert rubric.id == f"draft-{name[:3]}" and rubric.based_on == (name,)
    assert sum(i.points for i in rubric.items if not i.bonus) == pytest.approx(100)
    assert all(i.source is not None and i.source.doc == name for i in rubric.items)
    assert {d.id for d in rubric.dimensions} <= set("ABCDEFGH")
    assert all(i.bonus for d in rubric.dimensions if d.id == "H" for i in d.items)


def test_rubric_draft_uses_shared_keys_and_lists_region_targets(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["rubric", "draft", str(SEEDS / YINGKOU), "--id", "yingkou-2025"])
    assert result.exit_code == 0, result.output
    content = result.stdout
    data = yaml.safe_load(content)
    items = [i for d in data["dimensions"] for ind in d["indicators"] for i in ind["items"]]
    rules = {i["rule"]["kind"]: i["rule"] for i in items}
    assert rules["ratio_at_least"]["denominator"] in ("eligible_teachers", "exchange_teachers")
    pe = [i for i in items if i["rule"].get("input") == "pe_minutes_daily"]
    assert [i["rule"]["value"] for i in pe] == [60]
    assert pe[0]["source"] == {
        "doc": YINGKOU,
        "clause": "14",
        "quote": "落实每日校内体育活动不少于1小时要求",
    }
    # Region targets are not items but comments for a person to decide.
    assert "全市公办幼儿园在园幼儿占比达到54%" not in json.dumps(data, ensure_ascii=False)
    assert "# [一、第1条] ratio ≥54%" in content


def test_rubric_draft_refuses_bad_ids_and_existing_files(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["rubric", "draft", str(SEEDS / YINGKOU), "--id", "Bad_Id"])
    assert result.exit_code == 2 and "编号" in result.stderr
    out = tmp_path / "d.yaml"
    out.write_text("keep", encoding="utf-8")
    result = runner.invoke(cli, ["rubric", "draft", str(SEEDS / YINGKOU), "--out", str(out)])
    assert result.exit_code == 2 and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep"


def test_rubric_diff_of_two_plans(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["rubric", "diff", str(SEEDS / YINGKOU), str(SEEDS / CITY_X)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "阈值不同的要求（3）" in out
    assert "[教师交流轮岗比例] A 六、第17条 ≥10%  ⇄  B 七、第28条 ≥15%" in out
    assert "[交流教师中骨干教师比例] A 六、第17条 ≥20%  ⇄  B 七、第28条 ≥25%" in out
    assert "[每日校内体育活动时长] A 五、第14条 ≥60分钟/天  ⇄  B 八、第32条 ≥120分钟/天" in out
    assert "只有 B 有的要求" in out and "1—2次/学年" in out
    result = runner.invoke(cli, ["rubric", "diff", str(SEEDS / YINGKOU), str(SEEDS / CITY_X), "--json"])
    data = json.loads(result.stdout)
    assert (data["a"]["doc"], data["b"]["doc"]) == (YINGKOU, CITY_X)
    changed = {(c["topic"], c["a"]["value"], c["b"]["value"]) for c in data["changed"]}
    assert changed >= {
        ("教师交流轮岗比例", 0.1, 0.15),
        ("交流教师中骨干教师比例", 0.2, 0.25),
        ("每日校内体育活动时长", 60, 120),
    }
    assert all("requirement" in c for c in data["only_a"] + data["only_b"])


def test_extract_lists_the_sentences_with_an_amount_no_candidate_reads(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "某县2026年工作要点.txt"
    plan.write_text("某县2026年工作要点\n一、体育\n1.每天校内体育活动不少于1小时。\n2.遇雨雪天气开锁检查一次。\n", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(plan)])
    assert result.exit_code == 0, result.output
    assert "原文中写有数量、未读出要求的语句 1 句" in result.output
    assert "（一次）遇雨雪天气开锁检查一次" in result.output
    # filtered lists show candidates only; the JSON contract is unchanged
    assert "未读出要求" not in runner.invoke(cli, ["extract", str(plan), "--kind", "duration"]).output
    assert isinstance(json.loads(runner.invoke(cli, ["extract", str(plan), "--json"]).output), list)
