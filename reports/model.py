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
class InspectionRecord:
    """评估过程: what the inspectors did on site, as entered at finalisation. Every field is
    optional; the report states only what was entered and never invents a figure."""

    start: str = ""  # 2024年11月18日
    end: str = ""  # 2024年11月20日 (the same day or empty for a one-day visit)
    team: tuple[str, ...] = ()  # 评估组成员 as entered (else ReportMeta.inspectors)
    lessons: int | None = None  # 听课N节
    meetings: int | None = None  # 座谈N场
    questionnaires: int | None = None  # 问卷N份
    documents: int | None = None  # 查阅资料N份

    @property
    def is_empty(self) -> bool:
        counts = (self.lessons, self.meetings, self.questionnaires, self.documents)
        return not (self.start or self.end or self.team) and all(n is None for n in counts)


@dataclass(frozen=True)
class ReportMeta:
    """What the report is for and where it stands.

    ``finalised`` (已核定) removes the 自评稿 watermark; the report then carries the 督导室's
    整改要求 and its 落款 (``office``, ``date``, room for the seal). ``deadline`` (整改期限)
    is the date the 整改报告 is due, ``rectify_days`` the days it is counted in.
    ``doc_number`` is the 文号 of the 督导评估意见书 where the cycle has one.
    """

    cycle: str  # 2024年度
    bureau: str  # 营口市教育局
    date: str  # the report's date as printed: 2024年12月20日
    finalised: bool = False
    inspectors: tuple[str, ...] = ()  # 评估组成员
    office: str = ""  # 督导机构: 营口市人民政府教育督导室 (default: the bureau)
    deadline: str = ""  # 整改期限: 2025年3月31日
    overall_comment: str = ""  # 评估组综合意见
    rectify_days: int = 30  # 整改报告 due within N days of the conclusion
    doc_number: str = ""  # 文号 of the 意见书: 营教督〔2024〕15号
    inspection: InspectionRecord | None = None  # 评估过程, for a verified report

    @property
    def signer(self) -> str:
        """The body that seals the report (评估单位): the 督导室, else the bureau."""
        return self.office or self.bureau


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
class Fact:
    """One line of 学校基本情况: 学段 — 小学、初中; 专任教师 — 81人."""

    label: str
    value: str


@dataclass(frozen=True)
class DimensionRow:
    """A line of the dimension table (一级指标得分): a 一级指标 that counts in the base score.

    ``possible`` is the points of the items that apply to this school (不适用 items do not
    count), as the basis card has them; the 自评 and 核定 columns each total to their card."""

    id: str
    title: str
    possible: float
    self_earned: float
    self_percent: float | None
    verified_earned: float | None
    verified_percent: float | None
    met: int
    not_met: int  # not met or partly met


@dataclass(frozen=True)
class BonusLine:
    """加分项 in the dimension table: the points earned, and what counts after the cap."""

    title: str  # 加分项, or the name of a 一级指标 made only of bonus items
    items: int  # bonus items that apply to the school
    possible: float  # their points
    cap: float  # the rubric's bonus_cap (0: no cap)
    self_raw: float
    self_counted: float
    verified_raw: float | None
    verified_counted: float | None
    met: int

    @property
    def capped(self) -> bool:
        """Whether the cap bites on the basis result (the figure shown is then below the raw)."""
        raw = self.self_raw if self.verified_raw is None else self.verified_raw
        counted = self.self_counted if self.verified_counted is None else self.verified_counted
        return counted < raw - 0.004


@dataclass(frozen=True)
class Totals:
    """The foot of the dimension table and of the annex: the base points and percent, the bonus
    counted, and the total score — equal to the ScoreCards' own figures."""

    possible: float  # applicable base points of the basis card
    self_possible: float
    self_earned: float
    self_percent: float  # base percent
    self_bonus: float  # counted (capped)
    self_total: float
    self_level: str
    verified_possible: float | None = None
    verified_earned: float | None = None
    verified_percent: float | None = None
    verified_bonus: float | None = None
    verified_total: float | None = None
    verified_level: str | None = None


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
    veto_findings: tuple[str, ...]  # 「无在职教师违规有偿补课（B2.1）：…」
    counts: tuple[tuple[str, int], ...]  # (label, count) for 达标, 部分达标, … (bonus items apart)
    applicable: int
    self_total: float
    self_level: str
    verified_total: float | None
    verified_level: str | None
    summary: str  # one paragraph for the top of the section
    lowest_level: bool = False  # the level is the rubric's lowest (不合格)

    def count(self, label: str) -> int:
        return dict(self.counts).get(label, 0)


@dataclass(frozen=True)
class Progress:
    """How far an unfinished assessment has got: it claims no score, only what is missing."""

    applicable: int  # applicable items, bonus items apart
    answered: int
    unanswered: int
    veto_unanswered: int
    dimensions: tuple[ProgressRow, ...]
    groups: tuple[UnansweredGroup, ...]


@dataclass(frozen=True)
class ProgressRow:
    id: str
    title: str
    applicable: int
    answered: int
    unanswered: int


@dataclass(frozen=True)
class UnansweredItem:
    item_id: str
    title: str
    veto: bool = False


@dataclass(frozen=True)
class UnansweredGroup:
    dimension: str
    items: tuple[UnansweredItem, ...]


@dataclass(frozen=True)
class Achievement:
    """An item met, with its figures in words (「交流教师4人，占符合交流条件教师40人的10%，
    达到不低于10%的要求」) or, for a yes/no item, what the school has in place."""

    item_id: str
    title: str
    phrase: str  # the item in words, figures included
    figures: bool  # the phrase quotes figures (else it names a practice in place)
    points: float = 0.0
    bonus: bool = False


@dataclass(frozen=True)
class AchievementGroup:
    """主要成绩 of one 一级指标: a sentence with its counts, then the items in words — a few
    with their figures and a few practices, the rest counted (the annex lists them all)."""

    dimension: str
    applicable: int
    met: int
    percent: float | None
    figures: tuple[str, ...]  # phrases quoting figures
    practices: tuple[str, ...]  # practices in place (yes/no items)
    more: int  # items met that are not named
    items: tuple[Achievement, ...]  # every item met (bonus items apart)


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
    """整改建议: one per problem, no sentence repeated from another."""

    number: int
    item_id: str
    title: str
    text: str
    from_rubric: bool = False  # the rubric's own advice rather than a generated one


@dataclass(frozen=True)
class Requirement:
    """整改要求: when the 整改报告 is due and to whom, and that a 复查 follows."""

    days: int
    due: str  # 2025年1月27日, or "" when the date is not known yet
    office: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class RectificationRow:
    """One 整改 task as the 整改情况 section will show it (filled by the supervision loop)."""

    item_id: str
    title: str
    measures: str = ""  # 整改措施
    result: str = ""  # 整改结果
    review: str = ""  # 复查结论


@dataclass(frozen=True)
class Rectification:
    """整改情况 — the place for the school's 整改报告 and the 复查, once there is one. The
    supervision-loop issue fills it; ``SchoolReport.rectification`` None renders nothing."""

    summary: str = ""
    rows: tuple[RectificationRow, ...] = ()


@dataclass(frozen=True)
class RectificationCount:
    """整改 tasks of one district (or of the whole region) by where they stand."""

    district: str
    schools: int  # schools with tasks
    total: int
    open: int  # with the school: 待整改, 复查未通过
    overdue: int  # with the school past the deadline
    reported: int  # 已报待复查
    passed: int  # 复查通过
    failed: int  # 复查未通过 (counted in ``open`` too)


@dataclass(frozen=True)
class RegionRectification:
    """整改情况 of the region: the tasks made at 核定, in all and by district."""

    total: RectificationCount
    districts: tuple[RectificationCount, ...] = ()

    @property
    def summary(self) -> str:
        t = self.total
        rate = f"，复查通过率{100 * t.passed / t.total:.1f}%" if t.total else ""
        return (
            f"核定后共有{t.schools}所学校列出整改任务{t.total}项：复查通过{t.passed}项，已报送整改报告待复查"
            f"{t.reported}项，整改中{t.open}项（其中复查未通过、继续整改{t.failed}项，已逾期{t.overdue}项）{rate}。"
        )


@dataclass(frozen=True)
class Signature:
    """落款: who signs and seals, the date, room for the seal, and blank lines for a pen."""

    signer: str  # 营口市人民政府教育督导室, or the school for a self-assessment
    date: str  # as printed; "" leaves a blank to fill in
    lines: tuple[str, ...] = ()  # 评估组组长（签字）, 校长（签字）: left blank


@dataclass(frozen=True)
class AnnexRow:
    """附表: one item with its 自评 and 核定 results and what differs."""

    item_id: str
    title: str
    points: float
    self_score: Score
    verified: Score | None  # None: not verified (yet)
    difference: str
    comment: str = ""
    bonus: bool = False
    veto: bool = False
    differs: bool = False


@dataclass(frozen=True)
class AnnexGroup:
    dimension_id: str
    dimension: str
    possible: float  # applicable base points of the basis card
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
    """Everything the 办学水平评估报告 template needs, as plain data.

    ``complete`` is False while applicable items are unanswered: the report then says 未完成
    on every page, counts what is missing (``progress``) and claims no score, level, 成绩 or
    问题. ``rectification`` (整改情况) is None until the supervision loop supplies one.
    """

    title: str  # 办学水平评估报告
    school: SchoolSummary
    meta: ReportMeta
    rubric_title: str
    watermark: str  # 未完成 or 自评稿 until finalised, else ""
    complete: bool
    facts: tuple[Fact, ...]  # 学校基本情况
    facts_note: str  # which basic facts the rubric does not ask
    basis: tuple[PlanCitation, ...]
    methods: str  # 查阅资料、实地查看
    process: tuple[str, ...]  # 评估过程, paragraphs
    conclusion: Conclusion
    progress: Progress
    dimensions: tuple[DimensionRow, ...]
    bonus: BonusLine | None
    totals: Totals
    radar: RadarChart | None
    achievements: tuple[AchievementGroup, ...]
    bonus_achievements: tuple[Achievement, ...]
    problems: tuple[Problem, ...]
    unanswered: tuple[tuple[str, str], ...]  # (item id, title) still to be filled in
    advice: tuple[Advice, ...]
    requirement: Requirement | None
    signature: Signature | None
    annex: tuple[AnnexGroup, ...]
    differences: tuple[Difference, ...]
    has_verified: bool
    doc_number: str = ""  # 文号, in the 〔2024〕 style
    rectification: Rectification | None = None  # 整改情况, once there is one

    @property
    def running_header(self) -> str:
        status = "" if self.complete else "（未完成）"
        return f"{_clip(self.school.name)}　{self.meta.cycle}办学水平评估报告{status}"

    @property
    def achievement_count(self) -> int:
        """Items met, bonus items apart: the same number as 评估结论's 达标."""
        return sum(g.met for g in self.achievements)


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
class MissingSchool:
    """A school of the cycle that is not in the summary, and why (尚未提交, 已退回修改 …)."""

    name: str
    district: str
    reason: str


@dataclass(frozen=True)
class RegionReport:
    """Everything the 区域汇总报告 template and the Excel workbook need.

    ``overview``, ``findings`` and ``suggestions`` are the narrative (总体情况, 主要问题,
    工作建议) written from the figures; ``missing`` the schools of the cycle left out, with
    the reason."""

    title: str
    region: str
    meta: ReportMeta
    rubric_title: str
    rubric_label: str  # the rubric's id and version, for the Excel overview (not the text)
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
    overview: tuple[str, ...] = ()
    findings: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    missing: tuple[MissingSchool, ...] = ()
    signature: Signature | None = None
    rectification: RegionRectification | None = None  # 整改情况, once 核定 made 整改 tasks

    @property
    def expected(self) -> int:
        """Schools of the cycle: those summarised and those missing."""
        return self.school_count + len(self.missing)

    @property
    def running_header(self) -> str:
        return f"{_clip(self.region)}　{self.meta.cycle}办学水平评估区域汇总报告"


def _clip(name: str, limit: int = 32) -> str:
    """A name short enough for the one-line running header."""
    return name if len(name) <= limit else name[: limit - 1] + "…"
