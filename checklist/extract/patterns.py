"""Cue words and the regular expressions built from them (all on the normalised working text).

Measured on the seeds (see /work/shared/reference/pgpg-style.md part B): character-level
regular expressions anchored on cues and units find requirement sentences without word
segmentation. The lookbehinds matter: without ``(?<!不)``, "不少于1小时" would also read as
"少于1小时".
"""

from __future__ import annotations

import re

from checklist.extract.numbers import (
    AND_A_HALF,
    CN_DIGITS,
    DASH,
    FRACTION_CN,
    HALF,
    NUM_AR,
    NUM_AR_GROUPED,
    NUM_AR_MULT,
    NUM_CN,
    NUM_CN_DECIMAL,
    PERCENT_CN,
    SHARE_WORD,
)

# -- quantities ---------------------------------------------------------------------------------

# Units that make a number a requirement, longest first.
UNITS_KEPT = (
    "个小时",
    "个课时",  # "每学年不少于30个课时"
    "个学分",  # "修满公共艺术课程2个学分"
    "个学时",
    "小时",
    "分钟",
    "min",  # "大课间不少于30min", "在校时间不超过6h"
    "h",
    "课时",
    "学时",
    "场次",
    "人次",
    "个",
    "所",
    "名",
    "人",
    "项",
    "次",
    "节",
    "场",
    "%",
    "元",
    "M",
    "兆",
    "家",
    "支",
    "条",
    "篇",
    "部",
    "套",
    "间",
    "处",
    "座",
    "位",
    "学分",
    "平方米",
    "米",
    "亩",
    "公顷",
    "公里",
    "课",
    "册",
    "台",
    "种",
    "辆",
    "本",
    "门",
    "首",
    "件",
    "袋",  # 每生每天饮用1袋牛奶
    "块",  # 至少配备2块电子屏
    "盒",
    "瓶",
    "份",
    "张",
    "户",  # 每位教师每年家访不少于10户
    "组",
    "盏",
    "幅",
    "个百分点",
    "个档次",  # 工资向上浮动一个档次: a step of a pay scale
    "档次",
    "届",
    "轮",  # 全年开展教学视导不少于2轮: rounds of an act, like 次
    "趟",  # 每学期至少组织2趟研学旅行: trips, like 次
    "具",  # 每校至少配备灭火器4具
    "把",
    "千卡",  # 午餐供应热量不低于700千卡
    "百分点",
    "班",
    "字",
    "千克",
    "公斤",
    "克",
    "毫升",
    "勒克斯",  # 教室照度不低于300勒克斯
    "lx",
    "分贝",
    "摄氏度",
    "°C",  # ℃ after NFKC
)
# Units a Chinese numeral may carry without a cue before it (二百米, 二十四小时内, 两位): units of
# measure, not of counting things.
MEASURE_UNITS = ("个小时", "小时", "分钟", "平方米", "米", "公里", "亩", "公顷", "学分", "课时", "学时", "%")
# Units that make a number something else: years, ages, dates, ordinals, categories.
UNITS_SKIPPED = (
    "周年",
    "个工作日",
    "工作日",
    "个月",
    "年",
    "周岁",
    "岁",
    "月",
    "日",
    "号",
    "类",
    "倍",
    "批",
    "期",
    "天",
    "周",
    "级",
    "星",
)
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS_KEPT + UNITS_SKIPPED, key=len, reverse=True))

QUANTITY = re.compile(
    rf"(?P<a>{PERCENT_CN}|{FRACTION_CN}|{SHARE_WORD}|{HALF}|{AND_A_HALF}|{NUM_AR_GROUPED}|{NUM_AR_MULT}|{NUM_AR}|{NUM_CN_DECIMAL}(?=倍)|{NUM_CN})"
    # "9%-11%", "百分之十至百分之二十": a range of shares
    # … and "1一2项": a dash typed as 一 between two digits
    rf"(?:%?(?P<dash>{DASH}|(?<=\d)一(?=\d))(?P<b>{PERCENT_CN}|{NUM_AR_MULT}|{NUM_AR}|{NUM_CN}))?"
    r"(?P<approx>余|多(?=[个所名人项次]))?"  # "新增学位7300余个", "3000多人": at least that many
    rf"(?P<unit>{_UNIT})?"
)

# A coefficient of variation between schools, a bare decimal after its comparator: "校际差异系数小学不高于0.50、
# 初中不高于0.45" (the 优质均衡 standard) — a ratio, not a count of nothing.
COEFFICIENT = "系数"
_COEFFICIENT_WORD = r"(?:差异|变异|离散)系数"
COEFFICIENT_BEFORE = re.compile(
    rf"{_COEFFICIENT_WORD}[^。;]{{0,40}}?(?:不高于|不超过|不大于|小于或等于|小于等于|低于|小于|≤|<=|控制在)"
    r"\s*(?:0?\.\d{1,3}\s*、\s*)*$"  # … and the later figures of a list: "分别小于或等于0.50、0.45"
)
TIME_UNITS = {"个小时": 60.0, "小时": 60.0, "分钟": 1.0, "h": 60.0, "min": 1.0}  # 两个小时 is two hours
LATIN_UNITS = ("h", "min", "lx")  # read only when no letter follows: "6h", "30min" (not "5hz", "2ha")
# A range of multiples is a fine's range, read like one in 元: "处违法所得一倍以上五倍以下罚款" (a
# lone 倍 stays skipped: "翻一倍", "两倍于").
MULTIPLE_RANGE = re.compile(
    rf"(?:{NUM_AR}|{NUM_CN})倍以上(?:{NUM_AR}|{NUM_CN})倍以下|(?:{NUM_AR}|{NUM_CN})倍以下(?:的)?罚款"
)
# N times a named level, bounded: a ratio to that level — "人均年收入应当达到当地社会平均工资的一点五倍以上",
# "生均公用经费按普通学校的8倍以上拨付". Not a fine's multiple ("违法所得的五倍以下的罚款"), which stays a fine.
MULTIPLE_BOUND_AFTER = re.compile(r"(?:以上|及以上|以下|及以下)(?![^,;。]{0,12}罚款)")
# … or a bound said before the level: "保教费不高于同类公办园的1.5倍" (not a fine: "处…的五倍罚款")
MULTIPLE_BOUND_BEFORE = re.compile(
    r"(?:不高于|不超过|不得超过|不得高于|不低于|不少于|不得低于|达到)[^,;。\d罚]{1,30}?的$"
)
MULTIPLE = "倍数"
# "努力建设一支师德高尚…的教师队伍": a team to build, not a number of teams
ONE_TEAM_BEFORE = re.compile(r"(?:建设|打造|培养|造就|建立|组建|锻造|培育|建成)$")
# "2000元以上5000元以下", "8万元以上10万元以下": two bounds of one range.
RANGE_JOIN = re.compile(r"^(?:以上|及以上)(?:、|,)?(?:不满|不足)?$")
# Two numbers with the same unit joined into a range: "一个月至六个月", "3个月至6个月".
RANGE_WORD = r"\s*(?:至|到|—{1,2}|-|~)\s*"
RANGE_SAME_UNIT_JOIN = re.compile(RANGE_WORD)
# … the first bound of a range of lengths of time: the join and a number follow it
RANGE_BOUND_AFTER = re.compile(rf"{RANGE_WORD}[\d一二两三四五六七八九十]")
RANGE_CLOSE = re.compile(r"^(?:以下|及以下|以内)")
# Years, months, weeks and days as a length of time, not a date or an age: "任期为3年",
# "10年以上", "5年内不得", "研学旅行不少于3天", "试用期为6个月".
YEAR_CUE_BEFORE = re.compile(
    r"(?:任期|期限|期|年限|时间|时长|学制)(?:仍|均|统一)?(?:为|是|一般为)$|(?:任期|期限|服务期|聘期|学制|年限)$|为期$|每期$|"
    r"(?:缩短|延长|调整|减少)(?:为|至|到)$|"  # "顶岗实习时间缩短为六个月": the new length
    r"每次[^,;。\d]{0,4}$|"  # "研学旅行…每次1-2天", "每次集中培训3天": how long each time lasts
    r"\d{1,2}日\s*\($|"  # "7月8日—7月26日(15个工作日)": the length of the span of dates before it
    r"(?:不少于|不低于|不短于|不得少于|至少|超过|不超过|不超(?![过出越前])|不得超过|不多于|不长于|不得长于)$|提前$|"
    r"(?:放假|停课|休息|延期)$|"
    r"(?:开工|开学|开课|开园|开展|举办|举行|实施|出行|施工|活动|启动)前$|"  # "活动开展前7天向教育局报备": a lead time
    r"分别[^,;。]*(?:和|及|、)$"  # "…分别不少于10天和20天": the second of a pair
)
# A school calendar's weeks: "本学期共20周", "其中上课18周", "复习考试2周", "全学年教学时间39周", "暑假7周".
WEEKS_OF_TERM_BEFORE = re.compile(
    r"(?:学期|学年)(?:共|共计|计)?(?:[^,;。\d]{0,4}?(?:上课|教学|授课))?(?:时间)?(?:共|共计|计|为)?$|"
    r"(?:上课|教学|授课|复习考试|复习|考试|寒假|暑假|假期)(?:时间)?(?:一般|原则上)?(?:共|共计|计|为|约)?$"
)
# … or said after a colon or comma in a sentence about the term: "教学时间:义务教育学校为40周", "…放假,共19周".
WEEKS_OF_TERM_SENTENCE = re.compile(r"学期|学年|教学时间|上课时间|校历")
WEEKS_OF_TERM_LEAD = re.compile(r"(?:为|共|共计|计)$")
# Weeks or days set aside in each year or term: "每学年安排1至2周劳动周" (not "每年举办一年一度").
DAYS_SET_ASIDE_BEFORE = re.compile(
    r"每(?:学年|学期|年)[^,;。\d]{0,6}?(?:安排|组织|开展|设立|设置|举办|集中)$|"
    # "…正式开学,假期共62天": the holiday's length
    r"(?:假期|寒假|暑假|放假)(?:时间|天数)?(?:一般|原则上)?(?:共计|共|为|合计)$"
)
# "7月10日-8月15日,计五周", "放假到8月15日,计5周": the length of the window of dates before it (the clause before).
WINDOW_LENGTH_BEFORE = re.compile(r"\d{1,2}[日号]\)?,?(?:共计|计|共|合计)$")
# A lead time said after its event: "建设单位应当于开工十日前书面告知学校".
LEAD_EVENT_BEFORE = re.compile(r"(?:开工|开学|开课|开园|开展|举办|举行|实施|出行|施工|活动|启动)$")
LEAD_AFTER = re.compile(r"^(?:前|以前|之前)")
LENGTH_UNITS = {
    "年": "年",
    "天": "天",
    "日": "天",
    "周": "周",
    "个月": "月",
    "个工作日": "个工作日",
    "工作日": "个工作日",
}
YEAR_CUE_AFTER = re.compile(
    r"^(?:以上|及以上|以下|及以下|以内|之内|内(?![容涵部外]))|"
    r"^的?(?:试用期|见习期|过渡期|服务期|任期|聘期)|"  # "应当有1年的试用期": how long the period lasts
    r"^的?(?:专业|脱产|带薪)?(?:进修|学术假|研修|访学)"  # "安排半年的脱产进修": how long the leave to study lasts
)
YEAR_NOT_AFTER = re.compile(r"^[^,;。]{0,4}?(?:时间|规划|计划|行动|发展|来|前|后|级|制)")
# A look-back window or an approximation, not a target: "最近连续3个记分周期内", "近三年".
WINDOW_BEFORE = re.compile(r"(?:最近|(?<![接将])近)(?:连续)?$")
# "7300余个", "3000多人": that many and more (the 余 or 多 between a number and its unit) …
MORE_THAN_AFTER_NUMBER = re.compile(r"(?<=[\d十百千万])(?:余|多)(?=[个所名人项次])")
# … read only as a target: "预计新增学位7300余个" (not "开展兴趣小组190余个", a count told)
APPROX_TARGET_BEFORE = re.compile(r"(?:新增|增加|建成|新建|完成|达到|提供|招聘|力争|预计|计划|确保)[^,;。\d]{0,8}$")
# … but 近 before a round number is "nearly": "新增学位近万个", "近千名教师" (about that many).
NEARLY_ROUND = re.compile(r"(?:\d{3,}|[一二两三四五六七八九十]?[百千万])(?!年|个月|月|周|天|日|学期|学年)")
# Ages as a requirement: "年龄在25周岁以上", "不超过60周岁" (a bare "3岁以下婴幼儿" names who).
AGE_UNITS = ("周岁", "岁")
# Terms counted in units of time: "两个聘期", "不得超过3个任期".
TERMS_AFTER = re.compile(r"(?:聘期|任期|学期|学年|周期)")
# What a conditional clause ("…的，") is followed by when it states a case to rule.
IF_SCHOOLS = re.compile(r"(?:如|若|凡|对于|对)[^,;。]{2,40}的(?:学校|幼儿园|班级|中小学校?)")
CONDITIONAL_RULE = re.compile(
    r"应当|应|须|必须|要|可以|由|处|给予|责令|"
    # … or with the standard it goes by: "学校规模大于36个班的,以36个班的数据指标为基准"
    r"以[^,;。]{0,30}?为(?:基准|准|依据)|参照"
)
AGE_GROUP_AFTER = re.compile(r"(?:的)?(?:婴幼儿|幼儿|儿童|学生|少年|未成年人|孩子|公民|人)")
AGE_CUE_BEFORE = re.compile(r"年龄(?:在|为|须|应|应当)?$")
# The units a year or an age is read with once it is a requirement (internal names).
LENGTH_MARK = "(时长)"  # "年(时长)", "天(时长)": a length of time in that unit
AGE_UNIT = "周岁(年龄)"
# "每天上下午各做1次": once in each half of the day, twice a day.
TWO_POINTS = (
    r"(?:上下午|上午和下午|上午、下午|上、下午|早晚|春秋(?:两季|季)?|春季、?秋季|春、秋季|上下学期|上、下学期|寒暑假(?:前|期间|后)?|"
    r"学期初、?学期末|期初、?期末|期中、?期末|"
    r"开学(?:初|前|后)[、和及与]?(?:放假|学期末|期末)(?:前|时)?)"  # "每学期开学初和放假前各开展一次": twice a term
)
# "学期初、学期末各组织一次": twice a term (the act may stand between: "每天上下午安排眼保健操各1次")
# — not a length held at least in each half: "上下午各安排至少30分钟大课间" is 30 minutes twice
# (phrases.halves), as with 不少于
EACH_OF_TWO = re.compile(rf"{TWO_POINTS}(?:[^,;。\d各]{{0,8}}?)各(?![^,;。\d]{{0,2}}(?:至少|最少))[^,;。\d]{{0,4}}$")
# … a length led by its comparator, right after the pair and its verb
EACH_HALF_AT_LEAST = re.compile(r"[^,;。\d]{0,4}?(?:不少于|不低于|不得少于|至少|最少)\s*\d")
# … said anywhere in a quote: "每天上下午各做1次眼保健操" (a draft says where its 2 comes from)
EACH_OF_TWO_SAID = re.compile(rf"{TWO_POINTS}各")
# "本条例所称校车，是指…7座以上的载客汽车": a definition, not a threshold.
DEFINITION = re.compile(r"所称|是指|所指(?=[^,;。]{0,12}?[,，]?是)")
# A part opening on a time of day names a share of the day: "每天上午…,下午1次…".
HALF_OF_DAY = re.compile(r"(?:上午|下午|中午|晚上|傍晚)(?![\d一二两三四五六七八九十]{1,3}[:：时点])")
LESSON_UNITS = ("次", "场", "场次", "节", "课时", "学时", "课", "届", "轮", "趟")  # 每四年举办一届运动会
# An act done a number of times, said without a period: "开展一次集中培训", "至少组织2次应急疏散演练",
# "平时半月开锁检查一次" — how often, like 每学期…2次 (the period is the clause's, or the reader's to set).
TIMES_OF_ACT_BEFORE = re.compile(
    r"(?:开展|进行|举行|举办|组织|召开|参加|参与|接受|检查|巡查|排查|培训|演练|宣讲|听课|家访|体检|消毒|测试|测评|"
    r"督导|抽查|研讨|学习|讨论|会商|走访|安排|上|开)(?:了|过)?(?:不少于|不低于|至少|最少|不超过|不超(?![过出越前])|最多|不多于)?$"
)
# Sessions of a course or a service held: "每年举办两期培训班", "暑期共举办两期" (not "第二期", "一期工程").
# … or issues of a paper or a board put out: "每周出一期板报", "每学期编发两期简报"
SESSIONS_HELD_BEFORE = re.compile(r"(?:举办|开办|开设|开展|组织|举行|出版|编发|编印|刊发|刊出|出|办)[^,;。\d第]{0,4}$")
# "课后服务每周5天", "每月安排2天": days in each week or month are a frequency, not a length.
DAYS = ("天", "日")
DAYS_IN_PERIOD = re.compile(r"每(?:周|星期|月)[^,;。\d]{0,8}$")  # "图书室每周开放不少于5天"
DAY_COUNT = "天(天数)"
# A part ending in "…时" states a situation ("在…道路上停靠时"), unless the 时 ends an amount of
# time ("每天在校锻炼1小时", "每周4课时").
SITUATION_END = re.compile(r"(?<![\d一二两三四五六七八九十半个][小课学])(?<![\d一二两三四五六七八九十半])时$")
# A staffing or provision ratio: "师生比1:19", "按600:1配备校医", "1∶7的师幼比", "按照六百比一的比例",
# a table cell "1:14.5". One side is 1; a clock ("8:30", "21:20") is not a ratio.
RATIO = re.compile(
    rf"(?<![\d.:])(?P<a>{NUM_AR}|[{CN_DIGITS}]+)\s*(?:[:∶]|比)\s*(?P<b>{NUM_AR}|[{CN_DIGITS}]+)(?![\d.:])"
)
# A time of day set by the parents' working day: "结束时间原则上不早于当地正常下班时间", "与…下班时间相衔接".
OFFICE_HOURS = re.compile(
    r"(?P<what>[^,;。]{0,12}?(?:结束|离校|放学|接送)时间)[^,;。]{0,8}?"
    r"(?P<cmp>不早于|不晚于|不得早于|不得晚于|与)[^,;。]{0,12}?下班时间"
)
# A ratio written per so many people: "按每200名学生配备1名心理健康教师", "每一百名住宿学生不少于一名的
# 比例配备宿舍管理人员" (the staff after it, or before: "校医按每600名学生1名配备").
PER_N = re.compile(
    rf"每(?P<n>{NUM_AR}|[{CN_DIGITS}]+)(?:(?:名|位|个|所)(?P<who>[^,;。\d]{{0,8}}?(?:学生|幼儿|儿童|住宿生|寄宿生|"
    r"(?<=所)(?:中小学校|学校|幼儿园)|(?<=个)(?:教学)?班级?))|人(?!口|次))"  # "每五所学校至少一名…责任督学", "每12个班"
    # the things for so many people too: "男生厕所每40人设1个大便器", "每50名学生配备1台计算机"
    rf"(?:配备|配置|增配|增设|配|设|应|至少|不少于|不低于|须)*(?P<m>{NUM_AR}|[{CN_DIGITS}]+)(?:名|位|个|台|套|间|张|件|具|处)|"
    # things for so many students: "每百名学生拥有计算机不少于15台" — 15 for each 100
    rf"每(?P<n2>{NUM_AR}|[{CN_DIGITS}]+)名(?P<who2>学生|幼儿)(?:应|须)?(?:拥有|有|配备|配置)(?P<thing>[^,;。\d]{{2,8}}?)"
    rf"(?:至少|不少于|不低于|达到)(?P<m2>{NUM_AR}|[{CN_DIGITS}]+)(?P<unit2>台|册|套|件)"
)
# The staff a clause provides, named after its count: "配备1名专职心理健康教师", "配齐2名校医".
STAFF_NAMED = re.compile(
    rf"(?:配备|配置|配齐|设)(?:{NUM_AR}|[{CN_DIGITS}]+)?(?:名|位)(?:专职|专兼职|兼职)?(?P<staff>[^,;。、的\t\d]{{2,12}})"
)
# What a ratio staffs: "…的比例配备校医", "…1:19配备教职工".
STAFFED_AFTER = re.compile(r"[^,;。\t]{0,6}?(?:配备|配置|配齐|核定)(?:专职|专兼职|兼职)?([^,;。、的\t]{2,12})")
# Words that make a "1:30" a time after all: "不早于1:30", "1:30前".
CLOCK_AROUND = re.compile(r"(?:不早于|不晚于|不得早于|不得晚于|凌晨|上午|下午|晚上)$")
# The basis a standard is computed on: "小学每班按45人、初中每班按50人计算" — not a class size to keep.
COMPUTED_ON_BEFORE = re.compile(r"按(?:照)?(?:每[^,;。\d]{0,3})?$")  # "按照每期15天为单位收取…"
# … but a lesson's length said so is the length of each lesson: "小学每课时按40分钟计算"
LESSON_LENGTH_BEFORE = re.compile(r"每(?:课时|节课?|堂课)按(?:照)?$")
COMPUTED_ON_AFTER = re.compile(r"[^,;。]{0,16}?(?:计算|计|核算|测算|折算|为单位)(?![机])")
# A timetable's row: "预备1:20", "第五节1:30----2:15" — times of the day, not staff ratios.
TIMETABLE_BEFORE = re.compile(
    r"(?:预备|第[一二三四五六七八九十\d]{1,2}节|上课|下课|午休|放学|到校|起床|就寝|课间|活动课)\s*$"
)
CLOCK_RANGE_AFTER = re.compile(r"[ \t]*(?:-{1,4}|—{1,2}|–|~|～|至|到)[ \t]*\d{1,2}[:：∶]\d{2}")  # on its line
# A period said with 每 (每天, 每周, 每学年) before an amount.
PERIOD_SAID_BEFORE = re.compile(r"每(?:天|日|周|月|学期|学年|年|节|次|课)")
# A part that opens on another stage or grade, or on a share of what the sentence measured:
# it states the same measure again and keeps the sentence's period.
PARALLEL_LEAD = re.compile(
    r"其中|(?:白|夜|早|晚)班|白天|夜间|"  # a share of the day's total by shift: "巡查五次,白班三次,夜班二次"
    r"(?:其余|另)?(?:校内|校外|(?:小学|初中|高中|中学|中职|幼儿园|幼儿|学前)(?:生|学生|阶段|学段)?|"
    r"(?:小学|初中|高中)?[一二三四五六1-6](?:[、和及至到\-—~][一二三四五六1-6])*年级(?:学生)?)"
    r"(?![^,;。]{0,12}每)"
)
# A share named by an act alone, of the thing the part before counted: "生均图书不少于10册，每年更新比例不低于10%".
ACT_SHARE = re.compile(r"(?:更新|补充|更换|淘汰|增加|新增)(?:比例|率)?")
# A list of amounts said covered ("课后服务每周5天、每天2个时段全覆盖": the subject ends «5天、2个时段»).
AMOUNTS_LISTED = re.compile(r"\d+个?[\u4e00-\u9fff]{1,2}(?:、\d+个?[\u4e00-\u9fff]{1,2})+$")
# Sessions counted alone ("每天2个时段全覆盖"): of the service the sentence named before.
SESSIONS_ONLY = re.compile(r"(?:第[一二三12]个?)?时段(?:全覆盖)?")
# A fee for each pupil, and the words around it that say how it is charged ("按每生…的标准执行", "…收取").
PER_PUPIL = re.compile(r"(?:仍?按照?每|(?<=费)每)(?:生|人|名学生|位学生|名幼儿)")
FEE_TAIL = re.compile(r"(?:原则上)?(?:的?标准)?(?:执行|收取)?(?:[（(][^（）()]*[)）])?$")
# A rate said alone after the survey that measures it: "开展课后服务家长满意度调查，满意度不低于90%".
SURVEYED_ONLY = re.compile(r"满意度|满意率|知晓率")
SURVEY_OF = re.compile(
    r"(?:开展|组织|进行|实施)(?P<whose>[\u4e00-\u9fff]{2,12}?)(?:满意度|满意率|知晓率)(?:测评|调查|评价|测试)"
)
# "最晚不超过19:00": a time said only as the latest (or earliest) one, of the time before it
LATEST_WORD = re.compile(r"^(?:最晚|最迟|最早)")
# … and the stage named in the part before it ("初中可适当延长").
CLOCK_STAGE = re.compile(r"小学|初中|高中|中学|幼儿园|中职")
# Words that name only who or which part of a measure: a subject made of them alone needs its topic.
STAGE_WORDS = re.compile(
    r"其中|其余|校内|校外|寄宿制|全日制|义务教育|中小学|小学|初中|高中|中学|中职|幼儿园|幼儿|学前|学生|生|阶段|学段|"
    r"(?:小|中|大|混龄)班(?!额|主任|化)|"  # a kindergarten's classes: "小班约15分钟,中班约20分钟"
    r"[一二三四五六1-6](?:[、和及至到\-—~][一二三四五六1-6])*年级|[、和及\s]"
)
# A stage or grade that opens the next figure of a flattened row, right after a number's unit:
# "小学每周3课时初中一年级每周2课时" — 初中一年级 is the second figure's, not the first's.
STAGE_OPENS_NEXT = re.compile(
    r"\s*(?P<stage>小学|初中|高中|中职|幼儿园|[一二三四五六1-6](?:[、和及至到\-—~][一二三四五六1-6])*年级)"
    # … and what follows it is a figure's
    r"(?=[^,;。]*?(?:每|不少于|不超过|不超(?![过出越前])|不低于|不高于|至少|最多))"
)
# A subject that names its own activity, not only who does it: "…每五年…不少于360学时,新任教师岗前培训不少于120学时"
# — the second is a training of its own, not the first measure again ("…,其他校级领导不少于40节" is).
OWN_ACTIVITY_END = re.compile(r"(?:岗前|入职|任职|上岗|专题|集中)(?:培训|研修|学习)$")
STAGE_COUNTED_UNITS = ("所", "个", "名", "人", "位", "家")  # "4所高中": the stage is what is counted
STAGE_NAMES = re.compile(
    r"其中|义务教育|寄宿制|全日制|中小学(?:生|学生)?|(?:小学|初中|高中|中学|中职)(?:生|学生)?|幼儿园|幼儿|学前|"
    r"(?:原则上)?(?:小|中|大|混龄)班(?!额|主任|化)|"
    r"(?:小学|初中|高中)?[一二三四五六1-6](?:[、和及至到\-—~]?[一二三四五六1-6])*年级(?:学生)?|[、和及\s]"
)
# "2个主题活动": activities counted in 个 are times too, when the sentence names a period.
ACTIVITIES_AFTER = re.compile(r"[^,;。\d]{0,6}?(?:活动|报告|案例|课例|讲座|论文|总结|专题|课题|大课间|课间操)")
# A menu to choose from: "总长跑距离目标从可选为:140公里、190公里、350公里" — options, not targets.
OPTIONS_BEFORE = re.compile(r"可(?:任|自主|自行)?选(?:为|择|用)?:")
# "可在…活动清单中自主选择活动项目,每学期原则上不超过4项": the items are the activities named before
ACTIVITY_ITEMS_BEFORE = re.compile(r"活动项目|活动清单")
# Pieces of writing produced every period: "每周报送一篇…报道", "每学年有…论文1篇".
WRITTEN_UNITS = ("篇", "份", "期")

# -- comparators --------------------------------------------------------------------------------

AT_LEAST_BEFORE = re.compile(
    r"(大于等于|大于或等于|不少于|不低于|不短于|不小于|不得少于|不得低于|不得小于|不宜少于|不宜低于|不宜小于|至少|最少|力争达到|达到|"
    r"(?<!不)(?<!不宜)超过|突破|≥|>=|"
    r"(?<!不)(?<!不宜)高于|"
    r"(?<!不)多于|(?<!不)大于|"
    r"提高到|提高至|提升至|提升到|增加到|增至|延长至|延长到|上调至|上调到|"
    r"(?<![充圆美饱])满$)"  # "满20人开班": reaching 20, right before the number
)
AT_MOST_BEFORE = re.compile(
    # 不宜超过 is advice, but its limit is the same: "服务半径不宜超过三百米".
    r"(小于等于|小于或等于|最多不超过|不超过|不高于|不多于|不大于|不长于|不得超过|不得高于|不得大于|不得多于|不宜超过|不宜高于|"
    r"不宜多于|不宜大于|控制在|"
    r"不超(?![过出越前])|"  # the short form a news item or a notice writes: "班额不超45人", "作业时间不超1小时"
    r"(?<!不超过)最多(?!不超过)|至多|"  # "每月最多2次"
    r"≤|<=|"
    r"(?<!不)(?<!不得)(?<!不宜)低于|(?<!不)(?<!不得)(?<!不宜)少于|压减至)"
)
# A share of an amount, not of people or schools reached: "享受100%的退休金待遇", "按100%的标准发放".
SHARE_OF_AN_AMOUNT_AFTER = re.compile(r"^的?[^,;。\d]{0,6}?(?:工资|待遇|退休金|经费|补贴|津贴|标准|费用|收入|奖金)")
# A part that is only an amount, after a part naming the act and its period: "学校要每月开展主题班会，不少于2次".
# A sentence that opens with its period alone, before the clause that acts: "每学期,学校要召开2次家长会",
# "每学年开学初，各校要…" — the period of the figures in that clause.
LEADING_PERIOD = re.compile(
    r"\s*(?:在|于)?每(?:一个|个|一)?(?:学年|学期|季度|年度|半年|年|月|周|星期|天|日)"
    r"(?:[^,;。\d]{0,5}?(?:后|前|时|初|末|底|期间|中))?\s*,"
)
AMOUNT_ONLY = re.compile(
    r"(?:且|并且|并)?(?:不少于|不低于|至少|最少|不得少于|不超过|不超(?![过出越前])|最多|至多|不多于|不得超过)?\s*"
    r"(?:\d|[一二两三四五六七八九十](?:[至到—\-~][一二两三四五六七八九十])?次)"
)
# The figure before a listed one, with its limit: "不超过8人(培智)、" — read for "12人(盲、聋)" after it.
LISTED_AFTER = re.compile(
    r"(?P<cue>不少于|不低于|不超过|不超(?![过出越前])|不高于|不多于|至少|最多|不得超过|不得少于)\s*\d+(?:\.\d+)?\s*"
    r"(?P<unit>名|人|次|个|所|节|课时|学时|小时|分钟|天|册|本|项|元|平方米|%)[^\d,;。、(（]{0,8}"
    r"\s*(?:[(（][^)）]{0,10}[)）])?\s*[、,]?\s*$"
)
# A limit right before a number: "“…不低于二小时”" (a limit quoted whole, read though in quotes).
LIMIT_RIGHT_BEFORE = re.compile(r"(?:不少于|不低于|不超过|不超(?![过出越前])|不多于|至少)$")
# A figure with its limit, earlier in the sentence: "每校配备至少1名专职心理健康教师" (read for a stricter case).
LIMITED_FIGURE = re.compile(
    r"(?P<cue>不少于|不低于|不超过|不超(?![过出越前])|不高于|不多于|至少|最多|不得超过|不得少于)\s*(?:\d+|[一二两三四五六七八九十]+)\s*"
    r"(?P<unit>名|人|次|个|所|节|课时|学时|小时|分钟|天|项)"
)
AT_LEAST_AFTER = re.compile(r"^(以上|及以上|或以上|多)")
AT_MOST_AFTER = re.compile(r"^(以内|以下|及以下)")
ABOUT_AFTER = re.compile(r"^(左右|上下)")
# "小班约15分钟", "新增学位近万个": about that many, not at least
ABOUT_BEFORE = re.compile(r"(?<![于过])(?:约|大约|大概|(?<![接将最])近)$")
# "由原来不少于1小时延长至不少于2小时": the first value is what the plan replaces.
SUPERSEDED_AFTER = re.compile(
    r"^[^,;。]{0,6}?(延长|提高|上调|增加|调整|提升|扩大|增至|降至|减少)(至|到|为)"
)

# -- periods ------------------------------------------------------------------------------------

# Every N years, every half year: "每3年举行一次", "每半年进行一次", "每3至5年实施一次".
_SPAN_N = rf"(?:{NUM_AR}|[一二两三四五六七八九十]+)"
MULTI_PERIOD = rf"每满?(?P<n>半|{_SPAN_N}(?:{DASH}{_SPAN_N})?)个?(?P<span>学年|学期|年|月|周)"
# A window of the term is a period too: "在开学第一周…进行一次全面排查" is once in that week.
PERIOD_BEFORE = re.compile(
    rf"{MULTI_PERIOD}|(?:每(?:一个|个|一)?|全)(?P<one>学年|学期|季度|季|天|日|周|月|(?<=每)年度(?!报)|年|星期)(?!级|度报|报|制)|"
    r"(?:年内|全年)|"
    # an average or an amount of each period said as one word: "日均睡眠时间", "周课时不少于12节", "教师年培训学时"
    r"(?P<avg>日均|周均|月均|年均|(?<![\d本上下每今去明该当前后近〇零一二三四五六七八九十])[日周月年]"
    r"(?=课时|课时量|在校时间|培训学时|培训时间|授课|工作量|锻炼时间|运动时间))|"
    # "每名教师年度培训不少于72学时": a yearly amount (not 2024年度, nor 年度考核/预算/计划)
    r"(?<![\d〇零一二三四五六七八九十])年度(?!考核|报告|预算|计划|工作|目标|总结|经费|绩效|评|优秀)|"
    r"(?P<window>开学后?第[一二三1-3]周|学期初|学期末)|"
    # the whole stay at school: "学生在校期间接受军事理论课程教育不少于三十六个学时"
    r"(?P<stay>在校期间|在园期间|在学期间|(?<=[小初高]中|小学)学段)|"  # …, "初中学段6课时": over a stage
    # a term of office: "县级以上地方人民政府每届任期内至少向…报告一次"
    r"(?P<term>每届(?:任期)?(?:内)?)|"
    # every other week or month: "隔周开展一次", "每隔一周", "双周召开一次"
    r"(?P<other>隔周|每隔一周|双周|隔月|每隔一个?月)|"
    # so many weeks or months said without 每, right before the act: "学校两周开展一次安全检查", "三个月召开一次"
    # (not 两周内, 两个月后: a window or a delay; not 4月, 2024年3月: a month of the year)
    r"(?<![\d〇零一二三四五六七八九十第每隔年])(?P<bare_n>[两二三四]|[2-4])(?P<bare_span>周|个月|(?<=两)月)"
    r"(?!内|以内|之内|后|以后|前|时间|左右|岁)(?=[^,;。\d一二两三四五六七八九十]{1,8}$)|"
    # half a month or a year, said without 每: "平时半月开锁检查一次" (not 上半年, 下半月: a half, not a span)
    r"(?<![上下前后\d〇零一二三四五六七八九十每])(?P<half>半个?月|半年)(?!内|以来|来|度|后|前|时间)|"
    # "一周一次", "一学期两次": the period said with 一 right before the number
    r"(?<![\d〇零一二三四五六七八九十第])一(?P<each>学年|学期|季度|天|日|周|月|年)$|"
    # … or before the act: "一学年至少家访一次", "一周至少锻炼三次" (not 一年, 一天: lengths of time)
    r"(?<![\d〇零一二三四五六七八九十第])一(?P<each_act>学年|学期|周|月)(?=(?:内)?(?:至少|最少|不少于)?"
    r"[^,;。\d一二两三四五六七八九十]{1,6}$)|"
    # "五年累计不少于360学时": a total over a span of years
    rf"(?<![\d〇零一二三四五六七八九十第])(?P<cum>{_SPAN_N})个?(?P<cspan>学年|年)(?:内)?(?:[^,;。\d]{{0,3}}?累计|"
    # … or a span a count is to be reached in: "3年内可新增8个专业", "三年内完成校舍改造10所"
    r"内(?=[^,;。\d]{0,10}?(?:可|应|须|要|将|完成|实现|建成|新建|新增|达到)))"
)
PERIOD_AFTER = re.compile(r"^(?:/|每)(学年|学期|季度|季|天|日|周|月|年)")
PERIOD_NAMES = {
    "学年": "学年",
    "学期": "学期",
    "季度": "季度",
    "季": "季度",
    "天": "天",
    "日": "天",
    "晚": "天",  # 每晚查寝
    "周": "周",
    "月": "月",
    "年": "年",
    "年度": "年",
    "星期": "周",
    "工作日": "工作日",
    "半年": "半年",
}
# A duration as a limit: "在二十四小时内报告", "三十日内完成", "5个工作日内", "10分钟以内".
# A span of time a count is to be reached in: "3年内可累计新增8个专业" — the window of the 8, not a length to keep.
WINDOW_OF_A_COUNT_AFTER = re.compile(
    r"(?:以)?内[^,;。\d]{0,10}?(?:可|应|须|要|将|完成|实现|建成|新建|新增|达到)[^,;。\d]{0,8}?"
    r"\d+(?:\.\d+)?\s*(?:个|项|所|名|人|次|场|门|类)"
)
DURATION_WITHIN = re.compile(
    rf"(?P<a>{NUM_AR}|{NUM_CN})(?P<unit>小时|分钟|个工作日|工作日|日|天|周|个月)(?:以内|之内|内)"
)
# An extension as a limit: "经各方当事人同意，可以延长十日".
DURATION_EXTENDED = re.compile(
    rf"延长(?P<a>{NUM_AR}|{NUM_CN})(?P<unit>小时|分钟|个工作日|工作日|日|天|周|个月)"
)
DAY_UNITS = {"个工作日": "个工作日", "工作日": "个工作日", "日": "天", "天": "天", "周": "周", "个月": "月"}
# A time of day as a limit: "上课时间一般不早于8:20", "不得晚于21:00", "21:20前".
# Written with 时/点 too: "不早于17时30分", "18点前", "17时30分左右结束".
TIME_OF_DAY = re.compile(
    # "时间为17:30" ("时间一般为17:30"), and a time the day is extended to: "课后服务小学延长至17:00", "推迟到17:30"
    # (an end time)
    r"(?P<cmp>不早于|不得早于|不晚于|不得晚于|不超过|(?<=时间)(?:一般|原则上|统一)?(?:为|是|:)|(?:延长|推迟|持续|延)(?:至|到))?"
    r"(?P<day>上午|早上|早晨|中午|下午|傍晚|晚上)?"  # "不晚于晚上9点20分", "下午4:30放学"
    r"(?<![\d.])(?P<h>[0-2]?\d)(?:[:：∶](?P<m>[0-5]\d)|"
    r"(?:时|点)(?:(?P<m2>[0-5]?\d)分|(?P<half>半))?(?![\d间段期代刻候]))"
    r"(?P<after>前|之前|以前|后|以后|左右)?"
    # a cut-off said by what is still not done then: "若至晚上9点30分仍未完成作业，应停止作业" — at the latest
    r"(?P<still>(?<=\d|分|点|半)(?=仍未|还未|尚未|仍没有|还没有))?"
    # what happens at that time, said right after it: "7点40分到校", "8:30开始", "下午4:30放学"
    r"(?P<act>(?=到校|入校|上课|放学|离校|就寝|睡觉|起床|熄灯|开始|结束|开饭|午休|晚自习))?"
)
# A window of the day something is open or held: "每天上午8:30-下午17:30", "8:00至11:30".
CLOCK_WINDOW = re.compile(
    r"(?P<half1>上午|早上|早晨|中午|下午|晚上)?(?<![\d.])(?P<h1>[0-2]?\d)[:：∶](?P<m1>[0-5]\d)\s*(?:-|—|–|~|～|至|到)\s*"
    r"(?P<half2>上午|中午|下午|晚上)?(?P<h2>[0-2]?\d)[:：∶](?P<m2>[0-5]\d)(?![\d:：∶])"
)
# Hours one can call or visit an office: "咨询电话…工作日上午8:30-12:00", "人工客服工作时间:9:00-18:30".
CONTACT_HOURS = re.compile(r"咨询|电话|客服|受理|办公|工作日|工作时间|联系|热线|窗口")
TIME_LIMITS = ("不早于", "不得早于", "不晚于", "不得晚于", "不超过")
# What a school's day is made of, for a time said without a limit: "课后服务…下午5:30结束".
SCHOOL_DAY = re.compile(r"课|服务|作息|在校|自习|到校|放学|就寝|起床|午休")
SCHOOL_DAY_ACT = re.compile(r"(?:前|之前|以前|后|以后|左右)?(?:到校|入校|上课|放学|离校|就寝|起床|熄灯)")
# An activity done every period, without a number: "每学年对学生进行…测试", "每月定期开放".
# The period may be pinned to its end or start across a comma: "每学年结束后，向…报告工作".
# Said with 按 or 逐 too: "按月向家长通报", "按季度报送", "按学期对教师进行考核", "逐月上报"
# (not 逐年, which says a figure grows: "逐年提高"); and with 一: "每一学年对学生开展…测试".
PERIODIC_ACTIVITY = re.compile(
    r"(?:每(?:一个|个|一)?(?:会计|财政|自然)?(?P<period>学年|学期|季度|季|年度|半年|年|月|周|星期|工作日|天|日|晚(?![上间]))(?![级])|"
    # every so many years, the count of times not said: "市(州)教育行政部门每2年…举办…" — once in that span
    rf"每满?(?P<n>{_SPAN_N})个?(?P<nspan>学年|学期|年|月|周)(?![级])|"
    r"每逢(?P<weekday>周|星期)(?=[一二三四五六日天])|"  # "每逢周一举行升旗仪式": once a week
    # a weekday alone, as a school's routine: "周一举行升旗仪式" (not 本周一, 6月3日(周一), 周一至周五, 定于周一)
    r"(?<![本上下这该当次同个每逢\d月年日(（于在定是为到至])(?P<weekday_alone>周|星期)(?=[一二三四五六日天](?![至到\-—~、和及]))|"
    # the week of a yearly day: "全民国防教育日所在周为全省国防教育宣传周" — once a year
    r"(?<=[日节])(?P<yearly>所在(?:的)?周)(?=为)|"
    # a named day or month of the year to act on: "在全民国防教育日，应当采取多种形式组织开展…",
    # "在法治宣传教育月集中开展…", "在每年“12·4”全国法制宣传日期间开展…" — once a year
    r"(?<=[在于])(?P<named_day>(?:每年)?[^,;。\d]{0,4}?[“\"]?[^,;。]{0,16}?"
    r"(?:宣传日|教育日|宣传周|教育周|宣传月|教育月|健身日|健身月|读书日|阅读日|安全日))(?:期间|前后|当天)?,?|"
    r"(?:按|逐(?=月|周|日|季度|学期))(?P<by>学年|学期|季度|年度|月|周|日)(?![份度级]))"
    # the point in the period: "每学年开学初,", "每年汛期前,", "每学期期末", "每周五下午", "每月第一周"
    r"(?:(?:(?:结束|开学|开始|[^,;。\d]{1,5}?(?=前|期间))?(?:后|前|时|初|末|底|期间)|[春秋]季开学)?,)?"
    r"(?:(?:结合|根据|按照|依据|围绕|针对)[^,;。\d]{1,24},)?"  # "每年结合…热点难点问题,制定专项督导工作计划"
    r"(?:的[^,;。\d]{1,24}?为契机,)?"  # "以每年的劳动节、儿童节和国庆节等节日为契机,开展…"
    r"(?:\d{1,2}月份?(?:\d{1,2}日)?,?)?"  # "每年4月为读书月", "每年9月份,…": the month it is held in
    r"(?:(?<=月)\d{1,2}[日号](?:前|之前|以前)?|(?<=周)[一二三四五六日](?:前|之前|以前)?)?"  # 每月5日前, 每周一
    r"[^,;。\d]{0,24}?"
    r"(?:开展|组织|举行|举办|召开|进行|报告|报送|上报|公开|开放|检查|排查|巡查|测试|测评|培训|演练|体检|评估|升(?:国)?旗|"
    r"考核|通报|研判|会商|总结|更新|公示|家访|谈话|教研|研讨|讲座|实施|接受|审验|检验|引进|计提|制定|修订|提出|交流|"
    r"抽查|筛查|监测|督查|自查|复查|清扫|清洗|消毒|通风|参加|统计|检测|维护|保养|听课|巡课|采取|"
    r"晨午检|晨检|午检|晚检|查寝|提醒|登记|巡逻|巡视|陪餐|开会|公布|制订|计算|分析|"
    r"撰写|填写|填报|提交|评选|表彰|考评|评比|评价|盘点|核查|备课|集体备课|调度|约谈|回访|走访|慰问|规划|作出|做出|"
    r"开好|上好|办好|"  # "每学期要开好家长会"
    # what a school hands out, signs, runs or checks each period ("每学期向家长发放…", "每学年签订安全责任书")
    r"发放|签订|开设|办理|发布|印发|推送|发送|宣讲|观看|收看|参观|观摩|展示|展演|汇演|鉴定|审核|审计|审查|核对|"
    r"调查|调研|普查|摸排|督导|视导|值班|轮训|备案|归档|清理|清点|更换|维修|检修|留样|告知|邀请|召集|座谈|讲评|点评|"
    r"评议|测量|复核|签字|编印|锻炼|跑步|阅读|读书|练字|送教|入户|联系|沟通|查验|核验|验收|巡检|测温|记录|反馈|通知|张贴|"
    r"选拔|选派|推荐|评审|认定|授课|上课(?!时间|时长|时数)|讲授|"
    r"上[\u4e00-\u9fff]{1,6}?课(?![时程外间表])|"  # "每学期为学生上思政课"
    # reviewed, learned, cleaned or tested each period: "每月集中学习", "被褥每周晾晒", "灭火器每年校验"
    r"创建|评定|命名|梳理|部署|谈心|听取|审议|学习(?!时间|时长|强国|平台|中心|的)|汇报|清查|整理|晒课|磨课|评课|访谈|自评|排练|完善|"
    r"晾晒|称重|化验|抽检|校验|保洁|打扫|除尘|杀虫|灭鼠|疏通|清淤|演示|讲解|竞赛|比赛|检阅|"
    r"(?:充分)?(?:保证|保障)(?![^,;。]{0,8}(?:经费|资金|预算|投入))|"  # "每天应当充分保证幼儿的自主游戏时间"
    r"(?<![上填汇通简情周月年日])报(?=[县市区省]|所在|上级|主管|教育)|公告(?!栏|牌)|"  # "每月5日前将…情况报县教育局"
    r"做(?:早操|课间操|眼保健操|广播操)|跑操|晨读|早读|午读|"
    # a pupil's own daily habit or a check made on each one: "学生每天写日记", "每天测体温", "饭前洗手", "每天午休"
    r"写(?:日记|周记|作文|字)|测(?:体温|视力|量)|量体温|午休|午睡|刷牙|洗手|眼保健操|课间操|眼操|晨跑|"
    # a meeting held, a paper put out, work marked or lent each period: "每周开班会", "每月出黑板报", "每周批改作文"
    r"开(?:班会|例会|队会|家长会|晨会|周会|校会)|出(?:黑板报|板报|墙报|手抄报|简报|校报)|出版|编发|批改|辅导|借阅|轮换|"
    r"播放|写(?:教学)?反思|互听|讲[\u4e00-\u9fff]{0,3}?课(?![时程外间表])|"
    r"(?<=[期年月周天日初末])有(?![效关序力利所些的])|"  # "每学期初有安全工作计划": one a term
    r"(?<![和的与及])安排(?![^,;。]{0,8}(?:经费|资金|预算))|(?:宣传|教育|活动|安全|劳动|实践|体验)(?:周|月|日)(?![\w])|"
    r"(?<=为)[^,;。\d]{1,14}?(?:周|月|日|节)(?![\w]))"  # "…为籀园读书月", "…为校园科技节"
)
# Any act right after a period, for a verb the list above does not hold: "学校每学年资助…",
# "每学期要布置劳动作业", "每年选聘…到农村学校支教" — once a period.
PERIODIC_ANY = re.compile(
    r"每(?:一个|个|一)?(?P<period>学年|学期|季度|年度|年|月|周|星期|天|日)"
    r"(?>(?:都|均)?(?:要|应当|应该|应|须|必须|需要|需|定期|至少|坚持|按时|按期)?)"
    r"(?!"
    r"[第的有是]|[都均]有|为(?:期|一个|周期|单位)|"  # what there is: 每年的…, 每年都有…, 每学期为期…
    r"(?:新|递|净)?(?:增|减)|提高|降低|下降|上升|增长|减少|"  # what grows or falls each year: 每年递增
    r"春|秋|夏|冬|寒|暑|上半|下半|结束|开学|开始|放假|[初末底中前后]|期[初中末间]|"  # a season or a point of it
    r"[上下中]午|晚上|早上|凌晨|[〇零一二两三四五六七八九十]+[时点讲]|"  # a time of the day: 每日二十二时
    r"人均|生均|[^,;。\d]{0,8}(?:经费|资金|预算|投入|工资|收入|支出|补助|补贴)|"  # money or pay
    r"[^,;。\d]{0,16}?(?:时间|时长|距离|基数|内容|次数|人数|天数|课时|学时)|"  # what is measured: 每天在校时间
    r"[^,;。\d]{0,12}(?:充足|充分|良好|正常|稳定|合理)(?:[,;。]|$)"  # a state: 学生每天睡眠充足
    r")"
    r"(?=[\u4e00-\u9fff]{2})"
)
# One of a thing for each person, class or school, said as a slogan: "“一人一微课”", "一班一特色、" (the lexicon
# reads the listed ones — 一校一品, 一生一策 — with their own subjects; this is for the rest). The thing is short and
# the slogan ends at a quote mark or a stop; not a count of times (一人一次).
ONE_EACH = re.compile(
    r"(?<![统第每之唯一万任])一(?P<who>人|生|校|园|班|师)一(?!次|天|周|月|年|节|课时)(?P<what>[\u4e00-\u9fff]{1,3}?)"
    r"(?=[”\"、,;。)]|$)"
)
NAMED_PROGRAMME_AFTER = re.compile(
    r"[^,;。”]{0,12}”?[^,;。”]{0,12}?(?:等)?(?:活动|工程|项目|行动|计划|品牌|评选|大赛|专项)"
)
# A measure of the act named right after it: "交流轮岗人数", "培训学时", "开放时间" — its figure says how much.
MEASURE_OF_ACT_AFTER = re.compile(r"[^,;。\d]{0,4}?(?:人数|人次|数量|比例|次数|天数|时长)(?:,|$)")
# 日查、周结、月报: one check a day, a summary a week, a report a month.
_PERIODIC_WORD = (
    r"[日周月季年](?:巡查|检查|排查|研判|总结|小结|报告|通报|调度|分析|会商|督查|清扫|消毒|考核|讲评|例会|"
    r"[查结报检巡测评清])"
)
PERIODIC_WORD = re.compile(_PERIODIC_WORD)
# One such word alone, as the name of a rule: "实行安全隐患日报告、零报告制度", "周例会制度".
PERIODIC_WORD_RULE = re.compile(
    r"(?<![节工生每当次本上下个前后今明昨半全])(?:[日周月]度?(?:报告|报|巡查|检查|排查|通报|研判|调度|例会|总结|考核|考评|评比|讲评)|"
    r"(?<![一二三四第])季度(?:例会|考核|考评|总结|通报|分析)|年检)"
    r"(?=、?零报告|制度|机制)|"
    # the rule named by the act that sets it: "学校要实行月考核", "班主任工作实行月考评"
    r"(?<=实行|推行|坚持|落实|执行)[周月](?:例会|考核|考评|评比|讲评|通报)(?=[,;。、]|$)"
)
# "一周一检查、一月一通报", "天天练、周周赛", "一年一度": once in each period, said by its words
PERIODIC_EACH = re.compile(
    r"(?<![\d〇零一二三四五六七八九十第])[一每](?P<period>日|天|周|月|季度?|学期|学年|年)一"
    r"(?:检查|通报|总结|研判|演练|报告|调度|评比|公示|主题|活动|巡查|巡视|巡逻|排查|自查|督查|抽查|例会|清扫|消毒|讲评|"
    r"研讨|分析|考核|反馈|家访|谈心|走访|督导|清|[检查报练测评会课赛度研])(?!时)|"
    r"(?P<twice>天天|日日|周周|月月|年年)(?:有|练|清|查|讲|赛|比|测|评|开展|组织|举办|举行|进行|召开|大扫除|扫除|消毒|巡查)|"
    # "每日必查、每周必检": once each period, said with 必
    r"每(?P<must>日|天|周|月|季度?|学期|学年|年)必(?:查|检|巡|报|测|评|清|扫|练|讲)"
)
# "一日三检", "一周两练": so many times in each period, said by its words
PERIODIC_N_EACH = re.compile(
    r"(?<![\d〇零一二三四五六七八九十第])一(?P<period>日|天|周|月|学期|学年|年)(?P<n>[两二三四五六])"
    r"(?:检|查|巡|练|测|报|课|评|扫)"
)
# A point of the year or term that has its piece of work: "年初有计划、年中有检查、年终有总结", "期末有总结" —
# once a year (or term) each.
# Said with the act too: "学期初制定计划、学期末进行总结", "学年末要对教师进行考核" (not 2024年底, 本学期末).
PERIODIC_POINT = re.compile(
    r"(?<![\d今本明去该当学])(?!(?<=[上下])学)(?P<point>年初|年中|年终|年末|年底|学年初|学年末|学期初|学期中|学期末|期初|期中|期末)"
    r"(?:有|(?:要|应当?|须)?(?:对[^,;。、\d]{1,10}?)?(?:制定|制订|进行|开展|召开|组织|做好|撰写|形成|上报|报送|部署)(?!了))"
    r"(?=[^,;。、]{0,6}(?:计划|检查|总结|部署|安排|考核|评比|评估|评价|方案|报告))"
)
PERIODIC_POINT_NAMES = {"年初": "年", "年中": "年", "年终": "年", "年末": "年", "年底": "年", "学年初": "学年"} | {
    "学年末": "学年"
}
PERIODIC_EACH_NAMES = {"日": "天", "天": "天", "周": "周", "月": "月", "季": "季度", "季度": "季度"} | {
    "学期": "学期",
    "学年": "学年",
    "年": "年",
}
PERIODIC_WORDS = re.compile(rf"{_PERIODIC_WORD}(?:[、和及,]{_PERIODIC_WORD})+")
PERIODIC_WORD_NAMES = {"日": "天", "周": "周", "月": "月", "季": "季度", "年": "年"}

# -- things that look like thresholds and are not --------------------------------------------

ORDINAL_BEFORE = re.compile(r"第$")
# "5人以上残疾学生随班就读的学校": a condition on which schools, not a target.
CONDITION = re.compile(
    rf"({NUM_AR}|{NUM_CN})(?:\s*[-—~至到]\s*(?:{NUM_AR}|{NUM_CN}))?(人|名)(以上|及以上|以内|以下|及以下)?[^,;。]{{0,12}}?"
    # "凡出现一次溺亡3人及以上的溺水事故": which events
    r"(随班就读|的学校|的班级|的幼儿园|的[^,;。的]{0,6}(?:活动|项目|事故|事件|案件|情形))"
)
# Schools named by what they have: "(有2个或2个以上平行班的学校)" — which schools, not a target.
HAVING_CONDITION = re.compile(
    rf"有(?:{NUM_AR}|{NUM_CN})个(?:或(?:{NUM_AR}|{NUM_CN})个)?(?:以上|及以上|以下)?[^,;。()]{{0,8}}?的(?:学校|幼儿园|班级)"
)
# A part naming schools by their size, before what such a school must have: "200人以上500人以下的学校,".
SIZE_BRACKET = re.compile(r"\d+(?:人|名|个班)(?:以上|以下|及以上|及以下|以内)?的(?:学校|幼儿园|中小学校?)$")
# A notice's addressee line ("各中小学校、幼儿园：") and the addressees that are schools.
ADDRESSEE_LINE = re.compile(r"^\s*(各[^\n:。;]{1,60}):\s*$")
SCHOOL_ADDRESSEE = re.compile(
    r"各?(?:县(?:市|区)?属|市属|区属|直属|公办|民办|县直|市直|区直|乡镇|乡|镇|街道)?各?"
    r"(?:中心学校|中心校|中小学校?|中小学幼儿园|学校|校|幼儿园|园|小学|初中|中学|高中|"
    r"完全中学|九年一贯制学校|特殊教育学校|中职学校|职业学校|中等职业学校|民办学校|托育机构)(?:\(园\))?"
)
# "24小时值班", "24小时开放": round the clock, a way of working and not an amount of time.
ROUND_THE_CLOCK = re.compile(
    r"(?:24|二十四)\s*小时(?=\s*(?:值班|值守|在岗|监控|开放|服务|热线|不间断|畅通|上锁|封闭|看护|巡逻|"
    r"[^,;。\d]{0,6}(?:留言|咨询|求助|接警)|(?:有人|专人|进行|不间断)?(?:值守|值班|在岗|图像记录|录像|监控)))"
)
# "三个100%", "四个100%": a slogan naming targets it does not state.
SLOGAN_PERCENT = re.compile(r"(?:[一二两三四五六七八九十]|(?<!\d)\d)个\s*100\s*%")  # “三个100%”, “4个100%”
# Words that say only who does something and that they do it: "全市中小学开展", "各学校组织".
# A subject that is only a verb of doing: "每天至少开展2小时" says of what only with the figure before it.
# An attribute said alone after a thing's other attribute: "心理辅导室面积…,开放时间每周不少于10小时"
_ATTRIBUTES = r"(?:使用|建筑)?面积|开放时间|藏书量|座位数|生均面积"
ATTRIBUTE_OF = re.compile(rf"([\u4e00-\u9fff]{{2,10}}?)(?:{_ATTRIBUTES})")
ATTRIBUTE_ONLY = re.compile(_ATTRIBUTES)
# A rate named by an act alone, of the thing the sentence did it to: "测试数据按时上报…，上报率100%"
ACT_RATE = re.compile(r"(上报|报送|签收|回收|接种|查验|建档|筛查|检测|体检|录入)率")
# Exams a term, and the words that allow so many (a cap, not a floor): "一学期可在期末组织一次考试"
EXAMS = re.compile(r"考试|测试|测验|统考|联考")
EXAMS_ALLOWED = re.compile(r"可|只能|仅|最多|至多|原则上")
# A class's size: "班额", "每班幼儿人数", "班级学生数"
CLASS_SIZE = re.compile(r"班额|每班(?:幼儿|学生|儿童)?(?:人数|数)|班级(?:幼儿|学生)?人数")
# The document itself, after the verb that makes it: "制定本细则", "特制订本办法"
# An act of two characters after a ban's cue: "严禁超员", "禁止吸烟".
SHORT_ACT = re.compile(r"[\u4e00-\u9fff]{2}")
# A subject that names only which schools the figure is for: "其他学校不少于2人" (after "…学校，保安员不少于4人").
SCHOOL_KIND_ONLY = re.compile(r"(?:其他|其余|其它|农村|城区|乡村|规模较小的|小规模|非寄宿制|寄宿制)(?:学校|校|幼儿园)?")
# A record said alone after an act: "每月至少开展1次全面排查，有记录" — the act's record.
RECORD_ONLY = re.compile(r"(?:并|且|均)?(?:有|留有)?(?:记录|台账|登记)")
THIS_DOCUMENT = re.compile(r"本(?:细则|办法|方案|规定|条例|意见|标准|制度|规程|规范|通知|要点|指引|指南|准则|守则)")
LESSONS_PROVIDED = re.compile(r"(?:开齐|开足|上好|开好|开设|上足)+")
BARE_VERB = re.compile(r"(?:都|均)?(?:要|应|须)?(?:开展|组织|安排|进行|落实|实施|举办|保证|确保)")
WHO_DOES = re.compile(
    r"全市|全县|全区|全省|各|统一|集中|中小学校?|学校|幼儿园|开展|组织|安排|进行|落实|保证|确保|坚持|每天|每周|每日|"
    r"要|应当?|须|必须|学生|让|使"
)
# A staff noun right before a Chinese numeral: "配备…兼职心理健康教师二名".
STAFF_BEFORE = re.compile(r"(?:教师|教职工|职工|人员|校医|保安员?|管理员|辅导员|保育员|卫生员|专干)$")
# A planning rule by population: "1.5-2万人口的乡镇设置一所", "3万人口以上的乡(镇)可以设置两所".
POPULATION_PLANNING = re.compile(r"人口[^,;。\d]{0,12}?(?:设置|设立|建设|配建|举办|新建|预留)$")
# The size of a school to plan for, in classes: "三十六个班规模的中学建设用地".
CLASS_SCALE_AFTER = re.compile(r"(?:教学)?班(?:的)?(?:办学)?规模")
# Schools built or rebuilt, counted in Chinese numerals: "改扩建一所县城公办幼儿园", "新建两所小学".
BUILT_BEFORE = re.compile(r"(?:新建|改建|扩建|改扩建|迁建|建成|创建|办好)$")
# A subject that ends on the verb of staffing, and that verb in a subject: "…的学校配备" + "专职心理健康教师".
STAFFING_VERB_END = re.compile(r"(?:配备|配置|配齐|安排|设置|配)$")
STAFFING_VERB = re.compile(r"配备|配置|配齐|安排|设置|配")
# Staff a sentence names with their number: "每所中小学至少配备1名专职心理健康教育教师" → 专职心理健康教育教师
STAFF_NAMED_BEFORE = re.compile(r"(?:配备|配置|配齐)[^,;。\d]{0,6}?\d+名([^,;。\d]{2,14}?(?:教师|人员|校医|保安|员))")
STAFFED_HEAD = re.compile(r".{2,}?(?:配备|配置|配齐|设置)")  # "全日制幼儿园每班配备" of "…配备专任教师"
# A part that says only how a thing named before is kept: "食品留样每样不少于125克,留存48小时以上"
KEEPING_ONLY = re.compile(r"(?:留存|保存|保留|存放|留样|保管|公示|张贴)(?:时间|期限|时长)?")
# A comparator inside a condition: "超过1000人的学校", "少于200人的学校".
# "消除56人以上大班额": the size that makes a class a 大班额 (the lexicon reads the phrase), not a target.
DEFINES_CLASS_SIZE = re.compile(r"(?:及)?以上(?:的)?[“\"]?(?:超)?大班额")
# "不足350人的至少配备1人", "超过1000人的按…": a case the rest of the part rules, said without a comma.
INLINE_CONDITION_BEFORE = re.compile(r"(?:不足|不满|(?<![不得应])(?:少于|低于|超过|多于|高于|大于|小于))$")
# The standard a case goes by: "以36个班(6个平行班)的数据指标为基准", "可参照表中4~8个平行班的数据指标执行" — the
# column of a table to read, not a target.
BASIS_BEFORE = re.compile(r"(?:以|参照|参考)(?:表中|本标准中?|本表中?)?(?:[\d.]+[^,;。\d()]{0,4}\()?$")
BASIS_AFTER = re.compile(r"[^,;。]{0,24}?(?:为基准|为准|为依据|的数据指标|的指标执行)")
INLINE_CONDITION_AFTER = re.compile(
    r"班?(?:以上|以下|及以上|及以下)?的(?=[^,;。]{0,4}?(?:至少|应|须|要(?!求)|按|配备|也|可|不得|另|每))"
)
CONDITION_AFTER = re.compile(r"[\d.]+(?:人|名|个班|个)?(?:以上|以下)?的(?:学校|幼儿园|班级|乡镇)")
# A number in the subject of its part, naming which ones a rule is for: "800人以上的寄宿制学校应配备专职校医",
# "规模在24个班以上的学校,应…", "距离学校3公里以上的学生可申请校车服务" — the number after it is the rule's.
SUBJECT_CONDITION_AFTER = re.compile(
    r"\s*班?(?:以上|以下|及以上|及以下|以内|之内|内)?(?:[^,;。的\d]{0,10}?)的[^,;。的\d]{0,8}?"
    r"(?:学校|校|幼儿园|园|班级|学生|教师|人员|校长|园长|儿童|幼儿|少年|乡镇|地区|教学点)"
    r"(?=\s*,?\s*(?:应当|应|须|必须|要(?!求)|可以|可|按|均|都|原则上|一律|需|不得|不予))"
)
# … unless something before the number in that part sets it as a target: "保证每天1小时以上的学生…".
SUBJECT_CONDITION_NOT_BEFORE = re.compile(
    r"保证|确保|不少于|不低于|不得少于|至少|达到|控制在|提高到|增加到|每(?:天|日|周|月|年|学期)"
)
# A flattened table with a 频次 column, one cell a line: a count cell ("1", "2次") after a cell naming the
# period ("全年", "每学期"), below a header that has the column ("开展频次").
FREQUENCY_HEADER = re.compile(r"(?m)^\s*(?:开展|活动|检查|实施)?(?:频次|次数|频率)\s*$")
FREQUENCY_CELL = re.compile(r"\s*(?P<n>\d{1,2}|[一二两三四五六七八九十])\s*次?\s*")
PERIOD_CELL = re.compile(r"\s*(?:全年|每年|每学年|学年|每学期|学期|每季度|每月|每周)(?:内)?\s*")
# … and its 完成时限 column: a date cell ("2024年3月", "12月底前") below a header that has the column.
DEADLINE_HEADER = re.compile(r"(?m)^\s*(?:完成时限|完成时间|时间节点|时限要求|完成期限|时限)\s*$")
DATE_CELL = re.compile(
    r"\s*(?:(?:20\d\d年)?(?:1[0-2]|[1-9])月(?:\d{1,2}日)?(?:底|末|上旬|中旬|下旬)?|20\d\d年(?:底|年底|末)?)(?:前|之前)?\s*"
)
SCHOOL_CELL = re.compile(r"^(?:各)?(?:中小学校?|学校|校|幼儿园|中小学幼儿园)$|^各(?:学校|校|中小学|幼儿园)")
# A row's cell naming an authority or an organisation that leads the activity: "委宣传部", "区公安分局".
AUTHORITY_CELL = re.compile(
    r"(?:部|局|委|办|厅|政府|中心|大队|支队|院|团委|妇联|协会|分局|公安|消防|残联|科协|股|科|处|室)$"
)
PERIOD_CELL_NAMES = {"全年": "年", "每年": "年", "每学年": "学年", "学年": "学年", "每学期": "学期", "学期": "学期"} | {
    "每季度": "季度",
    "每月": "月",
    "每周": "周",
}
# A flattened table: a value cell alone on its line ("≥85", "500", "≤1:15") and the label cell
# before it, which names the unit ("学前三年毛入园率(%)", "…标准(元/年)", "…达标率%)") or a ratio ("…之比").
VALUE_CELL = re.compile(r"(?P<sign>[≥≤><])?\s*(?:(?P<number>\d+(?:\.\d+)?)\s*%?|1\s*[:∶]\s*\d+(?:\.\d+)?)")
# The units a label cell may name in its brackets: "(%)", "(元/年)", "(平方米)", "(台)", "(间)".
_CELL_UNIT = (
    r"%|元/生·年|元/生/年|元/年|元/生|元|万元|个|人|所|平方米|m2|㎡|米|次|天|小时|分钟|百分点|节|册|课时|学时|名|本|"
    r"台|间|套|张|项|门|种|件|支|班|把|只|架|块|组|部|副|盒|座|辆|份|幅|片|根|双|条|对|面|顶|具|枚|盏|箱|卷|付|柄"
)
# … for each pupil, class or room, or for each hundred pupils: "册/生", "台/百生".
_CELL_PER = r"(?:/(?:百|千)?(?:生|人|班|校|间|室))?"
# A table's unit in a column of its own, a cell alone: "生均藏书量⇥册⇥25⇥35", "篮球⏎个⏎10".
UNIT_CELL = re.compile(rf"(?:{_CELL_UNIT}){_CELL_PER}")
# … its standard given for each school, room or so many pupils: "书写板⏎块⏎1/校", "学生实验台⏎张⏎13/50人".
PER_CELL = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s*/\s*(?P<per>校|室|班|组|间|\d*人|\d*生)")
# … and a cell that gives a thing's size or model between its name and its unit: "4000mm×1200mm", "符合…规范".
SPEC_CELL = re.compile(r"\d\s*(?:mm|cm|毫米|厘米)|×|符合|规格|型号|[A-Z]{2}/T")
# The header cell of such a column ("序号⇥项目⇥单位⇥小学⇥初中", "名称⏎单位⏎数量"), and the value columns that may
# follow it: a stage, a standard's word, or a school's size ("12班", "18个班", "24班以上", "一轨").
# (a PDF's header may come with its cells run together: "序号项目单位小学初中高中")
# … the column that names each thing: "名称", "器材名称", "品名", "名 称"
# … a header's column of sizes, models or functions right after the thing's name: "名称⏎规格型号功能⏎单位".
SPEC_HEAD = re.compile(r"名\s*称\s*(?:规格|型号)[^\t\n]{0,6}\s*$")
NAME_HEAD = re.compile(r"(?:器材|设备|仪器|物品|项目)?名\s*称|品名")
UNIT_HEADER = re.compile(
    r"(?:^|(?<=[\t\n \u3000])|(?<=名称|项目|指标|内容|品名|规格|类别|器材|设备|型号))(?:计量)?单位"
    r"(?=[\t\n \u3000]|[^\t\n]{1,6})"
)
SIZE_COLUMN = re.compile(
    r"(?:\d{1,2}(?:\s*(?:~|～|-{1,2}|—|至)\s*\d{1,2})?|[一二三四五六七八九十]{1,3})个?(?:平行)?(?:班|轨)(?:及?以[上下])?"
)
# … and one such size alone in a cell, a row's or a column's name ("4~8个平行班", "24班以上"): no figure.
SIZE_CELL = re.compile(rf"(?m)(?:^|(?<=[\t|]))[ \t]*(?:{SIZE_COLUMN.pattern})[ \t]*(?=[\t|]|$)")
# A standards table one cell a line whose ROWS are school sizes ("4个平行班及以下⏎2⏎1⏎1", "5--6个平行班⏎3⏎2⏎1"), under
# a header of what each column holds and a unit for the whole table ("单位:间"): its row names, value cells and unit
# line, and the stub heads that open each level of its header ("室 别", "类 别").
SIZE_ROW_NAME = re.compile(rf"\s*(?:{SIZE_COLUMN.pattern})\s*")
SIZE_ROW_VALUE = re.compile(r"\s*(?P<sign>[≥≤])?\s*(?P<a>\d{1,4}(?:\.\d+)?)(?:\s*[~～]\s*(?P<b>\d{1,4}(?:\.\d+)?))?\s*")
TABLE_UNIT_LINE = re.compile(r"\s*(?:计量)?单位\s*[:：]\s*(?P<unit>[\u4e00-\u9fff]{1,3}|m2|㎡)\s*")
GENERIC_COLUMN = ("基本要求", "要求", "标准", "基本")  # a lower level's name that says nothing of its own
STUB_HEAD = re.compile(r"\s*(?:[室类项名级组]\s*(?:别|目|称)|项\s*目|类\s*型|规\s*模|班\s*数|办学规模)\s*")
# A header of school sizes as columns, their cells apart or run together: "18班24班30班以上", "12班⇥18班⇥24班" —
# the columns' names, no figures.
SIZE_HEADER_RUN = re.compile(rf"(?<![\d.])(?:{SIZE_COLUMN.pattern})(?:[ \t|\n]*(?:{SIZE_COLUMN.pattern})){{2,}}")
# A stage as a table's column.
STAGE_COLUMN = r"小学|初中|高中|普通高中|中职|幼儿园"
COLUMN_HEAD = re.compile(
    rf"(?P<stage>{STAGE_COLUMN}|九年一贯制|完全中学)|(?P<size>{SIZE_COLUMN.pattern})|"
    r"(?:配备|配置|最低|基本|规定|达标)?(?:数量|标准|要求)|标准值|数值|指标值"
)
# … or a value cell that carries its unit, under a label that names none: "生均校舍建筑面积⇥≥8.5㎡", "班额⇥≤45人".
VALUE_UNITS = r"m2|㎡|平方米|米|人|名|册|本|台|套|间|个|所|节|课时|学时|小时|分钟|次|天|元"
UNIT_VALUE_CELL = re.compile(rf"(?P<value>[≥≤><]?\s*\d+(?:\.\d+)?)\s*(?P<unit>{VALUE_UNITS})")
# A label cell: words, not a figure ("生均校舍建筑面积", "班额").
WORDS_CELL = re.compile(r"[\u4e00-\u9fff][^\t\n]{1,30}")
INLINE_CELL = re.compile(
    rf"[(（]\s*(?:{_CELL_UNIT})\s*[)）]\s*(?P<value>[≥≤><]?\s*\d+(?:\.\d+)?)(?![\d.%:])"
)
LABEL_CELL = re.compile(
    # "图书(册/生)": a pupil's share; "计算机(台/百生)": so many for each hundred
    rf"\s*[(（]?\s*(?P<unit>(?:{_CELL_UNIT}){_CELL_PER})\s*[)）]\s*$|"
    r"之比\s*$|(?<=[\u4e00-\u9fff])(?P<word>节|册|次|课时|学时|天|本)数\s*$"  # "每周体育课节数", "图书生均册数"
)
# A bare value in a standards table is a floor, but a size is a ceiling: "班额(人)⏎45", "学校规模(人)⏎2000".
SIZE_LABEL = re.compile(r"班额|规模|班容量|人数|学生数|在校生数|托班|小班|中班|大班|混合班")
# "小学、初中、高中分别不超过6、7、8小时", "分别控制在1.5和2小时之内": numbers listed for each, the
# unit written once after the last.
RESPECTIVE_LIST = re.compile(
    r"分别[^,;。\d]{0,6}?(?P<list>\d+(?:\.\d+)?(?:\s*[、和及与]\s*\d+(?:\.\d+)?)+)\s*"
    r"(?P<unit>小时|分钟|天|次|节|课时|学时|人|名|个|所|%)"
)
# … or each figure with its unit: "小学、初中分别达到4.2人以上、5.3人以上" (read for the stage of each)
RESPECTIVE_WITH_UNITS = re.compile(
    r"分别[^,;。\d]{0,6}?(?P<list>\d+(?:\.\d+)?\s*(?P<unit>小时|分钟|天|次|节|课时|学时|人|名|个|所|间|册|元|平方米|%)"
    r"(?:以上|以下|以内)?(?:\s*[、和及与]\s*\d+(?:\.\d+)?\s*(?P=unit)(?:以上|以下|以内)?)+)"
)
# … and a 分别 list of coefficients, which have no unit: "综合差异系数,小学、初中分别小于或等于0.50、0.45"
# (read only after 系数 in its sentence)
RESPECTIVE_COEFFICIENTS = re.compile(
    r"分别[^,;。\d]{0,6}?(?P<list>0?\.\d{1,3}(?:\s*[、和及与]\s*0?\.\d{1,3})+)(?P<unit>)(?![\d.%])"
)
COEFFICIENT_WORD = re.compile(_COEFFICIENT_WORD)
# A 课程计划 row: a subject and its lessons a week, no unit ("音乐2、体育 3-4、美术 2").
COURSE_HOURS = re.compile(
    r"(?P<course>音乐|体育(?:与健康)?|美术|艺术|信息技术|信息科技|地方课程|学校课程|校本课程|劳动|科学|"
    r"综合实践活动|道德与法治|书法|心理健康)\s*(?P<a>\d)(?:\s*[-—~]\s*(?P<b>\d))?(?:节|课时)?(?![\d.%:年月日课节小分个次\-—~])"
)
# A row of figures by stage under one label: "睡眠时间(小时):小学10,初中9,高中8", "每周体育课时数 小学4 初中3 高中2".
# The label says what is measured and, in brackets or by its last word, the unit.
_STAGE_NAMES = r"小学|初中|高中|中职|幼儿园|普通高中|义务教育"
STAGE_VALUES = re.compile(
    r"(?P<label>[\u4e00-\u9fff]{2,14}?)"
    r"(?:\((?P<unit>小时|分钟|次|节|课时|学时|人|名|%|平方米|册|个)\)|(?P<word>课时|节|次|人|学时)数)"
    r"\s*[:]?\s*"
    rf"(?P<row>(?:(?:{_STAGE_NAMES})\s*\d+(?:\.\d+)?\s*[,、;]?\s*){{1,5}}(?:{_STAGE_NAMES})\s*\d+(?:\.\d+)?)"
)
STAGE_VALUE = re.compile(rf"(?P<stage>{_STAGE_NAMES})\s*(?P<sign>[≥≤])?\s*(?P<n>\d+(?:\.\d+)?)")
# A table's header naming its value columns by stage or by a school's size, one cell a line: "指标⏎⏎小学⏎⏎初中",
# "项目⏎18班⏎24班" (STAGE_COLUMN above).
COLUMN_NAME = rf"{STAGE_COLUMN}|{SIZE_COLUMN.pattern}"
STAGE_COLUMNS = re.compile(rf"(?:^|\n)\s*(?:{COLUMN_NAME})\s*(?:\n\s*)+(?:(?:{COLUMN_NAME})\s*(?:\n\s*)+)+")
# … or in a tab-separated header row: "序号⇥指标⇥小学⇥初中", "项目⇥18班⇥24班⇥30班以上".
STAGE_HEADER_ROW = re.compile(rf"(?m)^[^\n]*\t\s*(?:{COLUMN_NAME})\s*\t\s*(?:{COLUMN_NAME})[^\n]*$")
# A flattened table's value cell given for each stage, its label cell on the line before: "小学8,初中10".
STAGE_VALUE_CELL = re.compile(rf"(?:(?:{_STAGE_NAMES})\s*[≥≤]?\s*\d+(?:\.\d+)?\s*[,、;]?\s*){{2,5}}")
COURSE_CONTEXT = re.compile(r"课程计划|课时安排|周课时|课程设置|课时")
# A numbered list of what a school is to have, its cells run together as a PDF's text layer gives them: the header
# "序号器材名称单位配备数量备注", then "1接力棒支82跨栏架付10…" (item 1, 接力棒, 8 支; item 2, …).
RUN_LIST_HEADER = re.compile(
    r"序号\s*(?:器材|设备|仪器|图书|装备)?(?:名称|项目|品名)\s*(?:规格\s*)?(?:计量)?单位\s*(?:配备|配置|基本|最低)?数量"
    r"(?:\s*备\s*注)?"
)
RUN_LIST_ITEM = re.compile(rf"(?P<name>[^\d\n。;]{{1,20}}?)(?P<unit>{_CELL_UNIT})(?P<digits>\d{{1,6}})")
# A timetable's header: the grades as its columns, each its own cell ("一⇥二⇥三", "一年级|", "7年级"), and the
# cells of its rows: a subject's name, then its lessons a week in each grade ("/" where it is not taught).
GRADE_HEAD = re.compile(
    r"(?P<cn>[一二三四五六七八九])(?:年级)?|(?P<n>[1-9])年级|(?P<junior>初[一二三])|(?P<senior>高[一二三])(?:年级)?"
)
# … or the subjects as its columns and the grades as its rows ("年级⇥语文⇥数学⇥外语⏎一年级⇥8⇥4⇥/").
SUBJECT_HEAD = re.compile(
    r"语文|数学|外语|英语|道德与法治|品德与(?:生活|社会)|思想品德|思想政治|科学|物理|化学|生物(?:学)?|历史|地理|"
    r"体育(?:与健康)?|音乐|美术|艺术|信息技术|通用技术|劳动(?:教育)?|综合实践(?:活动)?|书法|心理健康(?:教育)?|"
    r"地方(?:与学校)?课程|校本课程|周总课时(?:数)?(?:\(节\))?"
)
TIMETABLE_VALUE = re.compile(r"\d{1,4}|[/—－\-]")
TIMETABLE_SHARE = re.compile(r"(?P<n>\d{1,2}(?:\.\d+)?)%")
TIMETABLE_LABEL = re.compile(r"[\u4e00-\u9fff][^\t\n|。;,:!?]{0,24}")
# A share written as a fraction: "补课时间不超过假期1/3" (not a date: 2024/9/1).
FRACTION_AR = re.compile(r"(?<![\d/.])(?P<a>[1-9])/(?P<b>[2-9]|1[0-9])(?![\d/])")
# Any word of comparison, before or after a number.
ANY_COMPARATOR = re.compile(
    r"不少于|不低于|不超过|不超(?![过出越前])|不高于|不多于|不得|至少|最少|最多|达到|超过|低于|高于|少于|多于|控制在|以上|以下|以内|之内|左右|≥|≤"
)
# A sum given to three places is an account, not a threshold: "服务费2943.846万元下达给你们".
ACCOUNT_FIGURE = re.compile(r"\d+\.\d{2,}万?元")
# An assessment row's points: "（3分）", " 2分 " (not 分钟).
POINTS = re.compile(
    r"\s*[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]|\s+\d+(?:\.\d+)?分(?!钟)(?=\s|$)|(?<=\d次)\d+(?:\.\d+)?分(?!钟)"
)
# "每降低1个百分点扣0.5分", "每超1人扣0.2分", "少一次扣1分": the rate at which points are deducted.
# "少做1次扣0.5分", "家访率每低10%扣1分", "未落实1小时扣2分", "不足1小时扣5分" too
DEDUCTION_RATE = re.compile(
    r"(?:每|少|缺|多|未|发现|不足|不够)(?:降低|下降|降|升|超过?|少|缺|减少|增加|低于|高于|差|低|高|做|开|上|开展|组织|落实|达到|完成)?$"
)
DEDUCTION_AFTER = re.compile(r"[^,;。\d]{0,6}?(?:扣|减(?=\s*\d+(?:\.\d+)?\s*分))")  # 扣1分, 减1分
TARGET_CUE_BEFORE = re.compile(r"(?:不少于|不低于|不得少于|至少|达到)\s*$")
# "现有" as "there are now" (not inside 实现有需求的学生, 体现有…, 发现有…, 出现有…, 呈现有…).
_THERE_ARE_NOW = r"(?<![实体表发出呈])现有"
# A share of those that do something: "落实每天1节体育课的学校比例不少于50%", "每天锻炼1小时的学生比例达到90%" — the
# number says which are counted.
SHARE_OF_THOSE_AFTER = re.compile(
    r"(?:[^,;。\d%]{0,10}?的(?:中小学校|学校|幼儿园|班级|学生|教师|中小学生)?(?:比例|占比|比率|比重)"
    # … or the rate of those who did it: "教师5年360学时培训完成率达到100%"
    r"|[^,;。、\d%率]{0,6}?(?:完成率|合格率|达标率|参训率|参与率|覆盖率|知晓率))"
    r"(?=[^,;。]{0,6}?(?:不少于|不低于|达到|达|超过|提高到|以上|\d))"
)
# "围绕…等30个大项、103个小项对…评估": the structure of an assessment, not a target.
# A comparator between 累计 and the number makes it a limit: "全天累计不超过教学总时长的30%".
DESCRIPTIVE_BEFORE = re.compile(
    # (not 累计 set as a cap or a target: "学校3年内可累计新增8个专业", "力争累计新增学位3000个")
    r"围绕[^,;。]*$|(?:共有|" + _THERE_ARE_NOW + r"|已有|(?<![可应须要将争保划计])累计有?)(?!基础)"
    r"(?:(?!不少于|不低于|不超过|不超(?![过出越前])|不多于|不高于|不得|至少|最多)[^,;。]){0,10}$|"
    r"(?:不会|耐(?:高|低)?温)[^,;。]{0,4}$"  # "膳食温度不会超过90℃", "耐高温120℃": facts of a product
)
# A sentence that reports what there is: "全区现有中小学56所,在校学生4.5万人" (each of its figures).
# (not 在现有基础上: a starting point)
STATISTIC_OPENING = re.compile(r"[^,;。]{0,8}?(?:" + _THERE_ARE_NOW + r"|共有|已有|拥有)(?!基础)")
# What has been done, said in a reply or a report: "全区共投入资金1200万元", "今年以来，先后组织开展…3次",
# "目前，全区已有28所学校…" — figures of the past, unless the sentence also sets a target or restates a
# standing rule (要求, 落实, 按照, an amount in each period: "已全面落实每天1小时校园体育活动").
REPORT_MARKERS = re.compile(
    r"共投入|共计|(?<![可应须要将争保划计])累计|先后|已经|已有|已达|已建|已完成|已开展|目前|" + _THERE_ARE_NOW + r"|"
    r"今年以来|近年来|近[两三四五]年来?|(?<![较比])(?:去年|上年度?)|"
    r"全年共|均已|一年来|(?<!\d)\d{4}年以来|"
    # the news of one event: "此次演练历时15分钟", "本次督导共抽查学校20所", "检查组一行5人"
    r"此次|本次|历时|(?:组|团)一行|"
    r"拟(?:确定|认定|推荐|命名|表彰)|予以公示|"  # a public notice of a result: "拟确定6项活动为…"
    r"(?<!\d)\d{4}年(?:度|秋季|春季)?[^,;。到]{0,20}?(?:率|比例)为|"  # "2024年学生体质健康测试合格率为93.5%"
    # a progress report: "投资完成率65.8%" (not "培训完成率达到100%", a target), "完成全年计划的17.48%",
    # "整体钢结构施工完成70%", "已开工2所",
    # "1-9月份全市…32402人", "计划拨付700万元"
    r"完成率(?!(?:要|应|须)?(?:达到|不低于|保持))|完成全年(?:计划|任务)的|(?:施工|建设|工程|进度)完成|已开工|开工建设\d|"
    r"(?<!\d)\d{1,2}[-—至到]\d{1,2}月份?|拨付|计划投入|计划投资|"
    # a figure counted or told: "据统计,我县中小学生近视率为52.3%", "据介绍,该项目总投资3000万元"; what has been done
    # since: "自活动开展以来,共发放宣传资料3万份"; reached: "全市中小学校已100%配备专职保安"
    r"据统计|据介绍|据了解|统计显示|数据显示|以来|(?<![要应须])已(?:$|百分之|全部|全面|实现|配备|建成|开设|覆盖)"
)
# One school or kindergarten in the news: "该校每天安排学生进行2小时体育锻炼" — what it does, unless it must.
NEWS_SCHOOL = re.compile(r"该校|该园|这所学校")
DUTY = re.compile(r"要(?!求)|应|须|确保|不得")
REPORT_UNLESS = re.compile(
    r"要(?!求)|要求(?=各|全|学校|中小学|幼儿园)|应|须|确保|力争|争取|将|(?<!全年)计划(?!的|拨付|投入|投资)|目标|拟(?!确定|认定|推荐|命名|表彰)|不少于|不低于|不得|至少|不超过|不高于|以上|以内|以下|"
    r"落实|执行|按照|每(?:天|日|周|月|学期|学年|年|校|所|班)|(?:均|都)(?:配备|配齐|设置|设立|开设|开齐|安排)"
)
# What used to be, whatever it says: "原来每天下午好好的两节延时课" (a complaint about a change).
PAST_MARKERS = re.compile(r"原来|原先|过去|以前")  # opening a part
TARGET_WORDS = re.compile(
    r"力争|达到|确保|实现|新增|新建|增加|提高|提升|建成|不少于|不低于|不超过|不超(?![过出越前])|以上|以内"
)
# What another document lists, referred to: "按照办法中列出的12条负面清单" (its size, not a target).
REFERENCE_BEFORE = re.compile(r"(?:按照|根据|对照|依据|参照)[^,;。]{0,16}(?:列出|列明|规定|明确|提出|确定)的$")
# What has been done, in a progress report: "目前已经完成…24850人次", "举办了…参与400人次" (but an
# assessment's "每年开展了一次以上的应急演练" is a criterion: it names a period or a floor).
DONE_BEFORE = re.compile(
    r"(?:目前|已经|截至目前|截至)[^,;。每]{0,16}$|(?:举办|开展|组织|完成|召开|参加|举行|培训)了[^,;。每]{0,20}$|"
    # a change that has happened: "近视率下降了1.2个百分点", "优良率提高了5%"; an act done: "比赛设置了10个项目"
    r"(?<![为除到])(?<=[\u4e00-\u9fff])了(?!解)[^,;。每]{0,8}$"
)
# "181所…特色学校…迎接国家复检": things that exist and are inspected, not a target.
# … or what a number is made of: "一、校内2小时体育活动的构成" (a heading).
DESCRIPTIVE_AFTER = re.compile(
    r"(?:迎接|接受)[^,;。]{0,6}(?:复检|检查|验收|评估|复核)|的(?:构成|组成)$|"
    r"[^,;。]{0,16}被(?:认定|评为|确定|命名)为"  # "等6所集团成员学校被认定为…示范学校": a result
)
# The ordinals listed after a 第: "第2、3条", "第十、十一条", "第2至4项".
_ORDINAL = r"[\d一二三四五六七八九十百]+"
ORDINAL_LIST_BEFORE = re.compile(rf"第{_ORDINAL}(?:[、,和及至-]{_ORDINAL})*[、,和及至-]$")
# Document numbers 辽教发〔2024〕4号, 营教发【2024】12号.
DOC_NUMBER = re.compile(r"[〔【\[]\s*\d{4}\s*[〕】\]]\s*\d+\s*号")
# Dates of national days "5.12全国防灾减灾日", version numbers "2.0", "1+X", "5+22", "7G".
NOT_A_QUANTITY_AROUND = re.compile(r"[A-Za-z+]")

# An area whose unit is a symbol or is dropped: "生均建筑面积不低于3.5", "…不低于2 m²" (m2 after NFKC).
_AREA_BOUND = r"(?:不低于|不少于|不小于|不得低于|不得少于|达到|不超过|不超(?![过出越前])|不大于|不高于|≥|≤|>=|<=)"
AREA_WITHOUT_UNIT = re.compile(rf"面积[^,;。\d]{{0,4}}?{_AREA_BOUND}\s*$")
AREA_SYMBOL_AFTER = re.compile(r"\s*(?:m2|㎡)?(?![\d.%A-Za-z])")
AREA_IS_BEFORE = re.compile(r"面积[^,;。\d]{0,4}?(?:在|为|达)\s*$")
AREA_SIGN_AFTER = re.compile(r"\s*(?:m2|㎡)(?![\d.%A-Za-z])")
# … its bound right before the number, when the sign after it says it is an area: "初中≥5.8㎡"
AREA_BOUND_BEFORE = re.compile(rf"{_AREA_BOUND}\s*$")
# … a stage's figure after a comma, the area named once before it: "生均面积小学≥4.5,初中≥5.8"
STAGE_BOUND_BEFORE = re.compile(rf"\s*(?:{_STAGE_NAMES})\s*{_AREA_BOUND}\s*$")

# A part of a bureau's 总结 that reports the past year, up to the part that plans the next: "一、2022年工作总结 … 二、
# 2023年工作计划". What is reported in it (占比100%, 新增学位2.2万个) is no target.
REPORT_SECTION_START = re.compile(
    r"(?<![\d.])(?:[一二三四五六七八九十]{1,2}|\d{1,2})\s*[、.．]\s*(?:20\d\d年(?:度)?|今年|本年度|上年度?|去年)?"
    r"(?:工作)?(?:总结|回顾|成效|主要成绩|取得的成绩|取得的成效|完成情况|工作开展情况)"
)
REPORT_SECTION_END = re.compile(
    r"(?<![\d.])(?:[一二三四五六七八九十]{1,2}|\d{1,2})\s*[、.．]\s*(?:20\d\d年(?:度)?|明年|下一步|下步)?"
    r"(?:的)?(?:工作)?(?:计划|思路|打算|安排|目标|重点|要点|任务|举措|措施)|(?:存在的)?(?:问题和不足|主要问题|存在问题)"
)
# A section that states how things are (一、基本情况, （一）现状), or a plan's look back at the period before it
# (一、发展背景, 一、发展基础: "“十三五”期间…共投入…"): its figures describe, they set no target.
# It ends at the next heading of its own kind (二、…, （二）…, 2.…).
STATE_SECTION_START = re.compile(
    r"(?m)^[ \t]*(?P<mark>[一二三四五六七八九十]{1,2}[ \t]*[、.．]|[(（][一二三四五六七八九十]{1,2}[)）]"
    r"|\d{1,2}[ \t]*[、.．])"
    r"[ \t]*(?:全[省市县区]|我[省市县区])?(?:教育|学校)?(?:的)?(?:基本情况|基本现状|发展现状|工作现状|现状|"
    r"发展背景|发展基础|现实基础|工作基础|发展成就|(?:发展)?基础(?:和|与)形势)[ \t:：]*$"
)
STATE_SECTION_NEXT = {
    "、": re.compile(r"(?m)^[ \t]*[一二三四五六七八九十]{1,2}[ \t]*[、.．]"),
    "）": re.compile(r"(?m)^[ \t]*[(（][一二三四五六七八九十]{1,2}[)）]"),
    ".": re.compile(r"(?m)^[ \t]*\d{1,2}[ \t]*[、.．]"),
}
# The asker's part of a message-board page (网上问政, 领导留言板, 12345 回复): "【问政内容】 …35人一班…是否超标? ⏎
# 【问政回复】 市教育局答复如下: …". What a citizen asks or claims is no requirement; the reply after it may set one.
QUESTION_SECTION_START = re.compile(
    r"(?m)^[ \t]*(?:【[ \t]*(?:问政|留言|来信|咨询|投诉|诉求|问题|提问)(?:内容|正文|描述)?[ \t]*】"
    r"|(?:问政|留言|来信|咨询|诉求|问题|提问)(?:内容|正文|描述)[ \t]*[:：]"
    r"|(?:网友|网民|市民|群众)(?:留言|来信|提问)[ \t]*[:：]"
    r"|问[ \t]*[:：])"
)
QUESTION_SECTION_END = re.compile(
    r"(?m)^[ \t]*(?:【[ \t]*(?:问政)?(?:回复|答复|办理结果|回复内容|答复内容)[^】\n]{0,6}】"
    r"|(?:回复|答复|办理结果|回复内容|答复内容|回复单位|答复单位)[ \t]*[:：]|答[ \t]*[:：])"
)
# A band of an assessment row's scale after its full-points value: "100%5分,75%以上3分", "100% ⏎ 80% ⏎ 70% 50分"
# — the lower bands grade the row, the first is the requirement.
RATE_BAND_BEFORE = re.compile(
    r"(?P<higher>\d+(?:\.\d+)?)%(?:以上|及以上|以下)?\s*(?:\d+(?:\.\d+)?分\s*[,，、;]?\s*)?$"
)
# The events of a fitness test are names: "50米跑", "1分钟跳绳", "50米×8往返跑", "1分钟仰卧起坐".
TEST_EVENT_AFTER = re.compile(
    r"(?:\s*[×x*]\s*\d+)?(?:往返)?(?:跑(?!步)|跳绳|仰卧起坐|俯卧撑|踢毽子?|游泳|跳远|跳高|投掷|运球|拍球|折返跑)"
)
# Those who issued a document together: "市教育局等8部门联合出台了…" — who, not a target.
# … and the members a list ends with: "成员单位包括市检察院、市委宣传部…等16家单位" (who, not a target).
ISSUERS_AFTER = re.compile(
    r"(?:个)?(?:部门|单位|厅局|委办局)(?:联合|共同|印发|出台|制定|联合印发)|家(?:成员)?单位(?![^,;。]{0,6}(?:达到|不少于|以上))"
)
# Chinese numerals are only read next to a cue: "至少组织一次", "每月上一次", "选派百名".
# 至少/最少 are adverbs: a verb may stand between them and the number ("至少设置一所").
CN_CUE_BEFORE = re.compile(
    r"(不少于|不低于|不得少于|不得低于|(?:至少|最少)(?:[^,;。\d一二两三四五六七八九十]{1,4})?|达到|超过|"
    # a margin over the standard: "班额一般不超过标准五人"
    r"超过(?:国家|省定|规定的?|核定的?)?(?:标准|班额)|"
    # a ceiling or a level held, a count reached, so many each: "控制在四十五人之内", "不多于十二个班",
    # "学校满二十人开班", "少于二百人的学校配一名专职保安员", "男、女足球代表队各一支"
    r"不得超过|不多于|不得多于|控制在|保持在|(?<![不至])少于|(?<![不至])多于|(?<![充不])满|(?<=[,、校园])配|(?<![\u4e00-\u9fff])配|(?<=增)配|"
    r"(?<=[队组班校园])各|"
    # a class's size: "每班幼儿人数一般为：小班二十五人", "班额一般为二十五人"
    # … "小班(3-4周岁)二十五人", "中班一般三十人", "混合班三十人", "每班三十人"
    r"(?:人数|班额)(?:一般|原则上)?(?:为|是)[:：]?|"
    r"(?:(?<![\u4e00-\u9fff初高])(?:托|小|中|大)|混合|(?<![\u4e00-\u9fff])每)班(?:[(（][^()（）]{0,10}[)）])?"
    r"(?:幼儿|学生)?(?:人数)?(?:一般|原则上)?(?:为|是)?|"
    r"(?:新增|增加|建成|新建|完成|达到|培训|覆盖)[^,;。\d]{0,6}近|"  # "新增学位近万个": nearly so many
    r"掌握|学会|"  # what each pupil gains: "每个学生掌握一项体育技能", "每名学生学会一种乐器"
    r"(?:向上)?浮动|上浮|晋升|"  # a pay raised by steps of its scale: "向上浮动一个档次"
    r"每(?:学年|学期|天|日|周|月|年)[^,;。]{0,8}|"
    r"(?<![\d〇零一二三四五六七八九十第])一(?:学年|学期|季度|天|日|周|月|年)|"  # "一周一次"
    rf"{MULTI_PERIOD}[^,;。]{{0,8}}|"
    # a quota per head of population: "每千人口按照四十五名幼儿", "每百名学生配备一名"
    r"每[十百千万一二两三四五六七八九]+名?(?:常住)?(?:人口|学生|人)[^,;。\d]{0,8}?(?:按照?|配备|配置|配建|拥有|设置)|"
    r"评选|选派|招聘|建设|创建|打造|培树|新建|新增|增加|完成|组织|开展|上|参加|开设|配备|"
    r"办好|建好|召开|举办|举行|进行|遴选|表扬|建立|设立|安排|达|由|"
    # someone named to a task: "明确一名学校负责人分管…", "确定一个部门或者专人负责…", "指定一名…"
    r"明确|确定|指定|聘请|委派|派驻|"
    # a check table's "有一名领导…负责", "学校有一名专职校医": someone the school has
    r"(?<![\u4e00-\u9fff])有|(?<=并)有|(?:学校|幼儿园|各校|每校|每所学校)有)$"
)

# -- deadlines ----------------------------------------------------------------------------------

# A day of the month, in digits or in Chinese: "15", "十五", "三十一".
_DAY_OF_MONTH = r"(?:[12]\d|3[01]|[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
# A date every year, month or week: "每年11月15日之前", "每月5日前", "每周五前".
YEARLY_DEADLINE = re.compile(
    r"每(?:年|学年)(?:的)?(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?(?:前|之前|以前|底前|底)|"
    rf"每(?:个)?月(?:的)?{_DAY_OF_MONTH}[日号](?:前|之前|以前)|"
    r"每周[一二三四五六日](?:上午|中午|下午)?(?:下班|放学)?(?:前|之前|以前)"  # "每周五下午下班前报送周报"
)
# "每月5日", "每月的15号": a day of the month, not five days in it.
DAY_OF_MONTH_BEFORE = re.compile(r"每(?:个)?月(?:的)?$")
# A month of the plan's own year: "12月底前完成", "6月30日前", "9月中旬之前"; and "年底前".
_WEEKDAY = r"(?:\s*[(（](?:星期|周)[一二三四五六日天][)）])?"  # "12月20日(星期五)前"
MONTH_DEADLINE = re.compile(
    # 当年11月30日前, 次年1月15日前 — but not the month of "2024年11月", read with its year
    r"(?<![\d月每至到])(?<!\d年)(?P<month>1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月份?"
    rf"(?:{_DAY_OF_MONTH}[日号])?(?:底|末|中下旬|上中旬|中旬|上旬|下旬|初)?{_WEEKDAY}(?:前|之前|以前)|"
    # the day itself, to hand something in: "于11月21日(周五)当天将作品送到…"
    rf"(?<=[于在])(?:1[0-2]|[1-9])月{_DAY_OF_MONTH}[日号]{_WEEKDAY}当(?:天|日)(?=[^,;。]{{0,24}}?(?:送|交|报))|"
    rf"(?:本月|当月|次月|下月){_DAY_OF_MONTH}[日号](?:前|之前|以前)|"  # "本月25日前"
    r"(?<![\d每])(?:年底|年末)(?:前|之前)"
)
# What cannot (yet) be done, before a share of everyone: "当前条件下无法解决…全覆盖问题", "尚未实现…全覆盖".
CANNOT_BEFORE = re.compile(r"(?:无法|难以|尚未|未能|还未|仍未|不能)[^,;。]{0,16}$")
# A date as a limit, said with its comparator and no 前: "放假时间不得晚于1月25日", "开学不早于2月17日",
# "最迟于9月30日报送", "不迟于每年3月底".
DATE_LIMIT = re.compile(
    r"(?:(?:不得|不|须|应)?(?:晚于|迟于|早于)|最(?:迟|晚)(?:不超过|于|在|到)?|不超过(?=\d{1,2}月\d{1,2}日))"
    r"(?:(?:每年|当年|次年|20\d\d年)?"
    rf"(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月份?(?:{_DAY_OF_MONTH}[日号]|底|末|中旬|上旬|下旬)|"
    rf"每(?:个)?月(?:的)?{_DAY_OF_MONTH}[日号])"  # "报送时间不迟于每月5日"
)
# A school calendar's dates: "9月1日正式上课", "2025年1月18日(星期六)开始放寒假", "学生2月15日报到注册" —
# the days a school opens and closes by (a calendar a bureau sets for its schools).
CALENDAR_DATE = re.compile(
    rf"(?:20\d\d年)?(?:1[0-2]|[1-9])月{_DAY_OF_MONTH}[日号]{_WEEKDAY}(?:\s*[(（]农历[^)）]{{1,8}}[)）])?"
    r"[^,;。\d]{0,4}?"
    r"(?:报到|注册|开学|上课|开课|放(?:寒|暑)?假|返校|离校|结业|休业)(?![^,;。]{0,3}以来)"
)
# A step dated to its month, said with 于/在 before the work: "于3月上旬完成自查", "在12月份完成年度考核",
# "于每学期第一周完成".
DATED_STEP = re.compile(
    r"(?<=[于在])(?:(?:当年|次年)?(?:1[0-2]|[1-9])月份?(?:\d{1,2}[日号])?(?:中下旬|上中旬|中旬|上旬|下旬|初|底|末)?|"
    r"每?学期第[一二三1-3]周|开学第[一二三1-3]周)"
    r"(?=[^,;。\d]{0,2}(?:完成|组织|开展|报送|上报|召开|举办|举行|进行|提交|发放|落实|发布|公布|上交|交|报|送))"
)
# A year that opens a plan's step: "2025年我们将对…学生宿舍进行改造维修", "2026年对…运动场进行提质改造".
YEAR_STEP = re.compile(r"20\d\d年(?=[^,;。\d]{0,6}?(?:将|计划|拟|力争|对[^,;。]{2,30}?进行))")
# A step dated by its month at the head of a part: "三月份完成动员部署,四至五月开展自查".
MONTH_STEP = re.compile(
    r"(?:[一二三四五六七八九十]{1,2}|\d{1,2})(?:至(?:[一二三四五六七八九十]{1,2}|\d{1,2}))?月份?"
    r"(?:上旬|中旬|下旬|初|底|末)?(?=[^,;。\d]{0,2}(?:完成|组织|开展|报送|上报|召开|举办|举行|进行|提交|迎接|部署|启动))"
)
# A window of dates an activity must fall in: "2023年9月至10月中旬", "9月上旬至10月上旬",
# "9月14日-18日", a phase dated "(10月中旬)".
_MONTH_DAY = r"\d{1,2}月(?:\d{1,2}日)?(?:上旬|中旬|下旬|初|底)?"
WINDOW_DEADLINE = re.compile(
    rf"(?:20\d\d年)?{_MONTH_DAY}(?:至|到|—|-|~)(?:20\d\d年)?(?:{_MONTH_DAY}|\d{{1,2}}日)|"
    # from now to a day: "排查整治时间:即日起至2月8日"; a day set for a step: "…名单时间为7月23日"
    rf"(?:自|从)?即日起(?:至|到)(?:20\d\d年)?{_MONTH_DAY}|(?<=时间为)(?:20\d\d年)?{_MONTH_DAY}(?![至到—\-~\d])|"
    r"[(（]\d{1,2}月(?:上旬|中旬|下旬|初|底)[)）]"
)
DEADLINE = re.compile(
    r"(?:(?P<pre>到|于|在|至)\s*)?(?P<year>20\d\d)年(?:(?P<month>\d{1,2})月(?:\d{1,2}日)?)?"
    rf"(?P<end>底|末|年底|年末)?{_WEEKDAY}(?P<before>前|之前)?"
)

# -- modality -----------------------------------------------------------------------------------

PROHIBITION = re.compile(
    r"严禁|不准|不许|不允许|禁止(?!制度)(?![^,;。]{0,6}(?:标识|标志|标牌|警示牌))|(?<!的)不得(?!少于|低于|超过|高于|多于|不|早于|晚于|分)|杜绝|零容忍|不出现|取消|避免(?!了)|"
    r"不布置(?=[^,;。]{0,8}作业)|不留(?=[^,;。]{0,6}作业)|"  # 一、二年级不布置家庭书面作业, 不留家庭作业
    # what a school does not do, said without 不得: 一二年级不进行纸笔考试, 不公布学生考试成绩和排名,
    # 不设重点班, 不占用节假日组织补课, 不收取任何费用
    r"(?<![是并而])不(?:进行|公布|公开|收取|占用|提前|张榜|排名|(?:设立?|分)(?=[^,;。]{0,4}(?:重点|快慢|实验|尖子)班)|"
    r"安排(?=[^,;。]{0,8}(?:自习|补课|考试|竞赛|作业))|组织(?=[^,;。]{0,8}(?:补课|考试|竞赛|排名))|"
    r"举办(?=[^,;。]{0,12}(?:补课|考试|竞赛|培训班))|"
    # funds and meals taken, fees charged, screens used: "不侵占幼儿伙食", "不收学费、杂费", "幼儿园…不使用电子产品"
    r"侵占|挤占|挪用|截留|收(?=[^,;。]{0,2}(?:学费|杂费|费用))|使用(?=[^,;。]{0,4}(?:电子产品|手机)))|"
    # what an admission is not decided by: "不以各类竞赛、考级、奖励证书作为学生入学或升学的依据"
    r"(?<![是并而])不以[^,;。]{1,24}?作为[^,;。]{0,12}?(?:依据|条件|标准)|"
    # "不向学生收取任何托管费用", "高中不上早、晚自习"
    r"(?<![是并而])不(?:向|对)[^,;。]{1,10}?(?:收取|收费|加收|摊派)|(?<![是并而])不出(?:市|省|县|区|国|境)(?![\u4e00-\u9fff])|(?<![是并而的])不上(?=[^,;。]{0,4}自习)"
)
# Items of a list the text points at: "以下7项指标", "这7项指标", "上述3个方面" — how many there are, not a target.
LISTED_ITEMS_BEFORE = re.compile(r"(?:以下|下列|如下|上述|前述|这|该|此|上列)$")
LISTED_ITEMS_UNITS = ("项", "个", "条", "类", "方面", "种")
# What a bracket leaves out or takes in: "(不含特殊教育学校…及不足50人的教学点)" — which ones, not a target.
EXCLUSION_BRACKET_BEFORE = re.compile(r"[(（](?:不含|不包括|不计|除|含|包括)[^()（）]*$")
# A clause ending in "不得实施下列行为:" lists banned acts in its items.
BAN_LEAD_IN = re.compile(r"(?:不得|严禁|禁止)[^。;]{0,16}下列[^。;:]{0,8}:\s*$")
# 可适当增加: allowed, not owed
ENCOURAGED = re.compile(r"鼓励|支持|有条件的|争取|力争|探索|倡导|可(?:适当|以适当|酌情|视情)")

# -- coverage -----------------------------------------------------------------------------------

# words that only say "everyone", never what is measured: 课后服务每周5天全覆盖
COVERAGE_WORDS = re.compile(r"(?:实现|做到|达到)?(?:全覆盖|全面覆盖|全员覆盖|100%覆盖)")
COVERAGE = re.compile(
    r"应([\u4e00-\u9fff])尽\1|"  # 应入尽入, 应助尽助, 应收尽收: everyone it applies to
    # everyone, said as a rule: 人人参与, 人人掌握, 一个都不能少, 不落一人, 不让一个学生掉队
    r"无论[^,;。]{1,8}?(?:都|均)(?:需|要|应|须|必须)?(?=[\u4e00-\u9fff])|"  # "无论大小均需录入台账": every one
    r"人人(?:参与|参加|掌握|达标|过关|知晓|会|签订|签字|参训|接受|持证|建档|有(?![责义]))|一个都不能少|一个不能少|不落一人|不漏一人|不让一个[^,;。]{0,6}掉队|"
    # none left out: "不漏一校、不漏一生", "一户不漏", "不留死角", "横向到边、纵向到底"
    r"不(?:漏|落)一(?:校|生|户|班|个|园)|一(?:校|生|人|户|班)不漏|不留(?:死角|盲区)|无(?:死角|盲区)|横向到边[、,]?纵向到底|"
    r"不放过(?:任何)?一(?:个|栋|幢|处|间|所|名|位|户|班|校|环节|角落)|"  # "绝不放过一栋房屋、一处附属设施"
    r"全员[、,]全程[、,]全方位|全方位覆盖|"
    r"全覆盖|全面覆盖|全员覆盖|(?:覆盖|惠及)(?:全(?:省|市|县|区|镇|乡|校))?(?:所有|全部|全体|每一?(?:位|名|个|所|户|一))|"
    r"全部(?:缴入|纳入|完成|实行|实现|达到|配备|开设|硬化|参加|参与|接受|通过|取得|持证|建立|建成|设立|签订|用于|"
    r"开展|安装|具备|达标|拆除|及格|开齐|到位|落实|合格|改造|消除|整改|上岗|配齐|接入|配置|使用)|"
    # every school, every class has one: "校校有安全员、班班有安全委员"
    r"校校(?:有|建有|设有|配有|配备|开设|达标)|班班(?:有|配有|设有|配备)(?!通)|"
    # a record or a visit for each one: "对每一名困难学生建档立卡"
    r"对每一?(?:位|名|个|户)[^,;。“”\d]{1,16}?(?:建档|建立档案|登记|记载|记录|家访|谈心|谈话|帮扶|结对)|"
    # a check or a test of each one: "学校要对每一名教师进行师德考核", "对所有在校生开展心理健康筛查"
    r"对(?:每一?(?:位|名|个)|所有|全体)[^,;。“”\d]{0,12}?(?:学生|幼儿|儿童|在校生|新生|教师|教职工|教职员工|员工|"
    r"驾驶员|驾驶人|从业人员|工作人员|家长)(?:进行|开展|实施|组织)(?!了)[^,;。“”\d]{0,8}?"
    r"(?:考核|筛查|体检|检查|审查|背景审查|测评|测试|评价|评估|培训|家访|排查|监测|登记|建档)|"
    # an act reaching every one: "30人以下的班级家访全部学生", "班主任要走访所有学生家庭"
    r"(?:家访|走访|访问|培训|轮训|筛查|体检|排查|检查|联系)(?:到)?(?:全部|所有|全体|每一?(?:位|名|个|户))"
    r"(?=[^,;。\d]{0,6}?(?:学生|在校生|新生|幼儿|儿童|教师|教职工|家庭|家长|班级))|"
    # (not the name of a system or a programme: "推行全员家访制度", "教师全员培训实施方案", "全员培训远程培训")
    r"全员(?:培训|参与|参加|通识培训|持证(?:上岗)?|家访|签约|体检|轮训|知晓|签订|签字|掌握|参测|参训|参检|筛查|测试|建档)"
    r"(?!制度|机制|工作制|实施方案|方案|内容|计划|项目|远程|网络|线上|集中)|"
    r"百分之百|(?:所有|全体|全部)[^,;。“”]{1,24}?(?:都|均)?(?:要)?(?:参加|参与|接受|纳入|具备|达到|覆盖|签订|签署|知晓|掌握|持证|"
    r"配齐|配足|开齐|开足|建成|建立|免费提供|免费发放)|"  # "所有学校配齐心理健康教育教师", "所有学生免费提供教科书"
    # all of them, said with 均/都 before what they do: "所有课程均使用普通话", "会议、公务等均使用普通话"
    r"(?:所有|全体|全部)[^,;。“”\d]{1,24}?(?:都|均)(?:要|应|须|必须)?(?!为|是|有|由|来自|属于)[\u4e00-\u9fff]|"
    r"、[^,;。“”\d]{1,12}?等(?:都|均)(?:要|应|须|必须)?(?:使用|采用|实行|执行|纳入|按照|达到|符合|配备|开展)|"
    # something provided to each one: "为所有义务教育阶段在校学生免费发放教材", "为每一名学生建立成长档案"
    r"为(?:所有|全体|全部|每一?(?:位|名))(?![^,;。]{0,16}?(?:中|里)的)[^,;。“”\d]{0,16}?(?:学生|幼儿|儿童|教师|教职工|家庭)|"
    # … or waived, given or done for all of them: "免除…所有学生学杂费", "对…所有学生免费提供教科书",
    # "联系全县所有学校", "完成所有学校语言文字工作达标建设", "全部免除…学杂费"
    r"(?:免除|免收|免费提供|免费发放|联系|完成)[^,;。“”\d]{0,12}?(?:所有|全体|全部)[^,;。“”\d]{0,8}?"
    r"(?:学生|幼儿|儿童|学校|中小学校?|幼儿园|教师)|全部免除|"
    r"每(?:位|名|个|所)[^,;。“”]{1,24}?(?:都|均)(?:要|能|应)?|每一(?:位|名|个|所|环节|项)[^,;。“”]{0,24}?(?:都|均)(?:要|能|应)?|"
    # every one, said with 一律 and what each does: "新入职教师一律参加岗前培训" (not 一律不得: a ban)
    r"一律(?:须|要|应|必须)?(?:参加|参与|接受|纳入|持证)|"
    # all of a whole done: "学生须完成全部课程", "通过所有科目考试" (not 参加全部…的考试: which exams, a retake's rule)
    r"(?:完成|通过|修完|修满)(?:全部|所有)[^,;。“”\d]{0,8}?(?:科目|课程|项目|考试|学分)|"
    # every school reached by what the bureaus do: "各地教育部门要落实每一所中小学校"
    r"(?:落实|覆盖|惠及|延伸)(?:到)?每一?所(?:中小学校?|学校|幼儿园)|"
    # reaching everyone: "推送给每个学生家长", "落实到每一位学生"
    r"(?:推送|发送|发放|送达|送|发|交|告知|传达|通知|反馈|落实|覆盖)(?:给|到|至)每一?(?:位|名|个|户|所)|"
    # every meal, every class …: "每餐均有园长或者副园长陪同儿童用餐"
    r"每(?:餐|班|间|校|所|节课|次活动)(?:都|均)(?:要|应|须)?(?:有|配备|设有)(?![\d一二两三四五六七八九十])"
)

# -- existence: a checkable artefact without a number --------------------------------------------

_ACTIVITIES = (
    "活动 演练 培训 讲座 检查 排查 筛查 核查 抽查 年检 展演 比赛 大赛 运动会 科技节 艺术节 活动周 "
    "宣传月 宣传周 辅导 评价 评选 创建 课后服务 托管服务 延时服务 课 "
    "专题教育 安全教育 主题教育 实践教育 健康教育 法治教育 国防教育 警示教育"
)
# Which artefacts each verb may create: 落实…制度, not 落实…活动; 开展…活动, not 开展…方案.
VERB_ARTEFACTS: dict[str, str] = {
    "制定": "方案 规划 计划 清单 办法 细则 制度 预案 意见 标准 文件 纲要 机制 图谱",
    "制订": "方案 规划 计划 清单 办法 细则 制度 预案 意见 标准 文件",
    "编制": "方案 规划 计划 清单 预案",
    "出台": "方案 办法 细则 制度 意见 标准 文件",
    "制发": "方案 办法 细则 制度 意见 文件",
    "建立健全": "制度 机制 台账 档案 清单 体系 责任制 预案",
    "建立": "制度 机制 台账 档案 清单 体系 责任制 预案 资源教室 心理辅导室 实验室 工作室 基地 "
    "中心 社团 团队 场所 委员会 家长学校 办法 平台 人才库 资源库 案例库 队伍 小组 联系人 网格 代表队 运动队",
    "健全": "制度 机制 台账 档案 体系 责任制 预案",
    "完善": "制度 机制 台账 档案 体系 责任制 预案",
    "成立": "工作室 中心 团队 社团 讲堂 基地 小组 委员会 队伍 联盟 共同体",
    "组建": "工作室 中心 团队 社团 小组 队伍 委员会 代表队 运动队 联盟 共同体",
    "设立": "工作室 中心 基地 教室 资源教室 心理辅导室 信箱 热线 专栏 岗位 委员会 责任区",
    "设置": "标识 标志 标牌 警示牌 专栏 信箱 课程 岗位 教室 心理辅导室 专用教室 功能室 储物柜 保管柜 隔离设施 防护设施",
    "开发": "课程 校本课程 资源",
    "发放": "告知书 一封信 明白纸 手册 宣传资料",
    "张贴": "标识 标志 标语 警示 告示",
    "悬挂": "标识 标志 标语 警示",
    "开展": _ACTIVITIES + " 行动",
    "组织开展": _ACTIVITIES,
    "组织": _ACTIVITIES,
    "举办": _ACTIVITIES,
    "办好": _ACTIVITIES,
    "做好": _ACTIVITIES,
    "创建": "工作室 中心 基地 特色学校 示范校 示范学校",
    "推进": "制度 责任制 负责制",
    "参加": "活动 培训 比赛 大赛",
    "落实": "制度 责任制 负责制 机制 课程",
    "执行": "制度 责任制 负责制",
    "实行": "制度 责任制 负责制 教学 管理",
    "推行": "制度 责任制 负责制 服务",
    "实施": "制度 责任制 负责制 计划 方案 教学",
    "配备": "教室 资源教室 心理辅导室 实验室 教师 器材 设施 设备 装置 人员 管理员 保安 营养师 校医 保健医 "
    "医生 辅导员 安全员 教练员 监控 报警",
    "配齐": "教室 实验室 教师 队伍",
    "建设": "资源教室 心理辅导室 实验室 工作室 基地 平台 样板校 图书馆 图书室 阅览室 书屋 功能室 运动场 食堂",
    "开设": "课程 课堂 社团 课",
    "开齐": "课程 课",
    "开足": "课程 课",
    "建": "资源教室 心理辅导室 实验室",
    "纳入": "计划 规划 部署 培训 考核 评价 体系 课程 内容 议事日程 预算 档案 范围 工作量",
    "列入": "计划 规划 部署 考核 评价 体系 课程 内容 议事日程 预算 工作要点",
    "构建": "机制 体系 平台 格局 模式 网络",
    "召开": "会议 家长会 座谈会 推进会 动员会 布置会 专题会",
    "签订": "责任状 责任书 协议 承诺书 合同",
    "签定": "责任状 责任书 协议 承诺书 合同",
    "公布": "电话 名单 清单 信息 结果 标准 项目",
    "公开": "电话 名单 清单 信息 结果 标准 项目 收费",
    "公示": "电话 名单 清单 信息 结果 标准 项目",
    "报送": "总结 报告 方案 计划 材料",
    "记入": "档案",
    "计入": "档案 工作量 考核 学分",
    "提供": "服务 装置 场所",
}
EXISTENCE_VERB = re.compile("|".join(sorted(VERB_ARTEFACTS, key=len, reverse=True)))
EXISTENCE_ARTEFACT = {
    verb: re.compile("(?:" + "|".join(sorted(words.split(), key=len, reverse=True)) + ")(?![化性])")
    for verb, words in VERB_ARTEFACTS.items()
}
EXISTENCE_REACH = 40
# An obligation stated with a modal verb, whatever the artefact: "学校要将手机管理的有关要求告知
# 学生家长", "学校应当公开课程设置". Read when no other requirement was found in the part.
OBLIGATION = re.compile(
    r"(?:^|(?<=[,;:]))[^,;:。]{0,12}?(?<!不)(?<!是否)"
    r"(?:应当|(?<![相对适响反供答理])应(?!([\u4e00-\u9fff])尽\1)|(?<![主重需只想必纲摘概])要|必须|(?<![必无])须|务必)(?!求|点|素|事|害|件|是|以|有所|当|知道)"
    r"(?P<what>[^,;。]{2,40})"
)

# A check list's question: "是否有手机保管装置", "是否将学生手机管理要求告知学生家长" — each asks for a
# thing to be in place.
CHECK_QUESTION = re.compile(
    r"^\s*(?:\d{1,2}\s*[.、．]\s*)?(?:学校)?是否(?P<what>(?:有|建立|制定|设立|设置|配备|将|把|告知|公开|公示|落实|"
    r"开展|组织|按时|定期|严格|实行|执行|明确)[^,;。?？]{2,40})"
)
# What a school has, as a standard or a check table lists it: "配有升旗设施", "设有危险品柜", "建有围墙和
# 校门", "学校有独立的校园", "寄宿制幼儿园有隔离室", "②有中、高年级学生的心理健康档案", "每学期初有安全工作计划".
# A bare 有 only opens its part or follows who has it (not 有关, 有效, 有序, 所有, 没有 …).
HAS_THING = re.compile(
    r"^\s*(?:[①②③④⑤⑥⑦⑧⑨⑩]|\d{1,2}\s*[.、．])?\s*"
    r"(?:(?:[^,;:。]{0,12}?)(?:设有|建有|配有|备有)|"
    r"(?:[^,;:。有]{0,10}?(?:学校|幼儿园|园|校|室|每学期初|学期初|期末|学期末|年初|年末))?(?<![没所拥持享具未占含])有"
    r"(?!关|效|序|力|利|机|针对|条件|的|些|所|计划地|一定|可能|望|待|意|助|益|时|限|权|幸|必要|利于|别|如|着|\d))"
    # not a condition ("有下列情形之一的", "有需求的家长", "有体育课的班级按…进行")
    r"(?P<what>(?![^,;。]*(?:下列|情形|之一|违法|危险性|行为|需求|需要|意愿))"
    r"(?![^,;。]{0,12}的(?:学生|班级|家长|孩子|幼儿|儿童)[^,;。]{2})[^,;。]{2,30}?)(?<![的时者])\s*(?:[,;。]|$)"
)
# A post held by someone: "幼儿园家长学校校长由园领导兼任".
HELD_BY = re.compile(r"(?P<post>[^,;:。]{2,20}?)由(?P<who>[^,;:。]{2,20}?)(?:兼任|担任)")

# Parity with a named level: "教师平均工资收入水平不低于当地公务员平均工资收入水平" → ratio ≥ 1.
PARITY = re.compile(
    r"(?P<subject>[^,;。]{0,30}?)(?:一般)?不(?:得|应)?(?P<dir>低于|高于|小于|少于|超过|多于|大于)"
    # "…一般不得小于原有规模", "价格…一般不超过其运营成本": the scale or cost it is held to
    r"(?P<level>[^,;。\d]{0,30}?(?:水平|标准|(?<=原有)(?:规模|面积|用地面积)|(?<=原)规模|运营成本|成本价|最低时限)(?:规定|要求)?|"
    r"原[^,;。\d]{0,24}?面积|"
    # a growth held to another's, or a level to last year's: "教育经费投入增幅不低于财政经常性收入增幅",
    # "乡村教师生活补助标准不低于上一年度"
    r"[^,;。\d]{0,30}?(?:增幅|增长幅度|增速)|上一?个?年度|上年|去年同期|"
    # a pay held to another group's, the level said by its amount or by the group: "教职工平均工资不低于当地公务员平均
    # 工资", "民办学校教师工资待遇不低于当地公办学校教师" (read only when the subject is a pay: PAY)
    r"[^,;。\d]{0,30}?(?:平均工资|工资收入|平均收入|工资待遇)|[^,;。\d]{0,20}?公办(?:学校|幼儿园|园)(?:同类)?(?:教师|教职工))"
    # … not a margin over the level, in figures or in words: "班额一般不超过标准5人", "…不超过标准五人"
    r"(?![^,;。]{0,6}(?:\d|百分之|[一二两三四五六七八九十]{1,3}(?:人|名|个|所|岁|周岁|平方米|米|分钟|小时|天)))"
)
PAY = re.compile(r"工资|收入|待遇|薪酬|补助|津贴")
# Parity said as equal: "教师的平均收入水平应当与普通高中教师的平均收入水平相当", "体育教师的待遇应当与其他学科教师
# 同等对待", "给予其与普通高等学校学生同等的贴息待遇" → ratio = 1 (not 享受同等待遇, a right to have).
EQUAL_PARITY = re.compile(
    r"(?P<subject>[^,;。]{2,30}?(?:水平|待遇|标准|工资|收入|年龄|年限|报酬|薪酬|补助|补贴|津贴)),?(?:应当|应|要|须|必须)?"
    r"与(?P<level>[^,;。\d]{2,30}?)(?:相当|持平|同等对待|相同|一致|同等(?=\s*(?:[,;。]|$)))"
    r"|与(?P<level2>[^,;。\d]{2,24}?)(?:同等|相同)的(?P<subject2>[^,;。\d]{0,8}?待遇)"
    # equal pay for equal work: "在工资收入上与国家支付工资的教师同工同酬"
    r"|(?P<subject3>[^,;。\d]{0,12}?(?:工资|收入|待遇)[^,;。\d]{0,4}?)与(?P<level3>[^,;。\d]{2,24}?)同工同酬"
    # the same treatment as another group, said of people: "职业学校校长享受同级普通学校校长的同等待遇",
    # "体育教师享受与其他学科教师同等待遇"
    r"|(?P<subject4>[^,;。\d]{2,16}?)享受(?:与)?(?P<level4>[^,;。\d]{2,24}?)(?:的)?(?:同等|相同)(?:的)?待遇"
)
# … but not treatment in named respects, a right to be treated alike: "在职称评定、岗位聘任等方面享有与中小学教师同等的
# 待遇", "在…培训、表彰奖励等方面享受同等待遇"
IN_RESPECTS = re.compile(r"方面")
# Held above a named level: "…财政拨款的增长比例高于财政经常性收入的增长比例", "特殊教育学校…人均公用经费标准应当高于
# 普通学校…标准", "制定高于国家标准的学生人均公用经费标准" → a ratio of at least one (not 不高于, nor 高于或等于…的县, a
# condition).
HIGHER_PARITY = re.compile(
    r"(?P<subject>[^,;。]{2,40}?(?:标准|水平|比例|待遇|工资|收入|经费|投入|增长|增幅|面积))"
    r"(?:应当|应|要|须|必须)?(?<!不)(?<!不得)(?<!不应)(?:高于|超过)(?![一二两三四五六七八九十百千万零〇半])"
    r"(?!或|[^,;。]{0,4}(?:百分之|[一二两三四五六七八九十百]+(?:倍|成)))(?P<level>[^,;。\d]{2,30})"
    r"|制定(?:高于|超过)(?P<level2>[^,;。\d]{2,12}?标准)的(?P<subject2>[^,;。\d]{2,30}?标准)"
    # "…应当达到或者高于国家和省规定的建筑工程质量、消防、安全等标准"
    r"|(?P<subject3>[^,;。\d]{0,20}?)达到或(?:者)?(?:高于|超过)(?P<level3>[^,;。\d]{2,60}?(?:标准|水平))"
)
# A level to be exceeded by a share: "教师的平均工资水平应当高于本市国家公务员的平均工资水平百分之十" — at least 1.1
# times it (the share alone is no ratio to reach).
MARGIN_ABOVE = re.compile(
    r"(?:高于|超过)(?P<level>[^,;。\d]{2,30}?(?:水平|标准|工资|收入))(?P<share>百分之[零〇一二两三四五六七八九十百]+|\d+(?:\.\d+)?%)"
)
MARGIN_ABOVE_BEFORE = re.compile(r"(?:高于|超过)[^,;。\d]{2,30}?(?:水平|标准|工资|收入)$")
# Funded in full to a named standard: "职业学校举办者须按照学生人数平均经费标准足额拨付职业教育经费".
FULL_FUNDING = re.compile(
    r"按照?(?P<level>[^,;。\d]{2,30}?标准)(?:按时[、,]?)?足额(?:拨付|拨款|核拨|安排|保障|落实|发放)(?P<subject>[^,;。\d]{0,16})"
)
# A school planned for each residential area of a size: "三千居民以上规模的住宅区，配套建设幼儿园" — one each.
PLANNED_PER_AREA = re.compile(
    r"(?P<size>[^,;。]{1,16}?(?:居民|人口|户|人)以上(?:规模)?的(?:新建)?(?:住宅区|居住区|住宅小区|小区|社区))[,，]?"
    r"(?:应当|应|须)?(?:按照规划)?(?:配套)?(?:建设|设置|配建|规划建设|规划)(?:一所|1所)?"
    r"(?P<what>幼儿园|小学|初级中学|初中|中学|九年一贯制学校|完全中学|普通高中)"
)
# Zero targets: 无新增“大班额”, 零择校, 无因贫失学辍学.
ZERO = re.compile(
    r"无新增|零择校|零事故|零投诉|零辍学|零发生|零违规|零伤亡|无[^,;。“”]{0,4}(?:失学|辍学)|清零|"
    r"(?<=[间量数率故件级])(?:为|保持|控制在)?零(?:发生)?(?![\w])"  # "一、二年级每天书面作业时间为零", "…事故为零"
)
# Deadlines named by a season or holiday: 争取国庆期间对外开放.
# … or by the school term: 开学前, 开学后第一天 (not 开学初, which names a period of work).
SEASON_DEADLINE = re.compile(
    # (a point that recurs, said with 各, is when each of two is held: "寒暑假前各开展一次", "学期初、学期末各…")
    r"(?:(?:国庆|春节|元旦|暑假|寒假|五一)(?:期间|(?:开始|来临)?前)|(?:春季|秋季|新学期)?开学(?:前|之前|时|后第?[一二三1-3]天)|(?:春季|秋季|新学期)开学后|"
    r"利用(?:暑假|寒假|假期)(?=[^,;。]{0,4}完成)|"  # "利用暑假完成校舍维修"
    # this week's or next week's day: "于本周五下班前报送"
    r"(?:本|下)周[一二三四五六日](?:下班|中午|上午|下午)?(?:前|之前)|"
    # a window from today: "自即日起至6月30日" (an entry into force, 自2024年9月1日起施行, is no deadline)
    r"自即日起(?=至)|"
    # a point of the school year: "学期末", "放假前", "汛期前", "本学年内", "一季度末前"
    r"(?:学期|学年)(?:末|结束前)|期末前|(?:放假|假期|节假日|汛期|汛)(?:来临|到来)?(?:前|之前)|"
    # a season or an exam ahead: "入冬前完成取暖设施检修", "中考前组织一次演练"
    r"入(?:冬|夏|秋|汛)(?:前|之前)|(?:中考|高考|期中考试|期末考试)(?:前|之前)|"
    # the first day or week of term, or after a holiday: "开学第一天", "国庆节后第一周"
    r"(?:开学(?:后)?|新学期)(?:第|首)[一1](?:天|周)|(?:国庆|春节|元旦|五一|寒假|暑假)节?后第[一二1-2](?:天|周)|"
    # this month's or next month's end or start: "本月底前报送", "下月初上报"
    r"(?:本|当|下)月(?:底|末|初)(?:前|之前)?(?![^,;。]{0,2}已)|"
    r"(?<![\d一二两三四五六七八九十])(?:本|当)?年内(?=[^,;。]{0,4}(?:完成|建成|实现|全面|全部))|"
    r"(?:本|当)(?:学期|学年)内|(?<![\d一二三四五六七八九十])(?:第?[一二三四])季度(?:末|底)?(?:前|之前)|"
    r"(?<=[于在])(?:上|下)半年|"
    # a half or quarter of the year a piece of work is to be finished in: "上半年完成食堂改造", "第三季度建成"
    r"(?<!\d)(?:20\d\d年)?(?:上|下)半年(?=[^,;。\d]{0,2}(?:完成|建成|实现|启动))|"
    r"(?<!\d)(?:20\d\d年)?第[一二三四]季度(?=[^,;。\d]{0,2}(?:完成|建成|实现|启动)))(?!各)"
)
# "截至2024年12月31日，各学校完成…": a date things must be done by (not "截至目前…已有").
AS_OF_DEADLINE = re.compile(
    r"截(?:至|止)(?:到)?(?:20\d\d年)?\d{1,2}月(?:\d{1,2}日)?(?:底|末)?|截(?:至|止)(?:到)?20\d\d年(?:底|末)?|"
    r"截止(?:时间|日期)\s*(?:[:为是])?\s*(?:20\d\d年)?\d{1,2}月\d{1,2}日"  # "报名截止时间:2024年5月20日"
)
AS_OF_REPORT = re.compile(r"已|共有|累计|" + _THERE_ARE_NOW + r"|目前|全市有|全县有|全区有")

# -- stages and grades --------------------------------------------------------------------------

# A stage named as what is taught too early or copied, not as the school: "提前教授小学课程内容", "去小学化".
NOT_A_STAGE = re.compile(r"(?:提前(?:教授|学习|教|学|进行|开展)?|去|防止|纠正)小学(?:化|阶段)?|小学化")
STAGE_CUES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"中小学幼儿园|中小幼"), ("kindergarten", "primary", "junior", "senior")),
    (re.compile(r"中小学"), ("primary", "junior", "senior")),
    (re.compile(r"义务教育|九年一贯制"), ("primary", "junior")),
    (re.compile(r"(?<![小初高])中学|完全中学"), ("junior", "senior")),
    # (not 放学前, 入学前, 开学前: before school lets out or starts)
    (re.compile(r"幼儿园|(?<![放入开离上到升])学前|托育|托幼|幼儿|园长|保教"), ("kindergarten",)),
    (re.compile(r"小学"), ("primary",)),
    (re.compile(r"初中"), ("junior",)),
    (re.compile(r"高中|高[一二三](?=[、,和及至年])"), ("senior",)),
    # (not 专职校医, 兼职校外辅导员, 专职教师, 新入职教师: a post, not a school; 职教师资 is)
    (
        re.compile(r"中职|职业学校|职业院校|职业教育|(?<!在)职教(?!师(?!资))|中等职业|技工院校|(?<![专兼])职校"),
        ("vocational",),
    ),
    (re.compile(r"特殊教育|特教|残疾"), ("special",)),
)
STAGE_ORDER = ("kindergarten", "primary", "junior", "senior", "vocational", "special")

GRADE_LIST = re.compile(
    r"(?P<stage>小学|初中|高中|初|高|中职)?"
    r"(?P<list>[一二三四五六1-6](?:[、和及至到\-—~][一二三四五六1-6])*)年级"
    # 初二、初三学生, 高三毕业班: a grade of junior or senior school said short
    r"|(?P<short_stage>初|高)(?P<short_list>[一二三](?:[、和及至到](?:初|高)?[一二三])*)(?=学生|毕业|班|年)"
)
GRADE_SPAN_JOIN = re.compile(r"\s*(?:至|到|-|—|~)\s*")  # 小学1年级至初中2年级
GRADE_PREFIX = {"小学": "P", "初中": "J", "高中": "S", "初": "J", "高": "S", "中职": "V", None: "P"}
GRADE_MAX = {"P": 6, "J": 3, "S": 3, "V": 3}
GRADE_STAGE = {"P": "primary", "J": "junior", "S": "senior", "V": "vocational", "K": "kindergarten"}

# -- subjects -----------------------------------------------------------------------------------

ACTOR_ENSURES = re.compile(
    r"^(?P<actor>(?:各|每所)?(?:中小学校?|学校|幼儿园|各校|学校要|园所))(?:应当|应该|应|要|须|必须)?(?:保证|确保|保障)(?=[\u4e00-\u9fff]{2})"
)
LEADING_VERBS = re.compile(
    r"^(?:鼓励|有条件的|确保|保证|保障|落实好?|实现|力争|争取|推动|推进|按照|要求|组织|完成|加快|进一步|持续|"
    r"全面|切实|严格|深入|积极|努力|着力|大力|其中|使(?!用)|让|将|并|且|和|及|同时|对|为|好)+"
)
SUBJECT_TRIM = re.compile(
    r"(的要求|要求|的比例|比例|的|之|应当|应|必须|须|原则上|一般为|一般|(?:稳定|保持|控制|维持)在|最多|至多|最少|(?<=[率比])(?:达|为)|"
    r"统一为|之后|以后)$"  # "…每天开设1节体育课之后": what was before, not part of what is measured
)
# "每日晨检有记录": the check is what is done each day; its record is the evidence.
RECORDED = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:并|且)?有(?:记录|登记|台账)$")
# "2.保证幼儿每天户外活动…" in a table's cell: its item number (not 1.5小时)
CELL_ENUMERATOR = re.compile(r"^\d{1,2}[.．、]\s*(?!\d)")
# "一是…", "二是每所学校要…": the enumerator of a point, not its words
POINT_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+是|首先|其次|再次|最后|此外|另外)[,，:：]?")
