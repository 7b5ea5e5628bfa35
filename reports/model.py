"""The report view-models: plain, frozen data that templates render.

Nothing here refers to the database, Flask or the rubric objects: every field is a str, a
number, a bool or a tuple of such records, so a view-model can be pickled to a worker
process, compared in a test and rendered by a template that cannot call back into anything.

Inputs the web side builds from its rows: :class:`SchoolSummary`, :class:`ReportMeta`,
:class:`ItemNote` (per school report) and :class:`SchoolResult` (per school, for the region
summary). :func:`reports.build.build_school_report` and
:func:`reports.region.build_region_report` turn them into :class:`SchoolReport` and
:class:`RegionReport`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from checklist.scoring import format_number as _num

# ---------------------------------------------------------------------------------------------
# Inputs


@dataclass(frozen=True)
class SchoolSummary:
    """The school as the report's cover and header name it (学校基本情况)."""

    name: str
    code: str = ""  # 学校代码
    district: str = ""  # 所属区县
    profile: str = ""  # 校情 in words: 小学、初中，公办，非寄宿制，有食堂
    principal: str = ""  # 校长
    address: str = ""
    contact: str = ""  # 联系电话


@dataclass(frozen=True)
class ReportMeta:
    """What the report is for and where it stands.

    ``finalised`` (已核定) removes the 自评稿 watermark and adds the 评估组/督导室 signature
    lines. ``deadline`` (整改期限) is written out when given, else left as a blank to fill in.
    """

    cycle: str  # 2024年度
    bureau: str  # 营口市教育局
    date: str  # the report's date as printed: 2024年12月20日
    finalised: bool = False
    inspectors: tuple[str, ...] = ()  # 评估组成员
    office: str = ""  # 督导机构: 营口市人民政府教育督导室 (default: the bureau)
    deadline: str = ""  # 整改期限: 2025年3月31日
    overall_comment: str = ""  # 评估组综合意见


@dataclass(frozen=True)
class ItemNote:
    """An inspector's words on one item: a comment, and the reason for a changed result."""

    item_id: str
    comment: str = ""  # 督导意见
    reason: str = ""  # 核定理由 (mandatory when the verified result was overridden)


# ---------------------------------------------------------------------------------------------
# The school report (办学水平评估报告)


@dataclass(frozen=True)
class PlanCitation:
    """One document the assessment is based on (评估依据)."""

    title: str  # 《…》 without the brackets
    doc_number: str = ""  # 文号
    issuer: str = ""
    note: str = ""  # 本细则引用其中N条

    @property
    def citation(self) -> str:
        text = f"《{self.title}》"
        if self.doc_number:
            text += f"（{self.doc_number}）"
        return text


@dataclass(frozen=True)
class SourceClause:
    """The clause an item enforces: plan title, clause number and the quote, tidied."""

    plan: str  # 《title》（文号）
    clause: str  # 第17条
    quote: str

    @property
    def text(self) -> str:
        where = f"{self.plan}{self.clause}" if self.clause else self.plan
        return f"{where}：“{self.quote}”" if self.quote else where


@dataclass(frozen=True)
class Score:
    """One result as printed: 达标 10/10."""

    status: str  # met, partial, … (checklist.scoring.Status values)
    label: str  # 达标 …
    earned: float
    possible: float

    @property
    def points(self) -> str:
        return f"{_num(self.earned)}/{_num(self.possible)}" if self.possible else "—"


@dataclass(frozen=True)
class DimensionRow:
    """A line of the dimension table (一级指标得分)."""

    id: str
    title: str
    possible: float
    self_earned: float
    self_percent: float | None
    verified_earned: float | None
    verified_percent: float | None
    met: int
    not_met: int  # not met or partly met
    bonus_only: bool = False  # a 加分项 dimension: points above the total


@dataclass(frozen=True)
class RadarAxis:
    """One spoke of the radar chart, with its label placed outside the outer ring."""

    label: str
    value_text: str
    x: float  # end of the spoke
    y: float
    label_x: float
    label_y: float
    anchor: str  # start | middle | end


@dataclass(frozen=True)
class RadarChart:
    """A radar chart laid out in Python: SVG coordinates only, drawn by the template."""

    width: float
    height: float
    cx: float
    cy: float
    rings: tuple[str, ...]  # polygon point lists for 20 %, 40 %, … 100 %
    ring_labels: tuple[tuple[float, float, str], ...]
    axes: tuple[RadarAxis, ...]
    series: tuple[RadarSeries, ...]


@dataclass(frozen=True)
class RadarSeries:
    name: str  # 自评 | 核定
    points: str  # "x,y x,y …"
    dots: tuple[tuple[float, float], ...]
    css_class: str  # self | verified


@dataclass(frozen=True)
class Conclusion:
    """评估结论."""

    basis: str  # 自评 | 核定: which result the body of the report follows
    total: float
    base_percent: float
    bonus: float
    level: str
    veto_failed: bool
    veto_findings: tuple[str, ...]  # 「B2.1 无在职教师违规有偿补课：…」
    counts: tuple[tuple[str, int], ...]  # (label, count) for 达标, 部分达标, …
    applicable: int
    self_total: float
    self_level: str
    verified_total: float | None
    verified_level: str | None
    summary: str  # one sentence for the top of the section
    lowest_level: bool = False  # the level is the rubric's lowest (不合格)


@dataclass(frozen=True)
class Achievement:
    """主要成绩: an item met, with its figures."""

    item_id: str
    title: str
    figures: str
    bonus: bool = False


@dataclass(frozen=True)
class AchievementGroup:
    dimension: str
    items: tuple[Achievement, ...]


@dataclass(frozen=True)
class Problem:
    """存在问题: an item not met or partly met, with its figures and its source clause."""

    number: int
    item_id: str
    title: str
    dimension: str
    status_label: str
    earned: float
    possible: float
    figures: str
    source: SourceClause | None
    veto: bool = False
    comment: str = ""  # 督导意见

    @property
    def lost(self) -> float:
        return round(self.possible - self.earned, 2)

    @property
    def score_text(self) -> str:
        return f"得{_num(self.earned)}分/{_num(self.possible)}分，扣{_num(self.lost)}分"


@dataclass(frozen=True)
class Advice:
    """整改建议: one per problem."""

    number: int
    item_id: str
    title: str
    text: str
    deadline: str  # 整改期限：____年__月__日前
    from_rubric: bool = False  # the rubric's own advice rather than a generated one


@dataclass(frozen=True)
class AnnexRow:
    """附表: one item with its 自评 and 核定 results and what differs."""

    item_id: str
    title: str
    points: float
    self_score: Score
    verified: Score | None  # None: 待核定
    difference: str
    comment: str = ""
    bonus: bool = False
    veto: bool = False
    differs: bool = False


@dataclass(frozen=True)
class AnnexGroup:
    dimension_id: str
    dimension: str
    possible: float
    self_earned: float
    verified_earned: float | None
    rows: tuple[AnnexRow, ...]
    bonus_only: bool = False


@dataclass(frozen=True)
class Difference:
    """An item whose verified result differs from the self-assessment (核定与自评差异)."""

    item_id: str
    title: str
    self_score: Score
    verified: Score
    changed_figures: str
    reason: str


@dataclass(frozen=True)
class SchoolReport:
    """Everything the 办学水平评估报告 template needs, as plain data."""

    title: str  # 办学水平评估报告
    school: SchoolSummary
    meta: ReportMeta
    rubric_title: str
    rubric_label: str
    watermark: str  # 自评稿 until finalised, else ""
    basis: tuple[PlanCitation, ...]
    methods: str  # 查阅资料、实地查看
    conclusion: Conclusion
    dimensions: tuple[DimensionRow, ...]
    radar: RadarChart | None
    achievements: tuple[AchievementGroup, ...]
    problems: tuple[Problem, ...]
    unanswered: tuple[tuple[str, str], ...]  # (item id, title) still to be filled in
    advice: tuple[Advice, ...]
    annex: tuple[AnnexGroup, ...]
    differences: tuple[Difference, ...]
    has_verified: bool

    @property
    def running_header(self) -> str:
        return f"{_clip(self.school.name)}　{self.meta.cycle}办学水平评估报告"

    @property
    def achievement_count(self) -> int:
        return sum(len(g.items) for g in self.achievements)


# ---------------------------------------------------------------------------------------------
# The region summary (区域汇总报告)


@dataclass(frozen=True)
class ItemScore:
    """One item of one school in the score table: the status (a ``checklist.scoring.Status``
    value) and the points earned (None where the item does not apply)."""

    status: str
    earned: float | None


@dataclass(frozen=True)
class ScoreRow:
    """One school's line of the score table (学校得分): its facts, the self score and, once
    there is one, the verified score, each with every item's result."""

    code: str
    name: str
    district: str
    stages: str
    status: str  # the assessment's status in words (填报中, 已核定, …)
    self_total: float | None
    self_level: str
    self_veto: bool
    self_items: Mapping[str, ItemScore]
    verified_total: float | None = None
    verified_level: str = ""
    verified_veto: bool = False
    verified_items: Mapping[str, ItemScore] | None = None


@dataclass(frozen=True)
class SchoolResult:
    """One school's result, as the region summary and the Excel export need it.

    ``dimensions`` holds (dimension id, percent or None) pairs; ``items`` holds
    (item id, status) pairs, the status being a ``checklist.scoring.Status`` value.
    Build it with :func:`reports.region.school_result` from a ScoreCard, or from stored rows.
    """

    name: str
    code: str
    district: str
    level: str
    total: float
    dimensions: tuple[tuple[str, float | None], ...] = ()
    items: tuple[tuple[str, str], ...] = ()
    veto_failed: bool = False
    stage: str = ""  # 自评 | 核定: which result this is


@dataclass(frozen=True)
class LevelCount:
    level: str
    count: int
    share: float  # percent of schools


@dataclass(frozen=True)
class RankRow:
    rank: int
    name: str
    code: str
    district: str
    total: float
    level: str
    veto_failed: bool


@dataclass(frozen=True)
class DimensionAverage:
    id: str
    title: str
    average: float | None  # mean percent over the schools where it applies
    schools: int
    by_district: tuple[float | None, ...] = ()  # in RegionReport.districts order
    lowest_district: str = ""  # the district with the lowest average (when there are several)


@dataclass(frozen=True)
class ItemCompliance:
    """达标率 of one item: met / applicable and answered."""

    item_id: str
    title: str
    dimension: str
    met: int
    partial: int
    not_met: int
    not_applicable: int
    unanswered: int
    rate: float | None  # percent met of those assessed
    veto: bool = False
    bonus: bool = False

    @property
    def assessed(self) -> int:
        return self.met + self.partial + self.not_met

    @property
    def problem_count(self) -> int:
        return self.partial + self.not_met


@dataclass(frozen=True)
class DistrictSummary:
    district: str
    schools: int
    average: float
    levels: tuple[int, ...]  # counts in RegionReport.levels order
    veto_failed: int
    compliance: float | None  # percent of assessed items met


@dataclass(frozen=True)
class RegionReport:
    """Everything the 区域汇总报告 template and the Excel workbook need."""

    title: str
    region: str
    meta: ReportMeta
    rubric_title: str
    rubric_label: str
    school_count: int
    average: float
    median: float
    levels: tuple[str, ...]
    level_counts: tuple[LevelCount, ...]
    ranking: tuple[RankRow, ...]
    dimensions: tuple[DimensionAverage, ...]
    items: tuple[ItemCompliance, ...]
    common_problems: tuple[ItemCompliance, ...]
    districts: tuple[DistrictSummary, ...]
    veto_schools: tuple[RankRow, ...]
    radar: RadarChart | None = None
    watermark: str = ""

    @property
    def running_header(self) -> str:
        return f"{_clip(self.region)}　{self.meta.cycle}办学水平评估区域汇总报告"


def _clip(name: str, limit: int = 32) -> str:
    """A name short enough for the one-line running header."""
    return name if len(name) <= limit else name[: limit - 1] + "…"
