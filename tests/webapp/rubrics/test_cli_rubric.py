"""The file-only commands: rubric check, rubric diff, score (the CLI contract)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from tests.conftest import ROOT
from webapp.cli import cli

SAMPLE = ROOT / "tests" / "checklist" / "fixtures" / "sample_rubric.yaml"


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_rubric_check_passes_a_sound_file() -> None:
    result = run("rubric", "check", str(SAMPLE))
    assert result.exit_code == 0, result.output
    assert "✓" in result.output and "13 个评估要点" in result.output


def test_rubric_check_lists_problems_and_exits_1(tmp_path: Path) -> None:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["dimensions"][0]["indicators"][0]["items"][0]["rule"]["input"] = "nope"
    data["dimensions"][0]["indicators"][0]["items"][0]["points"] = "十"
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run("rubric", "check", str(SAMPLE), str(broken))
    assert result.exit_code == 1
    assert "2 个问题" in result.output
    assert f"{broken}: A1.1 rule.input: 规则引用了未声明的输入项“nope”" in result.output
    assert f"{broken}: A1.1 points: 分值应为正数" in result.output


def test_rubric_check_without_paths_checks_config_rubrics() -> None:
    result = run("rubric", "check")
    shipped = sorted((ROOT / "config" / "rubrics").glob("*.yaml"))
    assert result.output.count("✓") + result.output.count("✗") == len(shipped)


def test_score_json_has_the_contract_shape(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"eligible_teachers": 40, "exchange_teachers": 6}), encoding="utf-8")
    profile = tmp_path / "profile.json"
    profile.write_text(
        json.dumps({"stages": ["primary"], "public": True, "boarding": False, "has_canteen": True}),
        encoding="utf-8",
    )
    result = run("score", "--rubric", str(SAMPLE), "--answers", str(answers), "--profile", str(profile), "--json")
    assert result.exit_code == 0, result.output
    card = json.loads(result.output)
    assert {"total_percent", "level", "veto_failed", "dimensions", "items"} <= set(card)
    item = next(i for i in card["items"] if i["id"] == "B1.1")
    assert {"id", "status", "earned", "possible", "explanation"} <= set(item)
    assert item["status"] == "met" and item["earned"] == 10
    assert item["explanation"] == "交流教师6人/符合交流条件教师40人=15.0%，要求≥10%，达标"
    assert isinstance(card["veto_failed"], bool)
    assert [d["id"] for d in card["dimensions"]] == ["A", "B", "C", "D"]


def test_score_reads_a_human_table_without_json(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"pe_minutes_daily": 45}), encoding="utf-8")
    result = run("score", "--rubric", str(SAMPLE), "--answers", str(answers))
    assert result.exit_code == 0
    assert "总分" in result.output and "部分达标" in result.output


def test_score_refuses_bad_files_with_a_chinese_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", "--rubric", str(SAMPLE), "--answers", str(bad)])
    assert result.exit_code == 2 and "不是有效的 JSON" in result.output
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({"stages": ["college"]}), encoding="utf-8")
    good = tmp_path / "good.json"
    good.write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["score", "--rubric", str(SAMPLE), "--answers", str(good), "--profile", str(profile)]
    )
    assert result.exit_code == 2 and "未知学段" in result.output


def test_score_warns_of_unknown_keys_and_refuses_impossible_figures(tmp_path: Path) -> None:
    """A misspelt key is said and its item stays unanswered; figures that cannot be true
    (交流教师 > 符合条件教师) are not scored at all — the reports refuse the same figures."""
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"exchange_teacher": 6, "eligible_teachers": 40}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", "--rubric", str(SAMPLE), "--answers", str(answers), "--json"])
    assert result.exit_code == 0
    assert "exchange_teacher：评估细则中没有这个填报项" in result.stderr
    assert json.loads(result.stdout)["total_percent"] >= 0
    answers.write_text(
        json.dumps({"exchange_teacher": 6, "eligible_teachers": 4, "exchange_teachers": 6}), encoding="utf-8"
    )
    refused = CliRunner().invoke(cli, ["score", "--rubric", str(SAMPLE), "--answers", str(answers), "--json"])
    assert refused.exit_code == 2 and refused.stdout == ""
    assert "填报数据有误，未评分" in refused.stderr and "不能超过符合交流条件教师" in refused.stderr
    assert "exchange_teacher：评估细则中没有这个填报项" in refused.stderr


def test_rubric_diff_json(tmp_path: Path) -> None:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["dimensions"][1]["indicators"][0]["items"][0]["rule"]["value"] = 0.15
    other = tmp_path / "other.yaml"
    other.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    result = run("rubric", "diff", str(SAMPLE), str(other), "--json")
    diff = json.loads(result.output)
    assert [c["a"]["id"] for c in diff["changed"]] == ["B1.1"]
    assert diff["changed"][0]["b"]["requirement"] == "交流教师/符合交流条件教师≥15%"
    text = run("rubric", "diff", str(SAMPLE), str(other)).output
    assert "[阈值] B1.1" in text and "≥10%" in text and "≥15%" in text
