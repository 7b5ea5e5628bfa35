"""Requirements read from a phrase rather than from a cue, a number and its unit.

A limit on time (``within``: 二十四小时内; ``time_of_day``: 不早于8:20), an activity every period
(``periodic``: 每学年…, 日查周结), full coverage (``coverage``: 全覆盖), a ban (``prohibitions``),
a date to be done by (``deadlines``: 到2024年底), an artefact to have (``existence``: 制定…方案,
建立…制度), parity with a named level (``parity``: 不低于公务员工资水平) and a count held at zero
(``zero``: 零择校). Each reads one part of a sentence in the reader's texts: ``text`` the working
text, ``untitled`` the same with titles, 文号 and the responsible units' brackets masked,
``masked`` with the lexicon's phrases masked too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from checklist.extract import patterns as P
from checklist.extract.found import MASK, Found
from checklist.extract.numbers import clean, parse_number
from checklist.extract.text import Part
from checklist.extract.wording import activity_of, balanced, conditional, pair_period, period_of, tidy_subject


def within(part: Part, *, untitled: str, masked: str) -> list[Found]:
    """ "在二十四小时内报告", "三十日内完成", "可以延长十日": a duration that may not be
    exceeded."""
    out = []
    limits = [
        *P.DURATION_WITHIN.finditer(masked, part.start, part.end),
        *P.DURATION_EXTENDED.finditer(masked, part.start, part.end),
    ]
    for m in limits:
        if m.start() > 0 and masked[m.start() - 1] in "第" + MASK:
            continue
        if conditional(masked, part):
            continue  # "十个工作日内不能办结的，应当…": the case the sentence goes on to rule
        if P.WINDOW_OF_A_COUNT_AFTER.match(masked, m.end("unit"), part.end):
            continue  # "3年内可累计新增8个专业": the window of the count after it, not a length to keep
        value = parse_number(m.group("a"))
        if value is None:
            continue
        unit = m.group("unit")
        if unit in P.TIME_UNITS:
            value, unit_out = clean(value * P.TIME_UNITS[unit]), "分钟"
        else:
            unit_out = P.DAY_UNITS[unit]
        subject = tidy_subject(untitled[m.end() : part.end]) or tidy_subject(
            untitled[part.start : m.start()]
        )
        out.append(
            Found(
                start=part.start,
                end=part.end,
                kind="duration",
                comparator="at_most",
                value=value,
                unit=unit_out,
                subject=subject,
                origin="within",
            )
        )
    return out


def time_of_day(part: Part, *, untitled: str, masked: str) -> list[Found]:
    """ "上课时间不早于8:20", "不得晚于21:00", "21:20前": a time of day as a limit (the value in
    minutes after midnight, unit 时刻)."""
    out = []
    windows = list(P.CLOCK_WINDOW.finditer(masked, part.start, part.end))
    for w in windows:
        if P.CONTACT_HOURS.search(masked, part.sentence.start, part.sentence.end):
            continue  # an office's hours to call or visit, no duty of a school
        times = []
        half = None
        for n in ("1", "2"):
            hours, minutes = int(w.group("h" + n)), int(w.group("m" + n))
            half = w.group("half" + n) or half  # "下午4:30-6:00": the second time is in the afternoon too
            if half in ("下午", "晚上") and hours < 12:
                hours += 12
            times.append(hours * 60 + minutes)
        if not all(t <= 24 * 60 for t in times) or times[0] >= times[1]:
            continue
        dates = r"\d{1,2}月\d{1,2}日\s*(?:[~～至到-]\s*(?:\d{1,2}月)?\d{1,2}日)?"  # "9月29日~9月30日": which days
        lead = re.sub(dates, "", untitled[part.start : w.start()])
        what = re.sub(r"(?:每天|每日)?(?:时间)?(?:为|是|:)?$", "", tidy_subject(lead)).strip() or "每天"
        for value, words in zip(times, ("开始", "结束"), strict=True):
            out.append(
                Found(
                    start=part.start,
                    end=part.end,
                    kind="deadline",
                    comparator="equal",
                    value=float(value),
                    unit="时刻",
                    period="天",
                    subject=f"{what}{words}时间",
                    origin="time_of_day",
                )
            )
    for m in P.TIME_OF_DAY.finditer(masked, part.start, part.end):
        cue, after, act = m.group("cmp"), m.group("after"), m.group("act") is not None
        still = m.group("still") is not None
        if not cue and not after and not act and not still:
            continue
        if any(w.start() <= m.start("h") < w.end() for w in windows):
            continue  # a time of a window, read with it above
        if not (cue in P.TIME_LIMITS or after or still) and not _a_time_of_the_school_day(m, part, masked):
            continue
        hours = int(m.group("h"))
        minutes = 30 if m.group("half") else int(m.group("m") or m.group("m2") or 0)
        if m.group("day") in ("下午", "傍晚", "晚上") and hours < 12:
            hours += 12  # "晚上9:30前", "下午4:30放学"
        if hours > 24:
            continue
        until = (m.group("cmp") or "").endswith(("至", "到"))
        if until and not P.SCHOOL_DAY.search(masked, max(0, part.sentence.start - 120), part.sentence.end):
            continue  # "会议延长至17:30": not a time of the school day (said in the sentence or the lines before)
        said = (m.group("cmp") or "").endswith(("为", "是", ":")) or until
        cue = None if said else cue
        late = (cue or "").endswith("晚于") or cue == "不超过" or (after or "") in ("前", "之前", "以前") or still
        about = not cue and (after == "左右" or (act and not after) or said)
        out.append(
            Found(
                start=part.start,
                end=part.end,
                kind="deadline",
                comparator="equal" if about else "at_most" if late else "at_least",
                value=float(hours * 60 + minutes),
                unit="时刻",
                subject=(
                    # "若至21:30仍未完成家庭作业": the act cut off at that time
                    tidy_subject(re.sub(r"^(?:仍|还|尚)(?:未|没有)", "", untitled[m.end() : part.end]))
                    if still
                    else tidy_subject(untitled[part.start : m.start()])
                ),
                origin="time_of_day",
            )
        )
    office = P.OFFICE_HOURS.search(masked, part.start, part.end)
    if office and not out:
        cue = office.group("cmp")
        out.append(
            Found(
                start=part.start,
                end=part.end,
                kind="deadline",
                comparator="at_least" if cue.endswith("早于") else "at_most" if cue.endswith("晚于") else "equal",
                subject=f"{tidy_subject(untitled[office.start('what') : office.end('what')])}（对照当地下班时间）",
                origin="time_of_day",
            )
        )
    return out


def _a_time_of_the_school_day(m: re.Match[str], part: Part, masked: str) -> bool:
    """A time said without 不早于/不晚于/前/后 is read only as a time of the school day: "7点40分到校",
    "上午第一节课8:30开始", "课后服务结束时间为下午5点半" — not "会议于下午3点开始", not an office's
    hours ("人工客服工作时间:9:00"), not "3点" alone."""
    sentence = masked[part.sentence.start : part.sentence.end]
    if P.CONTACT_HOURS.search(sentence):
        return False
    if masked.startswith(("开始", "结束"), m.end()) and not P.SCHOOL_DAY.search(sentence):
        return False
    exact = m.group("m") or m.group("m2") or m.group("half") or m.group("day")
    return bool(exact or P.SCHOOL_DAY_ACT.match(masked, m.end("h") + 1))


def periodic(part: Part, found: list[Found], *, untitled: str, masked: str) -> list[Found]:
    """An activity every period without a number — 每学年对学生进行测试, 每月定期开放 — means
    at least once per period; 日查、周结、月报 means once a day, a week, a month."""
    items = _periodic_items(part, untitled)
    if len(items) > 1:
        # "全市中小学每天开展大课间活动、每周开展一次主题班会": each item its own, the number of one not the other's
        readings: list[Found] = []
        for item in items:
            own = [f for f in found if item.start < f.end <= item.end]  # a number's quote may start at the part's
            readings.extend(periodic(item, own, untitled=untitled, masked=masked))
        return readings
    out: list[Found] = []
    def per(start: int, end: int, period: str, times: float = 1.0) -> Found:
        return Found(
            start=start,
            end=end,
            kind="frequency",
            comparator="at_least",
            value=times,
            unit="次",
            period=period,
            subject=masked[start:end],
            origin="periodic_words",
        )

    for m in P.PERIODIC_WORDS.finditer(masked, part.start, part.end):
        for word in re.findall(P.PERIODIC_WORD, m.group(0)):
            at = masked.find(word, m.start(), m.end())
            out.append(per(at, at + len(word), P.PERIODIC_WORD_NAMES[word[0]]))
    for m in P.PERIODIC_WORD_RULE.finditer(masked, part.start, part.end):
        if not any(f.start <= m.start() < f.end for f in out):  # not one of a list, read above
            out.append(per(m.start(), m.end(), P.PERIODIC_WORD_NAMES[m.group(0)[0]]))
    for m in P.PERIODIC_N_EACH.finditer(masked, part.start, part.end):
        times = float(parse_number(m.group("n")) or 1)
        out.append(per(m.start(), m.end(), P.PERIODIC_EACH_NAMES[m.group("period")], times))
    for m in P.PERIODIC_EACH.finditer(masked, part.start, part.end):
        if m.group(0).startswith("每") and any(f.kind == "frequency" and f.start <= m.start() < f.end for f in found):
            continue  # "每天一课": read with its unit already
        word = m.group("period") or m.group("must") or m.group("twice")[0]
        found_each = per(m.start(), m.end(), P.PERIODIC_EACH_NAMES[word])
        if m.group("twice") and m.end() - m.start() > 3:  # "年年开展消防演练": the act, not its word alone
            found_each = replace(
                found_each, end=part.end, subject=activity_of(untitled[m.start() + 2 : part.end]) or found_each.subject
            )
        out.append(found_each)
    points = list(P.PERIODIC_POINT.finditer(masked, part.start, part.end))
    for i, m in enumerate(points):
        if any(f.start <= m.start() < f.end for f in (*out, *found) if f.kind == "frequency"):
            continue
        end = points[i + 1].start() if i + 1 < len(points) else part.end
        comma = masked.find("、", m.end(), end)  # "年初有计划、年中有检查": each its own
        end = comma if comma >= 0 else end
        out.append(per(m.start(), end, P.PERIODIC_POINT_NAMES.get(m.group("point"), "学期")))
    if out or any(f.kind in ("frequency", "duration", "count") for f in found):
        return out
    # The sentence's end, not the part's: "每学年结束后，向…报告工作" names its activity after the comma.
    activity = P.PERIODIC_ACTIVITY.search(untitled, part.start, part.sentence.end)
    if activity is None:
        activity = P.PERIODIC_ANY.search(untitled, part.start, part.end)
    if activity is None or activity.start() >= part.end:
        return out
    if P.MEASURE_OF_ACT_AFTER.match(untitled, activity.end()):
        return out  # "每年…交流轮岗人数,不低于…的10%": the period of a measure of the act, read with its figure
    # A flattened table's row starts after the points of the row before: "…专项经费…校园文化(8分)每学年有…活动"
    start = part.start
    for row in P.POINTS.finditer(masked, part.start, activity.start()):
        start = row.end()
    end = part.end
    if activity.end() > part.end:
        stop = re.compile(r"[,;。]").search(masked, activity.end(), part.sentence.end)
        end = stop.start() if stop else part.sentence.end
    # 每年4月, 每月5日: when, not how many; the words up to the act's clause ("每学期,学校要召开2次家长会": the
    # number after the comma is the count of each term, read with its figure)
    words = re.sub(r"(?<=[年每度])\d{1,2}月(?:\d{1,2}日)?|(?<=每月)\d{1,2}[日号]", "", masked[start:end])
    words = re.sub(r"^\s*\d{1,3}\s*\t", "", words)  # a table row's 序号 is no count: "8⇥食品⇥每日晨检有记录"
    words = re.sub(r"“[^”]{0,12}”", "", words)  # a name in quotes: “12·4”全国法制宣传日
    words = re.sub(P.MULTI_PERIOD, "", words)  # 每2年: the span, not a count
    # a start date: "从2015年9月开始,责任督学…按月…进行经常性督导" (when it starts, not how many times)
    words = re.sub(r"(?:从|自|于)?\d{4}年(?:\d{1,2}月(?:份)?)?(?:\d{1,2}日)?(?:起|开始)", "", words)
    if re.search(r"\d|[一二两三四五六七八九十]次", words):
        return out
    # 每学年…, 按学年…, 每逢周一…, …日所在周为…宣传周 (a yearly day's week), 在全民国防教育日…开展
    groups = activity.groupdict()
    said = next(
        g for g in ("period", "nspan", "by", "weekday", "weekday_alone", "yearly", "named_day") if groups.get(g)
    )
    if said == "named_day" and "开放" in untitled[activity.end(said) : activity.end()]:
        return out  # "在全民健身日向公众免费开放": a day a facility is open, not an activity held
    subject = activity_of(untitled[activity.end(said) : end]).removeprefix("为" if said == "yearly" else "")
    subject = P.RECORDED.sub("", subject) or tidy_subject(untitled[start : activity.end()])
    once = Found(
        start=start,
        end=end,
        kind="frequency",
        comparator="at_least",
        value=1.0,
        unit="次",
        period=_period_said(activity, said),
        subject=subject,
        origin="periodic",
    )
    out.append(once)
    # "市(州)教育行政部门每2年、县(市、区)教育行政部门每年要举办…": a second actor's period before the same act
    second = P.PERIODIC_ACTIVITY.search(untitled, activity.end(said), activity.end())
    if second is not None and (second.group("period") or second.group("nspan")):
        again = next(g for g in ("period", "nspan") if second.group(g))
        # the first 、 after the first period ends its item ("县(市、区)" keeps its own)
        joint = masked.find("、", activity.end(said), second.start())
        start_second = joint + 1 if joint >= 0 else second.start()
        act = re.sub(r"^(?:要|应当|应|须|必须)", "", activity_of(untitled[second.end(again) : end])) or once.subject
        out.append(replace(once, start=start_second, period=_period_said(second, again), subject=act))
        out[-2] = replace(once, end=joint if joint >= 0 else second.start(), subject=act)
    return out


def halves(part: Part, found: list[Found], *, untitled: str, masked: str) -> list[Found]:
    """ "每天上下午各安排不少于30分钟大课间": a length held in each of two halves is held twice — in the day
    (上下午, 早晚), the term (学期初、学期末) or the year (春秋两季) — when no count of times is said."""
    pair = P.EACH_OF_TWO_SAID.search(masked, part.start, part.end)
    if pair is None or any(f.kind == "frequency" for f in found):
        return []
    if not any(f.kind == "duration" and f.start <= pair.end() < f.end for f in found):
        return []  # the length follows the pair in the same words
    digit = re.search(r"\d", masked[pair.end() : part.end])
    if digit is not None and digit.start() <= 4 and not P.EACH_HALF_AT_LEAST.match(masked, pair.end(), part.end):
        return []  # "早晚各阅读20分钟": the number of each half, read (and doubled) with the number itself
    period = pair_period(pair.group(0))
    verb = re.match(r"[^,;。\d不至]{0,4}", masked[pair.end() : part.end])
    end = pair.end() + (verb.end() if verb else 0)
    what = re.sub(r"^(?:不少于|不低于|至少)?\d+(?:\.\d+)?(?:分钟|小时|天|周)(?:的)?", "", untitled[end : part.end])
    subject = activity_of(what) or tidy_subject(untitled[part.start : end])
    return [
        Found(
            start=pair.start(),
            end=end,
            kind="frequency",
            comparator="at_least",
            value=2.0,
            unit="次",
            period=period,
            subject=subject,
            origin="halves",
        )
    ]


def _periodic_items(part: Part, untitled: str) -> list[Part]:
    """The items of a list of activities each with its period ("每天开展…、每周开展…"): split at a 、 right
    before 每 when the words before it already name a period and an act."""
    items: list[Part] = []
    start = part.start
    for joint in re.finditer(r"、(?=每)", untitled[part.start : part.end]):
        at = part.start + joint.start()
        act = P.PERIODIC_ACTIVITY.search(untitled, start, at)
        if act is not None and act.end() <= at:
            items.append(replace(part, start=start, end=at))
            start = at + 1
    return [*items, replace(part, start=start)] if items else [part]


def _period_said(activity: re.Match[str], said: str) -> str:
    if said in ("yearly", "named_day"):
        return "年"
    if said == "nspan":  # 每2年 → 2年, 每三年 → 三年 (as 每3年举行一次 reads), 每1年 → 年
        n, span = activity.group("n"), P.PERIOD_NAMES[activity.group("nspan")]
        return span if n in ("1", "一") else f"{n}{span}"
    return "周" if said == "weekday_alone" else P.PERIOD_NAMES[activity.group(said)]


def coverage(part: Part, siblings: tuple[Part, ...], index: int, *, untitled: str, masked: str) -> list[Found]:
    m = P.COVERAGE.search(masked, part.start, part.end)
    if m is None or (masked.startswith("的", m.end()) and m.group(0).startswith(("全员", "全体", "所有"))):
        return []  # "全员参与的运动会", "全体学生参加的体育运动会": what kind of event, not a share to reach
    if P.DEFINITION.search(masked, part.sentence.start, m.start()):
        return []  # "…是指…办学结余全部用于办学的民办幼儿园": what a word means
    if masked[m.start() - 1 : m.start()] == "使" and m.group(0).startswith(("全体", "所有")):
        return []  # "…，使全体公民增强国防观念": what the act is for, not a share to reach
    if P.CANNOT_BEFORE.search(masked, part.start, m.start()):
        return []  # "当前条件下无法解决专职校医寄宿制学校全覆盖问题": what cannot be done, no share to reach
    if m.group(0).startswith("人人") and re.search(
        r"\d|[一二两三四五六七八九十]+(?:至[一二两三四五六七八九十]+)?(?:项|个|种|门)", masked[m.end() : part.end]
    ):
        return []  # "人人掌握1至2项运动技能": a number each, read as such
    start = part.start
    if m.start() - part.start < 4 and index > 0:
        start = siblings[index - 1].start
    head = tidy_subject(untitled[part.start : m.start()]) or tidy_subject(untitled[start : m.start()])
    tail = tidy_subject(untitled[m.end() : part.end], keep_verb=True)
    if re.search(r"(?:要|应|须|应当|必须)$", head):
        head = f"{head}{m.group(0)}{tail}"  # "家访要覆盖每一名学生": the head alone says only who must
        tail = ""
    subject = f"{head}{m.group(0) if len(tail) >= 4 else ''}{tail if len(tail) >= 4 else ''}"
    subject = subject.removesuffix("达到").removesuffix("实现")
    act = re.sub(r"^对.+?(?:进行|开展|实施|组织)(?:一次|一轮)?", "", m.group(0)) if m.group(0).startswith("对") else ""
    if len(act) >= 2 and len(tidy_subject(head)) <= 4:
        subject = act  # "学校每学年对全体学生进行一次体质健康测试": the test's coverage, not 学校's
    return [
        Found(
            start=start,
            end=part.end,
            kind="coverage",
            comparator="equal",
            value=1.0,
            unit="比例",
            subject=subject or m.group(0),
            origin="coverage",
        )
    ]


def prohibitions(
    part: Part, siblings: tuple[Part, ...], index: int, *, untitled: str, masked: str, in_quotes: bytearray
) -> list[Found]:
    for m in P.PROHIBITION.finditer(masked, part.start, part.end):
        if in_quotes[m.start()] and m.group(0) not in ("零容忍",):
            continue
        start = part.start
        if part.end - part.start <= 10 and index > 0:
            start = siblings[index - 1].start
        after = untitled[m.end() : part.end].split("\t")[0]  # what is banned is in its own cell, not the row's next
        subject = tidy_subject(after) if len(after) >= 3 else ""
        own = tidy_subject(untitled[part.start : m.start()])
        if not subject and P.SHORT_ACT.fullmatch(after):
            # "校车严禁超员": the bus's overloading; "…不少于4学时，严禁超员": the act, not the part before
            subject = f"{own}{after}" if 2 <= len(own) <= 14 else after
        if not subject:
            lead = untitled[start : m.start()]
            subject = tidy_subject(re.sub(r"(坚决)?(做到|实行|实现)?“?$", "", lead))
        subject = subject.strip("“”□") or m.group(0)
        return [
            Found(
                start=start,
                end=part.end,
                kind="prohibition",
                subject=subject,
                modality="prohibited",
                origin="prohibition",
            )
        ]
    return []


def _unclaimed(matches: Iterable[re.Match[str]], dates: list[re.Match[str]]) -> list[re.Match[str]]:
    """The matches that start outside every date already found."""
    return [m for m in matches if not any(d.start() <= m.start() < d.end() for d in dates)]


def deadlines(
    part: Part, siblings: tuple[Part, ...], index: int, *, text: str, untitled: str, masked: str
) -> list[Found]:
    """到2024年底, 2020年底前, 国庆期间: by when something must be done."""
    out: list[Found] = []
    dates = [
        m
        for m in P.DEADLINE.finditer(masked, part.start, part.end)
        if (m.group("pre") in ("到", "于", "至") or m.group("end") or m.group("before"))
        and not ("日" in m.group(0) and not m.group("before"))  # "于2024年5月21日签订": an event
        # "2023年底,全县共有…": a report (a date said with 前 is one to finish by, whatever follows)
        and (m.group("before") or not P.AS_OF_REPORT.search(masked, m.end(), part.sentence.end))
    ]
    dates += list(P.SEASON_DEADLINE.finditer(masked, part.start, part.end))
    dates += _unclaimed(
        (
            m
            # from the sentence's start: "报名截止时间:⏎2024年5月20日" has its date in the part after the colon
            for m in P.AS_OF_DEADLINE.finditer(masked, part.sentence.start, part.end)
            if m.end() > part.start
            and not P.AS_OF_REPORT.search(masked, m.end(), part.sentence.end)  # "截至2023年底,全县共有…"
        ),
        dates,
    )
    dates += list(P.YEARLY_DEADLINE.finditer(masked, part.start, part.end))
    dates += _unclaimed(
        (m for pattern in (P.DATE_LIMIT, P.CALENDAR_DATE) for m in pattern.finditer(masked, part.start, part.end)),
        dates,
    )
    dates += _unclaimed(P.DATED_STEP.finditer(masked, part.start, part.end), dates)
    step = P.MONTH_STEP.match(masked, part.start, part.end) or P.YEAR_STEP.match(masked, part.start, part.end)
    dates += _unclaimed([step] if step else [], dates)  # "三月份完成动员部署": a step of the plan dated by its month
    windows = list(P.WINDOW_DEADLINE.finditer(masked, part.start, part.end))
    dates = [d for d in dates if not any(w.start() <= d.start() < w.end() for w in windows)] + windows
    dates += _unclaimed(P.MONTH_DEADLINE.finditer(masked, part.start, part.end), dates)
    for m in sorted(dates, key=lambda d: d.start()):
        end = part.end
        named_here = m.re in (P.DATE_LIMIT, P.CALENDAR_DATE)  # "放假时间不得晚于1月25日", "9月1日开学"
        if part.end - m.end() < 4 and index + 1 < len(siblings) and not named_here:
            end = siblings[index + 1].end
        words = text[m.start() : m.end()]
        start = m.start()
        rest = tidy_subject(untitled[m.end() : end].lstrip(",)")) or ""
        if not rest:
            # "逐校核编(2009年3月31日前)", "放假时间不得晚于1月25日": the step is named before its date
            rest = tidy_subject(untitled[part.start : m.start()].rstrip("(")) or ""
            words, rest = rest, words
            start = min(part.start, start)
        out.append(
            Found(
                start=start,
                end=end,
                kind="deadline",
                subject=f"{words}{rest}"[:40],
                origin="deadline",
            )
        )
        break
    return out


def existence(part: Part, *, text: str, untitled: str, masked: str) -> list[Found]:
    """制定…方案, 建立…制度, 开展…活动: a checkable artefact without a number."""
    # text, not untitled: titles unmasked, 制定《…实施方案》 names its artefact inside 《》
    for verb in P.EXISTENCE_VERB.finditer(text, part.start, part.end):
        if untitled[verb.start()] == MASK:
            continue  # a verb inside a title: 《…指南实施方案》
        if verb.end() < part.end and text[verb.end()] in "、与和及":
            continue  # a verb used as a noun in a list: 课程建设与实施、教育教学
        reach = min(part.end, verb.end() + P.EXISTENCE_REACH)
        artefact = P.EXISTENCE_ARTEFACT[verb.group(0)].search(text, verb.end(), reach)
        if artefact is None:
            continue
        if P.THIS_DOCUMENT.match(text, verb.end()):
            continue  # "为规范办园行为，制定本细则": the document making itself, no duty of a school
        end = artefact.end()
        if untitled[end - 1] == MASK:  # the artefact is named inside 《…》
            closing = text.find("》", end, part.end)
            end = closing + 1 if closing >= 0 else end
        begin = verb.start()
        if verb.group(0) in ("纳入", "计入", "列入"):
            # what is put in says more than where: "将校外实践教育纳入学校发展规划"
            lead = max(text.rfind("将", part.start, begin), text.rfind("把", part.start, begin))
            begin = lead if lead >= 0 else part.start
        subject = tidy_subject(text[begin:end], keep_verb=True)
        return [
            Found(
                start=part.start,
                end=part.end,
                kind="existence",
                subject=subject,
                origin="existence",
            )
        ]
    for pattern, words in ((P.CHECK_QUESTION, "what"), (P.HELD_BY, ""), (P.HAS_THING, "what")):
        m = pattern.search(masked[part.start : part.end])
        if m and MASK not in m.group(0)[:4]:
            what = m.group(words) if words else m.group(0)
            return [
                Found(
                    start=part.start,
                    end=part.end,
                    kind="existence",
                    subject=tidy_subject(what, keep_verb=True),
                    origin="existence",
                )
            ]
    obligation = P.OBLIGATION.match(masked[part.start : part.end])
    if obligation and MASK not in obligation.group("what")[:4]:
        return [
            Found(
                start=part.start,
                end=part.end,
                kind="existence",
                subject=tidy_subject(obligation.group("what"), keep_verb=True),
                origin="obligation",
            )
        ]
    return []


def parity(part: Part, *, untitled: str) -> list[Found]:
    """不低于…水平: a ratio of at least 1 to a named level (教师工资不低于公务员工资水平); 不得高于…标准 one of
    at most 1 (收取的费用不得高于…公办学校的收费标准)."""
    m = P.PARITY.search(untitled, part.start, part.end)
    if m is None:
        # "…入学年龄和年限，应当与…相同": the subject may stand before the part's comma
        equals = P.EQUAL_PARITY.finditer(untitled, part.sentence.start, part.end)
        equal = next((e for e in equals if e.end() > part.start), None)
        if equal is None or P.IN_RESPECTS.search(untitled, part.start, equal.end()):
            return _held_above(part, untitled=untitled)  # "在…等方面享有与…同等的待遇": a right, not a level
        said = next(n for n in ("", "2", "3", "4") if equal.group(f"level{n}"))
        subject = tidy_subject(equal.group(f"subject{said}"))
        level = equal.group(f"level{said}")
        return whole_part(part, "ratio", "equal", 1.0, "parity", unit="比例", subject=subject, denominator=level)
    if P.DEFINITION.search(untitled, part.sentence.start, m.start()):
        return []  # "普惠性民办幼儿园，是指…保教费标准不高于…的民办幼儿园": what a word means
    # "…收取的费用，不得高于…的收费标准": the words before the comma say what is held to the level
    subject = tidy_subject(m.group("subject") or untitled[part.sentence.start : part.start])
    subject = re.sub(r"(收入)?水平$", "", subject)
    comparator = "at_most" if m.group("dir") in ("高于", "超过", "多于", "大于") else "at_least"
    level = m.group("level")
    held_to = r"(?:水平|标准|规模|面积|成本价?|时限|增幅|增长幅度|增速|年度|上年|同期)(?:规定|要求)?$"
    if not re.search(held_to, level) and not P.PAY.search(subject):
        return []  # a pay's level ("…平均工资", "…公办学校教师") holds only a pay
    return whole_part(part, "ratio", comparator, 1.0, "parity", unit="比例", subject=subject, denominator=level)


def _held_above(part: Part, *, untitled: str) -> list[Found]:
    """高于…标准 and 按…标准足额拨付: a ratio of at least one to the level named."""
    margin = P.MARGIN_ABOVE.search(untitled, part.start, part.end)
    if margin is not None and (share := parse_number(margin.group("share").rstrip("%"))) is not None:
        subject = tidy_subject(untitled[part.start : margin.start()])
        value = round(1 + share / 100, 6)
        level = margin.group("level")
        return whole_part(part, "ratio", "at_least", value, "parity", unit="比例", subject=subject, denominator=level)
    higher = P.HIGHER_PARITY.search(untitled, part.start, part.end)
    full = None if higher else P.FULL_FUNDING.search(untitled, part.start, part.end)
    if higher is not None:
        subject = tidy_subject(higher.group("subject") or higher.group("subject2") or higher.group("subject3") or "")
        level = higher.group("level") or higher.group("level2") or higher.group("level3")
    elif full is not None:
        subject = tidy_subject(full.group("subject")) or tidy_subject(untitled[part.start : full.start()])
        level = full.group("level")
    else:
        return []
    return whole_part(part, "ratio", "at_least", 1.0, "parity", unit="比例", subject=subject, denominator=level)


def planned_per_area(part: Part, *, untitled: str) -> list[Found]:
    """三千居民以上规模的住宅区，配套建设幼儿园: one school of that kind for each such area (its size before the
    comma)."""
    out: list[Found] = []
    for m in P.PLANNED_PER_AREA.finditer(untitled, part.sentence.start, part.end):
        if m.end() <= part.start:
            continue
        subject = f"{tidy_subject(m.group('size'))}配套{m.group('what')}"
        out.append(
            Found(
                start=max(m.start("size"), part.sentence.start),
                end=part.end,
                kind="count",
                comparator="equal",
                value=1.0,
                unit="所",
                subject=subject,
                origin="planned_per_area",
            )
        )
    return out


def zero(part: Part, *, untitled: str) -> list[Found]:
    """无新增…, 零择校, 无因贫失学辍学: a count that must stay at zero."""
    m = P.ZERO.search(untitled, part.start, part.end)
    if m is None:
        return []
    after = tidy_subject(untitled[m.end() : part.end], keep_verb=True)
    word = m.group(0)
    subject = f"{word.removeprefix('无').removeprefix('零')}{after}" if len(word) <= 3 else word
    before = tidy_subject(
        re.sub(
            r"^(?:各(?:学校|校|中小学校?|幼儿园)|学校)?(?:要|应|须)?(?:确保|实现|做到|力争)?(?:全年)?",
            "",
            untitled[part.start : m.start()],
        )
    )
    if word in ("零发生", "零伤亡", "零违规") and len(before) >= 2:
        subject = before.strip("“”")  # "确保全年安全责任事故“零发生”": what must not happen
    if word == "为零":
        # "每天书面作业时间为零": what is said to be none
        kind, unit = ("duration", "分钟") if before.endswith("时间") else ("count", None)
        period = period_of(untitled[part.sentence.start : m.start()], "")
        return whole_part(part, kind, "at_most", 0.0, "zero", subject=before, unit=unit, period=period)
    return whole_part(
        part, "count", "at_most", 0.0, "zero", subject=balanced(subject.removesuffix("任务").removesuffix("成果"))
    )


_EACH_NAMES = {"人": "人", "生": "名学生", "校": "所学校", "园": "所幼儿园", "班": "个班", "师": "名教师"}


def one_each(part: Part, known: Callable[[str], bool], *, masked: str) -> list[Found]:
    """一人一微课, 一班一特色: at least one thing for each person, class or school, said as a slogan the lexicon does
    not list (``known``: whether the lexicon has the slogan — it reads those, or refuses them, itself)."""
    out: list[Found] = []
    for m in P.ONE_EACH.finditer(masked, part.start, part.end):
        if known(m.group(0)):
            continue
        if P.NAMED_PROGRAMME_AFTER.match(masked, m.end()):
            continue  # "“一师一优课、一课一名师”活动": the name of a programme, not one each to have
        who = _EACH_NAMES[m.group("who")]
        subject = f"每{who}一{m.group('what')}（“{m.group(0)}”）"
        # each class or school: the school's to have; each person's: the words around decide
        scope = "school" if m.group("who") in "班校园" else None
        reason = f"“{m.group(0)}”即每{who}" if scope else ""
        out.extend(
            whole_part(
                part, "count", "at_least", 1.0, "one_each", unit="个", subject=subject, scope=scope, scope_reason=reason
            )
        )
    return out[:1]


def whole_part(
    part: Part, kind: str, comparator: str, value: float, origin: str, **fields: Any
) -> list[Found]:
    """One number read from a phrase, quoted as the whole part it stands in."""
    found = Found(
        start=part.start, end=part.end, kind=kind, comparator=comparator, value=value, origin=origin, **fields
    )
    return [found]
