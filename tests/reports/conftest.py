"""Fixtures for the report tests: one small rubric (every rule kind), one school's answers,
the view-models built from them, and the few PDFs the tests share (rendering is the slow part,
so each PDF is rendered once per session)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from checklist.loader import load_rubric
from checklist.model import Rubric, SchoolProfile
from checklist.scoring import ScoreCard, score
from checklist.seeds import SeedLibrary
from reports.build import build_school_report
from reports.fetcher import StaticOnlyFetcher
from reports.model import ItemNote, ReportMeta, SchoolReport, SchoolSummary
from reports.render import get_renderer
from tests.conftest import SEEDS

FIXTURES = Path(__file__).parent / "fixtures"
RUBRIC_PATH = FIXTURES / "rubric.yaml"

PROFILE = SchoolProfile(stages=("primary", "junior"), public=True, boarding=False, has_canteen=True)

# One school, chosen so that every rule kind shows up under 主要成绩 or 存在问题.
ANSWERS: dict[str, Any] = {
    "pe_minutes_daily": 45,  # at_least 60, proportional → 部分达标
    "study_trips": {"P4": 1, "P5": 0, "J1": 1, "J2": 3, "J3": 1},  # each between 1—2 → 部分达标
    "max_class_size": 52,  # at_most 45, bands → 部分达标
    "eligible_teachers": 40,
    "exchange_teachers": 2,  # ratio ≥ 10 % → 部分达标, 2 more teachers needed
    "backbone_exchange_teachers": 1,  # 1/2 ≥ 20 % → 达标
    "paid_tutoring_found": False,  # is_false, veto → 达标
    "ethics_violations": 1,  # deduct 2 per case → 部分达标
    "bright_kitchen": False,  # is_true → 未达标
    "drills_per_term": 0,
    "drills_per_year": 1,  # any → 未达标, the rubric's own advice
    "disabled_students": 6,
    "resource_room": True,  # applies_if + is_true → 达标
    "daily_pe_lesson": True,  # bonus → 达标
    "city_awards": 0,  # bonus not reached: never a problem
}
VERIFIED = {**ANSWERS, "exchange_teachers": 1, "pe_minutes_daily": 40}
NOTES = (
    ItemNote("B1.1", comment="交流名单与调令不一致", reason="核减1人：调令未生效"),
    ItemNote("C1.1", comment="明厨亮灶设备已采购，尚未安装"),
)
SCHOOL = SchoolSummary(name="测试市实验学校", code="2100000001", district="站前区", profile=PROFILE.describe())
DRAFT_META = ReportMeta(cycle="2024年度", bureau="测试市教育局", date="2024年12月20日")
FINAL_META = ReportMeta(
    cycle="2024年度",
    bureau="测试市教育局",
    date="2024年12月28日",
    finalised=True,
    inspectors=("王明", "李华"),
    office="测试市人民政府教育督导室",
    deadline="2025年3月31日",
    overall_comment="学校重视自评工作，资料齐全。",
)


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric(RUBRIC_PATH)


@pytest.fixture(scope="session")
def seeds() -> SeedLibrary:
    return SeedLibrary(SEEDS)


@pytest.fixture(scope="session")
def self_card(rubric: Rubric) -> ScoreCard:
    return score(rubric, ANSWERS, PROFILE)


@pytest.fixture(scope="session")
def verified_card(rubric: Rubric) -> ScoreCard:
    return score(rubric, VERIFIED, PROFILE)


@pytest.fixture(scope="session")
def draft_report(rubric: Rubric, self_card: ScoreCard, seeds: SeedLibrary) -> SchoolReport:
    return build_school_report(rubric, self_card, SCHOOL, DRAFT_META, answers=ANSWERS, profile=PROFILE, seeds=seeds)


@pytest.fixture(scope="session")
def final_report(rubric: Rubric, self_card: ScoreCard, verified_card: ScoreCard, seeds: SeedLibrary) -> SchoolReport:
    return build_school_report(
        rubric,
        self_card,
        SCHOOL,
        FINAL_META,
        verified_card=verified_card,
        answers=ANSWERS,
        verified_answers=VERIFIED,
        notes=NOTES,
        profile=PROFILE,
        seeds=seeds,
    )


@pytest.fixture(scope="session")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdf")


@pytest.fixture(scope="session")
def draft_render(draft_report: SchoolReport, pdf_dir: Path) -> tuple[Path, StaticOnlyFetcher]:
    """The draft's PDF and the fetcher that served its render."""
    renderer = get_renderer()
    path = pdf_dir / "draft.pdf"
    path.write_bytes(renderer.school_pdf(draft_report))
    assert renderer.last_fetcher is not None
    return path, renderer.last_fetcher


@pytest.fixture(scope="session")
def draft_pdf(draft_render: tuple[Path, StaticOnlyFetcher]) -> Path:
    return draft_render[0]


@pytest.fixture(scope="session")
def final_pdf(final_report: SchoolReport, pdf_dir: Path) -> Path:
    path = pdf_dir / "final.pdf"
    path.write_bytes(get_renderer().school_pdf(final_report))
    return path


def need(tool: str) -> str:
    """The path of a poppler tool, or skip the test (Debian's poppler-utils provides them)."""
    found = shutil.which(tool)
    if not found:
        pytest.skip(f"{tool} is not installed (Debian package poppler-utils)")
    return found


def pdf_text(path: Path) -> str:
    """The PDF's text in reading order, whitespace removed (line breaks inside a sentence
    would otherwise split the phrases the tests look for)."""
    out = subprocess.run(
        [need("pdftotext"), "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return re.sub(r"\s+", "", out)


def pdf_lines(path: Path) -> list[str]:
    """The PDF's lines as laid out on the page (pdftotext -layout), each without whitespace: a
    table row is one line with its cells in order."""
    out = subprocess.run(
        [need("pdftotext"), "-layout", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [re.sub(r"\s+", "", line) for line in out.splitlines() if line.strip()]
