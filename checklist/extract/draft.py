"""From a plan's candidates to a draft rubric YAML that ``selfcheck rubric check`` accepts.

School-level candidates become items: quantities get inputs and numeric rules, artefacts and
prohibitions yes/no questions with evidence. Items are grouped into the dimensions A–H of
config/rubrics/README.md by keywords; encouraged items (鼓励、支持、有条件的) go to H as bonus
items. Every item quotes its clause exactly. Region-level and unclear candidates are not items:
they are listed in a comment block at the end for a person to decide.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from checklist.extract import patterns as P
from checklist.extract.candidates import Candidate, describe, format_value, one_in, where_in_plan
from checklist.extract.draft_rules import Topic, default_draft_rules
from checklist.extract.numbers import parse_number
from checklist.extract.plans import PlanInfo
from checklist.extract.score_columns import Deduction, deduction_after, row_columns, shared_points
from checklist.extract.topics import topic_of
from checklist.extract.unread import Unread, reading_spans, unread_sentences
from checklist.model import STAGE_NAMES
from checklist.seeds import SeedDocument, tidy_quote

DIMENSIONS: tuple[tuple[str, str], ...] = (
    ("A", "党建与思政"),
    ("B", "学校管理"),
    ("C", "课程教学"),
    ("D", "学生发展（五育并举）"),
    ("E", "队伍建设"),
    ("F", "校园安全"),
    ("G", "食堂与后勤"),
    ("H", "加分项"),
)
# A teacher's conduct, read in the item's own words only (not in its sentence: "学校应当关心爱护未成年人，不得体罚…"
# asks the school to care, which is no 师德 item).
_CONDUCT = re.compile(r"有偿补课|有偿家教|收受[^,;。]{0,8}(?:礼品|礼金|红包)|体罚|师德")
# Tested in this order on the item's subject and quote; the first that matches wins.
_DIMENSION_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("G", re.compile(r"食堂|食品|餐|明厨亮灶|膳食|营养|后勤|校服|计算机|教学仪器|教学设备")),
    (
        "F",
        re.compile(
            r"安全|应急|演练|消防|溺水|欺凌|1530|安保|防灾|护校安园|隐患|[三四五]个100%|防拐|交通|值守|护学|门卫|保安|"
            r"视频监控|监控录像|录像|一键报警|紧急报警"
        ),
    ),
    # a school's rooms, grounds and equipment by a standard (办学条件), unless the item is about their safety
    (
        "G",
        re.compile(
            r"实验室|实验员室|仪器室|准备室|药品室|功能室|专用教室|科学教室|音乐教室|美术教室|生物园地|图书室|藏书|田径场|运动场|"
            r"校舍|面积|体育器材|装备"
        ),
    ),
    # a teacher's conduct (师德): paid tutoring, gifts, punishment — whatever the words around it say of classes
    ("E", _CONDUCT),
    # 五项管理 and 规范办学: homework, after-school care, enrolment and fees are how a school is run,
    # whoever does them ("21:00后教师不得布置作业" is not about teachers' training)
    (
        "B",
        re.compile(
            r"家访|家长|家校|家庭教育|家委会|作业|课后服务|减负|招生|收费|学籍|补课|作息|到校|放学|上课时间|在校时间|班额"
        ),
    ),
    ("A", re.compile(r"党|思政|意识形态|廉|主题教育|德育|理论学习|政治|宣讲")),
    (
        "D",
        re.compile(
            r"体育|体质|美育|艺术|劳动|研学|心理|近视|视力|睡眠|体检|一校一品|一校多品|社团|阅读|读书|综合实践|健康|"
            r"科技|科普|少先队|运动|展演|学生"
        ),
    ),
    ("E", re.compile(r"教师|校长|班主任|师德|培训|名师|骨干|交流轮岗|队伍|教研员|管理人员|校医|保健医|生活老师")),
    ("C", re.compile(r"课程|教学|课堂|实验|教研|教材|精品课|分层|作业|课时|(?<![上放])学时|课")),
)
_INDICATORS: Mapping[str, tuple[tuple[str, str], ...]] = {
    "A": (("党的建设", r"党|廉|从严治党"), ("思想政治与德育", "")),
    "B": (
        ("家校社协同", r"家长|家庭|家访|家校"),
        ("规范办学", r"招生|收费|作业|课后|资助|减负|学籍|入学|作息|到校|放学|上课时间|在校时间|就寝|补课|补习|班额"),
        ("制度与规划", ""),
    ),
    "C": (("课程实施", r"课程|开齐|开足|教材"), ("教学与教研", "")),
    "D": (
        ("心理健康", r"心理"),
        ("体育与健康", r"体育|体质|近视|视力|用眼|眼保健操|睡眠|午休|体检|健康|运动|锻炼|一校一品|一校多品"),
        ("美育", r"艺术|美育|展演"),
        ("劳动教育", r"劳动"),
        ("研学与实践", r"研学|实践|社会大课堂|游学"),
        ("学生关爱与综合素质", ""),
    ),
    "E": (
        ("师德师风", r"师德|有偿补课|有偿家教|礼品|礼金|红包|体罚"),
        ("交流与配备", r"交流|配备|招聘|补充"),
        ("培训与发展", ""),
    ),
    "F": (("隐患排查与应急", r"排查|演练|应急|隐患|整治"), ("安全制度与教育", "")),
    "G": (
        ("食品安全", r"食品|食堂|餐|明厨亮灶|膳食|营养"),
        (
            "办学条件与装备",
            r"实验|仪器|准备室|药品室|功能室|专用教室|科学教室|音乐教室|美术教室|生物园地|图书室|藏书|田径场|运动场|校舍|面积|器材|装备|计算机",
        ),
        ("后勤保障", ""),
    ),
    "H": (("鼓励项目", ""),),
}

LEVELS = (
    {"name": "优秀", "min_percent": 90},
    {"name": "良好", "min_percent": 80},
    {"name": "合格", "min_percent": 60},
    {"name": "不合格", "min_percent": 0},
)

# The shared input keys of config/rubrics/README.md (config/draft_rules.yaml), with their type and unit.
SHARED_INPUTS: Mapping[str, Mapping[str, Any]] = default_draft_rules().inputs
_RED_LINES = re.compile(r"有偿补课|安全责任事故|食品安全事故|欺凌|体罚|性侵|重大安全")
_PERIOD_WORDS = {
    "天": "每天",
    "周": "每周",
    "月": "每月",
    "学期": "每学期",
    "学年": "每学年",
    "年": "每年",
    "季度": "每季度",
    "在校期间": "在校期间",  # the whole stay at school, not each of something
    "学段": "学段",  # the whole of a stage: "初中学段6课时"
    "工作日": "每个工作日",
    "届任期": "每届任期",
}
_PERIOD_KEYS = {
    "天": "daily",
    "周": "weekly",
    "月": "monthly",
    "学期": "per_term",
    "学年": "per_school_year",
    "年": "yearly",
    "季度": "quarterly",
    "半年": "half_yearly",
    "在校期间": "while_enrolled",
    "学段": "per_stage",
    "工作日": "per_working_day",
    "届任期": "per_term_of_office",
}
_SPAN_KEYS = {"年": "years", "学年": "school_years", "学期": "terms", "月": "months", "周": "weeks", "天": "days"}


def _period_word(period: str | None) -> str:
    """每天, 每学期 — and a span of several: "5年" → 每5年, "两周" → 每两周."""
    if not period:
        return ""
    return _PERIOD_WORDS.get(period) or f"每{period}"


def _period_key(period: str | None) -> str:
    """daily, per_term — and a span of several: "5年" → every_5_years, "两周" → every_2_weeks."""
    if not period:
        return ""
    if period in _PERIOD_KEYS:
        return _PERIOD_KEYS[period]
    m = re.fullmatch(r"(\d+|[一二两三四五六七八九十]|半)(年|学年|学期|月|周|天)", period)
    if m is None:
        return ""
    count = parse_number(m.group(1)) if m.group(1) != "半" else None
    n = "half" if count is None else f"{count:g}"
    return f"every_{n}_{_SPAN_KEYS[m.group(2)]}"


_CMP_WORDS = {"at_least": "不少于", "at_most": "不超过", "equal": "", None: ""}
# An item's weight by kind, shared out to points by ``rubric draft`` (the editor's new items take it too); veto 6,
# bonus 1, any other kind 2.
WEIGHTS = {
    "duration": 5,
    "frequency": 4,
    "ratio": 5,
    "count": 3,
    "coverage": 4,
    "existence": 2,
    "prohibition": 4,
    "deadline": 2,
}


class _Flow(dict[str, Any]):
    """A mapping written on one line ({key: ..., label: ...})."""


class _Dumper(yaml.SafeDumper):
    pass


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


_Dumper.add_representer(_Flow, _represent_flow)


@dataclass(frozen=True)
class Pending:
    """A candidate that did not become an item, and why."""

    candidate: Candidate
    reason: str


@dataclass(frozen=True)
class Draft:
    """A draft rubric: the YAML mapping, the items' candidates, and what was left to a person."""

    data: Mapping[str, Any]
    items: tuple[Candidate, ...]
    pending: tuple[Pending, ...]
    header: str = ""
    unread: tuple[Unread, ...] = ()  # sentences with an amount no candidate reads

    def to_yaml(self) -> str:
        body = yaml.dump(
            dict(self.data),
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=False,
            width=160,
            default_flow_style=False,
        )
        return self.header + body + _pending_block(self.pending) + _unread_block(self.unread)


_STILL_NOT = re.compile(r"(?:仍|还|尚)(?:未|没有)")


def _cut_off(c: Candidate) -> bool:
    """ "若至晚上9点30分仍未完成家庭作业": a time of day said by what is still not done then — the quote is
    the case, the item is the cut-off."""
    return c.is_time_of_day and c.comparator == "at_most" and _STILL_NOT.search(c.quote) is not None


# What a figure's words say besides the figure: not digits, marks, comparators or units.
_NOT_CONTENT = re.compile(
    r"[\W\d\s]|不少于|不低于|不超过|不高于|不多于|不得|至少|最多|以上|以下|以内|达到|小时|分钟|课时|次|节|人|名|个"
)


def _says_of_what(c: Candidate) -> bool:
    """Whether the subject or the quote names what the figure measures ("不低于2小时" alone does not)."""
    return len(_NOT_CONTENT.sub("", c.subject)) >= 2 or len(_NOT_CONTENT.sub("", c.quote)) >= 2


@dataclass(frozen=True)
class _Spec:
    candidate: Candidate
    dimension: str
    indicator: str
    title: str
    inputs: list[_Flow]
    rule: dict[str, Any]
    weight: float
    source: _Flow
    bonus: bool = False
    veto: bool = False
    partial: str | None = None
    applies_to: _Flow | None = None
    applies_if: _Flow | None = None
    evidence: list[str] = field(default_factory=list)
    method: str = "查阅资料"
    signature: tuple[Any, ...] = ()
    basis: _Flow | None = None


def draft_rubric(
    candidates: Sequence[Candidate],
    text: str,
    info: PlanInfo,
    rubric_id: str,
    version: int = 1,
    title: str | None = None,
) -> Draft:
    """Build the draft rubric of one plan from its candidates (``text`` is the plan's original
    text, used to check that every quote is found again in its own clause)."""
    document = SeedDocument(
        info.file, info.title, info.issuer, info.year, None, info.short_title, text
    )
    keys = _Keys()
    specs: list[_Spec] = []
    pending: list[Pending] = []
    seen: set[tuple[Any, ...]] = set()
    deductions: list[tuple[int, int]] = []  # the quotes whose deduction an item reads: amounts read too
    for c in candidates:
        if c.scope != "school":
            why = "全市（区域）指标" if c.scope == "region" else "层级不明"
            pending.append(Pending(c, f"{why}：{c.scope_reason}"))
            continue
        if c.kind == "deadline" and not c.is_time_of_day:
            pending.append(Pending(c, "时限要求：请并入相应要点或另设要点"))
            continue
        if c.kind in ("duration", "frequency", "ratio", "count", "coverage") and not _says_of_what(c):
            # "不低于2小时!" in a headline: a figure without what it measures is no item a school could answer
            pending.append(Pending(c, "未写明所指何事：请对照原文补写为要点"))
            continue
        cut = deduction_of(c, text)
        if cut is not None and cut.end > c.end:
            c = replace(c, end=cut.end, quote=text[c.start : cut.end])  # the quote states the deduction too
        source = _source(c, document, text)
        if source is None:
            pending.append(Pending(c, "引文无法在工作要点中唯一定位"))
            continue
        spec = _spec(c, source, keys)
        if cut is not None:
            spec = _deducting(spec, cut, keys)
            deductions.append((c.start, c.end))
        row = row_columns(text, c.start)
        if row.method:
            spec = replace(spec, method=row.method)  # the table's own 评估方法 for its row
        if row.evidence:
            spec = replace(spec, evidence=list(row.evidence))  # … and its 佐证材料
        if spec.signature in seen:
            continue
        seen.add(spec.signature)
        keys.commit(spec)
        specs.append(spec)
    table_points = shared_points([s.candidate for s in specs], text)
    data = _assemble(specs, table_points, info, rubric_id, version, title)
    header = (
        f"# 评估细则草稿：由 selfcheck rubric draft 依据《{info.title}》（{info.file}）生成。\n"
        "# 草稿只供起草：请逐项核对层级、阈值、分值与佐证材料，删改后再用 selfcheck rubric check\n"
        "# 检查，并另存为 config/rubrics/<发文单位>-<年度>-v1.yaml。\n"
        f"# 要点 {len(specs)} 个；未纳入、待人工决定的候选 {len(pending)} 个（见文末）。\n"
    )
    from_table = sum(1 for p in table_points if p is not None)
    if from_table:
        header += (
            f"# 分值：{from_table} 个要点取自原文细则表的“分值”列（同一行有几个要点时平分该行分值），"
            f"其余 {len(specs) - from_table} 个按要求类型暂定，请核定。\n"
        )
    unread = unread_sentences(text, [*reading_spans(candidates), *deductions])
    if unread:
        header += f"# 原文中写有数量、未读出要求的语句 {len(unread)} 句（见文末），请逐句核对。\n"
    return Draft(data, tuple(s.candidate for s in specs), tuple(pending), header + "\n", unread)


# -- items ----------------------------------------------------------------------------------------


class _Keys:
    """Input keys: shared keys from the README, generated keys unique within the rubric."""

    def __init__(self) -> None:
        self.declared: set[str] = set()
        self.taken: set[str] = set()

    def fresh(self, stem: str) -> str:
        key, n = stem, 2
        while key in self.taken or key in SHARED_INPUTS:
            key, n = f"{stem}_{n}", n + 1
        self.taken.add(key)
        return key

    def shared(self, key: str, inputs: list[_Flow], **extra: Any) -> str:
        if key not in self.declared and all(i["key"] != key for i in inputs):
            inputs.append(_Flow({"key": key, **SHARED_INPUTS[key], **extra}))
        return key

    def commit(self, spec: _Spec) -> None:
        for inp in spec.inputs:
            self.declared.add(str(inp["key"]))
            self.taken.add(str(inp["key"]))


def _spec(c: Candidate, source: _Flow, keys: _Keys) -> _Spec:
    topic = topic_of(c)
    inputs: list[_Flow] = []
    rule: dict[str, Any]
    # an input key is lower case (the rubric language): clause "B5" of an indicator table gives "cb5_…"
    stem = f"c{c.clause.lower()}" if c.clause and re.fullmatch(r"\w+", c.clause) and c.clause.isascii() else "item"
    partial: str | None = None
    applies_if: _Flow | None = None
    basis: _Flow | None = None
    signature: tuple[Any, ...]
    veto = False
    built = _from_topic(topic, c, keys, inputs) if topic is not None and topic.rule != "generic" else None
    if built is not None:
        rule, partial, veto, applies_if, basis = built
    elif c.kind in ("duration", "frequency", "count"):
        key = keys.fresh(f"{stem}_{_suffix(c)}")
        if c.kind == "frequency" and c.grades:
            inputs.append(
                _Flow(
                    {
                        "key": key,
                        "label": _label(c),
                        "type": "grades",
                        "unit": c.unit or "次",
                        "grades": list(c.grades),
                    }
                )
            )
            rule = {"kind": "each", "input": key, "rule": _number_rule(c, None)}
        else:
            inputs.append(_number_input(key, c))
            rule = _number_rule(c, key)
            partial = "proportional" if rule["kind"] == "at_least" else None
    elif c.kind == "ratio" and c.origin == "ratio" and c.denominator:
        # "师生比1:19": staff and students as two figures, staff ÷ students ≥ 1/19
        staff_key, whole_key = keys.fresh(f"{stem}_staff"), keys.fresh(f"{stem}_students")
        thing = _THING.fullmatch(c.subject)
        label = f"{thing.group(1)}数量（{thing.group(2)}）" if thing else f"{_short(c.subject)}人数"
        inputs.append(_Flow({"key": staff_key, "label": label, "type": "number", "min": 0}))
        inputs.append(_Flow({"key": whole_key, "label": c.denominator, "type": "number", "min": 0}))
        rule = {"kind": "ratio_at_least", "numerator": staff_key, "denominator": whole_key, "value": c.value or 0.0}
        partial = "proportional"
    elif c.kind == "ratio" and c.denominator and c.comparator in ("at_least", "equal"):
        part_key, whole_key = keys.fresh(f"{stem}_part"), keys.fresh(f"{stem}_whole")
        inputs.append(_Flow({"key": whole_key, "label": c.denominator, "type": "number", "min": 0}))
        label = _short(c.subject.split("占")[0]) or "其中符合要求的"
        part = {"key": part_key, "label": label, "type": "number", "min": 0}
        if (c.value or 0.0) < 1:
            part["max_input"] = whole_key  # a share of the whole; a level or a multiple of it may be passed
        inputs.append(_Flow(part))
        rule = {
            "kind": "ratio_at_least",
            "numerator": part_key,
            "denominator": whole_key,
            "value": c.value or 0.0,
        }
        partial = "proportional"
    elif c.kind in ("ratio", "coverage"):
        key = keys.fresh(f"{stem}_percent")
        inputs.append(
            _Flow(
                {
                    "key": key,
                    "label": f"{_short(c.subject)}{_rate_word(c)}（%）",
                    "type": "number",
                    "unit": "%",
                    "min": 0,
                    "max": 100,
                }
            )
        )
        value = _percent(c.value if c.value is not None else 1.0)
        kind = "at_most" if c.comparator == "at_most" else "at_least"
        rule = {"kind": kind, "input": key, "value": value}
        partial = "proportional" if kind == "at_least" else None
    elif c.kind == "prohibition":
        key = keys.fresh(f"{stem}_occurred")
        inputs.append(
            _Flow({"key": key, "label": f"是否存在：{_short(c.subject, 30)}", "type": "boolean"})
        )
        rule = {"kind": "is_false", "input": key}
        veto = bool(_RED_LINES.search(c.quote + c.subject))
    elif c.is_time_of_day:
        # a time of the school day: the school says whether it keeps it ("是否做到：上午上课时间不早于8:20")
        key = keys.fresh(f"{stem}_kept")
        asked = _title(c) if _cut_off(c) or _clock_of_topic(c) else _requirement_cell(c)
        inputs.append(_Flow({"key": key, "label": f"是否做到：{_short(asked, 36)}", "type": "boolean"}))
        rule = {"kind": "is_true", "input": key}
    else:  # existence
        key = keys.fresh(f"{stem}_done")
        inputs.append(
            _Flow({"key": key, "label": f"是否{_short(c.subject, 30)}", "type": "boolean"})
        )
        rule = {"kind": "is_true", "input": key}
    if applies_if is None and c.origin == "standards_column":
        applies_if, basis = _school_size(c, keys, inputs) or (None, basis)
    basis = basis or _implied_basis(c)
    signature = (topic.key if topic else c.subject, repr(_strip_inputs(rule)))
    if c.is_time_of_day:
        signature = ("时刻", tidy_quote(c.quote))  # a window's start and end: one question
    bonus = c.modality == "encouraged" and not veto
    label = topic.label if topic else ""
    shared_label = (_as_the_plan_says(topic, c).get("label") or label) if topic else ""
    dimension = "H" if bonus else _dimension(c, label)
    applies = _applies_to(c, dimension)
    return _Spec(
        candidate=c,
        dimension=dimension,
        indicator=_indicator(dimension, c, label),
        title=_title(c, shared_label if topic and topic.key in SHARED_INPUTS else ""),
        inputs=inputs,
        rule=_flow_rule(rule),
        weight=1 if bonus else (6 if veto else WEIGHTS.get(c.kind, 2)),
        source=source,
        bonus=bonus,
        veto=veto,
        partial=None if (bonus or veto) else partial,
        applies_to=applies,
        applies_if=applies_if,
        evidence=_evidence(c, topic.key if topic else None),
        method=_method(c),
        signature=signature,
        basis=basis,
    )


# A standards table's column for schools of one size, as its reading names it (实验室间数（4~8个平行班）,
# 篮球场（24班以上）): a range, or a bound said with 以上/以下; a size alone (18班) says no bound.
_SCHOOL_SIZE = re.compile(
    r"(?P<a>\d{1,2})(?:\s*(?:~|～|-{1,2}|—|至)\s*(?P<b>\d{1,2}))?个?(?P<per>平行班|轨|班)(?P<side>及?以[上下])?"
)


def _school_size(c: Candidate, keys: _Keys, inputs: list[_Flow]) -> tuple[_Flow, _Flow] | None:
    """The schools a standards table's column by size is for: the item applies to them only (applies_if on the
    school's classes, or its classes in a grade where the table counts 平行班), read from the table's header — a
    reading the bureau confirms (basis)."""
    said = next((m for m in _SCHOOL_SIZE.finditer(c.subject) if m.group("b") or m.group("side")), None)
    if said is None:
        return None
    per_grade = said.group("per") != "班"
    key = keys.shared("parallel_classes" if per_grade else "class_count", inputs)
    low = int(said.group("a"))
    if said.group("b"):
        condition = {"kind": "between", "input": key, "min": low, "max": int(said.group("b"))}
    elif said.group("side").endswith("以上"):
        condition = {"kind": "at_least", "input": key, "value": low}
    else:
        condition = {"kind": "at_most", "input": key, "value": low}
    who = "每个年级平行班数" if per_grade else "班级数"
    note = f"评估标准按学校规模分列，本项为“{said.group()}”一列：只适用于{who}在此范围的学校（据表头读出，请核对）"
    return _Flow(condition), _Flow({"kind": "bureau_decision", "note": note})


_IMPLIED = {
    "periodic": "“{quote}”未写次数，按通行读法为每{period}至少1次",
    "periodic_words": "“{quote}”未写次数，按通行读法为每{period}至少1次",
    "coverage": "“{quote}”指全部对象，按100%计",
    "parity": "“{quote}”以所比照的标准或水平为准，按100%计",
}


def _implied_basis(c: Candidate) -> _Flow | None:
    """Where a number the plan does not write comes from (the rubric language's ``basis``):
    a phrase of the lexicon (一校多品 → 2), a period without a count (每学期开展 → 1), a
    coverage word (所有、全体 → 100%). A draft says so, for the bureau to confirm."""
    if c.origin.startswith("lexicon:"):
        phrase = c.origin.removeprefix("lexicon:")
        note = f"“{phrase}”未写出数字，按通行读法（{c.subject}，见 config/lexicon.yaml）确定，请教育局确认"
        return _Flow({"kind": "common_practice", "note": note})
    template = _IMPLIED.get(c.origin)
    if template is None and c.kind == "frequency" and P.EACH_OF_TWO_SAID.search(tidy_quote(c.quote)):
        count = f"{c.value:g}" if c.value is not None else "2"
        return _Flow({"kind": "common_practice", "note": f"“{_short(c.quote, 24)}”为两个时段各计，合计{count}次"})
    if template is None:
        return None
    note = template.format(quote=_short(c.quote, 24), period=c.period or "学年")
    return _Flow({"kind": "common_practice", "note": note})


# The day's sport is asked 校内 only where the plan says so: "每天校内外体育活动各1小时", "每天综合体育活动时间不低于
# 2小时" and "确保学生每天活动…不少于2小时" are not 校内 (issue 14: a shipped rubric said 校内 where its plan did not).
_NOT_ONLY_IN_SCHOOL = re.compile(r"校内外|校外|综合体育|^(?!.*校内)")
_ANY_DAILY_SPORT = "每天体育活动时长"


def _as_the_plan_says(topic: Topic, c: Candidate) -> dict[str, str]:
    """The shared input's label and help as the plan words it, where the table's label would say more."""
    if topic.key != "pe_minutes_daily" or not _NOT_ONLY_IN_SCHOOL.search(tidy_quote(c.quote)):
        return {}
    said = _short(_requirement_cell(c), 40)
    return {"label": _ANY_DAILY_SPORT, "help": f"要点原文为“{said}”，未限于校内，按原文填写"}


def _from_topic(
    topic: Topic, c: Candidate, keys: _Keys, inputs: list[_Flow]
) -> tuple[dict[str, Any], str | None, bool, _Flow | None, _Flow | None]:
    """(rule, partial, veto, applies_if, basis) of an item whose topic says how it is built."""
    for key in topic.inputs:
        keys.shared(key, inputs)
    key = topic.input
    rule: dict[str, Any]
    if topic.rule == "number":
        keys.shared(key, inputs, **_as_the_plan_says(topic, c))
        rule = _number_rule(c, key)
    elif topic.rule == "each":
        keys.shared(key, inputs, grades=list(c.grades))
        rule = {"kind": "each", "input": key, "rule": _number_rule(c, None)}
    elif topic.rule == "is_true":
        keys.shared(key, inputs)
        rule = {"kind": "is_true", "input": key}
    elif topic.rule == "percent":
        keys.shared(key, inputs)
        rule = {"kind": "at_least", "input": key, "value": _percent(c.value if c.value is not None else 1.0)}
    else:
        assert not isinstance(topic.rule, str), topic.rule  # draft_rules checks the names
        rule = _filled(topic.rule, c, None)
        if rule.get("input") in SHARED_INPUTS:
            keys.shared(str(rule["input"]), inputs)
    applies_if = None
    if topic.applies_if and topic.context_number:
        found = re.search(topic.context_number, c.context)
        if found:
            applies_if = _Flow(_filled(topic.applies_if, c, int(found.group(1))))
    partial = topic.partial if rule["kind"] in ("at_least", "ratio_at_least") else None
    basis = _Flow(topic.basis) if topic.basis else None
    return rule, partial, topic.veto, applies_if, basis


def _filled(template: Mapping[str, Any], c: Candidate, context_number: int | None) -> dict[str, Any]:
    """A rule of the table with $value and $context_number put in."""
    values = {"$value": c.value if c.value is not None else 0.0, "$context_number": context_number}
    return {k: values.get(v, v) if isinstance(v, str) else v for k, v in template.items()}


def _strip_inputs(rule: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in rule.items() if k not in ("input",)}


def deduction_of(c: Candidate, text: str) -> Deduction | None:
    """The deduction the plan states for a duty or a ban (in its row or sentence), by which the draft
    scores it — that, not the veto it would propose for a red line; None where the plan says 一票否决."""
    if c.kind not in ("existence", "prohibition") or "否决" in c.context:
        return None
    return deduction_after(text, c.start)


def _deducting(spec: _Spec, cut: Deduction, keys: _Keys) -> _Spec:
    """A duty or a ban scored as the plan scores it: so many points off for each fault found
    ("严禁有偿补课，发现一例扣2分") or each thing not done ("每缺一项扣1分"), down to none (the
    rule's cap is the item's points, set when the points are known)."""
    c = spec.candidate
    per = int(cut.per) if cut.per.is_integer() else cut.per
    if spec.rule.get("kind") == "at_most" and spec.rule.get("value") == 0 and not cut.missing:
        # a ban already asked as a number of cases ("违规有偿补课起数 ≤ 0"): those cases are what is counted
        rule = _Flow({"kind": "deduct", "input": spec.rule["input"], "per": per, "cap": 0})
        return replace(spec, rule=rule, partial=None, veto=False, signature=(*spec.signature, "deduct"))
    stem = re.sub(r"_(?:done|occurred)(?:_\d+)?$", "", spec.inputs[0]["key"]) if spec.inputs else "item"
    key = keys.fresh(f"{stem}_{'missing' if cut.missing else 'found'}")
    # the fault itself, counted ("学校组织学生参加商业性活动" 次), or what is missing of the duty ("…管理制度：缺项" 项)
    label = f"{_short(c.subject, 24)}：缺{cut.unit}" if cut.missing else _short(c.subject, 30)
    number = _Flow({"key": key, "label": label, "type": "number", "unit": cut.unit, "min": 0, "integer": True})
    rule = _Flow({"kind": "deduct", "input": key, "per": per, "cap": 0})
    return replace(spec, inputs=[number], rule=rule, partial=None, veto=False, signature=(*spec.signature, "deduct"))


def _flow_rule(rule: dict[str, Any]) -> dict[str, Any]:
    out = _Flow(rule)
    if isinstance(rule.get("rule"), dict):
        out["rule"] = _Flow(rule["rule"])
    return out


def _percent(fraction: float) -> float:
    value = round(fraction * 100, 4)
    return int(value) if value.is_integer() else value


def _number_rule(c: Candidate, key: str | None) -> dict[str, Any]:
    value = _num(c.value if c.value is not None else 0.0)
    head: dict[str, Any] = {"input": key} if key else {}
    if c.comparator == "between" and c.value_max is not None:
        return {"kind": "between", **head, "min": value, "max": _num(c.value_max)}
    if c.comparator == "at_most":
        return {"kind": "at_most", **head, "value": value}
    return {"kind": "at_least", **head, "value": value}


def _num(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _number_input(key: str, c: Candidate) -> _Flow:
    unit = c.unit or ""
    data: dict[str, Any] = {
        "key": key,
        "label": _label(c),
        "type": "number",
        "unit": unit,
        "min": 0,
    }
    if c.kind == "duration":
        data["max"] = {"天": 1440, "周": 10080}.get(c.period or "", 100000)
    if unit in ("次", "节", "人", "名", "个", "所", "项", "场", "场次", "人次"):
        data["integer"] = True
    return _Flow(data)


def _suffix(c: Candidate) -> str:
    period = _period_key(c.period)
    if c.kind == "duration":
        # a length in days, weeks … is entered in its own unit ("提前3天": days, not minutes)
        measure = {"天": "days", "周": "weeks", "月": "months", "年": "years", "个工作日": "workdays"}.get(
            c.unit or "", "minutes"
        )
        return f"{measure}_{period}" if period else measure
    if c.kind == "frequency":
        return f"times_{period}" if period else "times"
    return "count"


def _label(c: Candidate) -> str:
    subject = _short(c.subject, 24)
    period = _period_word(c.period)
    if period and period in subject:
        period = ""
    noun = {"duration": "时长", "frequency": "次数", "count": "数量"}.get(c.kind, "")
    if c.kind == "frequency" and c.unit in ("天", "日", "节"):
        noun = "天数" if c.unit != "节" else "节数"  # "课后服务每周5天", "每周4节": days or lessons, not times
    if c.unit in ("学时", "课时", "学分"):
        noun = c.unit  # 360学时 is an amount of hours, not a number of times
    if subject.endswith(noun) or (noun == "天数" and noun in subject):
        noun = ""  # "体育课时" is already what is counted
    if noun == "数量" and (_MEASURE_END.search(subject) or c.unit == "元"):
        noun = ""  # "实验室面积", "生均册数", "班额", a fee: a size, a number or an amount already
    return f"{period}{subject}{noun}"


# What a count's subject ends with when it names a measure, not things to count.
_MEASURE_END = re.compile(r"(?:面积|数|量|额|长度|宽度|高度|距离|容量|间距)(?:（[^（）]*）)?$")


def _short(text: str, limit: int = 20) -> str:
    text = tidy_quote(text).strip(" ,、:;")
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Words with no content of their own: a subject made only of them ("应当", "须有", "有", "原则上",
# or nothing at all) names nothing, so the item is titled by its quote instead.
_EMPTY_SUBJECT = re.compile(r"(?:须有|应当|应该|必须|需要|可以|原则上|一般|至少|应|须|需|要|可|能|有|均|都|并|且)*")


# (not the first character of a word: 应急演练, 特色学校, 需求调研, 要素)
_DUTY_LEAD = re.compile(
    r"^(?:特(?=制定|制订)|须|需(?!求|要)|需要|应当|应(?![急对用届聘])|要(?![素求点])|必须|务必)(?=[\u4e00-\u9fff]{2})"
)


# Things counted per student, not staff: "计算机（台）" (tables.ratios)
_THING = re.compile(r"(.+)（(台|册|套|件)）")


# A topic carried to a stage's figure: "睡眠时间（初中生）" — titled with the stage first, as a plan says it
_STAGE_AFTER = re.compile(rf"(.{{2,}})（((?:{P.STAGE_NAMES.pattern})+)）")


def _stage_first(subject: str) -> str:
    m = _STAGE_AFTER.fullmatch(subject)
    return f"{m.group(2)}{m.group(1)}" if m else subject


_SAYS_A_NUMBER = re.compile(r"[0-9０-９一二两三四五六七八九十百半]")


def _requirement_cell(c: Candidate) -> str:
    """The quote, tidied; of a table row's quote, which spans the row's cells ("办学条件⇥师资配备⇥专任教师学历合格率
    达到100%⇥5⇥查阅资料"), the cell that says the requirement: the longest naming its subject, else holding a
    number, else the longest (not a long 评估方法 cell, 查阅学校课程表、作息时间表并访谈师生)."""
    cells = c.quote.split("\t")
    if len(cells) > 1:
        said = [cell for cell in cells if c.subject and c.subject[:4] in tidy_quote(cell)]
        said = said or [cell for cell in cells if _SAYS_A_NUMBER.search(cell) and len(cell.strip()) > 3]
        cells = said or cells
    return tidy_quote(max(cells, key=lambda cell: len(cell.strip())))


def _clock_of_topic(c: Candidate) -> str:
    """A time of day that says only its stage, of the time before it ("小学上午上课时间不早于8:20,中学不早于8:00"),
    said whole: "中学上午上课时间不早于8:00"; "" for any other."""
    m = _STAGE_AFTER.fullmatch(c.subject) if c.is_time_of_day else None
    said = tidy_quote(c.quote)
    if m is not None and P.LATEST_WORD.match(said):
        return f"{m.group(2)}{m.group(1)}{said}"  # "…初中可适当延长，最晚不超过19:00": 初中…结束时间最晚不超过19:00
    if m is None or not said.startswith(m.group(2)):
        return ""
    return f"{m.group(2)}{m.group(1)}{said[len(m.group(2)) :]}"


def _title(c: Candidate, label: str = "") -> str:
    subject = _short(_stage_first(label or c.subject), 30)
    if c.origin == "ratio" and c.value and c.denominator:
        classes = round(1 / c.value)
        if c.denominator.startswith(("班", "教学班")) and abs(1 / c.value - classes) < 0.01:
            return f"每{classes}个班配备{subject}不少于1名"  # "每12个班配备1名专职心理健康教师": as plans say it
        whom = "幼儿" if "幼儿" in c.denominator else "学生"
        thing = _THING.fullmatch(c.subject)
        if thing:  # "每百名学生拥有计算机不少于15台": said per hundred, as plans say it
            return f"每百名{whom}{thing.group(1)}不少于{format_value(c.value * 100, None)}{thing.group(2)}"
        return f"{subject}与{whom}之比不低于{one_in(c.value)}"
    if c.origin == "parity" and c.denominator and c.value == 1:
        # "教师平均工资不低于当地公务员平均工资水平", "收取的费用不高于…公办学校的收费标准": the level, not 100%
        level = _short(c.denominator, 30)
        if c.comparator == "equal":
            return f"{subject}与{level}相当"
        return f"{subject}{'不高于' if c.comparator == 'at_most' else '不低于'}{level}"
    if _cut_off(c) and len(subject) >= 2:
        return f"{subject}{describe(c)}结束"  # 家庭作业不晚于21:30结束
    carried = _clock_of_topic(c)
    if carried:
        return carried
    if (
        c.kind in ("existence", "prohibition", "deadline")
        or (c.kind == "coverage" and not c.origin.startswith("lexicon:"))
        or _EMPTY_SUBJECT.fullmatch(subject)
    ):
        quote = _requirement_cell(c)
        if c.kind == "existence":
            quote = _DUTY_LEAD.sub("", quote) or quote  # "须由家长提交书面申请", "特制订…办法": the duty, not its modal
            if P.RECORD_ONLY.fullmatch(quote) and c.subject.endswith("记录") and len(c.subject) > 2:
                quote = f"{c.subject.removesuffix('记录')}有记录"  # "…全面排查，有记录": the check's record
        if c.kind == "prohibition":
            *before, last = re.split(r"[，,；;]", quote)
            kept_for_context = before and (re.search(r"\d", before[-1]) or P.PROHIBITION.search(before[-1]))
            if kept_for_context and P.PROHIBITION.search(last):
                # "…培训不少于4学时，严禁超员", "严禁…讲授新课，严禁组织学科类培训": this ban, not the part before
                quote = re.sub(r"^(?:也|并且?|且|还|更)", "", last.strip())
        return quote if len(quote) <= 40 else quote[:39] + "…"
    period = _period_word(c.period)
    if subject.startswith("每") or (period and period in subject):
        period = ""  # "每天…", "学生在校期间…": the subject says its period already
    if c.period == "学段" and c.kind in ("frequency", "duration", "count"):
        # "初中学段安全教育时间不少于6课时": the stage whose whole is meant, before what is counted
        stage = STAGE_NAMES.get(c.stages[0], "") if len(c.stages) == 1 else ""
        subject, period = f"{stage or '每'}学段{subject.removeprefix(stage + '学段')}", ""
    if c.kind == "coverage":
        return subject if re.search(r"覆盖|全部|全员|尽|一", subject) else f"{subject}达到100%"
    if c.comparator == "between":
        return f"{subject}{period}{describe(c).split('/')[0]}"
    if c.kind == "count" and c.comparator == "at_most" and c.value == 0:
        return f"无{subject}"  # 零发生, 无新增: "无安全责任事故"
    words = _CMP_WORDS.get(c.comparator, "")
    if c.kind == "ratio" and words:
        words = "不低于" if c.comparator == "at_least" else "不高于"
    if c.unit == "倍" and c.denominator:
        # "年收入达到当地社会平均工资的一点五倍以上": so many times the level named
        what = subject.split("占")[0]
        return f"{what}{words}{_short(c.denominator, 20)}的{format_value(c.value, None)}倍"
    return f"{subject}{period}{words}{_as_written(c.value, c.unit)}"


def _rate_word(c: Candidate) -> str:
    """A full-coverage figure is asked as a rate ("实施教师全员培训覆盖率"), a named rate as itself."""
    return "" if c.kind == "ratio" or c.subject.endswith("率") else "覆盖率"


def _as_written(value: float | None, unit: str | None) -> str:
    """A threshold as a plan would write it: whole hours as hours ("2小时", not "120分钟")."""
    if unit == "分钟" and value and value >= 60 and value % 60 == 0:
        return f"{value / 60:g}小时"
    return format_value(value, unit)


def _equipment(c: Candidate) -> bool:
    """An amount a standards table gives of a thing for each school, room or so many pupils (书写板 1/校, 学生实验台
    13/50人): equipment, whatever the thing is called."""
    return c.origin == "standards_column" and bool(c.unit and _PER_PLACE.search(c.unit))


_PER_PLACE = re.compile(r"/(?:校|室|班|\d+人)$")


def _dimension(c: Candidate, label: str = "") -> str:
    if _equipment(c):
        return "G"
    if c.kind == "ratio" and c.denominator:
        # a staffing ratio is about its staff ("宿舍管理人员" per 住宿学生), not its denominator
        for dimension, pattern in _DIMENSION_WORDS:
            if pattern.search(c.subject):
                return dimension
    words = label + c.subject + tidy_quote(c.quote)
    for dimension, pattern in _DIMENSION_WORDS:
        if pattern.search(words):
            return dimension
    for dimension, pattern in _DIMENSION_WORDS:
        if pattern is not _CONDUCT and pattern.search(c.context):
            return dimension
    return "B"


def _indicator(dimension: str, c: Candidate, label: str = "") -> str:
    if dimension == "G" and _equipment(c):
        return "办学条件与装备"
    words = label + c.subject + tidy_quote(c.quote)
    for title, pattern in _INDICATORS[dimension]:
        if not pattern or re.search(pattern, words):
            return title
    return _INDICATORS[dimension][-1][0]


def _applies_to(c: Candidate, dimension: str) -> _Flow | None:
    data: dict[str, Any] = {}
    stages = [s for s in c.stages if s in STAGE_NAMES]
    if stages:
        data["stages"] = stages
    words = tidy_quote(c.quote)
    if "食堂" in words or (dimension == "G" and "餐" in words):
        data["has_canteen"] = True
    if "寄宿" in words:
        data["boarding"] = True
    if "民办" in words:
        data["public"] = False
    return _Flow(data) if data else None


def _evidence(c: Candidate, topic: str | None) -> list[str]:
    if topic == "pe_minutes_daily":
        return ["学校作息时间表", "大课间活动安排"]
    if topic in ("exchange_ratio", "backbone_exchange_ratio"):
        return ["教师交流轮岗名单", "交流协议或调令"]
    words = c.subject + tidy_quote(c.quote)
    if c.kind in ("duration", "frequency"):
        return ["计划或安排表", "活动记录及照片"]
    if c.kind == "prohibition":
        return ["自查报告", "投诉举报核查记录"]
    if c.kind in ("ratio", "coverage", "count"):
        return ["统计表", "名册或清单"]
    for pattern, evidence in (
        (r"方案|规划|计划|清单|办法|细则|预案", ["文本（方案、规划或清单）", "审议或印发记录"]),
        (r"制度|机制|责任制|负责制|体系", ["制度文本", "执行记录"]),
        (r"台账|档案", ["台账或档案"]),
        (r"活动|演练|培训|讲座|展演|比赛|大赛|运动会|宣讲", ["活动方案", "活动记录及照片"]),
        (r"课程|课堂|课", ["课程表", "教学计划"]),
        (r"教室|基地|中心|实验室|工作室", ["场所照片", "建设或验收资料"]),
    ):
        if re.search(pattern, words):
            return evidence
    return ["相关资料"]


def _method(c: Candidate) -> str:
    if c.kind in ("duration", "frequency"):
        return "查阅资料、实地查看"
    if c.kind == "prohibition":
        return "查阅资料、问卷访谈"
    return "查阅资料"


def _source(c: Candidate, document: SeedDocument, text: str) -> _Flow | None:
    """The item's source: the clause the quote is in, as a rubric cites it (its number, its
    path such as 二、（三）, or 正文 in a plan without numbering), and the quote widened until
    its first occurrence in the plan is this one, so that the checker finds it in that clause."""
    start, end = c.start, c.end
    while text.find(text[start:end]) != start:
        if end < len(text) and text[end] != "\n":
            end += 1
        elif start > 0 and text[start - 1] != "\n":
            start -= 1
        else:
            return None
    raw = text[start:end]
    quote = raw.strip()
    position = start + len(raw) - len(raw.lstrip())
    clause = document.clause_of(position)
    if text.find(quote) != position or clause is None:
        return None
    return _Flow({"doc": c.doc, "clause": clause, "quote": quote})


# -- the rubric -----------------------------------------------------------------------------------


def _assemble(
    specs: list[_Spec],
    table_points: list[float | None],
    info: PlanInfo,
    rubric_id: str,
    version: int,
    title: str | None,
) -> dict[str, Any]:
    points = dict(zip(map(id, specs), _allocate_points(specs, table_points), strict=True))
    dimensions: list[dict[str, Any]] = []
    for dim_id, dim_title in DIMENSIONS:
        mine = [s for s in specs if s.dimension == dim_id]
        if not mine:
            continue
        indicators: list[dict[str, Any]] = []
        for ind_title, _ in _INDICATORS[dim_id]:
            items = [s for s in mine if s.indicator == ind_title]
            if not items:
                continue
            ind_id = f"{dim_id}{len(indicators) + 1}"
            indicators.append(
                {
                    "id": ind_id,
                    "title": ind_title,
                    "items": [
                    _item(s, f"{ind_id}.{k}", points[id(s)]) for k, s in enumerate(items, 1)
                ],
                }
            )
        dimensions.append({"id": dim_id, "title": dim_title, "indicators": indicators})
    data: dict[str, Any] = {
        "id": rubric_id,
        "version": version,
        "title": title or f"{info.title}（办学水平自评细则草稿）",
        "issuer": info.issuer or "（待填写）",
    }
    if info.year:
        data["year"] = info.year
    data["description"] = f"依据《{info.title}》抽取的候选要求生成的草稿，须人工审核后发布。"
    data["based_on"] = [info.file]
    data["levels"] = [_Flow(level) for level in LEVELS]
    data["bonus_cap"] = 5
    data["dimensions"] = dimensions
    return data


def _item(s: _Spec, item_id: str, points: float) -> dict[str, Any]:
    value = int(points) if float(points).is_integer() else points
    item: dict[str, Any] = {"id": item_id, "title": s.title, "points": value}
    if s.bonus:
        item["bonus"] = True
    if s.veto:
        item["veto"] = True
    if s.applies_to:
        item["applies_to"] = s.applies_to
    if s.applies_if:
        item["applies_if"] = s.applies_if
    item["source"] = s.source
    if s.basis:
        item["basis"] = s.basis
    if s.inputs:
        item["inputs"] = s.inputs
    item["rule"] = s.rule
    if s.rule.get("kind") == "deduct":
        item["rule"] = _Flow({**s.rule, "cap": value})  # 扣完为止: never below nothing
    if s.partial:
        item["partial"] = s.partial
    item["evidence"] = s.evidence
    item["method"] = s.method
    return item


def _allocate_points(specs: Sequence[_Spec], table_points: Sequence[float | None]) -> list[float]:
    """Points in spec order. Where the plan's own table gives points (its 分值 column), those,
    and the other items their kind's weight on the same scale; else non-bonus points add up to
    100 (largest remainder, at least 1 each, in proportion to the weights). Bonus items get 1."""
    points = [1.0] * len(specs)
    core = [k for k, s in enumerate(specs) if not s.bonus]
    if not core:
        return points
    if any(p is not None for p in table_points):
        for k in core:
            given = table_points[k]
            points[k] = given if given is not None else specs[k].weight
        return points
    if len(core) > 100:
        share = round(100 / len(core), 2)
        for k in core:
            points[k] = share
        points[core[-1]] = round(100 - share * (len(core) - 1), 2)
        return points
    for k, value in zip(core, balanced_points([specs[k].weight for k in core]), strict=True):
        points[k] = value
    return points


def balanced_points(points: Sequence[float]) -> list[int]:
    """Whole points in proportion to the given ones that add up to 100 (largest remainder,
    at least 1 each): a draft's points from its weights, and what the editor's
    「按比例调整为100分」 gives the accepted items that are not bonus."""
    if not points:
        return []
    weights = [max(float(p), 0.0) for p in points]
    total = sum(weights) or float(len(weights))
    if not sum(weights):
        weights = [1.0] * len(weights)
    raw = [max(1.0, w * 100 / total) for w in weights]
    whole = [int(r) for r in raw]
    rest = 100 - sum(whole)
    order = sorted(range(len(raw)), key=lambda n: raw[n] - whole[n], reverse=True)
    n = 0
    while rest > 0:
        whole[order[n % len(order)]] += 1
        rest -= 1
        n += 1
    while rest < 0:
        largest = max(range(len(whole)), key=lambda k: whole[k])
        if whole[largest] <= 1:
            break
        whole[largest] -= 1
        rest += 1
    return whole


def _comment_block(heading: tuple[str, str], rows: list[str]) -> str:
    """A block of comments after the draft: a two-line heading between rules, then its rows."""
    if not rows:
        return ""
    rule = "# ------------------------------------------------------------------------------"
    # a quote may run over a line (a table's row, a PDF's wrap): each row stays one comment line
    rows = [re.sub(r"\s*[\r\n]+\s*", " ⏎ ", row) for row in rows]
    return "\n".join(["", rule, *(f"# {line}" for line in heading), rule, *rows]) + "\n"


def _pending_block(pending: Sequence[Pending]) -> str:
    rows = []
    for p in pending:
        c = p.candidate
        rows.append(f"# [{where_in_plan(c)}] {c.kind} {describe(c)}  {tidy_quote(c.quote)[:60]}")
        rows.append(f"#     {p.reason}")
    heading = (
        "待人工决定：以下候选未写成评估要点（全市/区域指标、层级不明或无法定位）。",
        "若某条其实是学校层面的要求，请照上面的格式补写为要点。",
    )
    return _comment_block(heading, rows)


def _unread_block(unread: Sequence[Unread]) -> str:
    rows = [f"# （{'、'.join(a.text for a in u.amounts)}）{tidy_quote(u.quote)[:80]}" for u in unread]
    heading = (
        "原文中写有数量、未读出要求的语句：抽取没有从中读出要求，请逐句核对。",
        "确属学校层面的要求，请照上面的格式补写为要点；工作进展、名称、区域目标不必处理。",
    )
    return _comment_block(heading, rows)
