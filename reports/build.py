"""Building the school report's view-model from score cards, the rubric and the school summary.

:func:`build_school_report` is the one entry point. It takes the self-assessment's
ScoreCard (自评) and, when an inspector has reviewed it, the verified ScoreCard (核定); the
body of the report (结论, 主要成绩, 存在问题, 整改建议) follows the verified result when there is
one and the self-assessment otherwise, and the annex shows both side by side.

Two guards come first. Figures that cannot be true (a negative head count, a coverage of
1e6 %, NaN) are refused with :class:`ImpossibleFigures`, whose problems are exactly those of
``checklist.answers.impossible_figures`` (what ``selfcheck score`` refuses). And an assessment
with applicable items still unanswered is *unfinished*: its report says 未完成 on every page,
counts what is missing and claims no score, level, 成绩 or 问题.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from checklist.answers import impossible_figures
from checklist.model import (
    GRADE_NAMES,
    Item,
    Rubric,
    SchoolProfile,
    rule_inputs,
)
from checklist.outline import cite
from checklist.scoring import ItemResult, ScoreCard, Status
from checklist.scoring import format_number as fmt
from checklist.seeds import PlanLibrary, shown_quote
from reports.advice import advice_for, without_repeats
from reports.facts import BasicFact, default_basic_facts, school_facts
from reports.model import (
    Achievement,
    AchievementGroup,
    Advice,
    AnnexGroup,
    AnnexRow,
    BonusLine,
    Conclusion,
    Difference,
    DimensionRow,
    ItemNote,
    PlanCitation,
    Problem,
    Progress,
    ProgressRow,
    Rectification,
    ReportMeta,
    Requirement,
    SchoolReport,
    SchoolSummary,
    Score,
    Signature,
    SourceClause,
    Totals,
    UnansweredGroup,
    UnansweredItem,
)
from reports.prose import Figures, met_phrase, plain_title, quoted, requirement_words
from reports.radar import radar_chart

REPORT_TITLE = "办学水平评估报告"
DRAFT_WATERMARK = "自评稿"
UNFINISHED_WATERMARK = "未完成"
# 主要成绩 per 一级指标: how many items are named with their figures, and how many practices;
# the others are counted (the annex lists every one), so that 234 items stay readable.
FIGURES_NAMED = 4
PRACTICES_NAMED = 6

# The verdict the scoring engine appends to an explanation; the report shows the figures alone.
_VERDICT = re.compile(
    r"，(?:不扣分，)?(?:达标|部分达标（[^）]*）|未达标(?:（一票否决项）)?|未达到加分条件"
    r"|扣[\d.]+分，(?:得[\d.]+分|未达标(?:（一票否决项）)?))$"
)
_PROBLEM_STATUSES = (Status.NOT_MET, Status.PARTIAL)
# 文号 year brackets as received (【2024】, [2024], (2024), （2024）) → 〔2024〕 (GB/T 9704).
_DOC_YEAR = re.compile(r"[【\[［(（〔]\s*((?:19|20)\d\d)\s*[】\]］)）〕]")


class ImpossibleFigures(ValueError):
    """Answers that cannot be true: no report is made of them. ``problems`` maps an input key
    (a grade's as "key.P4") to the message ``selfcheck score`` gives for it."""

    def __init__(self, problems: Mapping[str, str], what: str = "填报数据") -> None:
        self.problems = dict(problems)
        self.what = what
        super().__init__(f"{what}有误，未生成报告：" + "；".join(f"填报项 {k}：{m}" for k, m in self.problems.items()))

    def lines(self) -> list[str]:
        """One line per problem, worded as ``selfcheck score`` words them."""
        return [f"填报项 {key}：{message}" for key, message in self.problems.items()]


def refuse_impossible(
    rubric: Rubric, answers: Mapping[str, Any] | None, profile: SchoolProfile | None, what: str = "填报数据"
) -> None:
    """Raise :class:`ImpossibleFigures` for figures that cannot be true — exactly what
    ``selfcheck score`` refuses (``checklist.answers.impossible_figures``)."""
    if answers is None:
        return
    problems = impossible_figures(rubric, answers, profile)
    if problems:
        raise ImpossibleFigures(problems, what)


def doc_number_style(text: str) -> str:
    """A 文号 as GB/T 9704 writes it: the year in 六角括号 — 营教发【2024】12号 → 营教发〔2024〕12号."""
    return _DOC_YEAR.sub(r"〔\1〕", text.strip())


def build_school_report(
    rubric: Rubric,
    self_card: ScoreCard,
    school: SchoolSummary,
    meta: ReportMeta,
    *,
    verified_card: ScoreCard | None = None,
    answers: Mapping[str, Any] | None = None,
    verified_answers: Mapping[str, Any] | None = None,
    notes: Iterable[ItemNote] = (),
    profile: SchoolProfile | None = None,
    seeds: PlanLibrary | None = None,
    basic_facts: Sequence[BasicFact] | None = None,
    rectification: Rectification | None = None,
) -> SchoolReport:
    """The view-model of one school's 办学水平评估报告.

    ``answers`` (the school's figures) and ``verified_answers`` (the inspector's corrected
    figures) are optional: with them, 主要成绩 and 整改建议 quote the numbers and the annex says
    which figures the inspector changed; figures that cannot be true raise
    :class:`ImpossibleFigures`. ``seeds`` gives the plans' titles and 文号; without it, plans
    are cited by file name. ``profile`` decides which grades a per-grade item asks and fills
    学校基本情况 with ``basic_facts`` (default: ``config/basic_facts.yaml``).
    ``rectification`` (整改情况) is printed when given.
    """
    refuse_impossible(rubric, answers, profile)
    refuse_impossible(rubric, verified_answers, profile, "核定数据")
    note_by_item = {n.item_id: n for n in notes}
    basis_card = verified_card or self_card
    basis_answers = verified_answers if verified_card is not None else answers
    self_by_id = self_card.by_id
    basis_by_id = basis_card.by_id
    verified_by_id = verified_card.by_id if verified_card else {}
    complete = not basis_card.unanswered
    finalised = meta.finalised and complete

    dimensions = _dimension_rows(rubric, self_card, verified_card, basis_card)
    series: list[tuple[str, str, Sequence[float | None]]] = [("自评", "self", [d.self_percent for d in dimensions])]
    if verified_card is not None:
        series.append(("核定", "verified", [d.verified_percent for d in dimensions]))
    problems = _problems(rubric, basis_card, note_by_item, seeds) if complete else ()
    advice = _advice(problems, rubric, basis_by_id, basis_answers, profile)
    annex, differences = _annex(
        rubric,
        self_by_id,
        verified_by_id,
        answers,
        verified_answers,
        note_by_item,
        verified_card is not None,
        basis_card,
    )
    facts, facts_note = school_facts(
        school,
        profile,
        rubric.inputs,
        basis_answers,
        default_basic_facts() if basic_facts is None else basic_facts,
    )
    achievements = _achievements(rubric, basis_card, basis_answers, profile) if complete else ()
    return SchoolReport(
        title=REPORT_TITLE,
        school=school,
        meta=meta,
        rubric_title=rubric.title,
        watermark=UNFINISHED_WATERMARK if not complete else ("" if finalised else DRAFT_WATERMARK),
        complete=complete,
        facts=facts,
        facts_note=facts_note,
        basis=_basis(rubric, seeds),
        methods=_methods(rubric, basis_card),
        process=_process(school, meta, complete, finalised, verified_card is not None, rubric, basis_card),
        conclusion=_conclusion(rubric, school, meta, self_card, verified_card),
        progress=_progress(rubric, basis_card),
        dimensions=dimensions,
        bonus=_bonus_line(rubric, self_card, verified_card, basis_card),
        totals=_totals(self_card, verified_card),
        radar=radar_chart([d.title for d in dimensions if d.possible > 0], _radar_series(dimensions, series))
        if complete
        else None,
        achievements=achievements,
        bonus_achievements=_bonus_achievements(rubric, basis_card, basis_answers, profile) if complete else (),
        problems=problems,
        unanswered=tuple((r.item_id, r.title) for r in basis_card.unanswered),
        advice=advice,
        requirement=_requirement(meta, problems, finalised) if complete else None,
        signature=_signature(school, meta, finalised) if complete else None,
        annex=annex,
        differences=differences,
        has_verified=verified_card is not None,
        doc_number=doc_number_style(meta.doc_number) if finalised else "",
        rectification=rectification,
    )


def figures_of(explanation: str) -> str:
    """The figures of an explanation, without the verdict the scoring engine appends."""
    return _VERDICT.sub("", explanation)


def source_clause(item: Item, seeds: PlanLibrary | None) -> SourceClause | None:
    """The clause an item enforces, cited as a bureau would: 《plan》（文号）第17条：“…” (a clause
    of another numbering by its path, 二、（三）; text outside any numbering as 正文)."""
    if item.source is None:
        return None
    doc = seeds.get(item.source.doc) if seeds is not None else None
    plan = doc_number_style(doc.citation) if doc is not None else f"《{item.source.doc}》"
    clause = cite(item.source.clause) if item.source.clause.strip() else ""
    return SourceClause(plan=plan, clause=clause, quote=inner_quotes(shown_quote(item.source.quote)))


def inner_quotes(text: str) -> str:
    """Quotation marks inside a quotation become single ones: “学校食堂‘互联网+明厨亮灶’”."""
    return text.replace("“", "‘").replace("”", "’")


def answer_text(value: Any, unit: str = "") -> str:
    """A figure as the report prints it: 6人, 是, 四年级1次、五年级2次, 未填报."""
    if value is None:
        return "未填报"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return f"{fmt(float(value))}{unit}"
    if isinstance(value, Mapping):
        parts = [f"{GRADE_NAMES.get(str(k), str(k))}{answer_text(v, unit)}" for k, v in value.items()]
        return "、".join(parts) or "未填报"
    text = str(value).strip()
    return text if len(text) <= 60 else text[:60] + "…"


# ---------------------------------------------------------------------------------------------


def _score(result: ItemResult) -> Score:
    return Score(
        status=result.status.value,
        label=result.status.label,
        earned=result.earned,
        possible=result.possible,
    )


def _basis(rubric: Rubric, seeds: PlanLibrary | None) -> tuple[PlanCitation, ...]:
    clauses: dict[str, set[str]] = {}
    for item in rubric.items:
        if item.source is not None:
            clauses.setdefault(item.source.doc, set()).add(item.source.clause)
    files = list(dict.fromkeys([*rubric.based_on, *clauses]))
    citations = [
        PlanCitation(
            title=rubric.title,
            issuer=rubric.issuer,
            note=f"评估细则，共{len(rubric.items)}个评估要点",
        )
    ]
    for name in files:
        doc = seeds.get(name) if seeds is not None else None
        count = len(clauses.get(name, ()))
        citations.append(
            PlanCitation(
                title=doc.title if doc else name,
                doc_number=doc_number_style(doc.doc_number or "") if doc else "",
                issuer=doc.issuer if doc else "",
                note=f"细则引用其中{count}条" if count else "",
            )
        )
    return tuple(citations)


def _methods(rubric: Rubric, card: ScoreCard) -> str:
    by_id = card.by_id
    methods: list[str] = []
    for item in rubric.items:
        result = by_id.get(item.id)
        if result is None or result.status is Status.NOT_APPLICABLE:
            continue
        for part in re.split(r"[、，,；;\s]+", item.method):
            if part and part not in methods:
                methods.append(part)
    return "、".join(methods) or "查阅资料"


def _process(
    school: SchoolSummary,
    meta: ReportMeta,
    complete: bool,
    finalised: bool,
    reviewed: bool,
    rubric: Rubric,
    card: ScoreCard,
) -> tuple[str, ...]:
    """评估过程: what was done, claiming no inspection that did not take place."""
    if not complete:
        return (f"{school.name}的自评填报尚未完成。本报告依据学校已填报的数据生成，仅反映填报进度，不是评估结论。",)
    if not finalised:
        if reviewed:
            return (
                "评估组正在对照评估细则核定学校的自评结果，本报告中的核定结果尚未最终确定，以评估组核定完成后的报告为准。",
            )
        return (
            "本报告依据学校自评填报的数据生成，尚未经评估组核定，不代表评估组的评估意见；评估结果以评估组核定为准。",
        )
    record = meta.inspection
    team = (record.team if record and record.team else ()) or meta.inspectors
    who = f"评估组（成员：{'、'.join(team)}）" if team else "评估组"
    if record is None or record.is_empty:
        return (f"{who}对照评估细则，逐项核定了学校的自评结果，于{meta.date}完成核定。",)
    when = ""
    if record.start and record.end and record.end != record.start:
        when = f"{record.start}至{_short_end(record.start, record.end)}，"
    elif record.start or record.end:
        when = f"{record.start or record.end}，"
    did = [
        f"{verb}{n}{unit}"
        for verb, n, unit in (
            ("听课", record.lessons, "节"),
            ("召开座谈会", record.meetings, "场"),
            ("发放问卷", record.questionnaires, "份"),
            ("查阅资料", record.documents, "份"),
        )
        if n is not None
    ]
    text = f"{when}{meta.signer}组织{who}对{school.name}进行了实地评估"
    text += f"，共{'、'.join(did)}" if did else ""
    return (f"{text}，对照评估细则逐项核定了学校的自评结果。",)


def _short_end(start: str, end: str) -> str:
    """2024年11月18日至2024年11月20日 → …至11月20日 (the year once)."""
    year = re.match(r"\d{4}年", start)
    if year and end.startswith(year.group(0)):
        return end[len(year.group(0)) :]
    return end


def _counted(card: ScoreCard) -> list[ItemResult]:
    return [r for r in card.items if r.counts_in_total]


def _conclusion(
    rubric: Rubric,
    school: SchoolSummary,
    meta: ReportMeta,
    self_card: ScoreCard,
    verified_card: ScoreCard | None,
) -> Conclusion:
    card = verified_card or self_card
    basis = "核定" if verified_card is not None else "自评"
    counted = _counted(card)
    order = (Status.MET, Status.PARTIAL, Status.NOT_MET, Status.UNANSWERED)
    counts = tuple((s.label, sum(1 for r in counted if r.status is s)) for s in order)
    by_id = card.by_id
    veto = tuple(
        f"{by_id[i].title}（{i}）：{requirement_words(figures_of(by_id[i].explanation))}" for i in card.veto_items
    )
    unanswered = card.unanswered
    if unanswered:
        text = _unfinished_summary(rubric, school, meta, card)
    else:
        text = (
            f"经评估，{school.name}{meta.cycle}办学水平评估{basis}总分为{fmt(card.total_percent)}分"
            f"{_bonus_words(rubric, card)}，评估等级为“{card.level}”。"
        )
        listed = "、".join(f"{label}{n}项" for label, n in counts if n)
        if counted:
            text += f"在{len(counted)}个适用的评估要点中，{listed}。"
        else:
            text += "本校没有适用的评估要点。"
        if card.veto_failed:
            names = "、".join(f"{quoted(by_id[i].title)}（{i}）" for i in card.veto_items)
            text += f"因一票否决项{names}未达标，评估等级定为“{rubric.lowest_level.name}”。"
        if verified_card is not None:
            delta = verified_card.total_percent - self_card.total_percent
            change = "持平" if abs(delta) < 0.005 else (f"{'增加' if delta > 0 else '减少'}{fmt(abs(delta))}分")
            text += (
                f"学校自评{fmt(self_card.total_percent)}分（{self_card.level}），经评估组核定为"
                f"{fmt(verified_card.total_percent)}分（{verified_card.level}），较自评{change}。"
            )
    return Conclusion(
        basis=basis,
        total=card.total_percent,
        base_percent=card.base_percent,
        bonus=card.bonus_points,
        level=card.level,
        veto_failed=card.veto_failed,
        veto_findings=veto,
        counts=counts,
        applicable=len(counted),
        self_total=self_card.total_percent,
        self_level=self_card.level,
        verified_total=verified_card.total_percent if verified_card else None,
        verified_level=verified_card.level if verified_card else None,
        summary=text,
        lowest_level=card.level == rubric.lowest_level.name,
    )


def _bonus_words(rubric: Rubric, card: ScoreCard) -> str:
    raw = round(sum(r.earned for r in card.items if r.bonus and r.status is not Status.NOT_APPLICABLE), 2)
    if raw <= 0:
        return ""
    if card.bonus_points < raw - 0.004:
        return f"（含加分{fmt(card.bonus_points)}分：加分项共得{fmt(raw)}分，按上限{fmt(rubric.bonus_cap)}分计）"
    return f"（含加分{fmt(card.bonus_points)}分）"


def _unfinished_summary(rubric: Rubric, school: SchoolSummary, meta: ReportMeta, card: ScoreCard) -> str:
    applicable = card.applicable_count
    missing = card.unanswered
    veto = sum(1 for r in missing if r.veto)
    text = (
        f"{school.name}{meta.cycle}办学水平评估尚未完成：在{applicable}个适用的评估要点中，"
        f"已填报{applicable - len(missing)}个，尚有{len(missing)}个未填报"
    )
    text += f"（其中一票否决项{veto}个）。" if veto else "。"
    return text + "评估未完成，本报告不计算总分、不评定等级，也不作出是否达标的结论；学校填报完整后方可形成评估结论。"


def _progress(rubric: Rubric, card: ScoreCard) -> Progress:
    by_id = card.by_id
    rows: list[ProgressRow] = []
    groups: list[UnansweredGroup] = []
    for dimension in rubric.dimensions:
        results = [by_id[item.id] for item in dimension.items if by_id[item.id].counts_in_total]
        missing = [r for r in results if r.status is Status.UNANSWERED]
        rows.append(ProgressRow(dimension.id, dimension.title, len(results), len(results) - len(missing), len(missing)))
        if missing:
            groups.append(
                UnansweredGroup(
                    dimension=f"{dimension.id}　{dimension.title}",
                    items=tuple(UnansweredItem(r.item_id, r.title, r.veto) for r in missing),
                )
            )
    missing_all = card.unanswered
    return Progress(
        applicable=card.applicable_count,
        answered=card.answered_count,
        unanswered=len(missing_all),
        veto_unanswered=sum(1 for r in missing_all if r.veto),
        dimensions=tuple(r for r in rows if r.applicable),
        groups=tuple(groups),
    )


def _dimension_rows(
    rubric: Rubric,
    self_card: ScoreCard,
    verified_card: ScoreCard | None,
    basis_card: ScoreCard,
) -> tuple[DimensionRow, ...]:
    """The 一级指标 that count in the base score (those made only of 加分项 are the bonus line);
    the 自评 column totals to the self card, the 核定 column to the verified one."""
    self_groups = {g.id: g for g in self_card.dimensions}
    verified_groups = {g.id: g for g in verified_card.dimensions} if verified_card else {}
    basis_groups = {g.id: g for g in basis_card.dimensions}
    rows: list[DimensionRow] = []
    for dimension in rubric.dimensions:
        if all(item.bonus for item in dimension.items):
            continue
        mine = self_groups[dimension.id]
        theirs = verified_groups.get(dimension.id)
        basis = basis_groups[dimension.id]
        rows.append(
            DimensionRow(
                id=dimension.id,
                title=dimension.title,
                possible=basis.possible,
                self_earned=mine.earned,
                self_percent=mine.percent,
                verified_earned=theirs.earned if theirs else None,
                verified_percent=theirs.percent if theirs else None,
                met=int(basis.counts.get(Status.MET.value, 0)),
                not_met=int(basis.counts.get(Status.NOT_MET.value, 0) + basis.counts.get(Status.PARTIAL.value, 0)),
            )
        )
    return tuple(rows)


def _radar_series(
    dimensions: Sequence[DimensionRow], series: Sequence[tuple[str, str, Sequence[float | None]]]
) -> list[tuple[str, str, Sequence[float | None]]]:
    """The series restricted to the 一级指标 that apply (a spoke of 不适用 says nothing)."""
    keep = [i for i, d in enumerate(dimensions) if d.possible > 0]
    return [(name, css, [values[i] for i in keep]) for name, css, values in series]


def _bonus_items(rubric: Rubric, card: ScoreCard) -> list[ItemResult]:
    by_id = card.by_id
    return [by_id[i.id] for i in rubric.items if i.bonus and by_id[i.id].status is not Status.NOT_APPLICABLE]


def _bonus_line(
    rubric: Rubric, self_card: ScoreCard, verified_card: ScoreCard | None, basis_card: ScoreCard
) -> BonusLine | None:
    """加分项 as one line: the points earned and what counts after the cap."""
    if not any(item.bonus for item in rubric.items):
        return None
    bonus_dimensions = [d for d in rubric.dimensions if all(i.bonus for i in d.items)]
    in_bonus_dimensions = sum(len(d.items) for d in bonus_dimensions)
    whole = len(bonus_dimensions) == 1 and in_bonus_dimensions == sum(1 for i in rubric.items if i.bonus)
    title = f"{bonus_dimensions[0].id}　{bonus_dimensions[0].title}" if whole else "加分项"
    basis = _bonus_items(rubric, basis_card)
    mine = _bonus_items(rubric, self_card)
    theirs = _bonus_items(rubric, verified_card) if verified_card else None
    return BonusLine(
        title=title,
        items=len(basis),
        possible=round(sum(r.possible for r in basis), 2),
        cap=rubric.bonus_cap,
        self_raw=round(sum(r.earned for r in mine), 2),
        self_counted=self_card.bonus_points,
        verified_raw=round(sum(r.earned for r in theirs), 2) if theirs is not None else None,
        verified_counted=verified_card.bonus_points if verified_card else None,
        met=sum(1 for r in basis if r.status is Status.MET),
    )


def _totals(self_card: ScoreCard, verified_card: ScoreCard | None) -> Totals:
    basis = verified_card or self_card
    return Totals(
        possible=basis.possible,
        self_possible=self_card.possible,
        self_earned=self_card.earned,
        self_percent=self_card.base_percent,
        self_bonus=self_card.bonus_points,
        self_total=self_card.total_percent,
        self_level=self_card.level,
        verified_possible=verified_card.possible if verified_card else None,
        verified_earned=verified_card.earned if verified_card else None,
        verified_percent=verified_card.base_percent if verified_card else None,
        verified_bonus=verified_card.bonus_points if verified_card else None,
        verified_total=verified_card.total_percent if verified_card else None,
        verified_level=verified_card.level if verified_card else None,
    )


def _phrase(
    item: Item, answers: Mapping[str, Any] | None, rubric: Rubric, profile: SchoolProfile | None
) -> Achievement:
    text, with_figures = ("", False)
    if answers is not None:
        text, with_figures = met_phrase(item.rule, Figures(rubric.inputs, answers, item, profile))
    return Achievement(
        item_id=item.id,
        title=item.title,
        phrase=text or plain_title(item.title),
        figures=with_figures,
        points=item.points,
        bonus=item.bonus,
    )


def _achievements(
    rubric: Rubric, card: ScoreCard, answers: Mapping[str, Any] | None, profile: SchoolProfile | None
) -> tuple[AchievementGroup, ...]:
    """主要成绩 per 一级指标: the counts (the same as 评估结论's), a few items with their
    figures — the heaviest first — and a few practices in place; bonus items apart."""
    by_id = card.by_id
    groups: list[AchievementGroup] = []
    for dimension in rubric.dimensions:
        counted = [by_id[i.id] for i in dimension.items if by_id[i.id].counts_in_total]
        met_items = [i for i in dimension.items if not i.bonus and by_id[i.id].status is Status.MET]
        if not met_items:
            continue
        achievements = tuple(_phrase(item, answers, rubric, profile) for item in met_items)
        by_weight = sorted(achievements, key=lambda a: -a.points)  # stable: rubric order within a weight
        figures = tuple(dict.fromkeys(a.phrase for a in by_weight if a.figures))[:FIGURES_NAMED]
        practices = tuple(dict.fromkeys(a.phrase for a in by_weight if not a.figures))[:PRACTICES_NAMED]
        earned = sum(r.earned for r in counted)
        possible = sum(r.possible for r in counted)
        groups.append(
            AchievementGroup(
                dimension=dimension.title,
                applicable=len(counted),
                met=len(met_items),
                percent=round(earned / possible * 100, 2) if possible else None,
                figures=figures,
                practices=practices,
                more=sum(1 for a in achievements if a.phrase not in {*figures, *practices}),
                items=achievements,
            )
        )
    return tuple(groups)


def _bonus_achievements(
    rubric: Rubric, card: ScoreCard, answers: Mapping[str, Any] | None, profile: SchoolProfile | None
) -> tuple[Achievement, ...]:
    by_id = card.by_id
    return tuple(
        _phrase(item, answers, rubric, profile)
        for item in rubric.items
        if item.bonus and by_id[item.id].status is Status.MET
    )


def _problems(
    rubric: Rubric,
    card: ScoreCard,
    notes: Mapping[str, ItemNote],
    seeds: PlanLibrary | None,
) -> tuple[Problem, ...]:
    order = {item.id: n for n, item in enumerate(rubric.items)}
    failing = [r for r in card.items if r.status in _PROBLEM_STATUSES and not r.bonus]
    failing.sort(key=lambda r: (not r.veto, -(r.possible - r.earned), order[r.item_id]))
    problems: list[Problem] = []
    for number, result in enumerate(failing, start=1):
        item = rubric.item(result.item_id)
        dimension, _indicator = rubric.place_of(item.id)
        note = notes.get(item.id)
        problems.append(
            Problem(
                number=number,
                item_id=item.id,
                title=item.title,
                dimension=dimension.title,
                status_label=result.status.label,
                earned=result.earned,
                possible=result.possible,
                figures=requirement_words(figures_of(result.explanation)),
                source=source_clause(item, seeds),
                veto=item.veto,
                comment=note.comment if note else "",
            )
        )
    return tuple(problems)


def _advice(
    problems: Sequence[Problem],
    rubric: Rubric,
    results: Mapping[str, ItemResult],
    answers: Mapping[str, Any] | None,
    profile: SchoolProfile | None,
) -> tuple[Advice, ...]:
    made = [advice_for(rubric.item(p.item_id), results[p.item_id], rubric.inputs, answers, profile) for p in problems]
    fallbacks = [f"对照评估要点{quoted(plain_title(p.title))}的要求，逐项整改到位。" for p in problems]
    texts = without_repeats([text for text, _ in made], fallbacks)
    return tuple(
        Advice(number=p.number, item_id=p.item_id, title=p.title, text=text, from_rubric=own)
        for p, text, (_, own) in zip(problems, texts, made, strict=True)
    )


def _requirement(meta: ReportMeta, problems: Sequence[Problem], finalised: bool) -> Requirement:
    """整改要求: the 整改报告 due to the 督导室 within N days, and the 复查 that follows."""
    office = meta.signer
    days = meta.rectify_days
    due = meta.deadline.removesuffix("前") if finalised else ""
    if not finalised:
        text = (
            f"本报告尚未经评估组核定。学校应对照上述问题立即自查自改；正式的整改要求以{office}"
            "核定后下发的督导评估意见为准。"
        )
        return Requirement(days=days, due="", office=office, paragraphs=(text,))
    if not problems:
        text = f"本次评估未发现需要整改的问题。学校应巩固已有成效，{office}将在日常督导中跟踪了解。"
        return Requirement(days=days, due=due, office=office, paragraphs=(text,))
    if not due:
        when = f"自收到本意见之日起{days}日内"
    elif _days_between(meta.date, due) in (days, None):
        when = f"自收到本意见之日起{days}日内（{due}前）"
    else:  # a deadline set by hand: the date alone
        when = f"于{due}前"
    paragraphs = (
        f"学校应{when}，针对上述{len(problems)}个问题逐项制定整改方案，"
        f"明确责任人和完成时限，并向{office}书面报送整改报告，逐项说明整改措施、整改结果并附佐证材料。",
        f"{office}将在收到整改报告后组织复查；复查未通过的问题，将限期再次整改。",
    )
    return Requirement(days=days, due=due, office=office, paragraphs=paragraphs)


def _days_between(start: str, end: str) -> int | None:
    """Days from one printed date (2024年12月20日) to another; None when either is not one."""
    import datetime as dt

    days = []
    for text in (start, end):
        found = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text.strip())
        if not found:
            return None
        try:
            days.append(dt.date(*(int(g) for g in found.groups())))
        except ValueError:
            return None
    return (days[1] - days[0]).days


def _signature(school: SchoolSummary, meta: ReportMeta, finalised: bool) -> Signature:
    if finalised:
        return Signature(signer=meta.signer, date=meta.date, lines=("评估组组长（签字）",))
    return Signature(signer=school.name, date="", lines=("校长（签字）",))


def _annex(
    rubric: Rubric,
    self_by_id: Mapping[str, ItemResult],
    verified_by_id: Mapping[str, ItemResult],
    answers: Mapping[str, Any] | None,
    verified_answers: Mapping[str, Any] | None,
    notes: Mapping[str, ItemNote],
    has_verified: bool,
    basis_card: ScoreCard,
) -> tuple[tuple[AnnexGroup, ...], tuple[Difference, ...]]:
    groups: list[AnnexGroup] = []
    differences: list[Difference] = []
    basis_groups = {g.id: g for g in basis_card.dimensions}
    for dimension in rubric.dimensions:
        rows: list[AnnexRow] = []
        for item in dimension.items:
            mine = _score(self_by_id[item.id])
            theirs = _score(verified_by_id[item.id]) if has_verified else None
            note = notes.get(item.id)
            changed = _changed_figures(rubric, item, answers, verified_answers) if has_verified else ""
            reason = note.reason if note else ""
            comment = note.comment if note else ""
            text, differs = _difference_text(mine, theirs, changed, reason)
            rows.append(
                AnnexRow(
                    item_id=item.id,
                    title=item.title,
                    points=item.points,
                    self_score=mine,
                    verified=theirs,
                    difference=text,
                    comment=comment,
                    bonus=item.bonus,
                    veto=item.veto,
                    differs=differs,
                )
            )
            if differs and theirs is not None:
                differences.append(
                    Difference(
                        item_id=item.id,
                        title=item.title,
                        self_score=mine,
                        verified=theirs,
                        changed_figures=changed,
                        reason=reason,
                    )
                )
        counted = [r for r in rows if not r.bonus]
        groups.append(
            AnnexGroup(
                dimension_id=dimension.id,
                dimension=dimension.title,
                possible=basis_groups[dimension.id].possible,
                self_earned=round(sum(r.self_score.earned for r in counted), 2),
                verified_earned=(
                    round(sum(r.verified.earned for r in counted if r.verified), 2) if has_verified else None
                ),
                rows=tuple(rows),
                bonus_only=all(item.bonus for item in dimension.items),
            )
        )
    return tuple(groups), tuple(differences)


def _changed_figures(
    rubric: Rubric,
    item: Item,
    answers: Mapping[str, Any] | None,
    verified_answers: Mapping[str, Any] | None,
) -> str:
    if answers is None or verified_answers is None:
        return ""
    keys = list(dict.fromkeys([*(i.key for i in item.inputs), *rule_inputs(item.rule)]))
    if item.applies_if is not None:
        keys.extend(k for k in rule_inputs(item.applies_if) if k not in keys)
    parts: list[str] = []
    for key in keys:
        before, after = answers.get(key), verified_answers.get(key)
        if before == after:
            continue
        inp = rubric.inputs.get(key)
        unit = inp.unit if inp else ""
        label = inp.label if inp else key
        parts.append(f"{label}自评{answer_text(before, unit)}、核定{answer_text(after, unit)}")
    return "；".join(parts)


def _difference_text(mine: Score, theirs: Score | None, changed: str, reason: str) -> tuple[str, bool]:
    if theirs is None:
        return "", False
    parts: list[str] = []
    result_differs = mine.status != theirs.status or abs(mine.earned - theirs.earned) > 0.004
    if changed:
        parts.append(f"数据核定：{changed}")
    if result_differs:
        delta = theirs.earned - mine.earned
        if abs(delta) > 0.004:
            parts.append(f"核定较自评{'增加' if delta > 0 else '减少'}{fmt(abs(delta))}分")
        else:
            parts.append(f"核定结果为{theirs.label}")
    if reason:
        parts.append(f"理由：{reason}")
    if not parts:
        return "无差异", False
    return "；".join(parts), result_differs or bool(changed)
