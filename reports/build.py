"""Building the school report's view-model from score cards, the rubric and the school summary.

:func:`build_school_report` is the one entry point. It takes the self-assessment's
ScoreCard (自评) and, when an inspector has reviewed it, the verified ScoreCard (核定); the
body of the report (结论, 主要成绩, 存在问题, 整改建议) follows the verified result when there is
one and the self-assessment otherwise, and the annex shows both side by side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from checklist.model import (
    GRADE_NAMES,
    AllOf,
    AnyOf,
    IsFalse,
    IsTrue,
    Item,
    Rubric,
    Rule,
    SchoolProfile,
    rule_inputs,
    walk_rule,
)
from checklist.scoring import GroupResult, ItemResult, ScoreCard, Status
from checklist.scoring import format_number as fmt
from checklist.seeds import SeedLibrary, tidy_quote
from reports.advice import advice_for, deadline_line
from reports.model import (
    Achievement,
    AchievementGroup,
    Advice,
    AnnexGroup,
    AnnexRow,
    Conclusion,
    Difference,
    DimensionRow,
    ItemNote,
    PlanCitation,
    Problem,
    ReportMeta,
    SchoolReport,
    SchoolSummary,
    Score,
    SourceClause,
)
from reports.radar import radar_chart

REPORT_TITLE = "办学水平评估报告"
DRAFT_WATERMARK = "自评稿"

# The verdict the scoring engine appends to an explanation; the report shows the figures alone.
_VERDICT = re.compile(
    r"，(?:不扣分，)?(?:达标|部分达标（[^）]*）|未达标(?:（一票否决项）)?|未达到加分条件"
    r"|扣[\d.]+分，(?:得[\d.]+分|未达标(?:（一票否决项）)?))$"
)
_PROBLEM_STATUSES = (Status.NOT_MET, Status.PARTIAL)


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
    seeds: SeedLibrary | None = None,
) -> SchoolReport:
    """The view-model of one school's 办学水平评估报告.

    ``answers`` (the school's figures) and ``verified_answers`` (the inspector's corrected
    figures) are optional: with them, 整改建议 name the numbers to reach and the annex says
    which figures the inspector changed. ``seeds`` gives the plans' titles and 文号; without
    it, plans are cited by file name. ``profile`` decides which grades a per-grade item asks.
    """
    note_by_item = {n.item_id: n for n in notes}
    basis_card = verified_card or self_card
    basis_answers = verified_answers if verified_answers is not None else answers
    if verified_card is None:
        basis_answers = answers
    self_by_id = self_card.by_id
    basis_by_id = basis_card.by_id
    verified_by_id = verified_card.by_id if verified_card else {}

    problems = _problems(rubric, basis_card, note_by_item, seeds)
    advice = tuple(
        _advice(p, rubric.item(p.item_id), basis_by_id[p.item_id], rubric, basis_answers, profile, meta)
        for p in problems
    )
    dimensions = _dimension_rows(rubric, self_card, verified_card, basis_card)
    radar_dims = [d for d in dimensions if not d.bonus_only and d.possible > 0]
    series: list[tuple[str, str, Sequence[float | None]]] = [("自评", "self", [d.self_percent for d in radar_dims])]
    if verified_card is not None:
        series.append(("核定", "verified", [d.verified_percent for d in radar_dims]))
    annex, differences = _annex(
        rubric,
        self_by_id,
        verified_by_id,
        answers,
        verified_answers,
        note_by_item,
        verified_card is not None,
    )
    return SchoolReport(
        title=REPORT_TITLE,
        school=school,
        meta=meta,
        rubric_title=rubric.title,
        rubric_label=f"{rubric.id} 第{rubric.version}版",
        watermark="" if meta.finalised else DRAFT_WATERMARK,
        basis=_basis(rubric, seeds),
        methods=_methods(rubric, basis_card),
        conclusion=_conclusion(rubric, school, meta, self_card, verified_card),
        dimensions=dimensions,
        radar=radar_chart([d.title for d in radar_dims], series),
        achievements=_achievements(rubric, basis_card),
        problems=problems,
        unanswered=tuple(
            (r.item_id, r.title) for r in basis_card.items if r.status is Status.UNANSWERED and not r.bonus
        ),
        advice=advice,
        annex=annex,
        differences=differences,
        has_verified=verified_card is not None,
    )


def figures_of(explanation: str) -> str:
    """The figures of an explanation, without the verdict the scoring engine appends."""
    return _VERDICT.sub("", explanation)


def source_clause(item: Item, seeds: SeedLibrary | None) -> SourceClause | None:
    """The clause an item enforces, cited as a bureau would: 《plan》（文号）第17条：“…”."""
    if item.source is None:
        return None
    doc = seeds.get(item.source.doc) if seeds is not None else None
    plan = doc.citation if doc is not None else f"《{item.source.doc}》"
    clause = item.source.clause.strip()
    if clause and not clause.startswith("第"):
        clause = f"第{clause}条"
    return SourceClause(plan=plan, clause=clause, quote=inner_quotes(tidy_quote(item.source.quote)))


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


def _basis(rubric: Rubric, seeds: SeedLibrary | None) -> tuple[PlanCitation, ...]:
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
                doc_number=(doc.doc_number or "") if doc else "",
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


def _conclusion(
    rubric: Rubric,
    school: SchoolSummary,
    meta: ReportMeta,
    self_card: ScoreCard,
    verified_card: ScoreCard | None,
) -> Conclusion:
    card = verified_card or self_card
    basis = "核定" if verified_card is not None else "自评"
    counted = [r for r in card.items if not r.bonus and r.status is not Status.NOT_APPLICABLE]
    order = (Status.MET, Status.PARTIAL, Status.NOT_MET, Status.UNANSWERED)
    counts = tuple((s.label, sum(1 for r in counted if r.status is s)) for s in order)
    by_id = card.by_id
    veto = tuple(f"{i} {by_id[i].title}：{figures_of(by_id[i].explanation)}" for i in card.veto_items)
    parts = [
        f"经评估，{school.name}{meta.cycle}办学水平评估{'核定' if verified_card else '自评'}总分为"
        f"{fmt(card.total_percent)}分"
    ]
    if card.bonus_points:
        parts[-1] += f"（含加分{fmt(card.bonus_points)}分）"
    parts.append(f"评估等级为“{card.level}”。")
    text = "，".join(parts)
    listed = "、".join(f"{label}{n}项" for label, n in counts if n)
    if counted:
        text += f"在{len(counted)}个适用的评估要点中，{listed}。"
    else:
        text += "本校没有适用的评估要点。"
    if card.veto_failed:
        names = "、".join(f"{i}（{by_id[i].title}）" for i in card.veto_items)
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


def _dimension_rows(
    rubric: Rubric,
    self_card: ScoreCard,
    verified_card: ScoreCard | None,
    basis_card: ScoreCard,
) -> tuple[DimensionRow, ...]:
    self_groups = {g.id: g for g in self_card.dimensions}
    verified_groups = {g.id: g for g in verified_card.dimensions} if verified_card else {}
    basis_groups = {g.id: g for g in basis_card.dimensions}
    rows: list[DimensionRow] = []
    for dimension in rubric.dimensions:
        mine = self_groups[dimension.id]
        theirs = verified_groups.get(dimension.id)
        basis = basis_groups[dimension.id]
        bonus_only = all(item.bonus for item in dimension.items)
        self_earned, verified_earned = mine.earned, theirs.earned if theirs else None
        if bonus_only:
            self_earned = _bonus_earned(self_card, dimension.items)
            if verified_card is not None:
                verified_earned = _bonus_earned(verified_card, dimension.items)
        rows.append(
            DimensionRow(
                id=dimension.id,
                title=dimension.title,
                possible=sum(i.points for i in dimension.items) if bonus_only else mine.possible,
                self_earned=self_earned,
                self_percent=None if bonus_only else mine.percent,
                verified_earned=verified_earned,
                verified_percent=None if bonus_only or theirs is None else theirs.percent,
                met=_count(basis, Status.MET),
                not_met=_count(basis, Status.NOT_MET) + _count(basis, Status.PARTIAL),
                bonus_only=bonus_only,
            )
        )
    return tuple(rows)


def _bonus_earned(card: ScoreCard, items: Sequence[Item]) -> float:
    by_id = card.by_id
    return round(sum(by_id[i.id].earned for i in items), 2)


def _count(group: GroupResult, status: Status) -> int:
    return int(group.counts.get(status.value, 0))


def _achievements(rubric: Rubric, card: ScoreCard) -> tuple[AchievementGroup, ...]:
    by_id = card.by_id
    groups: list[AchievementGroup] = []
    for dimension in rubric.dimensions:
        met = tuple(
            Achievement(
                item_id=item.id,
                title=item.title,
                figures="" if _yes_no(item.rule) else figures_of(by_id[item.id].explanation),
                bonus=item.bonus,
            )
            for item in dimension.items
            if by_id[item.id].status is Status.MET
        )
        if met:
            groups.append(AchievementGroup(dimension=dimension.title, items=met))
    return tuple(groups)


def _yes_no(rule: Rule) -> bool:
    """A rule that only asks yes/no questions: its figures (「是否…：是」) repeat the title."""
    return all(isinstance(r, IsTrue | IsFalse | AllOf | AnyOf) for r in walk_rule(rule))


def _problems(
    rubric: Rubric,
    card: ScoreCard,
    notes: Mapping[str, ItemNote],
    seeds: SeedLibrary | None,
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
                figures=figures_of(result.explanation),
                source=source_clause(item, seeds),
                veto=item.veto,
                comment=note.comment if note else "",
            )
        )
    return tuple(problems)


def _advice(
    problem: Problem,
    item: Item,
    result: ItemResult,
    rubric: Rubric,
    answers: Mapping[str, Any] | None,
    profile: SchoolProfile | None,
    meta: ReportMeta,
) -> Advice:
    text, from_rubric = advice_for(item, result, rubric.inputs, answers, profile)
    return Advice(
        number=problem.number,
        item_id=item.id,
        title=item.title,
        text=text,
        deadline=deadline_line(meta.deadline),
        from_rubric=from_rubric,
    )


def _annex(
    rubric: Rubric,
    self_by_id: Mapping[str, ItemResult],
    verified_by_id: Mapping[str, ItemResult],
    answers: Mapping[str, Any] | None,
    verified_answers: Mapping[str, Any] | None,
    notes: Mapping[str, ItemNote],
    has_verified: bool,
) -> tuple[tuple[AnnexGroup, ...], tuple[Difference, ...]]:
    groups: list[AnnexGroup] = []
    differences: list[Difference] = []
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
                possible=round(sum(r.self_score.possible for r in counted), 2),
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
