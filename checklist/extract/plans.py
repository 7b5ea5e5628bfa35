"""What is known of a plan besides its text: from ``index.yaml`` beside a seed file
(``plan_info``), from a document of the plan library (``info_of``), or proposed from the text
itself when a bureau adds a plan of its own (``propose_metadata``: title, issuer, year, 文号).

The proposals are pure functions of the text and read the way a person skims the first page: a
notice that forwards the plan (「关于印发《…》的通知」) names it in 《》; otherwise the first line
that reads like a title is the title; the issuer stands before the year in the title or alone
on a signature line; the year is the title's, else the first 20xx年 near the top; the 文号 is
written 营教发〔2024〕12号 (or with 【】, [] or ()). Each is a proposal: the person adding the plan
may give any of them instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from checklist.outline import DEBRIS_LINE
from checklist.seeds import INDEX_FILE, SeedDocument


@dataclass(frozen=True)
class PlanInfo:
    file: str
    title: str
    issuer: str
    region: str | None
    year: int | None
    short_title: str
    doc_number: str | None = None


def plan_info(path: Path, seeds_dir: Path | None = None) -> PlanInfo:
    """The index entry of a plan file: from ``index.yaml`` in the file's own folder, else in
    ``seeds_dir``; a plan that no index lists gets its file name as title."""
    for folder in (path.parent, seeds_dir):
        if folder is None:
            continue
        entry = _index_entry(folder / INDEX_FILE, path.name)
        if entry is not None:
            year = entry.get("year")
            return PlanInfo(
                file=path.name,
                title=str(entry.get("title") or path.stem),
                issuer=str(entry.get("issuer") or ""),
                region=str(entry["region"]) if entry.get("region") else None,
                year=int(year) if isinstance(year, int) and not isinstance(year, bool) else None,
                short_title=str(entry.get("short_title") or entry.get("title") or path.stem),
                doc_number=str(entry["doc_number"]) if entry.get("doc_number") else None,
            )
    return PlanInfo(path.name, path.stem, "", None, None, path.stem)


def info_of(document: SeedDocument) -> PlanInfo:
    """The PlanInfo of a document of the plan library (a seed or a plan a bureau added)."""
    return PlanInfo(
        file=document.file,
        title=document.title,
        issuer=document.issuer,
        region=document.region if document.region is not None else region_of(document.issuer),
        year=document.year,
        short_title=document.short_title,
        doc_number=document.doc_number,
    )


def _index_entry(index: Path, name: str) -> dict[str, Any] | None:
    if not index.is_file():
        return None
    try:
        data = yaml.safe_load(index.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError):
        return None
    for entry in data.get("documents", []) if isinstance(data, dict) else []:
        if isinstance(entry, dict) and entry.get("file") == name:
            return entry
    return None


# --------------------------------------------------------------------------------------------
# Proposing title, issuer, year and 文号 from the text


@dataclass(frozen=True)
class PlanMetadata:
    """What the text says of itself; any field may be unknown."""

    title: str | None
    issuer: str | None
    year: int | None
    doc_number: str | None

    @property
    def region(self) -> str | None:
        return region_of(self.issuer or "")


HEAD_CHARS = 3000  # metadata is looked for on the first page only
_CJK = "\u3400-\u9fff"
# The bodies that issue plans: education bureaus and departments, governments and their offices.
_ORG = (
    r"(?:教育和体育局|教育体育局|教育文化体育局|教体局|教育局|教育厅|教育委员会|教委|教育部|"
    r"人民政府办公厅|人民政府办公室|人民政府|政府办公室|政府办公厅|教育督导委员会办公室|"
    r"人民政府教育督导室|教育督导室|督导室|委员会)(?:办公室|办公厅)?"
)
_ISSUER_NAME = re.compile(rf"^[{_CJK}X（）()]{{2,40}}?{_ORG}$")
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[.．、]|第[一二三四五六七八九十百\d]+[条章节部分])"
)
_PLACE = re.compile(rf"^(?:中共)?((?:[{_CJK}X]{{1,10}}(?:自治区|自治州|自治县|省|市|州|盟|县|区|旗))+)")
_TITLE_WORDS = re.compile(
    r"(要点|方案|通知|意见|办法|规定|细则|计划|规划|标准|决定|条例|纲要|安排|指南|指引|措施|清单|规范|制度|守则|评估|实施|"
    r"[查核分价估]表|指标体系)"
)
_DEBRIS = re.compile(
    r"^(当前位置|您的位置|你的位置|位置[:：]|首页|发布时间|发布日期|时间[:：]|来源[:：]|信息来源|作者[:：]|"
    r"浏览|点击|阅读|访问量|【?字号|【?打印|【?关闭|分享|扫一扫|索引号|主题分类|发文机关|成文日期|发布机构|"
    r"文\s*号|附件|标\s*题)"
)
# A title glued to what follows it on a page flattened into one line: "1宜宾市学校安全检查清单编者按:依据…".
_GLUED_TITLE = re.compile(
    rf"^\d{{0,3}}\s*([{_CJK}\d（）()《》“”]{{4,60}}?(?:要点|方案|通知|意见|办法|规定|细则|计划|规划|标准|清单|规范|制度|守则|指南))"
    r"(?=编者按|各[^,，:：\n]{0,16}[:：]|为了?[^\n]{0,4}|根据|依据|按照|近日|现将|[一二三四五六七八九十]、|第一[条章])"
)
_FORWARDED = re.compile(r"(?:印发|转发|下发|公布|颁布)\s*[《〈]([^》〉\n]{4,120})[》〉]")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_BRACKETS = r"[〔【\[［(（]\s*((?:19|20)\d{2})\s*[〕】\]］)）]"
_DOC_NUMBER = re.compile(rf"([{_CJK}]{{1,10}}){_BRACKETS}\s*(\d{{1,4}})\s*号")
_SPLIT = re.compile(r"[\s、，,；;]+")


def propose_metadata(text: str, format_title: str | None = None, file_name: str | None = None) -> PlanMetadata:
    """Title, issuer, year and 文号 as the text gives them. ``format_title`` is what the file
    format says (a Word document's title property, a PDF's metadata, a web page's <title>): used
    when the text shows no title of its own. ``file_name`` is the last resort for the title."""
    head = text[:HEAD_CHARS]
    title = propose_title(head, format_title, file_name)
    return PlanMetadata(
        title=title,
        issuer=propose_issuer(head, title),
        year=propose_year(head, title),
        doc_number=propose_doc_number(head),
    )


def propose_title(text: str, format_title: str | None = None, file_name: str | None = None) -> str | None:
    """《…》 of a notice that forwards the plan, else the first line that reads like a title,
    else the format's title, else the file name without its extension."""
    head = text[:HEAD_CHARS]
    forwarded = _FORWARDED.search(head)
    if forwarded:
        return _clean(forwarded.group(1))
    lines = [line for line in (_clean(line) for line in head.splitlines()[:15]) if line]
    glued = _GLUED_TITLE.match(lines[0]) if lines else None
    if glued and len(lines[0]) - glued.end() >= 10:
        return glued.group(1)  # the title and the text after it on one line
    candidates: list[str] = []
    for n, line in enumerate(lines):
        if not _looks_like_title(line):
            continue
        previous = lines[n - 1] if n else ""
        if previous and _ISSUER_NAME.match(previous) and not _ISSUER_NAME.match(line):
            line = previous + line  # 「X市教育和体育局」 above 「2025年工作要点」
        candidates.append(line)
    titled = [line for line in candidates if _TITLE_WORDS.search(line)]
    if titled:
        return titled[0]
    cleaned = clean_format_title(format_title)
    if cleaned:
        return cleaned
    if candidates and len(candidates[0]) <= 40:
        return candidates[0]
    if file_name:
        stem = Path(file_name).stem.strip()
        return stem or None
    return None


def clean_format_title(title: str | None) -> str | None:
    """A title from a file's properties, without the site's name after it (「…_营口市人民政府」)
    and never a converter's placeholder (「Microsoft Word - 附件1.docx」)."""
    if not title:
        return None
    title = _clean(title)
    if re.match(r"(?i)^(microsoft\s+word|untitled|无标题|文档\d*$|document\d*$)", title):
        return None
    title = re.split(r"\s*(?:_|\||｜|——|--| - )\s*", title)[0].strip()
    if re.search(r"(?i)\.(docx?|pdf|wps|txt|html?)$", title) or len(title) < 4:
        return None
    return title[:300]


def _looks_like_title(line: str) -> bool:
    if not 4 <= len(line) <= 80 or _DEBRIS.match(line) or _NUMBERED.match(line) or DEBRIS_LINE.match(line):
        return False  # … nor a page's footer: "工信部备案号:浙ICP备…", "Copyright © …"
    if line[-1] in "。；;，,：:" or line.startswith(("各", "•", "·", "序号", "编号")):
        return False
    return len(re.findall(rf"[{_CJK}]", line)) >= 4


def propose_issuer(text: str, title: str | None = None) -> str | None:
    """The body that issued the plan: the one named before the year (or 关于) in the title,
    else the first signature line (names of bodies and nothing else), else the first body
    named near the top that is not an addressee (「各县(市)区教育局：」)."""
    if title:
        before = re.split(r"(?:19|20)\d{2}\s*年?|关于", title, maxsplit=1)[0]
        tokens = [t for t in _SPLIT.split(before) if t]
        if tokens and _ISSUER_NAME.match(tokens[-1]):
            return tokens[-1]
    lines = [_clean(line) for line in text[:HEAD_CHARS].splitlines()]
    for line in lines:
        if not line or len(line) > 80 or line[-1] in ":：" or line.startswith("各"):
            continue
        tokens = [t for t in _SPLIT.split(line) if t]
        if tokens and all(_ISSUER_NAME.match(t) for t in tokens):
            return tokens[0]
    named = re.compile(rf"(?:中共)?[{_CJK}X]{{1,12}}?(?:省|市|州|县|区|旗)(?:[{_CJK}]{{1,8}}?(?:市|县|区))?{_ORG}")
    for line in lines:
        if not line or line[-1] in ":：":
            continue
        for match in named.finditer(line):
            start = match.start()
            if start and line[start - 1] in "各、":
                continue
            name = _trim_issuer(match.group(0))
            if name:
                return name
    return None


def _trim_issuer(name: str) -> str | None:
    """「关于印发营口市教育局」 → 「营口市教育局」: drop words before the place name."""
    for word in ("关于印发", "关于转发", "关于", "印发", "转发", "根据", "按照", "依据", "现将", "经"):
        if word in name:
            name = name.rsplit(word, 1)[1]
    return name if _ISSUER_NAME.match(name) else None


def region_of(issuer: str) -> str | None:
    """The issuer's area, as the lexicon's regional readings name it: 「营口市教育局」 → 「营口市」."""
    first = _SPLIT.split(issuer.strip())[0] if issuer.strip() else ""
    match = _PLACE.match(first)
    return match.group(1) if match else None


def propose_year(text: str, title: str | None = None) -> int | None:
    """The year in the title, else the first 20xx年 near the top, else the 文号's year."""
    if title:
        found = _TITLE_YEAR.search(title)
        if found:
            return int(found.group(1))
    head = text[:1500]
    found = _YEAR.search(head)
    if found:
        return int(found.group(1))
    number = _DOC_NUMBER.search(head)
    return int(number.group(2)) if number else None


def propose_doc_number(text: str) -> str | None:
    """The 文号 as written: 营教发〔2024〕12号, 营教发【2024】12号, 辽教办[2023]5号."""
    match = _DOC_NUMBER.search(text[:HEAD_CHARS])
    if not match:
        return None
    return _trim_prefix(match.group(1)) + match.group(0)[len(match.group(1)) :]


def _trim_prefix(prefix: str) -> str:
    """A 文号 inside a sentence: 「现将营教发」 → 「营教发」."""
    for word in ("印发", "转发", "现将", "根据", "按照", "依据", "执行", "落实", "见", "的", "将", "和", "及"):
        if word in prefix:
            prefix = prefix.rsplit(word, 1)[1]
    return prefix[-6:]


def _clean(line: str) -> str:
    line = re.sub(r"[ \t\u3000\xa0]+", " ", line).strip()
    return _SHARING_SITE.sub("", line)  # "文档介绍:普通初中化学实验室装备标准": a sharing site's label, not the title


# The label a document-sharing site puts before the text it shows: "文档介绍:", "文档简介:".
_SHARING_SITE = re.compile(r"^(?:文档介绍|文档简介|内容简介|文档内容)\s*[:：]\s*")
