"""CLI commands for extraction from policy text: ``selfcheck extract``, ``selfcheck rubric draft``,
and the plan side of ``selfcheck rubric diff`` (two plans). A plan is a file of any format
(.txt, .docx, .xlsx, .pdf, .html, read by ``webapp.rubrics.formats``) or the name of a plan of the
library (a seed, or the key ``selfcheck plan add`` gave). They need no app: the plans added to
the library are read from the database when there is one."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import click
from flask.cli import AppGroup

from checklist.diff import diff_rubrics
from checklist.extract import (
    Candidate,
    Lexicon,
    LexiconError,
    default_lexicon,
    extract,
    load_lexicon,
)
from checklist.extract.candidates import describe, where_in_plan
from checklist.extract.draft import draft_rubric
from checklist.extract.lexicon import KIND_NAMES, MODALITY_NAMES, SCOPE_NAMES
from checklist.extract.plan_diff import diff_plans
from checklist.extract.plans import PlanInfo, info_of, plan_info, propose_metadata, region_of
from checklist.extract.unread import Unread, reading_spans, unread_sentences
from checklist.loader import load_rubric_text
from checklist.seeds import INDEX_FILE, PlanLibrary, SeedLibrary, tidy_quote
from webapp.cli.base import added_plans, echo_json, load_or_exit, writable_target
from webapp.cli.rubric import rubric_group
from webapp.rubrics.formats import PlanRejected, check_size, read_plan
from webapp.settings import SEEDS_DIR, file_setting

_RUBRIC_ID = re.compile(r"^[a-z0-9][a-z0-9\-]*$")


commands = AppGroup("commands")  # gathered into `selfcheck` by webapp.cli


@dataclass(frozen=True)
class _Plan:
    text: str
    info: PlanInfo
    library: PlanLibrary | None  # the library that holds it (a draft's sources are checked there)


def _read_plan(name: str) -> _Plan:
    """A plan file of any format, or a plan of the library by its name; exits with the reason
    in Chinese when it is neither."""
    file = Path(name)
    if file.is_dir():
        click.echo(f"这是一个目录，不是工作要点文件：{name}", err=True)
        sys.exit(2)
    if file.is_file():
        return _plan_file(file)
    library = PlanLibrary.chain(_seed_library(), added_plans())
    document = library.get(name)
    if document is None:
        click.echo(f"文件不存在，计划库中也没有“{name}”（selfcheck plan list 列出计划库）", err=True)
        sys.exit(2)
    return _Plan(document.text, info_of(document), library)


def _plan_file(file: Path) -> _Plan:
    """A file: a seed as its index describes it; a file whose text is that of a plan of the
    library, as that plan (so a draft names its key); any other, with what its text says of
    itself."""
    try:
        check_size(file.stat().st_size, int(file_setting("PLAN_MAX_BYTES", 20_971_520)))
        text = read_plan(file.name, file.read_bytes()).text
    except PlanRejected as exc:
        click.echo(f"{file}：{exc}", err=True)
        sys.exit(2)
    seeds = _seeds_for(file)
    if seeds is not None and seeds.get(file.name) is not None and seeds[file.name].text == text:
        return _Plan(text, plan_info(file, SEEDS_DIR), seeds)
    library = PlanLibrary.chain(_seed_library(), added_plans())
    for document in library:
        if document.text == text:
            return _Plan(text, info_of(document), library)
    proposed = propose_metadata(text, None, file.name)
    title = proposed.title or file.stem
    info = PlanInfo(
        file=file.name,
        title=title,
        issuer=proposed.issuer or "",
        region=region_of(proposed.issuer or ""),
        year=proposed.year,
        short_title=title,
        doc_number=proposed.doc_number,
    )
    return _Plan(text, info, None)


def _seed_library() -> SeedLibrary | None:
    return SeedLibrary(SEEDS_DIR) if SEEDS_DIR.is_dir() else None


_lexicon_option = click.option(
    "--lexicon",
    "lexicon_path",
    type=click.Path(dir_okay=False),
    help="锚定词表 YAML（默认 config/lexicon.yaml）",
)


def _lexicon(path: str | None) -> Lexicon:
    """The lexicon of ``--lexicon`` (None: the default one); exits with the reason if it is wrong."""
    try:
        return load_lexicon(path) if path else default_lexicon()
    except LexiconError as exc:
        click.echo(f"词表有误：{exc}", err=True)
        sys.exit(2)


def _candidates(path: str, lexicon: Lexicon) -> tuple[PlanInfo, tuple[Candidate, ...]]:
    info, found, _ = _read_and_extract(path, lexicon)
    return info, found


def _read_and_extract(path: str, lexicon: Lexicon) -> tuple[PlanInfo, tuple[Candidate, ...], tuple[Unread, ...]]:
    """A plan's candidates, and the sentences with an amount none of them reads."""
    plan = _read_plan(path)
    found = extract(plan.text, doc=plan.info.file, lexicon=lexicon, region=plan.info.region)
    return plan.info, found, unread_sentences(plan.text, reading_spans(found))


# --------------------------------------------------------------------------------------------
# extract


@commands.command("extract", with_appcontext=False)
@click.argument("files", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 列表输出全部候选要求")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(list(KIND_NAMES)),
    help="只列出这一类（可重复）",
)
@click.option("--scope", type=click.Choice(list(SCOPE_NAMES)), help="只列出这一层级")
@_lexicon_option
def extract_command(
    files: tuple[str, ...],
    as_json: bool,
    kinds: tuple[str, ...],
    scope: str | None,
    lexicon_path: str | None,
) -> None:
    """从工作要点中抽取候选要求：类型、阈值、单位与周期、学段年级、层级（学校/区域/待定）、出处原文。
    FILE 是工作要点文件（.txt .docx .xlsx .pdf .html），或计划库中工作要点的名称。"""
    lexicon = _lexicon(lexicon_path)
    everything: list[Candidate] = []
    per_file: list[tuple[PlanInfo, tuple[Candidate, ...], tuple[Unread, ...]]] = []
    for path in files:
        info, found, unread = _read_and_extract(path, lexicon)
        found = tuple(c for c in found if (not kinds or c.kind in kinds) and (scope is None or c.scope == scope))
        everything.extend(found)
        per_file.append((info, found, unread if not kinds and scope is None else ()))
    if as_json:
        echo_json([c.to_dict() for c in everything])
        return
    for n, (info, found, unread) in enumerate(per_file):
        if n:
            click.echo("")
        counts = "，".join(f"{SCOPE_NAMES[s]} {sum(1 for c in found if c.scope == s)}" for s in SCOPE_NAMES)
        click.echo(f"《{info.title}》（{info.file}）：{len(found)} 条候选要求（{counts}）")
        click.echo(f"{'条':>3}  {'类型':<3} {'要求':<14} {'层级':<3} {'语气':<3} 内容 ｜ 原文")
        for c in found:
            clause = c.clause or "—"
            click.echo(
                f"{clause:>3}  {KIND_NAMES[c.kind]:<3} {describe(c):<14} {SCOPE_NAMES[c.scope]:<3} "
                f"{MODALITY_NAMES[c.modality]:<3} {c.subject} ｜ {_clip(tidy_quote(c.quote), 50)}"
            )
        if unread:
            click.echo(f"原文中写有数量、未读出要求的语句 {len(unread)} 句（请逐句核对，确属要求的请补为要点）：")
            for u in unread:
                amounts = "、".join(a.text for a in u.amounts)
                click.echo(f"  （{amounts}）{_clip(tidy_quote(u.quote), 60)}")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------------------------
# rubric draft


@rubric_group.command("draft", with_appcontext=False)
@click.argument("file")
@click.option(
    "--id",
    "rubric_id",
    help="细则编号（小写字母、数字、连字符），如 cityx-2025；默认 draft-<文件名>",
)
@click.option("--version", "version", type=int, default=1, show_default=True, help="版本号")
@click.option("--title", help="细则标题（默认取自计划库中工作要点的标题）")
@click.option("--out", "out", type=click.Path(dir_okay=False), help="写入此文件（默认打印到屏幕）")
@click.option("--force", is_flag=True, help="--out 文件已存在时覆盖")
@_lexicon_option
def rubric_draft(
    file: str,
    rubric_id: str | None,
    version: int,
    title: str | None,
    out: str | None,
    force: bool,
    lexicon_path: str | None,
) -> None:
    """由一份工作要点起草评估细则 YAML：学校层面的要求写成评估要点（附出处原文），
    全市指标和层级不明的候选列在文末注释中，供人工决定。FILE 是工作要点文件
    （.txt .docx .xlsx .pdf .html），或计划库中工作要点的名称。"""
    if rubric_id is None:
        rubric_id = "draft-" + re.sub(r"[^a-z0-9]+", "-", Path(file).stem.lower()).strip("-")
    if not _RUBRIC_ID.match(rubric_id):
        click.echo(f"细则编号“{rubric_id}”无效：只能用小写字母、数字和连字符，如 cityx-2025", err=True)
        sys.exit(2)
    if version < 1:
        click.echo("版本号应为正整数", err=True)
        sys.exit(2)
    if out:
        writable_target(out, force)
    plan = _read_plan(file)
    text, info = plan.text, plan.info
    candidates = extract(text, doc=info.file, lexicon=_lexicon(lexicon_path), region=info.region)
    draft = draft_rubric(candidates, text, info, rubric_id, version, title)
    if not draft.items:
        school = sum(1 for c in candidates if c.scope == "school")
        if school:
            reason = f"有 {school} 条学校层面的候选，但引文都无法在工作要点中唯一定位"
        else:
            reason = "没有找到学校层面的要求"
        click.echo(
            f"《{info.title}》{reason}，无法起草评估细则（共 {len(candidates)} 条候选，可用 selfcheck extract 查看）",
            err=True,
        )
        sys.exit(1)
    content = draft.to_yaml()
    _, problems = load_rubric_text(content, out or "<草稿>", plan.library)
    if out:
        Path(out).write_text(content, encoding="utf-8")
    else:
        click.echo(content, nl=False)
    where = f"已写入 {out}" if out else "已输出"
    click.echo(
        f"{where}：评估细则草稿 {rubric_id} v{version}，{len(draft.items)} 个评估要点，"
        f"{len(draft.pending)} 条候选待人工决定（见文末注释）。",
        err=True,
    )
    if problems:
        click.echo(
            f"草稿自检发现 {len(problems)} 个问题，请修改后再用 selfcheck rubric check 检查：",
            err=True,
        )
        for problem in problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    if plan.library is None:
        click.echo(
            "提示：该文件不在计划库中，出处引文未能核对，selfcheck rubric check 也会因此不通过："
            f"请先用 selfcheck plan add {file} 加入计划库，再按它给出的名称起草。",
            err=True,
        )


def _seeds_for(file: Path) -> SeedLibrary | None:
    """The seed library the plan belongs to (its own folder when it has an index)."""
    if (file.parent / INDEX_FILE).is_file():
        return SeedLibrary(file.parent)
    if SEEDS_DIR.is_dir() and (SEEDS_DIR / file.name).is_file():
        return SeedLibrary(SEEDS_DIR)
    return None


# --------------------------------------------------------------------------------------------
# rubric diff A.txt B.txt


def diff_plans_command(a: str, b: str, as_json: bool) -> None:
    """Compare the requirements of two plans (called by ``selfcheck rubric diff A.txt B.txt``)."""
    lexicon = default_lexicon()
    info_a, cands_a = _candidates(a, lexicon)
    info_b, cands_b = _candidates(b, lexicon)
    result = diff_plans(cands_a, cands_b)
    if as_json:
        echo_json(
            {
                "a": {"doc": info_a.file, "title": info_a.title},
                "b": {"doc": info_b.file, "title": info_b.title},
                **result.to_dict(),
            }
        )
        return
    click.echo(f"A：《{info_a.title}》（{info_a.file}）")
    click.echo(f"B：《{info_b.title}》（{info_b.file}）")
    click.echo("（只比较有数量要求的候选：时长、频次、比例、数量、覆盖）")
    click.echo("")
    click.echo(f"阈值不同的要求（{len(result.changed)}）：")
    for change in result.changed:
        x, y = change.a, change.b
        click.echo(f"  [{change.topic}] A {_where(x)} {describe(x)}  ⇄  B {_where(y)} {describe(y)}{_scope_mark(x)}")
        click.echo(f"      A：{_clip(tidy_quote(x.quote), 60)}")
        click.echo(f"      B：{_clip(tidy_quote(y.quote), 60)}")
    click.echo(f"\n要求相同（{len(result.same)}）：")
    for change in result.same:
        click.echo(f"  [{change.topic}] {describe(change.a)}  A {_where(change.a)} / B {_where(change.b)}")
    for name, items in (("A", result.only_a), ("B", result.only_b)):
        click.echo(f"\n只有 {name} 有的要求（{len(items)}）：")
        for c in items:
            click.echo(f"  {_where(c)} [{SCOPE_NAMES[c.scope]}] {KIND_NAMES[c.kind]} {describe(c)}  {c.subject}")


def _where(c: Candidate) -> str:
    return where_in_plan(c)


def _scope_mark(c: Candidate) -> str:
    return "" if c.scope == "school" else f"（{SCOPE_NAMES[c.scope]}）"


def _is_plan(name: str) -> bool:
    """A plan file or a plan of the library, not a rubric (.yaml)."""
    return not name.lower().endswith((".yaml", ".yml"))


@rubric_group.command("diff", with_appcontext=False)
@click.argument("a")
@click.argument("b")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
def rubric_diff(a: str, b: str, as_json: bool) -> None:
    """比较两份评估细则（或两份工作要点的抽取结果）：阈值不同的要点，以及只有一方有的要点。"""
    if _is_plan(a) and _is_plan(b):
        diff_plans_command(a, b, as_json)
        return
    ra, rb = load_or_exit(a), load_or_exit(b)
    result = diff_rubrics(ra, rb)
    if as_json:
        echo_json(result.to_dict())
        return
    click.echo(f"A：{ra.title}（{ra.label}）")
    click.echo(f"B：{rb.title}（{rb.label}）")
    click.echo("")
    click.echo(f"要求不同的要点（{len(result.changed)}）：")
    names = {"threshold": "阈值", "points": "分值", "veto": "一票否决", "applies_to": "适用范围"}
    for change in result.changed:
        what = "、".join(names[d] for d in change.differences)
        click.echo(f"  [{what}] {change.a.id} {change.a.title}  ⇄  {change.b.id} {change.b.title}")
        click.echo(f"      A：{change.requirement_a}（{change.a.points:g}分）")
        click.echo(f"      B：{change.requirement_b}（{change.b.points:g}分）")
    from checklist.diff import describe_rule

    click.echo(f"\n只有 A 有的要点（{len(result.only_a)}）：")
    for item in result.only_a:
        click.echo(f"  {item.id} {item.title}：{describe_rule(item.rule, ra.inputs)}")
    click.echo(f"\n只有 B 有的要点（{len(result.only_b)}）：")
    for item in result.only_b:
        click.echo(f"  {item.id} {item.title}：{describe_rule(item.rule, rb.inputs)}")
    click.echo(f"\n要求相同的要点：{len(result.unchanged)}")
