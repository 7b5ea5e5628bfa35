"""Every plan format is read into the text the library keeps, and every bad file a bureau may
bring gets a clear message in Chinese (webapp/rubrics/formats.py)."""

from __future__ import annotations

import datetime as dt
import os
import random

import pytest

from checklist.extract import extract
from tests.webapp.rubrics.plan_files import (
    LEGACY_DOC,
    PLAN_LINES,
    docx_bytes,
    encrypted_pdf_bytes,
    html_page,
    image_pdf_bytes,
    pdf_bytes,
    table_pdf_bytes,
    xlsx_bytes,
    zip_bytes,
)
from webapp.rubrics.formats import PlanRejected, read_plan


def refused(name: str, data: bytes, **limits: int) -> str:
    with pytest.raises(PlanRejected) as caught:
        read_plan(name, data, **limits)
    return str(caught.value)


# -- plain text ---------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_a_text_file_is_read_in_any_chinese_encoding(encoding: str) -> None:
    text = "\r\n".join(PLAN_LINES) + "\r\n"
    plan = read_plan("工作要点.txt", text.encode(encoding))
    assert plan.format == "txt"
    assert plan.text == "\n".join(PLAN_LINES) + "\n"  # line endings normalised, nothing else
    assert plan.encoding == {"gbk": "gb18030"}.get(encoding, encoding)


def test_a_text_file_keeps_its_spaces_and_blank_lines_as_they_are() -> None:
    text = "14 .推动 研 学实践\n\n\n每学年参加 1 — 2 次\r"
    assert read_plan("x.txt", text.encode("utf-8")).text == "14 .推动 研 学实践\n\n\n每学年参加 1 — 2 次\n"


@pytest.mark.parametrize(
    "data",
    [
        "Caf\xe9 au lait, r\xe9sum\xe9".encode("latin-1"),  # neither UTF-8 nor GB18030
        random.Random(14).randbytes(5000),  # binary junk
        b"\x00\x01\x02binary\x00" * 100,
    ],
    ids=["latin-1", "random-bytes", "nul-bytes"],
)
def test_text_in_no_known_encoding_is_refused(data: bytes) -> None:
    assert "无法识别文件的文字编码" in refused("plan.txt", data)


def test_an_empty_file_is_refused() -> None:
    assert "空的" in refused("plan.txt", b"  \r\n ")


# -- Word ---------------------------------------------------------------------------------------


def test_a_word_document_gives_paragraphs_and_tables_in_document_order() -> None:
    data = docx_bytes(
        lines=PLAN_LINES[:4],
        table=[("序号", "工作任务", "责任单位"), ("5", "每学年开展1—2次研学实践活动", "基教科")],
        title="Microsoft Word - 要点.doc",
    )
    plan = read_plan("要点.docx", data)
    assert plan.format == "docx"
    assert plan.text.split("\n") == [
        *PLAN_LINES[:4],
        "序号\t工作任务\t责任单位",  # a table row is one line, its cells separated by a tab
        "5\t每学年开展1—2次研学实践活动\t基教科",
    ]
    assert plan.title == "Microsoft Word - 要点.doc"  # what the format says; the proposal ignores it


def test_the_rows_of_a_word_table_are_read_as_requirements() -> None:
    # an indicator table, as a bureau's 督导评估 方案 carries it: a label cell, then its value
    data = docx_bytes(
        lines=["某县学前教育督导评估指标"],
        table=[
            ("序号", "指标", "标准"),
            ("1", "学前三年毛入园率(%)", "≥85"),
            ("2", "幼儿园每日户外活动时间", "不少于2小时"),
            ("3", "专任教师总数与在园幼儿总数之比", "≤1:15"),
        ],
    )
    plan = read_plan("指标.docx", data)
    found = [c for c in extract(plan.text, doc="指标.docx") if c.is_quantitative]
    assert [(c.kind, c.value) for c in found] == [("ratio", 0.85), ("duration", 120), ("ratio", 0.0666666)]
    assert [c.subject for c in found] == ["学前三年毛入园率", "幼儿园户外活动时间", "专任教师总数与在园幼儿总数"]
    # every quote is found again in the stored text
    assert all(plan.text[c.start : c.end] == c.quote for c in found)


def test_the_numbers_word_draws_are_written_out_as_the_clause_numbers() -> None:
    data = docx_bytes(
        lines=["营口市教育局2025年工作要点"],
        chinese_numbered=["提升学生体质健康水平", "加强教师队伍建设"],
        numbered=["落实每日校内体育活动不少于1小时要求。", "严禁有偿补课。"],
    )
    lines = read_plan("要点.docx", data).text.split("\n")
    assert lines == [
        "营口市教育局2025年工作要点",
        "1.\t落实每日校内体育活动不少于1小时要求。",
        "2.\t严禁有偿补课。",
        "一、提升学生体质健康水平",
        "二、加强教师队伍建设",
    ]


def test_a_zip_renamed_docx_is_named_for_what_it_is() -> None:
    assert "这是一个压缩包（.zip），不是 Word 文档" in refused(
        "要点.docx", zip_bytes({"要点.txt": "1.每日不少于1小时".encode()})
    )


def test_other_office_files_renamed_docx_are_named_for_what_they_are() -> None:
    slides = zip_bytes({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"})
    assert "这是 PowerPoint 演示文稿" in refused("要点.docx", slides)
    ofd = zip_bytes({"OFD.xml": b"<ofd/>"})
    assert "这是 OFD 版式文件" in refused("要点.docx", ofd)


def test_a_zip_bomb_is_refused_before_anything_opens_it() -> None:
    bomb = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * 5_000_000})
    assert "疑似压缩炸弹" in refused("要点.docx", bomb)
    too_big = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>" * 300})
    assert "解压后过大" in refused("要点.docx", too_big, max_unpacked=1000)


def test_a_broken_zip_is_called_damaged() -> None:
    data = docx_bytes()
    assert "文件已损坏" in refused("要点.docx", data[: len(data) // 2])


def test_a_legacy_doc_is_refused_with_save_as_docx() -> None:
    for name in ("要点.doc", "要点.docx", "要点.txt"):  # by content, whatever the name says
        assert "请另存为 .docx" in refused(name, LEGACY_DOC)


# -- Excel --------------------------------------------------------------------------------------

EXCEL_ROWS: list[list[object]] = [
    ["某县中小学办学水平督导评估细则", None, None, None, None],
    ["一级指标", "二级指标", "评估内容及标准", "分值", "评估方法"],
    ["办学条件", "师资配备", "专任教师学历合格率达到100%；每校至少配备1名专职心理健康教师", 5, "查阅资料"],
    ["教育教学", "体育工作", "保证学生每天校园体育活动时间不少于1小时，\n每周体育课小学不少于4节、初中不少于3节", 4, "现场查看"],
    [None, "作业管理", "三至六年级书面作业平均完成时间不超过60分钟，初中不超过90分钟", 3, "问卷调查"],
]
EXCEL_MERGES = {"细则": ["A1:E1", "A4:A5"]}  # the title across the columns, 教育教学 down two rows


def test_an_excel_assessment_table_is_read_row_by_row_a_merged_cell_once() -> None:
    plan = read_plan("细则.xlsx", xlsx_bytes({"细则": EXCEL_ROWS}, merges=EXCEL_MERGES))
    assert plan.format == "xlsx"
    assert plan.text.split("\n") == [
        "某县中小学办学水平督导评估细则",
        "一级指标\t二级指标\t评估内容及标准\t分值\t评估方法",
        "办学条件\t师资配备\t专任教师学历合格率达到100%；每校至少配备1名专职心理健康教师\t5\t查阅资料",
        # a line break inside a cell (Alt+Enter) keeps the row one line
        "教育教学\t体育工作\t保证学生每天校园体育活动时间不少于1小时， 每周体育课小学不少于4节、初中不少于3节\t4\t现场查看",
        # the merged 一级指标 is not repeated, as a Word table's vertical merge is not
        "作业管理\t三至六年级书面作业平均完成时间不超过60分钟，初中不超过90分钟\t3\t问卷调查",
    ]


def test_the_requirements_of_an_excel_table_are_found_in_their_cells() -> None:
    plan = read_plan("细则.xlsx", xlsx_bytes({"细则": EXCEL_ROWS}, merges=EXCEL_MERGES))
    found = {(c.kind, c.value, c.period, c.stages) for c in extract(plan.text, doc="细则.txt")}
    assert ("duration", 60.0, "天", ()) in found
    assert ("frequency", 4.0, "周", ("primary",)) in found
    assert ("frequency", 3.0, "周", ("junior",)) in found
    assert ("duration", 90.0, None, ("junior",)) in found
    assert ("count", 1.0, None, ()) in found


def test_an_excel_cell_is_written_as_it_shows() -> None:
    rows = [
        ["指标", "要求", "完成时间", "是否必查"],
        ["教师交流轮岗比例不低于", 0.1, dt.datetime(2025, 9, 1), True],
        ["骨干教师占交流教师比例不低于", 0.2, dt.date(2025, 12, 31), False],
        ["生均图书", 30.0, "2025年底", None],
        ["生师比不高于", 19.5, None, None],
    ]
    data = xlsx_bytes({"细则": rows}, formats={"细则": {"B2": "0%", "B3": "0.0%"}})
    assert read_plan("细则.xlsx", data).text.split("\n")[1:] == [
        "教师交流轮岗比例不低于\t10%\t2025年9月1日\t是",
        "骨干教师占交流教师比例不低于\t20%\t2025年12月31日\t否",
        "生均图书\t30\t2025年底",
        "生师比不高于\t19.5",
    ]


def test_an_excel_workbook_names_its_sheets_and_leaves_out_what_is_hidden_or_empty() -> None:
    primary = [[None, "项目", "要求"], [None, "每周体育课", "不少于4节"], [None, "草稿", "不要读"]]
    junior = [["项目", "备注", "要求"], ["每周体育课", "内部", "不少于3节"]]
    data = xlsx_bytes(
        {"小学": primary, "初中": junior, "Sheet3": [["每学期至少组织2次应急疏散演练"]], "说明": [["作废的旧标准"]]},
        hidden_sheets=["说明"],
        hidden_rows={"小学": [3]},
        hidden_columns={"初中": ["B"]},
    )
    assert read_plan("细则.xlsx", data).text.split("\n") == [
        "小学",  # the sheets' own names say whom their rows are for
        "项目\t要求",  # column A, empty in every row, is left out
        "每周体育课\t不少于4节",
        "初中",
        "项目\t要求",
        "每周体育课\t不少于3节",
        "每学期至少组织2次应急疏散演练",  # Excel's own name for a sheet says nothing
    ]
    single = xlsx_bytes({"Sheet1": [["每学期至少组织2次应急疏散演练"]]})
    assert read_plan("要点.xlsx", single).text == "每学期至少组织2次应急疏散演练"


def test_a_workbook_named_docx_is_read_as_the_workbook_it_is() -> None:
    data = xlsx_bytes({"Sheet1": [["各学校每学期至少组织2次应急疏散演练"]]})
    assert read_plan("要点.docx", data).format == "xlsx"


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: xlsx_bytes({"Sheet1": [[None]]}), "Excel 表格中没有文字"),
        (
            lambda: zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook"}),
            "Excel 文件已损坏",
        ),
        (lambda: zip_bytes({"xl/workbook.xml": b"<workbook/>"}), "文件已损坏"),
    ],
    ids=["empty", "broken-workbook", "no-content-types"],
)
def test_an_empty_or_broken_workbook_is_refused(make: object, words: str) -> None:
    assert words in refused("细则.xlsx", make())  # type: ignore[operator]


def test_a_legacy_xls_is_refused_with_save_as_xlsx() -> None:
    for name in ("细则.xls", "细则.et"):
        message = refused(name, LEGACY_DOC)  # the same OLE container as a .doc
        assert "旧版 Excel 表格（.xls）" in message and "另存为 .xlsx" in message
    assert "请另存为 .docx" in refused("要点.doc", LEGACY_DOC)


def test_a_workbook_of_data_rather_than_a_plan_is_refused_before_openpyxl_reads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from webapp.rubrics import plan_xlsx

    monkeypatch.setattr(plan_xlsx, "MAX_SHEET_BYTES", 2000)
    data = xlsx_bytes({"Sheet1": [[f"第{n}行", n] for n in range(200)]})
    assert "表格内容过多" in refused("细则.xlsx", data)


# -- PDF ----------------------------------------------------------------------------------------


def test_a_pdf_with_a_text_layer_is_read_page_by_page() -> None:
    plan = read_plan("要点.pdf", pdf_bytes())
    assert plan.format == "pdf" and plan.pages == 1
    assert plan.text.split("\n") == list(PLAN_LINES)
    assert "- 1 -" not in plan.text  # the page number at the foot of the page is not the plan's


def test_a_line_wrapped_at_the_right_margin_is_joined_to_the_next() -> None:
    long = "5.确保小学四、五年级，初中一、二年级，高中一、二年级学生每学年参加1—2次集体研学实践活动，做好安全保障。"
    plan = read_plan("要点.pdf", pdf_bytes([PLAN_LINES[0], long, PLAN_LINES[3]], width="12cm"))
    assert plan.text.split("\n") == [PLAN_LINES[0], long, PLAN_LINES[3]]


def test_a_long_pdf_keeps_every_page() -> None:
    lines = [f"{n}.各学校每学期至少组织{n}次主题班会。" for n in range(1, 121)]
    plan = read_plan("要点.pdf", pdf_bytes(lines))
    assert plan.pages and plan.pages > 1
    assert plan.text.split("\n") == lines


def test_a_standards_table_printed_to_pdf_is_read_cell_by_cell() -> None:
    # the text layer gives "生均校舍建筑面积 平方米 8 10": cells apart by spaces, read by the header's columns
    rows = [["项目", "单位", "小学", "初中"], ["生均校舍建筑面积", "平方米", "8", "10"], ["图书馆生均藏书", "册", "30", "40"]]
    plan = read_plan("标准.pdf", table_pdf_bytes("某市中小学校舍建设标准", rows))
    found = [(c.subject, c.value, c.unit, c.stages) for c in extract(plan.text, doc="标准.txt") if c.kind == "count"]
    assert found == [
        ("生均校舍建筑面积", 8.0, "平方米", ("primary",)),
        ("生均校舍建筑面积", 10.0, "平方米", ("junior",)),
        ("图书馆生均藏书", 30.0, "册", ("primary",)),
        ("图书馆生均藏书", 40.0, "册", ("junior",)),
    ]


ASSESSMENT_ROWS = [
    ["一级指标", "二级指标", "评估内容及标准", "分值", "评估方法"],
    ["办学条件", "师资配备", "专任教师学历合格率达到100%；每校至少配备1名专职心理健康教师，每600名学生增配1名", "5", "查阅资料"],
    ["教育教学", "体育工作", "保证学生每天校园体育活动时间不少于1小时，每周体育课小学不少于4节、初中不少于3节", "4", "现场查看"],
    ["教育教学", "作业管理", "三至六年级书面作业平均完成时间不超过60分钟，初中不超过90分钟", "3", "问卷调查"],
]


def test_a_ruled_table_in_a_pdf_is_read_row_by_row_its_wrapped_cells_whole() -> None:
    # the text layer interleaves the lines of cells that wrap ("…配备1名专职心" / "条件 配备 理健康教师…"): the
    # table is read by its rulings instead, one line a row, its cells apart by tabs, as a Word table is
    plan = read_plan("细则.pdf", table_pdf_bytes("某县中小学办学水平督导评估细则", ASSESSMENT_ROWS))
    assert plan.text.split("\n") == ["某县中小学办学水平督导评估细则", *("\t".join(row) for row in ASSESSMENT_ROWS)]
    found = {(c.kind, c.value, c.period, c.stages) for c in extract(plan.text, doc="细则.txt")}
    assert ("duration", 60.0, "天", ()) in found  # each day's hour, its period from its own cell
    assert ("frequency", 3.0, "周", ("junior",)) in found  # 初中 three lessons, not the row below's words
    assert ("duration", 90.0, None, ("junior",)) in found


def test_a_table_s_rows_keep_their_place_between_the_paragraphs_around_it() -> None:
    rows = [["项目", "单位", "小学", "初中"], ["生均校舍建筑面积", "平方米", "8", "10"], ["图书馆生均藏书", "册", "30", "40"]]
    plan = read_plan("标准.pdf", table_pdf_bytes("一、校舍标准如下表。", rows, after="二、各校每学期至少组织2次应急疏散演练。"))
    lines = plan.text.split("\n")
    assert lines[0] == "一、校舍标准如下表。" and lines[-1] == "二、各校每学期至少组织2次应急疏散演练。"
    assert lines[1:-1] == ["\t".join(row) for row in rows]


def test_a_wrapped_line_with_latin_words_in_it_is_still_joined_to_the_next() -> None:
    # spaces around a Latin word are no cells of a table: the sentence is joined where the page wrapped it
    long = "6.各学校要开展 STEAM 教育和人工智能 AI 教育活动，每学期不少于2次，并将活动情况纳入学校年度考核内容。"
    plan = read_plan("要点.pdf", pdf_bytes([PLAN_LINES[0], long, PLAN_LINES[3]], width="12cm"))
    assert plan.text.split("\n") == [PLAN_LINES[0], long, PLAN_LINES[3]]


def test_an_equipment_list_printed_to_pdf_names_each_thing_by_its_name_column() -> None:
    rows = [["编号", "名称", "规格型号", "单位", "数量"], ["1", "书写板", "4000mm×1200mm", "块", "1"]]
    rows += [["2", "实验桌", "双人", "张", "25"], ["3", "通风橱", "标准型", "台", "2"]]
    plan = read_plan("装备标准.pdf", table_pdf_bytes("普通初中化学实验室设备配备标准", rows))
    found = [(c.subject, c.value, c.unit) for c in extract(plan.text, doc="装备标准.txt") if c.kind == "count"]
    assert found == [("书写板", 1.0, "块"), ("实验桌", 25.0, "张"), ("通风橱", 2.0, "台")]


def test_a_pdf_named_docx_is_read_as_the_pdf_it_is() -> None:
    assert read_plan("要点.docx", pdf_bytes()).format == "pdf"


@pytest.mark.parametrize("make", [image_pdf_bytes, lambda: pdf_bytes([""])], ids=["image", "empty-page"])
def test_a_pdf_without_a_text_layer_is_a_scan(make: object) -> None:
    message = refused("扫描件.pdf", make())  # type: ignore[operator]
    assert message == "该 PDF 没有文字层（可能是扫描件），请上传可复制文字的 PDF 或 Word 文件"


def test_an_encrypted_pdf_is_refused_and_one_only_protected_from_editing_is_read() -> None:
    assert "设有密码" in refused("要点.pdf", encrypted_pdf_bytes("secret"))
    assert read_plan("要点.pdf", encrypted_pdf_bytes("")).text.split("\n") == list(PLAN_LINES)


def test_a_damaged_pdf_is_refused() -> None:
    assert "PDF 文件已损坏" in refused("要点.pdf", b"%PDF-1.7\n1 0 obj <<>> garbage" + os.urandom(200))


# -- web pages ----------------------------------------------------------------------------------


def test_a_saved_web_page_keeps_its_text_and_drops_the_page_chrome() -> None:
    body = (
        "<div class='top-nav'><a href='/'>首页</a> | <a>政务公开</a></div>"
        "<div id='breadcrumb'>当前位置：首页 &gt; 通知公告</div>"
        "<nav><ul><li>机构概况</li></ul></nav>"
        "<script>var x = '严禁';</script><style>p { color: red }</style>"
        "<div id='zoom'><h1>关于印发《营口市2025年工作要点》的通知</h1>"
        "<p>&nbsp;&nbsp;1.落实每日校内<b>体育活动</b>不少于1小时要求。</p>"
        "<p>2.各学校每学期<br>至少组织2次应急疏散演练。</p>"
        "<table><tr><td>序号</td><td><p>工作任务</p></td></tr><tr><td>3</td><td>严禁有偿补课</td></tr></table>"
        "<!-- 统计代码 --><div class='bdsharebuttonbox'>分享到：微信 微博</div></div>"
        "<aside>相关链接</aside><form>搜索</form>"
        "<footer>版权所有 营口市教育局 辽ICP备</footer><div class='footer-info'>网站标识码</div>"
    )
    page = html_page(body, charset="gb2312", title="关于印发《营口市2025年工作要点》的通知_营口市教育局")
    plan = read_plan("通知.html", page.encode("gb18030"))
    assert plan.format == "html" and plan.encoding == "gb18030"
    assert plan.title == "关于印发《营口市2025年工作要点》的通知_营口市教育局"
    assert plan.text.split("\n") == [
        "关于印发《营口市2025年工作要点》的通知",
        "1.落实每日校内体育活动不少于1小时要求。",
        "2.各学校每学期",
        "至少组织2次应急疏散演练。",
        "序号\t工作任务",
        "3\t严禁有偿补课",
    ]


def test_a_web_page_without_a_declared_charset_is_read_as_utf8_or_gb18030() -> None:
    page = html_page("<p>1.落实每日校内体育活动不少于1小时要求。</p>", charset=None)
    for encoding in ("utf-8", "gb18030"):
        assert read_plan("a.htm", page.encode(encoding)).text == "1.落实每日校内体育活动不少于1小时要求。"


def test_a_web_page_whose_charset_lies_falls_back_to_what_decodes() -> None:
    page = html_page("<p>1.严禁有偿补课。</p>", charset="utf-8")
    assert read_plan("a.html", page.encode("gb18030")).text == "1.严禁有偿补课。"


def test_a_web_page_saved_as_txt_is_read_as_a_web_page() -> None:
    page = html_page("<p>1.严禁有偿补课。</p>")
    assert read_plan("要点.txt", page.encode()).format == "html"


def test_an_article_keeps_its_own_header() -> None:
    body = "<header>网站导航</header><article><header><h1>2025年工作要点</h1></header><p>1.严禁有偿补课。</p></article>"
    assert read_plan("a.html", html_page(body).encode()).text == "2025年工作要点\n1.严禁有偿补课。"


# -- any format ---------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_it_is_read() -> None:
    message = refused("要点.pdf", b"%PDF-1.7\n" + b"0" * (50 * 1024 * 1024))
    assert message.startswith("文件过大（50 MB），工作要点文件不能超过 20 MB")
    assert "过大" in refused("要点.txt", "严禁有偿补课。".encode() * 10, max_bytes=100)


@pytest.mark.parametrize(
    ("head", "words"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "这是图片"),
        (b"Rar!\x1a\x07\x00" + b"\0" * 100, "这是压缩包"),
        (b"{\\rtf1\\ansi 1.\\par}", "请另存为 .docx"),
        (b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n", ".mht"),
    ],
    ids=["image", "rar", "rtf", "mht"],
)
def test_other_kinds_of_file_are_named(head: bytes, words: str) -> None:
    assert words in refused("要点.txt", head)
