"""The outline of a plan: its numbered parts at every level, whatever the numbering.

Plans are numbered in many ways, often several at once: 第一部分 / 第一章 / 第一节, 第五条,
一、, （一）, 1. or 1、, （1）, ①. Every line that starts with such a marker opens a clause
(条目) that runs to the next marker or debris line; a clause sits inside the clauses of lower
rank opened before it (第三部分 › （二） › 5.), and its **path** says so: 「第三部分（二）第5条」.
Text before the first marker, or in a plan with no numbering at all (a short 通知 of plain
paragraphs), belongs to an unnumbered clause — every line of a plan belongs to some clause, so
nothing is left unread. Lines of 责任单位 / 牵头部门 that follow an item are kept apart from its
text and name who is responsible for it.

Positions are character offsets into the text as given (the original, never normalised), so
that a quote found by ``str.find`` can be placed in its clause.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise

_CN = "一二三四五六七八九十百零〇两"
_SPACE = r"[ \t\u3000\u00a0]*"
_MD = r"(?:#{1,6}" + _SPACE + r"|\*\*)?"  # a Markdown heading or bold mark before the marker
# An indicator code ends where the indicator's name begins: a space, a dot, or a Chinese character.
_INDICATOR_END = r"(?=[ \t\u3000.．、:：]|[\u4e00-\u9fff（(])(?![纸版型号级类])"

# (rank, name, pattern). Lower rank = larger part. Patterns match at a line start.
MARKERS: tuple[tuple[int, str, re.Pattern[str]], ...] = tuple(
    (rank, name, re.compile(rf"^{_SPACE}{_MD}{_SPACE}(?P<label>{pattern})"))
    for rank, name, pattern in (
        (0, "part", rf"第{_SPACE}[{_CN}0-9０-９]+{_SPACE}部分"),
        (1, "chapter", rf"第{_SPACE}[{_CN}0-9０-９]+{_SPACE}章"),
        (2, "section", rf"第{_SPACE}[{_CN}0-9０-９]+{_SPACE}节"),
        (3, "article", rf"第{_SPACE}[{_CN}0-9０-９]+{_SPACE}条"),
        # 一、 — or a Roman numeral, as some plans number their parts: "Ⅱ．安全工作" (not "Ⅱ类", "Ⅲ级")
        (4, "heading", rf"[{_CN}]{{1,3}}{_SPACE}[、．.](?![0-9０-９])|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]{_SPACE}[、．.](?![0-9０-９])"),
        (5, "subheading", rf"[（(]?{_SPACE}[{_CN}]{{1,3}}{_SPACE}[）)]"),  # （一） or 一）
        # an assessment table's indicator codes: A1 一级指标, B1 二级指标, C1 评估要点
        (6, "indicator_a", rf"[AＡ][0-9０-９]{{1,2}}{_INDICATOR_END}"),
        (7, "indicator_b", rf"[BＢ][0-9０-９]{{1,2}}{_INDICATOR_END}"),
        (8, "indicator_c", rf"[CＣ][0-9０-９]{{1,3}}{_INDICATOR_END}"),
        (9, "item", rf"[0-9０-９]{{1,3}}{_SPACE}[.．、](?![0-9０-９])"),
        (10, "subitem", rf"[（(]?{_SPACE}[0-9０-９]{{1,3}}{_SPACE}[）)]"),  # （1） or 1）
        (11, "point", r"[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]"),
    )
)

# Who is responsible, on a line of its own: "责任单位：基教科、各学校", "牵头部门:…  配合部门:…".
RESPONSIBLE_LINE = re.compile(
    rf"^{_SPACE}[（(〔\[【]?{_SPACE}(?P<role>牵头|责任|主责|配合|协同|协办)(?:单位|部门|科室|处室)"
    rf"{_SPACE}[:：](?P<units>.*)$"
)
# … or in brackets in the text: "（责任单位：基教科、各学校）", "〔牵头部门：…〕", "【责任科室：…】".
RESPONSIBLE_BRACKET = re.compile(
    r"[（(〔\[【]\s*(?:牵头|责任|主责|配合|协同)(?:单位|部门|科室|处室)\s*[:：]?\s*(?P<units>[^（()）〔〕\[\]【】\n]*)[)）〕\]】]"
)
_UNIT_SPLIT = re.compile(r"[、,，;；\s]+|(?:牵头|责任|主责|配合|协同)(?:单位|部门|科室|处室)\s*[:：]")
# Web-page debris: navigation, publication data, sharing widgets, footers (whole lines).
DEBRIS_LINE = re.compile(
    r"^[ \t\u3000]*(?:当前位置|您的位置|发布时间|发布日期|来源[:：]|作者[:：]|浏览次数|点击数|阅读次数|"
    r"【字号|字号[:：]|"
    r"分享[:：]?$|分享到|打印本页|【打印】|关闭窗口|【关闭】|智能问答$|首页$|政务资讯$|信息公开$|办事服务$|互动交流$|"
    r"招生考试$|网站地图|联系我们|扫一扫|上一篇|下一篇|•[^\n]{0,30}$|·附件|附件[:：]$|视频[:：]$|<!--|"
    # a news site's list of other items, each with its date: "- [ 08-05]湖里公布…50所民办幼儿园名单"
    r"-[ \t]*\[[ \t]*\d{1,2}-\d{1,2}[ \t]*\]|"
    r"[^\n]{0,20}公网安备|[^\n]{0,20}ICP备|版权所有|主办单位|承办单位|技术支持|"
    # a document-sharing site's disclaimer: "本站为C2C交文档易平台…平台将在3个工作日内予以改正"
    r"本站为|本站只是|[^\n]{0,80}侵犯了您的权利|如有侵权|免责声明|Copyright|©|"
    # a list of links to other pages: "- 厦门哪里可以做48小时核酸检测 2022年8月25日…"
    r"-\s[^\n]{4,60}\d{4}年\d{1,2}月\d{1,2}日|"
    r"[^\n]{0,10}此处隐藏\d+字)[^\n]*$"  # a template site's "---此处隐藏5372字---"
)


# A list of other articles, each a headline and a line of its date and byline: "…首次入川⏎2024/11/12毕卿星🏜"
DATE_BYLINE = re.compile(r"^[ \t\u3000]*\d{4}[/-]\d{1,2}[/-]\d{1,2}[^\s，。,;；:：]{0,16}[ \t\u3000]*$")
HEADLINE = re.compile(r"^[^。；;！!？?]{2,60}$")


# A cover letter before the plan ("各县（市）区教育局：现将《…》印发给你们，请认真贯彻落实。"):
# its addressee line and its own sentences are not the plan's requirements.
COVER_LETTER_LINE = re.compile(
    r"^[ \t\u3000]*(?:[^，,。；;\n]{2,40}[：:]$|.*(?:印发给你们|现印发|请结合实际|请认真贯彻|认真贯彻执行|"
    r"认真抓好落实|遵照执行|特此通知|请遵照)|为.*(?:特制定|特制订|制定本|现提出|提出如下|特作如下|现就))"
)


@dataclass(frozen=True)
class OutlineClause:
    """A clause: its innermost label ("14", "第五条", "三", "（二）"), its path from the top
    ("三、（二）第14条"), where it runs, and who is responsible for it."""

    label: str | None
    path: str
    start: int  # where the clause starts (its marker)
    end: int
    body_start: int  # after the marker
    rank: int  # the marker's rank (MARKERS); UNNUMBERED for an unnumbered clause
    responsible: tuple[str, ...] = ()
    responsible_lines: tuple[tuple[int, int], ...] = ()  # spans kept apart from the text
    debris: tuple[tuple[int, int], ...] = ()  # debris lines inside the span


UNNUMBERED = 99
PLAIN_TEXT = "正文"  # how a rubric cites text outside any numbering
# Clauses a rubric may cite by their number alone where it is unique in the plan ("14",
# "第五条"); any other clause by its path ("二、（二）").
CITED_BY_LABEL = frozenset({3, 9})


def ref_key(reference: str) -> str:
    """A clause reference as compared: NFKC, no spaces ("（二）" and "(二)" are one)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", reference))


def cite(reference: str) -> str:
    """A clause reference as a reader sees it: "14" → 第14条; a path or 正文 as it is."""
    reference = reference.strip()
    if reference.isdigit():
        return f"第{int(reference)}条"
    return reference


def _norm(label: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", label))


def label_of(name: str, raw: str) -> str:
    """The innermost label of a marker: items as bare digits ("14", as the seed rubrics cite
    them), headings 一、 as the numeral ("三"), the others as written ("第五条", "(二)")."""
    text = _norm(raw)
    if name == "item":
        return str(int(re.sub(r"\D", "", text)))
    if name == "heading":
        return text.rstrip("、.")
    if name in ("subheading", "subitem"):
        return "(" + text.strip("()") + ")"
    return text


def path_part(name: str, label: str) -> str:
    if name == "item":
        return f"第{label}条"
    if name == "heading":
        return f"{label}、"
    if name in ("subheading", "subitem"):
        return "（" + label.strip("()") + "）"
    return label


def responsible_units(text: str) -> tuple[str, ...]:
    units = [u.strip(" ：:。.") for u in _UNIT_SPLIT.split(text) if u and u.strip(" ：:。.")]
    return tuple(dict.fromkeys(units))


def outline(text: str) -> tuple[OutlineClause, ...]:
    """Every clause of a text, in order; together they cover every line."""
    lines: list[tuple[int, int]] = []
    position = 0
    for line in text.splitlines(keepends=True):
        lines.append((position, position + len(line.rstrip("\r\n"))))
        position += len(line)
    opened: list[tuple[int, str, str]] = []  # the stack: (rank, name, label)
    starts: list[tuple[int, int, int, str | None, str]] = []  # (start, body_start, rank, label, path)
    title_line = _title_line(text, lines)
    debris: list[tuple[int, int]] = []
    responsible: list[tuple[int, int, str]] = []  # line spans and their units text
    written = [span for span in lines if text[span[0] : span[1]].strip()]
    line_before = {b[0]: a for a, b in pairwise(written)}  # the written line before each
    for line_start, line_end in lines:
        line = text[line_start:line_end]
        if not line.strip() or (line_start, line_end) == title_line:
            continue
        if DEBRIS_LINE.match(line) or (not starts and COVER_LETTER_LINE.match(line)):
            debris.append((line_start, line_end))
            continue
        if DATE_BYLINE.match(line):
            debris.append((line_start, line_end))
            before = line_before.get(line_start)
            if before and HEADLINE.match(text[before[0] : before[1]]) and all(s[0] != before[0] for s in starts):
                debris.append(before)  # the headline the date and byline belong to
            continue
        who = RESPONSIBLE_LINE.match(line)
        if who:
            responsible.append((line_start, line_end, who.group("units")))
            continue
        for rank, name, pattern in MARKERS:
            m = pattern.match(line)
            if m is None and name == "item":
                m = _next_item_before_a_number(line, opened)
            if m is None:
                continue
            marker = label_of(name, m.group("label"))
            while opened and opened[-1][0] >= rank:
                opened.pop()
            opened.append((rank, name, marker))
            path = "".join(path_part(n, lab) for _, n, lab in opened)
            starts.append((line_start, line_start + m.end(), rank, marker, path))
            break
    first = title_line[1] if title_line else 0
    if not starts or text[first : starts[0][0]].strip():
        starts.insert(0, (first, first, UNNUMBERED, None, ""))
    clauses: list[OutlineClause] = []
    for index, (start, body_start, rank, label, path) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        inside_debris = tuple((a, b) for a, b in debris if start <= a < end)
        lines_of = [(a, b, u) for a, b, u in responsible if start <= a < end]
        while end > body_start and (text[end - 1] in " \t\r\n\u3000"):
            end -= 1
        units = tuple(u for _, _, t in lines_of for u in responsible_units(t))
        bracket_units = tuple(
            u for m in RESPONSIBLE_BRACKET.finditer(text, body_start, end) for u in responsible_units(m.group("units"))
        )
        clauses.append(
            OutlineClause(
                label=label,
                path=path,
                start=start,
                end=end,
                body_start=body_start,
                rank=rank,
                responsible=tuple(dict.fromkeys(units + bracket_units)),
                responsible_lines=tuple((a, b) for a, b, _ in lines_of),
                debris=inside_debris,
            )
        )
    return tuple(clauses)


_ITEM_BEFORE_NUMBER = re.compile(rf"^{_SPACE}(?P<label>([0-9]{{1,3}})[.．])(?=[0-9])")


def _next_item_before_a_number(line: str, opened: list[tuple[int, str, str]]) -> re.Match[str] | None:
    """ "7.80%以上的学校达到…" after item 6: the item's number, then a number of its own (read
    as a decimal, it would be 7.80%)."""
    m = _ITEM_BEFORE_NUMBER.match(line)
    items = [label for _, name, label in opened if name == "item"]
    if m is None or not items or int(m.group(2)) != int(items[-1]) + 1:
        return None
    return m


# A title ends on what the document is ("…的通知", "工作要点", "实施方案（试行）", "2024年校历").
_TITLE_END = re.compile(
    r"(?:通知|通告|公告|通报|方案|要点|办法|规定|规则|意见|细则|标准|准则|函|安排|计划|指南|指引|条例|决定|批复|"
    r"报告|清单|制度|守则|表|须知|倡议书|公开信|家长书|回复|答复|校历)"
    r"(?:[（(][^）)]{1,8}[）)]|\d{4}年?)?\s*$"
)
# A rule with its figure, which no title is: "教室人均面积不低于1.5平方米", "晨检 每日1次 2分".
_RULE_IN_LINE = re.compile(
    r"(?:不少于|不低于|不超过|不多于|不高于|不得|至少|达到|≥|≤)\s*[0-9０-９]|"
    r"每(?:天|日|周|月|年|学期|学年)[^\n]{0,12}?[0-9０-９]+\s*(?:次|小时|分钟|节|课时|天)|"
    r"率\s*(?:达到?|为)?\s*[0-9０-９]+(?:\.[0-9]+)?\s*[%％]"  # "体育开课率100%": a row of a scoring table
)


def _title_line(text: str, lines: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The plan's title: a first line without sentence punctuation and without a marker, that
    names what the document is or at least sets no rule with a figure (a table flattened into one
    line, or a notice whose first line is its first rule, has no title line)."""
    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            continue
        if len(line.strip()) > 60 or re.search(r"[。；;，,！？!?]", line):
            return None
        if any(pattern.match(line) for _, _, pattern in MARKERS) or DEBRIS_LINE.match(line):
            return None
        if _RULE_IN_LINE.search(line) and not _TITLE_END.search(line):
            return None
        return (start, end)
    return None


def clause_at(clauses: tuple[OutlineClause, ...], position: int) -> OutlineClause | None:
    """The innermost clause a position falls in (the last that starts at or before it)."""
    found = None
    for clause in clauses:
        if clause.start <= position < max(clause.end, clause.start + 1):
            found = clause
        elif clause.start > position:
            break
    return found
